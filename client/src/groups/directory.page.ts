import { GROUP_CATEGORIES } from '../../../src/contracts/group-info.js';
import { GROUP_AUDIENCES, GROUP_LOCALES } from '../../../src/contracts/groups.js';
import { isLoggedIn } from '../auth/session.js';
import { append, h, liveText, on, tr } from '../core/dom.js';
import { describeError, selectField, textField } from '../core/forms.js';
import { api, isAbort } from '../core/http.js';
import { notice, para, view } from '../core/page.js';
import type { Page } from '../core/router.js';
import { searchForm } from '../forum/search-form.js';
import { msg, type PlainKey, t } from '../i18n/i18n.js';
import { CATEGORY_LABELS, type DirectoryEntry, pairedLine } from './group-info.js';
import { unreadLine } from '../notifications/notifications.js';
import { type GroupSummary, groupPath, isGroupSummary, type MyMembership } from './groups.js';
import { offlineSection } from './offline-groups.js';

function groupCard(group: GroupSummary & Partial<DirectoryEntry>, membership: MyMembership | undefined): HTMLLIElement {
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
  if (group.category && group.category in CATEGORY_LABELS) {
    facts.push(h('li', {}, tr(CATEGORY_LABELS[group.category])));
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
    membership?.status === 'active' ? unreadLine(group.slug) : null,
    h('p', { class: 'user-text' }, group.description),
    h('ul', { class: 'facts-inline' }, ...facts),
    group.pairedGroup ? pairedLine(group.pairedGroup) : null,
    h('p', {}, h('a', { href: groupPath(group.slug, '/about') }, tr('info.aboutLink'))),
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

const FILTERS = ['q', 'category', 'audience', 'language'] as const;

function anyOf<V extends string>(values: readonly V[], labels: Record<V, PlainKey>) {
  return [
    { value: '' as const, label: 'directory.any' as PlainKey },
    ...values.map((value) => ({ value, label: labels[value] })),
  ];
}

/**
 * The directory's search and filters: a word (in Dutch or English, any part of a word of the name,
 * description or topics), category, audience and language. Results change in place, and the
 * address keeps the search so a reload or a shared link shows the same.
 */
function directorySearch(query: URLSearchParams, onSearch: (params: URLSearchParams) => void): HTMLElement {
  const words = textField({
    name: 'q',
    label: 'directory.search',
    hint: msg('directory.searchHint'),
    type: 'search',
    autocomplete: 'off',
    required: false,
    maxLength: 100,
    value: query.get('q') ?? '',
  });
  const category = selectField({
    name: 'category',
    label: 'directory.category',
    options: anyOf(GROUP_CATEGORIES, CATEGORY_LABELS),
  });
  const audience = selectField({
    name: 'audience',
    label: 'directory.audience',
    options: anyOf(GROUP_AUDIENCES, { peers: 'audience.peers', relatives: 'audience.relatives' }),
  });
  const language = selectField({
    name: 'language',
    label: 'directory.language',
    options: anyOf(GROUP_LOCALES, { nl: 'groups.languageNl', en: 'groups.languageEn' }),
  });
  const selects = { category, audience, language };
  for (const [name, field] of Object.entries(selects)) {
    field.input.required = false;
    field.input.value = query.get(name) ?? '';
  }
  const form = h(
    'form',
    { class: 'form directory-search', role: 'search', novalidate: true },
    words.root,
    h('div', { class: 'filters' }, category.root, audience.root, language.root),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button primary' }, tr('directory.submit'))),
  );
  const submit = () => {
    const params = new URLSearchParams();
    for (const name of FILTERS) {
      const value = (name === 'q' ? words : selects[name]).input.value.trim();
      if (value) {
        params.set(name, value);
      }
    }
    onSearch(params);
  };
  on(form, 'submit', (event) => {
    event.preventDefault();
    submit();
  });
  for (const field of Object.values(selects)) {
    on(field.input, 'change', submit);
  }
  return form;
}

/**
 * The group directory, searchable and filtered, and above it the member's own groups with the
 * alias they use in each (seen side by side by nobody but them), a pending request or a changed
 * pledge said on the card.
 */
export const directoryPage: Page = ({ signal, query }) => {
  const mine = h('div', { class: 'my-groups' });
  const results = h('div', { class: 'directory', 'aria-busy': 'true' }, notice(msg('groups.loading')));
  // Beside the online groups, in a list of their own: the groups that meet in person.
  const offlineResults = h('div', { class: 'offline-results' });
  // Said when a search changes the list, so a screen reader hears how many groups it found.
  const status = h('p', { class: 'result-count', role: 'status' });
  let bySlug = new Map<string, MyMembership>();
  let searching: AbortController | null = null;

  const show = (params: URLSearchParams): Promise<void> => {
    searching?.abort();
    const controller = new AbortController();
    searching = controller;
    signal.addEventListener('abort', () => controller.abort(), { once: true });
    results.setAttribute('aria-busy', 'true');
    const search = params.toString();
    return Promise.all([
      api.get<unknown>(`/api/groups${search ? `?${search}` : ''}`, { signal: controller.signal }),
      // Groups that meet in person, beside the online ones (same search and filters, and by place).
      offlineSection(search, controller.signal),
    ])
      .then(([body, offline]) => {
        if (searching !== controller) {
          return; // a newer search replaced this one: its answer is stale
        }
        const groups = Array.isArray(body) ? body.filter(isGroupSummary) : [];
        const filtered = search !== '';
        status.replaceChildren(
          filtered
            ? groups.length === 1
              ? tr('directory.oneResult')
              : tr('directory.results', { count: groups.length })
            : '',
        );
        results.replaceChildren(
          h('h2', { id: 'all-groups-heading' }, tr(filtered ? 'directory.found' : 'groups.all')),
          groups.length
            ? h(
                'ul',
                { class: 'cards', 'aria-labelledby': 'all-groups-heading' },
                ...groups.map((group) => groupCard(group, bySlug.get(group.slug))),
              )
            : notice(msg(filtered ? 'directory.noResults' : 'groups.empty')),
        );
        offlineResults.replaceChildren(offline ?? '');
      })
      .catch((error: unknown) => {
        if (!isAbort(error) && searching === controller) {
          results.replaceChildren(notice(describeError(error), 'error'));
        }
      })
      .finally(() => {
        // Only the latest search says the list is ready; an aborted one must not end its wait.
        if (searching === controller) {
          results.removeAttribute('aria-busy');
        }
      });
  };

  const start = new URLSearchParams();
  for (const name of FILTERS) {
    const value = query.get(name);
    if (value) {
      start.set(name, value);
    }
  }
  const memberships = isLoggedIn()
    ? api.get<MyMembership[]>('/api/me/groups', { signal }).catch(() => [] as MyMembership[])
    : Promise.resolve([] as MyMembership[]);
  Promise.all([isLoggedIn() ? api.get<unknown>('/api/groups', { signal }) : Promise.resolve([]), memberships])
    .then(([body, own]) => {
      bySlug = new Map(own.map((membership) => [membership.group, membership]));
      const joined = (Array.isArray(body) ? body.filter(isGroupSummary) : []).filter((group) => bySlug.has(group.slug));
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
      return show(start);
    })
    .catch((error: unknown) => {
      if (!isAbort(error)) {
        results.replaceChildren(notice(describeError(error), 'error'));
      }
    });

  const search = directorySearch(query, (params) => {
    const search = params.toString();
    history.replaceState(history.state, '', `/groups${search ? `?${search}` : ''}`);
    void show(params);
  });
  return view('groups.title', [
    para('groups.intro'),
    mine,
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'find-heading' },
      h('h2', { id: 'find-heading' }, tr('directory.heading')),
      search,
    ),
    status,
    results,
    offlineResults,
  ]);
};
