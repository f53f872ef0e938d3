import { z } from 'zod';
import type { AppealDecider } from './crisis.js';
import type { CrisisHelp } from './forums.js';
import type { ServerText } from './server-texts.js';
import { text } from './text.js';

/** Reports, moderator actions, appeals and watched words: shared by the server and the client. */

export const CONTENT_KINDS = ['thread', 'post', 'message'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

export const REPORT_REASONS = ['crisis', 'harassment', 'privacy', 'spam', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const WATCHED_WORD_ACTIONS = ['block', 'hold', 'crisis'] as const;
export type WatchedWordAction = (typeof WATCHED_WORD_ACTIONS)[number];

const contentRef = z.strictObject({ kind: z.enum(CONTENT_KINDS), id: z.uuid('Not an id.') });
const REASON_MISSING = 'Give a reason: the member affected is told what was done and why.';
const reason = text({ min: 3, max: 1000, multiline: true, required: REASON_MISSING, tooShort: REASON_MISSING });
const note = text({ max: 500, multiline: true });
const memberId = z.uuid('Not a member id.');
const caseId = z.uuid().optional();

export const reportSchema = z.strictObject({
  target: contentRef,
  reason: z.enum(REPORT_REASONS),
  note: note.optional(),
});

export const worrySchema = z.strictObject({
  memberId,
  note: note.optional(),
});

export const moderationActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.enum(['hide', 'restore', 'delete']), target: contentRef, reason, caseId }),
  z.strictObject({
    action: z.enum(['lock', 'unlock', 'pin', 'unpin']),
    target: z.strictObject({ kind: z.literal('thread'), id: z.uuid('Not an id.') }),
    reason,
    caseId,
  }),
  z.strictObject({ action: z.enum(['warn', 'remove', 'unmute', 'unsuspend']), memberId, reason, caseId }),
  z.strictObject({ action: z.literal('mute'), memberId, minutes: z.number().int().min(1).max(10_080), reason, caseId }),
  z.strictObject({ action: z.literal('suspend'), memberId, days: z.number().int().min(1).max(365), reason, caseId }),
]);

export const banSchema = z.strictObject({ group: text({ min: 1, max: 60 }), memberId, reason });

export const resolveCaseSchema = z.strictObject({ resolution: reason });

export const appealSchema = z.strictObject({ text: text({ min: 3, max: 2000, multiline: true }) });

export const decideAppealSchema = z.strictObject({ decision: z.enum(['upheld', 'overturned']), reason });

export const watchedWordSchema = z.strictObject({
  phrase: text({ min: 2, max: 100 }),
  action: z.enum(WATCHED_WORD_ACTIONS),
});

export const moderatorApplicationSchema = z.strictObject({
  motivation: text({ min: 10, max: 2000, multiline: true }),
});
export const decideApplicationSchema = z.strictObject({ approve: z.boolean() });
export const appointModeratorSchema = z.strictObject({ memberId });

/** `GET /groups/:slug/moderation/members?q=`: the picker's query, part of an alias (moderators and admins). */
export const memberSearchSchema = z.strictObject({
  q: text({ min: 2, max: 24, tooShort: 'Type at least 2 characters of the alias.' }),
});

/** How many members one picker answer names at most. */
export const MEMBER_PICKS = 8;

/** Where a member stands in the group, for the one action that fits (appoint, dismiss, ...). */
export type MemberStanding = 'member' | 'moderator' | 'paused-moderator' | 'suspended' | 'removed';

/** One member as the picker shows them: the group's own membership id and alias, nothing of the account. */
export interface MemberPick {
  memberId: string;
  alias: string;
  standing: MemberStanding;
}

