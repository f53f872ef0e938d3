import type { AuditEntry, ModerationActionName, QueueEntry } from '../../../src/contracts/moderation.js';
import { h, tr, trAttr } from '../core/dom.js';
import { navigate } from '../core/router.js';
import { type GroupContext, groupView, isModerator, loadGroupContext } from '../groups/frame.js';
import { groupPath } from '../groups/groups.js';
import type { PlainKey } from '../i18n/i18n.js';
import type { View } from '../core/router.js';

export type { AuditEntry, QueueEntry };

/** An open appeal as moderators see it (src/moderation/appeals.service.ts `AppealView`). */
export interface AppealView {
  id: string;
  actionId: string;
  action: string;
  member: { memberId: string; alias: string };
  text: string;
  reason: string;
  status: 'open' | 'upheld' | 'overturned';
  createdAt: string;
}

/** A watched word (src/safety/watched-words.service.ts `WatchedWordView`). */
export interface WatchedWordView {
  id: string;
  phrase: string;
  action: 'block' | 'hold' | 'crisis';
  scope: 'group' | 'site';
}

export type ModerationSection = 'queue' | 'audit' | 'appeals' | 'words';

const SECTIONS: readonly { section: ModerationSection; path: string; label: PlainKey }[] = [
  { section: 'queue', path: '/moderation', label: 'modNav.queue' },
  { section: 'audit', path: '/moderation/audit', label: 'modNav.audit' },
  { section: 'appeals', path: '/moderation/appeals', label: 'modNav.appeals' },
  { section: 'words', path: '/moderation/words', label: 'modNav.words' },
];

function moderationNav(slug: string, current: ModerationSection): HTMLElement {
  return trAttr(
    h(
      'nav',
      { class: 'sub-nav' },
      h(
        'ul',
        {},
        ...SECTIONS.map((item) =>
          h(
            'li',
            {},
            h(
              'a',
              { href: groupPath(slug, item.path), 'aria-current': item.section === current ? 'page' : null },
              tr(item.label),
            ),
          ),
        ),
      ),
    ),
    'aria-label',
    'modNav.label',
  );
}

/** Loads the group and checks the reader moderates it; anyone else goes back to the group's page. */
export async function moderatorContext(slug: string, signal: AbortSignal): Promise<GroupContext | null> {
  const context = await loadGroupContext(slug, signal);
  if (!isModerator(context) || !context.membership?.pledgeCurrent) {
    navigate(groupPath(slug), { replace: true });
    return null;
  }
  return context;
}

export function moderationView(
  context: GroupContext,
  section: ModerationSection,
  title: PlainKey,
  ...children: (Node | null)[]
): View {
  return groupView(
    context,
    { title, heading: tr(title), section: 'moderation' },
    moderationNav(context.slug, section),
    ...children,
  );
}

export const ACTION_NAMES: Record<ModerationActionName, PlainKey> = {
  hide: 'audit.hide',
  restore: 'audit.restore',
  delete: 'audit.delete',
  lock: 'audit.lock',
  unlock: 'audit.unlock',
  pin: 'audit.pin',
  unpin: 'audit.unpin',
  warn: 'audit.warn',
  mute: 'audit.mute',
  unmute: 'audit.unmute',
  suspend: 'audit.suspend',
  unsuspend: 'audit.unsuspend',
  remove: 'audit.remove',
  ban: 'audit.ban',
  appoint: 'audit.appoint',
  dismiss: 'audit.dismiss',
  claim: 'audit.claim',
  'application-decline': 'audit.applicationDecline',
  resolve: 'audit.resolve',
  'appeal-upheld': 'audit.appealUpheld',
  'appeal-overturned': 'audit.appealOverturned',
  'support-offered': 'audit.supportOffered',
  'support-accepted': 'audit.supportAccepted',
  'support-declined': 'audit.supportDeclined',
  'support-closed': 'audit.supportClosed',
  'join-approve': 'audit.joinApprove',
  'join-decline': 'audit.joinDecline',
  invite: 'audit.invite',
  'session-create': 'audit.sessionCreate',
  'session-cancel': 'audit.sessionCancel',
  'session-move': 'audit.sessionMove',
  'session-facilitator': 'audit.sessionFacilitator',
  'slow-mode': 'audit.slowMode',
  floor: 'audit.floor',
  'word-add': 'audit.wordAdd',
  'word-remove': 'audit.wordRemove',
  'group-update': 'audit.groupUpdate',
  'group-archive': 'audit.groupArchive',
  'step-down': 'audit.stepDown',
  'moderator-pause': 'audit.moderatorPause',
  'moderator-resume': 'audit.moderatorResume',
  'group-settings': 'audit.groupSettings',
  'rule-proposal-accept': 'audit.ruleProposalAccept',
  'rule-proposal-decline': 'audit.ruleProposalDecline',
  'context-read': 'audit.contextRead',
  'host-volunteer': 'audit.hostVolunteer',
  'host-step-down': 'audit.hostStepDown',
  'host-remove': 'audit.hostRemove',
};

/** The translated name of an action, or the server's word for one the client does not know yet. */
export function actionName(action: string): Node {
  const key = (ACTION_NAMES as Record<string, PlainKey | undefined>)[action];
  return key ? tr(key) : document.createTextNode(action);
}
