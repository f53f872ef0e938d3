import { api } from '../core/http.js';
import { para, view } from '../core/page.js';
import type { Page } from '../core/router.js';
import { isAdmin } from '../groups/frame.js';
import type { WatchedWordView } from '../moderation/moderation.js';
import { watchedWords } from '../moderation/words.js';
import { adminsOnlyView } from './admin.page.js';

/** Site-wide watched words, the crisis list's additions included (admins). */
export const siteWordsPage: Page = async ({ signal }) => {
  if (!isAdmin()) {
    return adminsOnlyView();
  }
  const path = '/api/admin/watched-words';
  const words = await api.get<WatchedWordView[]>(path, { signal });
  return view('siteWords.title', [para('siteWords.intro'), watchedWords({ path, words, scope: 'site' })]);
};
