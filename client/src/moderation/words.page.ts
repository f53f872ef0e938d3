import { h } from '../core/dom.js';
import { api } from '../core/http.js';
import { para } from '../core/page.js';
import type { Page } from '../core/router.js';
import { groupApi } from '../groups/groups.js';
import { moderationView, moderatorContext, type WatchedWordView } from './moderation.js';
import { watchedWords } from './words.js';

export const wordsPage: Page = async ({ params, signal }) => {
  const context = await moderatorContext(params.slug ?? '', signal);
  if (!context) {
    return { title: 'words.title', node: h('div', {}) };
  }
  const path = groupApi(context.slug, '/watched-words');
  const words = await api.get<WatchedWordView[]>(path, { signal });
  return moderationView(
    context,
    'words',
    'words.title',
    para('words.intro'),
    watchedWords({ path, words, scope: 'group' }),
  );
};
