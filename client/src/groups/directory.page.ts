import { isLoggedIn } from '../auth/session.js';
import { append, h, liveText, tr } from '../core/dom.js';
import { describeError } from '../core/forms.js';
import { api, isAbort } from '../core/http.js';
import { notice, para, view } from '../core/page.js';
import type { Page } from '../core/router.js';
import { searchForm } from '../forum/search-form.js';
import { msg, t } from '../i18n/i18n.js';
import { type GroupSummary, groupPath, isGroupSummary, type MyMembership } from './groups.js';

function groupCard(group: GroupSummary, membership: MyMembership | undefined): HTMLLIElement {
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
    h('h3', {}, h('a', { href: groupPath(group.slug) }, group.name)),
    membership ? membershipLine(membership) : null,
    h('p', { class: 'user-text' }, group.description),
    h('ul', { class: 'facts-inline' }, ...facts),
  );
}

function membershipLine(membership: MyMembership): HTMLElement {
  if (membership.status === 'pending') {
    return h('p', { class: 'membership-line' }, tr('groups.pending', { alias: membership.alias }));
  }
  if (!membership.pledgeCurrent) {
    return h('p', { class: 'membership-line' }, tr('groups.pledgeChanged'));
  }
  return h('p', { class: 'membership-line' }, tr('groups.youAre', { alias: membership.alias }));
}

/**
 * The group directory, and above it the member's own groups with the alias they use in each (seen
 * side by side by nobody but them), a pending request or a changed pledge said on the card.
 */
export const directoryPage: Page = ({ signal }) => {
  const mine = h('div', { class: 'my-groups' });
  const content = h('div', { class: 'directory', 'aria-busy': 'true' }, notice(msg('groups.loading')));
  const memberships = isLoggedIn()
    ? api.get<MyMembership[]>('/api/me/groups', { signal }).catch(() => [] as MyMembership[])
    : Promise.resolve([] as MyMembership[]);
  Promise.all([api.get<unknown>('/api/groups', { signal }), memberships])
    .then(([body, own]) => {
      const groups = Array.isArray(body) ? body.filter(isGroupSummary) : [];
      const bySlug = new Map(own.map((membership) => [membership.group, membership]));
      const joined = groups.filter((group) => bySlug.has(group.slug));
      const others = groups.filter((group) => !bySlug.has(group.slug));
      if (isLoggedIn()) {
        append(
          mine,
          h('h2', { id: 'my-groups-heading' }, tr('groups.mine')),
          joined.length
            ? h(
                'ul',
                { class: 'cards', 'aria-labelledby': 'my-groups-heading' },
                ...joined.map((group) => groupCard(group, bySlug.get(group.slug))),
              )
            : notice(msg('groups.noneJoined')),
          joined.length ? searchForm({ label: 'search.inMyGroups' }) : null,
        );
      }
      content.replaceChildren(
        h('h2', { id: 'all-groups-heading' }, tr(isLoggedIn() ? 'groups.others' : 'groups.all')),
        others.length
          ? h(
              'ul',
              { class: 'cards', 'aria-labelledby': 'all-groups-heading' },
              ...others.map((group) => groupCard(group, undefined)),
            )
          : notice(msg(groups.length ? 'groups.allJoined' : 'groups.empty')),
      );
    })
    .catch((error: unknown) => {
      if (isAbort(error)) {
        return;
      }
      content.replaceChildren(notice(describeError(error), 'error'));
    })
    .finally(() => content.removeAttribute('aria-busy'));
  return view('groups.title', [para('groups.intro'), mine, content]);
};
