import { type AuditTargetKind, MODERATION_ACTION_NAMES } from '../../../src/contracts/moderation.js';
import { h, liveText, on, tr } from '../core/dom.js';
import { timeElement } from '../core/format.js';
import { describeError, FormController, selectField, textField } from '../core/forms.js';
import { api } from '../core/http.js';
import { notice, para } from '../core/page.js';
import { navigate, type Page } from '../core/router.js';
import { threadPath } from '../forum/thread-list.js';
import { groupApi, groupPath } from '../groups/groups.js';
import { msg, type PlainKey } from '../i18n/i18n.js';
import { serverTextString } from '../i18n/server-texts.js';
import { ACTION_NAMES, actionName, type AuditEntry, moderationView, moderatorContext } from './moderation.js';

/** Whom the log is filtered by: anyone, a moderator (by alias), or an admin. */
type AuditBy = '' | 'moderator' | 'admin';

/** Entries per page of the log (the server allows up to `AUDIT_PAGE_MAX`). */
const AUDIT_PAGE = 50;

/** The group's audit log: every action, by whom (an alias, "an admin" or "a crisis responder"), on whom or what, and why. */
const ITEM_NAMES: Record<Exclude<AuditTargetKind, 'thread'>, PlainKey> = {
  post: 'audit.itemPost',
  message: 'audit.itemMessage',
  session: 'audit.itemSession',
  word: 'audit.itemWord',
  invite: 'audit.itemInvite',
};

const APPEAL_STATUS: Record<'open' | 'upheld' | 'overturned', PlainKey> = {
  open: 'audit.appealOpen',
  upheld: 'audit.appealUpheldStatus',
  overturned: 'audit.appealOverturnedStatus',
};

function row(slug: string, entry: AuditEntry): HTMLTableRowElement {
  const moderator =
    'admin' in entry.moderator
      ? tr('audit.byAdmin')
      : 'responder' in entry.moderator
        ? tr('audit.byResponder')
        : h('span', { class: 'alias' }, entry.moderator.alias);
  const item = entry.target.item;
  const target: Node[] = [];
  if (entry.target.member) {
    target.push(h('span', { class: 'alias' }, entry.target.member.alias));
  }
  if (item) {
    target.push(
      item.kind === 'thread'
        ? h('a', { href: threadPath(slug, item.id) }, tr('audit.itemThread'))
        : h('span', {}, tr(ITEM_NAMES[item.kind])),
    );
  }
  return h(
    'tr',
    {},
    h('td', {}, timeElement(entry.createdAt)),
    h('td', {}, actionName(entry.action)),
    h('td', {}, moderator),
    h('td', {}, ...target.flatMap((node, index) => (index ? [' · ', node] : [node]))),
    reasonCell(entry),
    h('td', {}, entry.appeal ? tr(APPEAL_STATUS[entry.appeal.status]) : '—'),
  );
}

/** The system's words (a code, in the reader's language), then the moderator's own reason as written. */
function reasonCell(entry: AuditEntry): HTMLTableCellElement {
  const said = entry.reasonText;
  const system = said && serverTextString(said) !== null ? liveText(() => serverTextString(said) ?? '') : null;
  const own = entry.reason ? h('span', { class: 'user-text' }, entry.reason) : null;
  return h('td', {}, system, system && own ? ' — ' : null, own);
}

/** The filters, as the page's address holds them (so a filtered log can be reloaded or shared with a colleague). */
function filterForm(slug: string, action: string, by: AuditBy, moderator: string): HTMLElement {
  const actionField = selectField({
    name: 'action',
    label: 'audit.filterAction',
    options: [
      { value: '', label: 'audit.filterAll' },
      ...MODERATION_ACTION_NAMES.map((name) => ({ value: name, label: ACTION_NAMES[name] })),
    ],
    value: action,
  });
  // "All actions" is a choice like any other here.
  actionField.input.required = false;
  // Who acted: anyone, a moderator found by part of the alias, or an admin (by role only).
  const byField = selectField<AuditBy>({
    name: 'by',
    label: 'audit.filterBy',
    options: [
      { value: '', label: 'audit.filterByAnyone' },
      { value: 'moderator', label: 'audit.filterByModerator' },
      { value: 'admin', label: 'audit.byAdmin' },
    ],
    value: by,
  });
  byField.input.required = false;
  const moderatorField = textField({
    name: 'moderator',
    label: 'audit.filterModerator',
    hint: msg('audit.filterModeratorHint'),
    required: false,
    autocomplete: 'off',
    maxLength: 24,
    value: moderator,
  });
  const aliasWanted = () => {
    moderatorField.root.hidden = byField.input.value === 'admin';
  };
  on(byField.input, 'change', aliasWanted);
  aliasWanted();
  const form = new FormController({
    fields: [actionField, byField, moderatorField],
    submit: 'audit.filter',
    className: 'form compact audit-filters',
  });
  form.onSubmit(() => {
    const query = new URLSearchParams();
    if (actionField.input.value) {
      query.set('action', actionField.input.value);
    }
    if (byField.input.value === 'admin') {
      query.set('by', 'admin');
    } else if (moderatorField.input.value.trim()) {
      query.set('moderator', moderatorField.input.value.trim());
    }
    const search = query.toString();
    navigate(groupPath(slug, `/moderation/audit${search ? `?${search}` : ''}`));
    return Promise.resolve();
  });
  return form.element;
}

