import { z } from 'zod';
import { text } from './text.js';
import type { CrisisCaseEvent, CrisisStatus, CrisisStatusEvent } from './crisis.js';
import {
  contentWarningSchema,
  type CrisisHelp,
  type ForumActivityEvent,
  type ForumClosedEvent,
  type ForumPostEvent,
  type ForumRoom,
} from './forums.js';
import type { Notice, QueueEntry } from './moderation.js';
import type { SupportChatView, VolunteerBadge } from './support-chats.js';
import type { ServerText } from './server-texts.js';

/**
 * Live chat: the Socket.IO event maps and every payload's schema, shared by the server and the
 * browser client. Every object is strict (unknown keys are refused). Everybody appears as
 * `{memberId, alias}` of the group: never an account id or a login name.
 */

export const CHAT_NAMESPACE = '/chat';
/** Socket.IO's `maxHttpBufferSize`: a bigger frame is dropped with its connection, unread. */
export const CHAT_MAX_FRAME_BYTES = 16 * 1024;
export const MESSAGE_BODY_MAX = 2000;
/** How many messages `room:join` without `sinceSeq` returns. */
export const JOIN_HISTORY = 50;
/** At most this many messages after `sinceSeq` per `room:join`; `hasMore` says to join again. */
export const CATCH_UP_MAX = 1000;
export const HISTORY_PAGE_MAX = 100;
export const SESSION_CAPACITY_MIN = 2;
export const SESSION_CAPACITY_MAX = 20;
export const SLOW_MODE_MAX_SECONDS = 600;

const groupSlug = text({ min: 1, max: 60 });
const seq = z.number().int().min(0).max(2_147_483_647);

/**
 * Which room: a group's own room (`{group}`), one of its scheduled sessions (`{group, session}`),
 * a buddy chat of two of its members (`{group, buddy}`) or a private support conversation
 * (`{group, support}`).
 */
const roomRefShape = {
  group: groupSlug,
  session: z.uuid().optional(),
  buddy: z.uuid().optional(),
  support: z.uuid().optional(),
};

function oneRoomKind<T extends { session?: string; buddy?: string; support?: string }>(
  value: T,
  ctx: z.RefinementCtx,
): void {
  const named = [value.session, value.buddy, value.support].filter((id) => id !== undefined);
  if (named.length > 1) {
    ctx.addIssue({
      code: 'custom',
      path: [value.support !== undefined ? 'support' : 'buddy'],
      message: 'Name one session, buddy chat or support conversation, not several.',
    });
  }
}

export const roomRefSchema = z.strictObject(roomRefShape).superRefine(oneRoomKind);

export const roomJoinSchema = z.strictObject({ ...roomRefShape, sinceSeq: seq.optional() }).superRefine(oneRoomKind);

export const messageSendSchema = z
  .strictObject({
    ...roomRefShape,
    clientMsgId: z.uuid('Send a client-made UUID as clientMsgId.'),
    body: text({
      min: 1,
      max: MESSAGE_BODY_MAX,
      multiline: true,
      tooShort: 'Write a message first.',
      tooLong: `Use at most ${MESSAGE_BODY_MAX} characters.`,
    }),
    /** A short warning: receivers see the message folded under it until they open it. */
    contentWarning: contentWarningSchema.optional(),
    /** After an `identifying_details` refusal: send it anyway, held for a moderator to approve. */
    insist: z.boolean().optional(),
  })
  .superRefine(oneRoomKind);

export const roomHistorySchema = z
  .strictObject({
    ...roomRefShape,
    beforeSeq: seq.min(1),
    limit: z.number().int().min(1).max(HISTORY_PAGE_MAX).default(50),
  })
  .superRefine(oneRoomKind);

export const slowModeSchema = z
  .strictObject({ ...roomRefShape, seconds: z.number().int().min(0).max(SLOW_MODE_MAX_SECONDS) })
  .superRefine(oneRoomKind);

export const sessionFloorSchema = z.strictObject({
  group: groupSlug,
  session: z.uuid(),
  /** The member who has the word, or null to open the floor to everybody. */
  memberId: z.uuid().nullable(),
});

