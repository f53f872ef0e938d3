import { z } from 'zod';
import type { ServerText } from './server-texts.js';
import type { CrisisHelp } from './forums.js';
import type { ContentKind } from './moderation.js';
import { text } from './text.js';

/**
 * The crisis desk: site-wide crisis responders, who is on duty, escalation of crisis alerts, and
 * what the member in crisis is told. Shared by the server and the client.
 *
 * Anonymity: a responder sees a member only as `{ memberId, alias }` of the case's own group (the
 * same group-scoped member id moderators see); never an account, never an alias of another group.
 * Responders appear to others under the `name` an admin gave them when appointing them.
 */

/**
 * What the member whose words signalled crisis is told, true at the moment it is sent:
 * - `claimed`: a volunteer (a group moderator or a crisis responder) has taken the case.
 * - `notified`: volunteers are notified (an online moderator of the group, or an on-duty
 *   responder) and someone will look soon.
 * - `nobody_on_duty`: nobody is on duty right now: call a crisis line now; a volunteer will read
 *   the message as soon as one is back.
 * The crisis lines are always shown next to it, whatever the state.
 */
export const CRISIS_MEMBER_STATES = ['claimed', 'notified', 'nobody_on_duty'] as const;
export type CrisisMemberState = (typeof CRISIS_MEMBER_STATES)[number];

/** Sent to the author in the answer to the crisis message (chat ack, forum response) as `crisisStatus`. */
export interface CrisisStatus {
  /** The crisis case; a later `crisis:status` event names the same id. */
  caseId: string;
  state: CrisisMemberState;
}

/**
 * Live to the author's connections (Socket.IO event `crisis:status`) when what they are told
 * changes: a volunteer claimed it, it was escalated to responders, a responder came on duty.
 */
export interface CrisisStatusEvent extends CrisisStatus {
  /** The group's slug. */
  group: string;
}

/** Who sees a crisis alert now: the group's moderators first, then (after the timeout, or at once when none is online) every on-duty responder. */
export type CrisisStage = 'moderators' | 'responders';

/** Who decides an appeal: the group's other moderators, or (no other moderator) crisis responders and admins. */
export const APPEAL_DECIDERS = ['group_moderators', 'crisis_responders'] as const;
export type AppealDecider = (typeof APPEAL_DECIDERS)[number];

export type CrisisClaimer = { kind: 'moderator'; alias: string } | { kind: 'responder'; name: string };

/** One open crisis case on the desk (REST `GET /crisis/desk`, and live as `crisis:case`). */
export interface CrisisDeskEntry {
  id: string;
  group: { slug: string; name: string };
  /** The member in the case's group only. */
  member: { memberId: string; alias: string } | null;
  target: { kind: ContentKind; id: string } | null;
  /** The message (a shortened excerpt); the full text and what came before it: `GET /crisis/desk/:id/context`. */
  excerpt: string | null;
  stage: CrisisStage;
  memberState: CrisisMemberState;
  claimedBy: CrisisClaimer | null;
  /** Whether the asking responder holds the claim. */
  mine: boolean;
  createdAt: string;
  /** When it went to responders (null: still with the group's moderators). */
  escalatedAt: string | null;
  /** Set when the member asked for a person themselves (no message was flagged), with their optional note. */
  asked?: { note: string | null };
}

/** Live to on-duty responders (and the group's online moderators) when a case is new, escalated, re-announced or changed. */
export interface CrisisCaseEvent {
  reason: 'raised' | 'escalated' | 'reannounced' | 'claimed' | 'released' | 'resolved';
  entry: CrisisDeskEntry;
}

/** One line of context: a chat line before the message, or the thread's opening post. Aliases are of the case's group. */
export interface CrisisContextLine {
  alias: string | null;
  body: string;
  createdAt: string;
  /** The line the case is about. */
  flagged: boolean;
}

/** `GET /crisis/desk/:caseId/context`: written to the audit log each time it is opened. */
export interface CrisisCaseContext {
  entry: CrisisDeskEntry;
  kind: 'chat' | 'forum';
  /** Forum: the thread's title. */
  title: string | null;
  /** Oldest first; at most `CRISIS_CONTEXT_LINES` before the flagged one (chat), or the opening post and the flagged reply (forum). */
  lines: CrisisContextLine[];
}

export const CRISIS_CONTEXT_LINES = 20;

const REASON_MISSING = 'Give a reason: it is written to the audit log.';
const reason = text({ min: 3, max: 1000, multiline: true, required: REASON_MISSING, tooShort: REASON_MISSING });