export type MemberSearch = z.infer<typeof memberSearchSchema>;
export type ReportRequest = z.infer<typeof reportSchema>;
export type WorryRequest = z.infer<typeof worrySchema>;
export type ModerationActionRequest = z.infer<typeof moderationActionSchema>;
export type ModerationActionName =
  | ModerationActionRequest['action']
  | 'ban'
  | 'appoint'
  | 'dismiss'
  /** An admin declined a member's application to moderate (approving one is logged as `appoint`). */
  | 'application-decline'
  | 'resolve'
  | 'claim'
  | 'appeal-upheld'
  | 'appeal-overturned'
  /** A private support conversation offered to the member of a crisis case, answered, or closed (never its text). */
  | 'support-offered'
  | 'support-accepted'
  | 'support-declined'
  | 'support-closed'
  /** Steering a group or a room (src/moderation/audit-log.ts): audited like the actions above. */
  | 'join-approve'
  | 'join-decline'
  | 'invite'
  | 'session-create'
  | 'session-cancel'
  /** A session moved to another time, or a meeting of a series given another facilitator. */
  | 'session-move'
  | 'session-facilitator'
  | 'slow-mode'
  | 'floor'
  | 'word-add'
  | 'word-remove'
  | 'group-update'
  | 'group-archive'
  /** Groups that run themselves: a moderator steps down, pauses or resumes; newcomer settings; a member's proposal decided. */
  | 'step-down'
  | 'moderator-pause'
  | 'moderator-resume'
  | 'group-settings'
  | 'rule-proposal-accept'
  | 'rule-proposal-decline'
  /** A moderator read the chat lines around a reported message in the queue (who read what, never the lines). */
  | 'context-read'
  /** Hosts: a member volunteers or steps down as host; a moderator removes a host. */
  | 'host-volunteer'
  | 'host-step-down'
  | 'host-remove';

/** Every action name, for the audit log's filter (the compiler checks the list is complete). */
export const MODERATION_ACTION_NAMES = [
  ...(['hide', 'restore', 'delete', 'lock', 'unlock', 'pin', 'unpin'] as const),
  ...(['warn', 'remove', 'unmute', 'unsuspend', 'mute', 'suspend'] as const),
  ...(['ban', 'appoint', 'dismiss', 'application-decline', 'resolve', 'claim'] as const),
  ...(['appeal-upheld', 'appeal-overturned'] as const),
  ...(['support-offered', 'support-accepted', 'support-declined', 'support-closed'] as const),
  ...(['join-approve', 'join-decline', 'invite', 'session-create', 'session-cancel', 'slow-mode', 'floor'] as const),
  ...(['session-move', 'session-facilitator'] as const),
  ...(['word-add', 'word-remove', 'group-update', 'group-archive'] as const),
  ...(['step-down', 'moderator-pause', 'moderator-resume', 'group-settings'] as const),
  ...(['rule-proposal-accept', 'rule-proposal-decline', 'context-read'] as const),
  ...(['host-volunteer', 'host-step-down', 'host-remove'] as const),
] as const satisfies readonly ModerationActionName[];
type MissingActionName = Exclude<ModerationActionName, (typeof MODERATION_ACTION_NAMES)[number]>;
/** Fails to compile when an action name is missing from `MODERATION_ACTION_NAMES`. */
export const ACTION_NAMES_COMPLETE: MissingActionName extends never ? true : never = true;

/** What an audit entry can be about besides a member: an item, a session, a watched word or an invite. */
export type AuditTargetKind = ContentKind | 'session' | 'word' | 'invite';

export type CaseKind = 'crisis' | 'report' | 'held' | 'worry';