/** A session's rituals ("vaste handelingen en rituelen bieden houvast"), in the order a meeting goes. */
export const SESSION_PHASES = ['gathering', 'opening', 'round', 'open', 'closing'] as const;
export type SessionPhase = (typeof SESSION_PHASES)[number];

/** The facilitator moves the meeting on: the opening text, a round, open talk, the closing text. */
export const sessionPhaseSchema = z.strictObject({
  group: groupSlug,
  session: z.uuid(),
  phase: z.enum(['opening', 'round', 'open', 'closing']),
});

/** During a round: the word goes to the next present member in turn. */
export const sessionNextSchema = z.strictObject({ group: groupSlug, session: z.uuid() });

/** A member raises (joins the queue) or lowers their hand. */
export const sessionHandSchema = z.strictObject({ group: groupSlug, session: z.uuid(), raised: z.boolean() });

export const authRefreshSchema = z.strictObject({ token: text({ min: 1, max: 4096 }) });

export type RoomRef = z.infer<typeof roomRefSchema>;
export type RoomJoinRequest = z.infer<typeof roomJoinSchema>;
export type MessageSendRequest = z.infer<typeof messageSendSchema>;
export type RoomHistoryRequest = z.infer<typeof roomHistorySchema>;
export type SlowModeRequest = z.infer<typeof slowModeSchema>;
export type SessionFloorRequest = z.infer<typeof sessionFloorSchema>;
export type SessionPhaseRequest = z.infer<typeof sessionPhaseSchema>;
export type SessionNextRequest = z.infer<typeof sessionNextSchema>;
export type SessionHandRequest = z.infer<typeof sessionHandSchema>;
export type AuthRefreshRequest = z.infer<typeof authRefreshSchema>;

/** A person in a room: the membership's id and alias in that group, nothing else. */
export interface ChatMember {
  memberId: string;
  alias: string;
}

export interface ChatMessage extends RoomRef, ChatMember {
  id: string;
  /** The room's sequence number: gapless at the time of writing, the order everybody sees. */
  seq: number;
  body: string;
  /** The author's warning: show the message folded under it (absent: none). */
  contentWarning?: string;
  createdAt: string;
  /** Set for a receiver who muted the author: show it collapsed. */
  muted?: true;
  /** Moderators only: a moderator hid it (or three reports did); members no longer see it. */
  hidden?: true;
  /** Held for review: only its author and the moderators see it until a moderator approves it. */
  held?: true;
  /** Support conversations: written by the volunteer, shown by this badge (`alias` is the badge too). */
  badge?: VolunteerBadge;
}

/** The answer to `message:send`: the stored message, and what its author is told at once. */
export interface MessageSent {
  message: ChatMessage;
  /** The message signals crisis: the lines for the group's language (it was published as normal). */
  crisis?: CrisisHelp;
  /** With `crisis`: who knows about it right now (see CrisisMemberState); updated live by `crisis:status`. */
  crisisStatus?: CrisisStatus;
  /** Stored, but shown to others only after a moderator approves it. */
  held?: true;
}

/** A message moderation took out of view (hidden, pending review, or deleted). */
export interface MessageRemoved extends RoomRef {
  id: string;
  seq: number;
}

export interface RoomInfo extends RoomRef, ChatMember {
  /** The history in this answer is complete up to here; every later message comes as `message:new`. */
  lastSeq: number;
  slowModeSeconds: number;
  /** Sessions only: who has the word (null: everybody). */
  floor?: ChatMember | null;
  /** Sessions only: where the meeting is, the round, the raised hands and the ritual texts. */
  live?: SessionLiveState;
}

/** A session's facilitation as everyone in its room sees it; sent whole on every change (`session:state`). */
export interface SessionLiveState {
  /** Raised on every change: a state with a lower version than one already shown is stale. */
  version: number;
  phase: SessionPhase;
  facilitator: ChatMember | null;
  floor: ChatMember | null;
  /** During a round: who is still to get the word, in turn (the one speaking is `floor`). */
  round: ChatMember[];
  /** The raise-hand queue, first raised first. */
  hands: ChatMember[];
  /** Read out at the opening (the pledge unless the series has its own) and at the close. */
  opening: string;
  closing: string;
}