/** On a narrow screen each row reads as a card: every cell says which column it is. */
function labelCells(table: HTMLTableElement): void {
  const labels = [...table.tHead!.rows[0].cells].map((cell) => cell.textContent ?? '');
  for (const row of table.tBodies[0].rows) {
    [...row.cells].forEach((cell, index) => cell.setAttribute('data-label', labels[index] ?? ''));
  }
}

export const auditPage: Page = async ({ params, query, signal }) => {
  const context = await moderatorContext(params.slug ?? '', signal);
  if (!context) {
    return { title: 'audit.title', node: h('div', {}) };
  }
  const action = (MODERATION_ACTION_NAMES as readonly string[]).includes(query.get('action') ?? '')
    ? (query.get('action') ?? '')
    : '';
  const byAdmin = query.get('by') === 'admin';
  const moderator = byAdmin ? '' : (query.get('moderator') ?? '').slice(0, 24);
  const pagePath = (before: string | null) => {
    const search = new URLSearchParams({ limit: String(AUDIT_PAGE) });
    if (action) {
      search.set('action', action);
    }
    if (byAdmin) {
      search.set('by', 'admin');
    } else if (moderator.trim()) {
      search.set('moderator', moderator.trim());
    }
    if (before) {
      search.set('before', before);
    }
    return groupApi(context.slug, `/moderation/audit?${search.toString()}`);
  };
  const entries = await api.get<AuditEntry[]>(pagePath(null), { signal });
  const body = h('tbody', {}, ...entries.map((entry) => row(context.slug, entry)));
  const logTable = h(
    'table',
    { class: 'log audit-log' },
    h('caption', { id: 'audit-caption' }, tr('audit.caption')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...(['audit.when', 'audit.action', 'audit.by', 'audit.about', 'audit.reason', 'audit.appeal'] as const).map(
          (key) => h('th', { scope: 'col' }, tr(key)),
        ),
      ),
    ),
    body,
  );
  labelCells(logTable);
  const table = h(
    'div',
    { class: 'table-wrap audit-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'audit-caption' },
    logTable,
  );
  let last = entries.at(-1)?.id ?? null;
  const problems = h('div', {});
  const more = h('button', { type: 'button', class: 'button', hidden: entries.length < AUDIT_PAGE }, tr('audit.more'));
  on(more, 'click', () => {
    more.setAttribute('aria-busy', 'true');
    api
      .get<AuditEntry[]>(pagePath(last))
      .then((page) => {
        const rows = page.map((entry) => row(context.slug, entry));
        body.append(...rows);
        labelCells(logTable);
        last = page.at(-1)?.id ?? last;
        more.hidden = page.length < AUDIT_PAGE;
        const first = rows[0]?.cells[0];
        if (first) {
          first.tabIndex = -1;
          first.focus();
        }
      })
      .catch((error: unknown) => problems.replaceChildren(notice(describeError(error), 'error')))
      .finally(() => more.removeAttribute('aria-busy'));
  });
  const filtered = action !== '' || byAdmin || moderator.trim() !== '';
  return moderationView(
    context,
    'audit',
    'audit.title',
    para('audit.intro'),
    filterForm(context.slug, action, byAdmin ? 'admin' : moderator.trim() ? 'moderator' : '', moderator),
    entries.length ? table : notice(msg(filtered ? 'audit.emptyFiltered' : 'audit.empty')),
    problems,
    h('div', { class: 'actions' }, more),
  );
};
