import { z } from 'zod';
import type { AppealDecider } from './crisis.js';
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
  | 'slow-mode'
  | 'floor'
  | 'word-add'
  | 'word-remove'
  | 'group-update'
  | 'group-archive';

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
  hidden: boolean;
  claimedBy: { memberId: string; alias: string } | null;
  /** A crisis case a crisis responder (site-wide, not a member of the group) claimed from the crisis desk. */
  claimedByResponder?: { name: string };
  createdAt: string;
}

export interface AuditEntry {
  id: string;
  action: ModerationActionName;
  moderator: { memberId: string; alias: string } | { admin: true };
  target: { member: { memberId: string; alias: string } | null; item: { kind: AuditTargetKind; id: string } | null };
  /** The moderator's reason; empty for a group or room setting changed without one. */
  reason: string;
  createdAt: string;
  appeal: { status: 'open' | 'upheld' | 'overturned' } | null;
}

export interface Notice {
  id: string;
  kind: 'warning' | 'action' | 'crisis' | 'worry' | 'report-handled' | 'appeal-decided';
  message: string;
  /** The moderator action it is about; it can be appealed once. */
  actionId: string | null;
  /** With an action (a warning or an action) in the list: who would decide an appeal of it. */
  appealDecidedBy?: AppealDecider;
  crisisLines?: { intro: string; lines: { name: string; phone?: string; web?: string }[] };
  createdAt: string;
  read: boolean;
}