export interface QueueEntry {
  id: string;
  kind: CaseKind;
  target: { kind: ContentKind; id: string } | null;
  subject: { memberId: string; alias: string } | null;
  reasons: ReportReason[];
  reportCount: number;
  /** What the reported or held item says, for the moderators of its own group only. */
  excerpt: string | null;
  /** The author's content warning on that item (absent: none): moderators read the excerpt under it. */
  contentWarning?: string;
  hidden: boolean;
  claimedBy: { memberId: string; alias: string } | null;
  /** A crisis case a crisis responder (site-wide, not a member of the group) claimed from the crisis desk. */
  claimedByResponder?: { name: string };
  /** What the reporters wrote for the moderators ("een woordje voor de moderators"), never who wrote it. */
  notes: string[];
  /**
   * Where the item is: a post or thread in its thread, a message in the group's room or a session's
   * room at its `seq`. Absent for a buddy or support chat (not the moderators' to read) and for gone items.
   */
  place?:
    | { kind: 'thread'; threadId: string; postId: string | null }
    | { kind: 'room'; sessionId: string | null; seq: number };
  createdAt: string;
}

/** One chat line around a reported message, as the group's moderators may see it in the room. */
export interface QueueContextLine {
  seq: number;
  alias: string | null;
  body: string;
  createdAt: string;
  /** Hidden or held by moderation: shown to moderators, marked. */
  hidden: boolean;
  /** The reported message. */
  flagged: boolean;
}

/** `GET /groups/:slug/moderation/queue/:caseId/context`: audited (`context-read`) each time. */
export interface QueueContext {
  lines: QueueContextLine[];
}

/** Lines before and after the reported message that the queue shows. */
export const QUEUE_CONTEXT_BEFORE = 3;
export const QUEUE_CONTEXT_AFTER = 2;

export interface AuditEntry {
  id: string;
  action: ModerationActionName;
  moderator: { memberId: string; alias: string } | { admin: true } | { responder: true };
  target: { member: { memberId: string; alias: string } | null; item: { kind: AuditTargetKind; id: string } | null };
  /** The moderator's reason as written; empty for a group or room setting changed without one. */
  reason: string;
  /** What the system says of the entry (appointed, a watched word, a referral code…), for the client to word. */
  reasonText: ServerText | null;
  createdAt: string;
  appeal: { status: 'open' | 'upheld' | 'overturned' } | null;
}

export interface Notice {
  id: string;
  kind: 'warning' | 'action' | 'crisis' | 'worry' | 'report-handled' | 'appeal-decided';
  /** What happened, for the client to word in the member's language (null on a notice from before codes). */
  text: ServerText | null;
  /** The moderator's own words (their reason), never translated; on a notice from before codes, its whole text. */
  message: string;
  /** The moderator action it is about; it can be appealed once. */
  actionId: string | null;
  /** With an action (a warning or an action) in the list: who would decide an appeal of it. */
  appealDecidedBy?: AppealDecider;
  /** The lines for the group's country and language; `introText` said in the reader's language (see CrisisHelp). */
  crisisLines?: CrisisHelp;
  createdAt: string;
  read: boolean;
}

/** How many audit entries one page of the audit log holds at most. */
export const AUDIT_PAGE_MAX = 100;

/** Who took an audit log entry's action: a member of the group (by alias), an admin, or a crisis responder. */
export type AuditActorKind = 'moderator' | 'admin' | 'responder';

/**
 * `GET /groups/:slug/moderation/audit`: filters by action and by who acted — a moderator by part of
 * their alias, or `by=admin` for what admins did (named by their role only, as in the entries),
 * newest first; `before` is the id of the last entry of the previous page.
 */
export const auditQuerySchema = z
  .strictObject({
    action: z.enum(MODERATION_ACTION_NAMES, { error: 'Not an action of the audit log.' }).optional(),
    moderator: text({ min: 1, max: 24 }).optional(),
    by: z.enum(['admin'], { error: 'Filter by=admin, or by a moderator alias.' }).optional(),
    before: z.uuid('Not an id.').optional(),
    limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(AUDIT_PAGE_MAX),
  })
  .refine((query) => !(query.by && query.moderator), {
    path: ['by'],
    message: 'An admin acts under no alias: filter by=admin or by a moderator alias, not both.',
  });

export type AuditQuery = z.infer<typeof auditQuerySchema>;