export interface AckError {
  code: string;
  message: string;
  /** `message` as a code with parameters (src/contracts/server-texts.ts), for the client to word. */
  text?: ServerText;
  details?: { field: string; message: string; text?: ServerText }[];
  /** With `rate_limited` and `slow_mode`: milliseconds until sending can succeed. */
  retryAfterMs?: number;
}

export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: AckError };
type AckFn<T extends object = object> = (response: Ack<T>) => void;

export interface RoomJoined {
  room: RoomInfo;
  /** Oldest first: the last 50, or everything after `sinceSeq` (up to 1,000; then `hasMore`). */
  history: ChatMessage[];
  hasMore: boolean;
  presence: ChatMember[];
}

/** Why a room closed on a connection: the membership ended, the session ended or was cancelled, the member signed out of it, the buddy pair ended. */
export type RoomClosedReason = 'membership_ended' | 'session_ended' | 'signed_out' | 'buddy_ended' | 'support_ended';

/** What the client may send; each takes an acknowledgement callback. */
export interface ClientToServerEvents {
  /**
   * Joins a room; after every (re)connect, join each room again with `sinceSeq` = the last seq
   * you hold: the answer has what you missed, and nothing you get comes twice.
   */
  'room:join': (payload: RoomJoinRequest, ack: AckFn<RoomJoined>) => void;
  'room:leave': (payload: RoomRef, ack: AckFn) => void;
  'room:history': (payload: RoomHistoryRequest, ack: AckFn<{ history: ChatMessage[] }>) => void;
  'message:send': (payload: MessageSendRequest, ack: AckFn<MessageSent>) => void;
  typing: (payload: RoomRef, ack: AckFn) => void;
  'room:slow-mode': (payload: SlowModeRequest, ack: AckFn<{ seconds: number }>) => void;
  'session:floor': (payload: SessionFloorRequest, ack: AckFn<{ floor: ChatMember | null }>) => void;
  'session:phase': (payload: SessionPhaseRequest, ack: AckFn<{ state: SessionLiveState }>) => void;
  'session:next': (payload: SessionNextRequest, ack: AckFn<{ state: SessionLiveState }>) => void;
  'session:hand': (payload: SessionHandRequest, ack: AckFn<{ state: SessionLiveState }>) => void;
  /** A fresh access token for this connection, after `auth:expired` or before. */
  'auth:refresh': (payload: AuthRefreshRequest, ack: AckFn<{ expiresAt: string }>) => void;
  /** Follows a forum's list or one thread live (src/forums/forum-live.gateway.ts). */
  'forum:join': (payload: ForumRoom, ack: AckFn) => void;
  'forum:leave': (payload: ForumRoom, ack: AckFn) => void;
}

export const CLIENT_EVENTS: readonly (keyof ClientToServerEvents)[] = [
  'room:join',
  'room:leave',
  'room:history',
  'message:send',
  'typing',
  'room:slow-mode',
  'session:floor',
  'session:phase',
  'session:next',
  'session:hand',
  'auth:refresh',
  'forum:join',
  'forum:leave',
];

