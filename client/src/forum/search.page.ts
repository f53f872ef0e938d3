import { searchQuerySchema } from '../../../src/contracts/forums.js';
import { h, tr } from '../core/dom.js';
import { timeElement } from '../core/format.js';
import { describeError, schemaProblems } from '../core/forms.js';
import { api } from '../core/http.js';
import { notice, view } from '../core/page.js';
import { hiddenWordsFolded } from '../core/reading.js';
import type { Page } from '../core/router.js';
import { type GroupSummary, groupApi } from '../groups/groups.js';
import { msg } from '../i18n/i18n.js';
import type { SearchHit } from './forum.js';
import { searchForm } from './search-form.js';
import { threadPath } from './thread-list.js';

/**
 * Search within the member's groups (all of them, or one): each hit's words as text, the matched
 * words marked with `<mark>`, a content warning before the snippet, and hits by muted members folded.
 */
function hitItem(hit: SearchHit, groupNames: ReadonlyMap<string, string>, showGroup: boolean): HTMLLIElement {
  const item = hitContent(hit, groupNames, showGroup);
  // A hit holding one of the reader's hidden words (title, warning or snippet) comes folded, as its post does.
  const texts = [hit.title, hit.contentWarning, hit.snippet.map((part) => part.text).join('')];
  item.replaceChildren(hiddenWordsFolded(h('div', {}, ...item.childNodes), texts, hit.mine === true));
  return item;
}

function hitContent(hit: SearchHit, groupNames: ReadonlyMap<string, string>, showGroup: boolean): HTMLLIElement {
  const path = threadPath(hit.group, hit.threadId) + (hit.postId ? `#post-${hit.postId}` : '');
  const snippet = h(
    'p',
    { class: 'snippet user-text' },
    ...hit.snippet.map((part) => (part.match ? h('mark', {}, part.text) : document.createTextNode(part.text))),
  );
  const body = [
    h('h2', { class: 'hit-title' }, h('a', { href: path }, hit.title)),
    h(
      'p',
      { class: 'thread-facts' },
      showGroup ? h('span', {}, groupNames.get(hit.group) ?? hit.group, ' · ') : null,
      hit.author ? h('span', { class: 'alias' }, hit.author.alias, ' · ') : null,
      timeElement(hit.createdAt),
    ),
    hit.contentWarning
      ? h('p', { class: 'cw' }, h('strong', {}, tr('post.contentWarning')), ' ', h('span', {}, hit.contentWarning))
      : null,
  ];
  if (hit.contentWarning || hit.muted) {
    return h(
      'li',
      { class: 'hit' },
      ...body.slice(0, 2),
      h(
        'details',
        { class: 'disclosure' },
        h(
          'summary',
          {},
          hit.muted && hit.author ? tr('threads.mutedAuthor', { alias: hit.author.alias }) : tr('search.showSnippet'),
        ),
        h('div', { class: 'disclosure-body' }, body[2], snippet),
      ),
    );
  }
  return h('li', { class: 'hit' }, ...body, snippet);
}

export const searchPage: Page = async ({ query, signal }) => {
  const q = query.get('q')?.trim() ?? '';
  const group = query.get('group') ?? undefined;
  const form = searchForm({ group, label: group ? 'search.inGroup' : 'search.inMyGroups', value: q });
  const results = h('div', { class: 'search-results', 'aria-live': 'polite' });
  if (q) {
    const problems = schemaProblems(searchQuerySchema, { q });
    if (problems.length) {
      results.append(notice(problems[0].message, 'error'));
    } else {
      try {
        const path = group
          ? groupApi(group, `/search?q=${encodeURIComponent(q)}`)
          : `/api/me/search?q=${encodeURIComponent(q)}`;
        const [{ hits }, groups] = await Promise.all([
          api.get<{ hits: SearchHit[] }>(path, { signal }),
          api.get<GroupSummary[]>('/api/groups', { signal }).catch(() => [] as GroupSummary[]),
        ]);
        const names = new Map(groups.map((item) => [item.slug, item.name]));
        results.append(
          hits.length
            ? h('p', {}, hits.length === 1 ? tr('search.oneHit') : tr('search.hits', { count: hits.length }))
            : notice(msg('search.none')),
          h('ol', { class: 'hits' }, ...hits.map((hit) => hitItem(hit, names, !group))),
        );
      } catch (error) {
        results.append(notice(describeError(error), 'error'));
      }
    }
  }
  return view('search.title', [
    group ? h('p', {}, tr('search.scopeGroup')) : h('p', {}, tr('search.scopeAll')),
    form,
    results,
  ]);
};
