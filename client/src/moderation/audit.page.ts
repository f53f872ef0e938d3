import type { AuditTargetKind } from '../../../src/contracts/moderation.js';
import { h, tr } from '../core/dom.js';
import { timeElement } from '../core/format.js';
import { api } from '../core/http.js';
import { notice, para } from '../core/page.js';
import type { Page } from '../core/router.js';
import { threadPath } from '../forum/thread-list.js';
import { groupApi } from '../groups/groups.js';
import { msg, type PlainKey } from '../i18n/i18n.js';
import { actionName, type AuditEntry, moderationView, moderatorContext } from './moderation.js';

/** The group's audit log: every action, by whom (an alias, or "an admin"), on whom or what, and why. */
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
    'admin' in entry.moderator ? tr('audit.byAdmin') : h('span', { class: 'alias' }, entry.moderator.alias);
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
    h('td', { class: 'user-text' }, entry.reason),
    h('td', {}, entry.appeal ? tr(APPEAL_STATUS[entry.appeal.status]) : '—'),
  );
}

export const auditPage: Page = async ({ params, signal }) => {
  const context = await moderatorContext(params.slug ?? '', signal);
  if (!context) {
    return { title: 'audit.title', node: h('div', {}) };
  }
  const entries = await api.get<AuditEntry[]>(groupApi(context.slug, '/moderation/audit'), { signal });
  const table = h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'audit-caption' },
    h(
      'table',
      { class: 'log' },
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
      h('tbody', {}, ...entries.map((entry) => row(context.slug, entry))),
    ),
  );
  return moderationView(
    context,
    'audit',
    'audit.title',
    para('audit.intro'),
    entries.length ? table : notice(msg('audit.empty')),
  );
};