/** `POST /admin/crisis/responders`: the account behind a member of a group becomes a responder; the admin never sees the account. */
export const appointResponderSchema = z.strictObject({
  group: text({ min: 1, max: 60 }),
  memberId: z.uuid('Not a member id.'),
  /** How the responder appears on the desk and to moderators (not an alias of any group). */
  name: text({ min: 2, max: 40 }),
  reason,
});
export type AppointResponderRequest = z.infer<typeof appointResponderSchema>;

/** `POST /admin/crisis/responders/:responderId/revoke`. */
export const revokeResponderSchema = z.strictObject({ reason });

export interface CrisisResponderView {
  id: string;
  name: string;
  onDuty: boolean;
  timezone: string;
  rota: RotaSlot[];
  appointedAt: string;
}

/** `PUT /crisis/duty`: a responder or a group moderator marks themselves on or off duty. */
export const dutySchema = z.strictObject({ onDuty: z.boolean() });
export type DutyRequest = z.infer<typeof dutySchema>;

/** A weekly rota range: ISO weekday (1 Monday … 7 Sunday), hours `from` (inclusive) to `to` (exclusive), in the rota's timezone. */
export const rotaSlotSchema = z
  .strictObject({
    weekday: z.number().int().min(1).max(7),
    from: z.number().int().min(0).max(23),
    to: z.number().int().min(1).max(24),
  })
  .refine((slot) => slot.to > slot.from, { message: 'A rota range ends after it starts.', path: ['to'] });
export type RotaSlot = z.infer<typeof rotaSlotSchema>;

export const DEFAULT_ROTA_TIMEZONE = 'Europe/Brussels';

/** `PUT /crisis/rota` (responders): replaces the weekly rota. */
export const rotaSchema = z.strictObject({
  timezone: text({ min: 1, max: 64 })
    .refine(
      (zone) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      },
      { message: 'Not a known timezone (use a name like Europe/Brussels).' },
    )
    .default(DEFAULT_ROTA_TIMEZONE),
  slots: z.array(rotaSlotSchema).max(50),
});
export type RotaRequest = z.infer<typeof rotaSchema>;

/** `GET /crisis/duty`: the asker's own duty. */
export interface DutyView {
  onDuty: boolean;
  /** The asker is a crisis responder (may keep a rota and use the desk). */
  responder: boolean;
  timezone: string;
  rota: RotaSlot[];
}

/** `POST /crisis/desk/:caseId/resolve`. */
export const resolveCrisisSchema = z.strictObject({ resolution: reason });

/** `POST /groups/:slug/crisis/ask`: "I want to talk to someone now", with an optional short note. */
export const askForPersonSchema = z.strictObject({
  note: text({ max: 500, multiline: true }).optional(),
});
export type AskForPerson = z.infer<typeof askForPersonSchema>;

/** The answer to asking for a person: the case (a new one, or the member's open one), what is true now, and the crisis lines. */
export interface AskedForPerson extends CrisisStatus {
  /** False when the member's open asked case was returned again. */
  created: boolean;
  crisis: CrisisHelp;
}

/** `GET /admin/crisis/coverage`. */
export interface CrisisCoverage {
  groupsWithoutModerator: { slug: string; name: string }[];
  /** The 168 hours of the week in `timezone` (ISO weekday, hour) with no responder on the rota. */
  uncoveredHours: { weekday: number; hour: number }[];
  timezone: string;
  /** Crisis cases of the last 7 days by how long they waited for a claim (still open: until now), longest first. */
  longestWaits: { caseId: string; group: string; waitedSeconds: number; claimed: boolean }[];
}

/** One entry of the site-wide crisis audit log (`GET /admin/crisis/audit`). */
/** What the crisis safety net lets an account use (in `GET /api/me`): the client calls the desk and duty routes only then. */
export interface CrisisAccess {
  /** An appointed, active crisis responder. */
  responder: boolean;
  /** May open the crisis desk: a responder, or an admin (who looks). */
  desk: boolean;
  /** May go on duty: a responder, or an active moderator of a group. */
  duty: boolean;
}

export interface CrisisAuditEntry {
  id: string;
  action: string;
  /** An admin by their account id (null once that account is gone): this log is for admins only. */
  actor:
    | { admin: true; adminId: string | null }
    | { responder: string }
    | { moderator: string }
    | { member: string }
    | { server: string };
  target: { responder: string } | { caseId: string; group: string } | null;
  /** The actor's own words as written (a revocation, a resolution, an appeal); '' when `reasonText` says it all. */
  reason: string;
  /** What the system says of the entry, for the client to word (null: the reason alone, as on rows from before codes). */
  reasonText: ServerText | null;
  createdAt: string;
}
