import { h, liveText, tr } from '../core/dom.js';
import { describeError } from '../core/forms.js';
import { api, ApiError, isAbort } from '../core/http.js';
import { notice, para, view } from '../core/page.js';
import type { Page } from '../core/router.js';
import { msg, t } from '../i18n/i18n.js';
import { type GroupSummary, isGroupSummary } from './groups.js';

function groupCard(group: GroupSummary): HTMLLIElement {
  const facts: Node[] = [];
  if (typeof group.memberCount === 'number') {
    facts.push(
      h(
        'li',
        {},
        group.memberCount === 1 ? tr('groups.oneMember') : tr('groups.members', { count: group.memberCount }),
      ),
    );
  }
  if (group.locale) {
    const locale = group.locale;
    facts.push(
      h(
        'li',
        {},
        liveText(() =>
          t('groups.language', { language: t(locale === 'nl' ? 'groups.languageNl' : 'groups.languageEn') }),
        ),
      ),
    );
  }
  facts.push(h('li', {}, tr(group.kind === 'closed' ? 'groups.closed' : 'groups.open')));
  if (group.audience === 'relatives') {
    facts.push(h('li', {}, tr('groups.forRelatives')));
  }
  // Every text of a group is shown as text: names and descriptions are written by people.
  return h(
    'li',
    { class: 'card' },
    h('h2', {}, h('a', { href: `/groups/${encodeURIComponent(group.slug)}` }, group.name)),
    h('p', { class: 'user-text' }, group.description),
    h('ul', { class: 'facts-inline' }, ...facts),
  );
}

/**
 * The group directory. The groups API is being built: until `GET /api/groups` answers, the page
 * says the directory opens soon instead of showing an error.
 */
export const directoryPage: Page = ({ signal }) => {
  const content = h('div', { class: 'directory', 'aria-busy': 'true' }, notice(msg('groups.loading')));
  api
    .get<unknown>('/api/groups', { signal })
    .then((body) => {
      const groups = Array.isArray(body) ? body.filter(isGroupSummary) : [];
      content.replaceChildren(
        groups.length ? h('ul', { class: 'cards' }, ...groups.map(groupCard)) : notice(msg('groups.empty')),
      );
    })
    .catch((error: unknown) => {
      if (isAbort(error)) {
        return;
      }
      if (error instanceof ApiError && error.status === 404) {
        content.replaceChildren(notice(msg('groups.notYet')));
      } else if (error instanceof ApiError && error.status === 401) {
        content.replaceChildren(
          notice(msg('groups.loginNeeded')),
          h('p', {}, h('a', { href: '/login?next=%2Fgroups' }, tr('nav.login'))),
        );
      } else {
        content.replaceChildren(notice(describeError(error), 'error'));
      }
    })
    .finally(() => content.removeAttribute('aria-busy'));
  return view('groups.title', [para('groups.intro'), content]);
};