/** What the server sends. */
export interface ServerToClientEvents {
  /** A new message in a joined room, to every member in it (the sender's sockets too), in `seq` order. */
  'message:new': (message: ChatMessage) => void;
  'presence:update': (update: { room: RoomRef; member: ChatMember; present: boolean }) => void;
  /** Everyone in a joined room now: sent when a server process went away without saying who left with it. */
  'presence:sync': (event: { room: RoomRef; presence: ChatMember[] }) => void;
  typing: (event: { room: RoomRef; member: ChatMember }) => void;
  'room:slow-mode': (event: { room: RoomRef; seconds: number }) => void;
  'room:closed': (event: { room: RoomRef; reason: RoomClosedReason }) => void;
  'session:floor': (event: { room: RoomRef; floor: ChatMember | null }) => void;
  /** A session's facilitation changed (phase, word, round, hands): the whole state. */
  'session:state': (event: { room: RoomRef; state: SessionLiveState }) => void;
  /** The access token ran out: send `auth:refresh` within `graceMs` or the connection ends. */
  'auth:expired': (event: { graceMs: number }) => void;
  /** A buddy request or pair of yours changed. */
  'buddy:update': (pair: BuddyPairView) => void;
  /** A reply in a followed thread was added, edited or removed: ids only. */
  'forum:post': (event: ForumPostEvent) => void;
  /** New activity in a thread of a followed forum list. */
  'forum:activity': (event: ForumActivityEvent) => void;
  'forum:closed': (event: ForumClosedEvent) => void;
  'notification:new': (notification: import('./notifications.js').NotificationView) => void;
  /** A support conversation offered to you, or one of yours, changed (accepted, declined, closed). */
  'support:update': (chat: SupportChatView) => void;
  /** Moderation took a message of a joined room out of view: members drop it, moderators mark it. */
  'message:removed': (event: MessageRemoved) => void;
  /** A hidden message is visible again, or a held one was approved: show it in its `seq` place. */
  'message:restored': (message: ChatMessage) => void;
  /** Moderators of the group only, wherever they are connected: an entry of its queue is new or changed. */
  'mod:queue': (event: { group: string; entry: QueueEntry }) => void;
  /** A private notice for you in a group (a moderator's action, a warning, the crisis lines). */
  notice: (event: { group: string; notice: Notice }) => void;
  /** To the author of a crisis message: what they are told changed (claimed, escalated, someone came on duty). */
  'crisis:status': (event: CrisisStatusEvent) => void;
  /** Crisis responders on duty (and the group's online moderators): a crisis case is new, escalated, re-announced or changed. */
  'crisis:case': (event: CrisisCaseEvent) => void;
}

// ---- Scheduled sessions (REST) ----

export const createSessionSchema = z
  .strictObject({
    title: text({ min: 3, max: 120, tooShort: 'Use at least 3 characters.' }),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    capacity: z.number().int().min(SESSION_CAPACITY_MIN).max(SESSION_CAPACITY_MAX),
    /** The member (of this group) who leads the session. */
    facilitatorMemberId: z.uuid('Not a member id.'),
  })
  .superRefine((value, ctx) => {
    const starts = Date.parse(value.startsAt);
    const ends = Date.parse(value.endsAt);
    if (ends <= starts) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'A session ends after it starts.' });
    } else if (ends - starts > 12 * 60 * 60 * 1000) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'A session lasts at most 12 hours.' });
    }
  });

export type CreateSessionRequest = z.infer<typeof createSessionSchema>;

const CANCEL_REASON = 'Give a reason: cancelling deletes what was said in the session, and it goes into the audit log.';
/** Cancelling a session deletes its chat: it takes a reason, kept in the audit log. */
export const cancelSessionSchema = z.strictObject({
  reason: text({ min: 3, max: 1000, multiline: true, required: CANCEL_REASON, tooShort: CANCEL_REASON }),
});

export type CancelSessionRequest = z.infer<typeof cancelSessionSchema>;

export interface SessionView {
  id: string;
  group: string;
  title: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  facilitator: ChatMember | null;
  signedUp: number;
  /** Whether the asking member signed up. */
  mine: boolean;
  /** Whether the room is open now (between `startsAt` and `endsAt`, and not cancelled). */
  open: boolean;
  /** A meeting of a series: its id and whether only the series' cohort takes part. */
  series: { id: string; closedCohort: boolean } | null;
  /** A meeting of a series that a moderator cancelled (a one-off session is deleted instead). */
  cancelled: boolean;
}

// ---- Buddies (REST) ----

export const buddyAvailabilitySchema = z.strictObject({
  /** How many newcomers at once. */
  capacity: z.number().int().min(1).max(5).default(2),
  /** Taking a break: no new requests, running pairs go on. */
  paused: z.boolean().default(false),
});

export const buddyRequestSchema = z.strictObject({ buddyMemberId: z.uuid('Not a member id.') });

export type BuddyAvailabilityRequest = z.infer<typeof buddyAvailabilitySchema>;
export type BuddyRequest = z.infer<typeof buddyRequestSchema>;

export interface BuddyAvailabilityView {
  capacity: number;
  paused: boolean;
  /** Newcomers paired with now. */
  active: number;
}

export type BuddyPairStatus = 'requested' | 'active' | 'declined' | 'ended';

export interface BuddyPairView {
  id: string;
  group: string;
  status: BuddyPairStatus;
  /** The asking member's side of it. */
  role: 'buddy' | 'newcomer';
  other: ChatMember;
  requestedAt: string;
}
