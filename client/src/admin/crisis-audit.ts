import type { CrisisAuditEntry } from '../../../src/contracts/crisis.js';
import { h, liveText, tr, uid } from '../core/dom.js';
import { timeElement } from '../core/format.js';
import { notice } from '../core/page.js';
import { msg, type PlainKey } from '../i18n/i18n.js';
import { serverTextString } from '../i18n/server-texts.js';

/**
 * The crisis desk's site-wide audit log, for admins: when, what, by whom (a responder by the name an
 * admin gave them, anyone else by role only), about what, and why — the system's words in the
 * reader's language, then the actor's own words as written. A row from before codes shows its text.
 */
const ACTIONS: Record<string, PlainKey> = {
  'responder-appointed': 'crisisAudit.action.responderAppointed',
  'responder-revoked': 'crisisAudit.action.responderRevoked',
  'context-opened': 'crisisAudit.action.contextOpened',
  'case-asked': 'crisisAudit.action.caseAsked',
  'case-claimed': 'crisisAudit.action.caseClaimed',
  'case-released': 'crisisAudit.action.caseReleased',
  'case-resolved': 'crisisAudit.action.caseResolved',
  'appeal-upheld': 'crisisAudit.action.appealUpheld',
  'appeal-overturned': 'crisisAudit.action.appealOverturned',
  'site-word-added': 'crisisAudit.action.siteWordAdded',
  'site-word-removed': 'crisisAudit.action.siteWordRemoved',
  'admin-granted': 'crisisAudit.action.adminGranted',
  'group-proposal-approved': 'crisisAudit.action.groupProposalApproved',
  'group-proposal-declined': 'crisisAudit.action.groupProposalDeclined',
  'offline-groups-imported': 'crisisAudit.action.offlineGroupsImported',
};

function actor(entry: CrisisAuditEntry): Node {
  const who = entry.actor;
  if ('responder' in who) {
    return h('span', { class: 'alias' }, who.responder);
  }
  if ('moderator' in who) {
    return tr('crisisAudit.byModerator');
  }
  if ('member' in who) {
    return tr('crisisAudit.byMember');
  }
  return 'server' in who ? tr('crisisAudit.byServer') : tr('crisisAudit.byAdmin');
}

function about(entry: CrisisAuditEntry, names: ReadonlyMap<string, string>): Node | string {
  const target = entry.target;
  if (!target) {
    return '—';
  }
  if ('responder' in target) {
    return h('span', { class: 'alias' }, target.responder);
  }
  return tr('crisisAudit.aboutCase', { group: names.get(target.group) ?? target.group });
}

function reasonCell(entry: CrisisAuditEntry): HTMLTableCellElement {
  const said = entry.reasonText;
  const system = said && serverTextString(said) !== null ? liveText(() => serverTextString(said) ?? '') : null;
  const own = entry.reason ? h('span', { class: 'user-text' }, entry.reason) : null;
  return h('td', { class: 'crisis-audit-reason' }, system, system && own ? ' — ' : null, own);
}

export function crisisAuditSection(entries: CrisisAuditEntry[], names: ReadonlyMap<string, string>): HTMLElement {
  const headingId = uid('crisis-audit');
  const captionId = uid('crisis-audit-caption');
  const columns = [
    'crisisAudit.when',
    'crisisAudit.what',
    'crisisAudit.by',
    'crisisAudit.about',
    'crisisAudit.reason',
  ] as const;
  return h(
    'section',
    { class: 'panel crisis-audit', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, tr('crisisAudit.heading')),
    entries.length === 0
      ? notice(msg('crisisAudit.none'))
      : h(
          'div',
          { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': captionId },
          h(
            'table',
            { class: 'log crisis-audit-log' },
            h('caption', { id: captionId }, tr('crisisAudit.caption')),
            h('thead', {}, h('tr', {}, ...columns.map((key) => h('th', { scope: 'col' }, tr(key))))),
            h(
              'tbody',
              {},
              ...entries.map((entry) =>
                h(
                  'tr',
                  { 'data-entry': entry.id },
                  h('td', {}, timeElement(entry.createdAt)),
                  h('td', {}, Object.hasOwn(ACTIONS, entry.action) ? tr(ACTIONS[entry.action]) : entry.action),
                  h('td', {}, actor(entry)),
                  h('td', {}, about(entry, names)),
                  reasonCell(entry),
                ),
              ),
            ),
          ),
        ),
  );
}
