import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, type EntityManager, In, QueryFailedError } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { DomainError } from '../common/domain-error.js';
import { DomainEvents } from '../events/domain-events.js';
import type { AppConfig } from '../config/app-config.js';
import { EntityColumns } from '../database/entity-columns.js';
import {
  type Ack,
  type ChatMember,
  type ChatMessage,
  type MessageSendRequest,
  type MessageSent,
  type RoomHistoryRequest,
  type RoomInfo,
  type RoomJoined,
  type RoomJoinRequest,
  type RoomRef,
  type SessionLiveState,
  type SlowModeRequest,
} from '../contracts/chat.js';
import type { VolunteerBadge } from '../contracts/support-chats.js';
import { groupArchived } from '../groups/groups.errors.js';
import { MemberMute } from '../groups/member-mute.entity.js';
import { MembershipContentRegistry } from '../groups/membership-content.registry.js';
import { type GroupAccess, MembershipService } from '../groups/membership.service.js';
import { CasesService, type PendingEvents } from '../moderation/cases.service.js';
import { recordAction } from '../moderation/audit-log.js';
import { RateLimiter, type RateLimit } from '../rate-limit/rate-limiter.js';
import { SafetyService, type Screening } from '../safety/safety.service.js';
import { unauthorized } from '../auth/token.service.js';
import { ChatHistory, type MessageRow, toMessage } from './chat-history.js';
import { ChatLive } from './chat-live.js';
import { ChatModeration } from './chat-moderation.js';
import { ChatMessageRow } from './chat-message.entity.js';
import { ChatRoom, type ChatRoomKind } from './chat-room.entity.js';
import { type ChatSocket, type JoinedRoom, type RoomDelivery, roomRef } from './chat-sockets.js';
import { cannotLead, clientMsgIdReused, mutedByModerator, notInRoom, notYourTurn, slowMode } from './chat.errors.js';
import { Clock } from './clock.js';
import { GroupCommit } from './group-commit.js';
import type { MessageDraft, Stored } from './message-store.js';
import { RoomFanout } from './room-fanout.js';
import { chatBusy } from './send-queue.js';
import { SendAccess } from './send-access.js';

/** What a session or buddy chat lets one member do in its room. */
export interface RoomGrant {
  room: ChatRoom;
  /** Sets slow mode and is exempt from it and from the floor (moderators, the facilitator). */
  leads: boolean;
  /** Sessions: who has the word (null: everybody). */
  floor?: ChatMember | null;
  /** Sessions: reads the facilitation state, for the answer to `room:join` only. */
  live?: () => Promise<SessionLiveState>;
}

/** Checks a member's access to a room of another kind, or throws (`not_found`, `room_closed` …). */
export type RoomKindResolver = (
  manager: EntityManager,
  access: GroupAccess,
  id: string,
  now: Date,
) => Promise<RoomGrant>;

/**
 * A support conversation's room as one of its two sides may use it. For the volunteer, who need
 * not be a member of the group, `membership` is a stand-in that is never stored: its id is the
 * conversation's (the volunteer's sender id in the room), its alias the badge.
 */
export interface SupportRoomAccess extends GroupAccess, RoomGrant {
  /** Set for the volunteer: their messages are stored under the conversation and shown with the badge. */
  volunteer?: { supportChatId: string; badge: VolunteerBadge };
}

/** Checks an account's access to a support conversation (member or volunteer), or throws. */
export type SupportRoomResolver = (
  manager: EntityManager,
  actor: Actor,
  slug: string,
  id: string,
  now: Date,
) => Promise<SupportRoomAccess>;

export interface RoomAccess extends SupportRoomAccess {
  ref: RoomRef;
}

/**
 * Group rooms, and the message guarantees every room shares: a message is acknowledged after it
 * committed with the room's next `seq`, and reaches every member in the room once, in `seq` order.
 */
@Injectable()
export class ChatService implements OnModuleInit {
  private readonly kinds = new Map<Exclude<ChatRoomKind, 'group' | 'support'>, RoomKindResolver>();
  private supportRooms?: SupportRoomResolver;
  private readonly perConnection: RateLimit;
  private readonly roomColumns: EntityColumns<ChatRoom>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
    private readonly content: MembershipContentRegistry,
    private readonly live: ChatLive,
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
    private readonly safety: SafetyService,
    private readonly cases: CasesService,
    private readonly moderation: ChatModeration,
    private readonly reading: ChatHistory,
    private readonly fanout: RoomFanout,
    private readonly commits: GroupCommit,
    private readonly sendAccess: SendAccess,
    private readonly events: DomainEvents,
    config: ConfigService<AppConfig, true>,
  ) {
    const chat = config.get('chat', { infer: true });
    this.roomColumns = new EntityColumns(dataSource, ChatRoom, 'r');
    this.perConnection = { limit: chat.messagesPerWindow, windowMs: chat.windowMs };
  }

  onModuleInit(): void {
    // Leaving with erase and deleting an account purge every message of those memberships.
    this.content.register('chat', async (manager, membershipIds) => {
      await manager.delete(ChatMessageRow, { membershipId: In(membershipIds) });
    });
  }

  /** Sessions and buddy chats plug their access rules in here (in their `onModuleInit`). */
  registerRoomKind(kind: Exclude<ChatRoomKind, 'group' | 'support'>, resolver: RoomKindResolver): void {
    this.kinds.set(kind, resolver);
  }

  /**
   * Support conversations plug their access rule in here: unlike the other kinds it does not start
   * from the group's membership check, because the volunteer (a crisis responder) need not be a member.
   */
  registerSupportRooms(resolver: SupportRoomResolver): void {
    this.supportRooms = resolver;
  }

  /** Creates a session's or buddy chat's room, in the caller's transaction. */
  async createRoom(manager: EntityManager, groupId: string, kind: Exclude<ChatRoomKind, 'group'>): Promise<ChatRoom> {
    return manager.save(manager.create(ChatRoom, { groupId, kind }));
  }

  /**
   * The actor's access to a room: an active member of the group (moderators included), and for a
   * session or buddy chat whatever that kind requires; a support conversation only its two sides.
   * Fails with `not_found`, `not_a_member`, `pledge_required`, or the room kind's own refusal.
   */
  async resolve(actor: Actor, ref: RoomRef, manager: EntityManager = this.dataSource.manager): Promise<RoomAccess> {
    const clean = roomRef(ref);
    if (isGroupRoom(clean)) {
      return (await this.groupRoomAccess(actor, clean, manager)).access;
    }
    if (clean.support !== undefined) {
      if (!this.supportRooms) {
        throw new DomainError('not_found', 'There is no such room.');
      }
      return { ...(await this.supportRooms(manager, actor, clean.group, clean.support, this.clock.now())), ref: clean };
    }
    const access = await this.memberships.requireMember(actor, clean.group, manager);
    const kind = clean.session !== undefined ? 'session' : 'buddy';
    const resolver = this.kinds.get(kind);
    if (!resolver) {
      throw new DomainError('not_found', 'There is no such room.');
    }
    const grant = await resolver(manager, access, (clean.session ?? clean.buddy)!, this.clock.now());
    return { ...access, ...grant, ref: clean };
  }

  /**
   * Puts the connection in the room and answers with the history it lacks: the last 50 messages,
   * or every message after `sinceSeq` (up to 1,000; `hasMore` asks to join again). Every later
   * message reaches the connection as `message:new`, after this answer and never twice: joining a
   * room the connection is in already returns only what it cannot have had live.
   */
  async join(actor: Actor, socket: ChatSocket, request: RoomJoinRequest, reply: (answer: Ack<RoomJoined>) => void) {
    const access = await this.resolve(actor, request);
    const roomId = access.room.id;
    await this.live.inRoom(roomId, async () => {
      const already = socket.data.joined[roomId];
      // Where this process's deliveries to the room stand, or the room's last seq when it follows it from now on.
      const lastSeq = already?.joinedAtSeq ?? this.fanout.deliveredUpTo(roomId) ?? (await this.currentSeq(roomId));
      const page = await this.reading.catchUp(access, request.sinceSeq, lastSeq);
      const joined: JoinedRoom = already ?? {
        ref: access.ref,
        roomId,
        groupId: access.group.id,
        membershipId: access.membership.id,
        alias: access.membership.alias,
        joinedAtSeq: lastSeq,
      };
      if (!socket.connected) {
        return;
      }
      const first = already ? false : await this.live.enter(socket, joined);
      this.fanout.follow(roomId, lastSeq);
      const presence = await this.live.presence(roomId);
      const room = this.roomInfo(access, lastSeq);
      if (access.live) {
        // Read after entering the room: a later change comes as `session:state` with a higher version.
        room.live = await access.live();
      }
      reply({ ok: true, room, ...page, presence });
      if (first) {
        this.live.announceArrival(joined);
      }
    });
  }

  /** Leaves a room; leaving a room the connection is not in is fine. */
  async leave(socket: ChatSocket, ref: RoomRef): Promise<void> {
    const joined = findJoined(socket, ref);
    if (joined) {
      await this.live.leave(socket, joined.roomId);
    }
  }

  /**
   * Stores a message with the room's next `seq`, then broadcasts it to the room. A `clientMsgId`
   * the member used before returns the stored message and broadcasts nothing. The text is screened
   * first: a crisis message is published as normal, its author gets the crisis lines in the answer
   * (and as a notice) and the moderators a top-priority queue entry; a held one reaches only its
   * author and the group's moderators until approved. Fails with the access refusals,
   * `group_archived`, `muted` (by a moderator, with the time left in `retryAfterMs`),
   * `not_your_turn`, `rate_limited` or `slow_mode` (with `retryAfterMs`), `blocked_content` or
   * `identifying_details` (unless `insist`); nothing is written then.
   */
  async send(actor: Actor, socket: ChatSocket, request: MessageSendRequest): Promise<MessageSent> {
    const clean = roomRef(request);
    const groupRoom = isGroupRoom(clean);
    // A connection that sent in this group room before skips the membership check: the statement
    // that stores the message checks again what could have changed (see SendAccess).
    const remembered = groupRoom ? this.sendAccess.get(socket, clean.group) : undefined;
    let counted = false;
    if (remembered) {
      try {
        const sent = await this.store(remembered, socket.id, request, false);
        if (sent) {
          return sent;
        }
      } catch (error) {
        // Slow mode is read from the remembered room: a refusal is checked again against the database.
        if (!(error instanceof DomainError && error.code === 'slow_mode')) {
          throw error;
        }
        counted = true;
      }
      this.sendAccess.forget(socket, clean.group);
    }
    for (let attempt = 0; ; attempt++) {
      const { access, before } = groupRoom
        ? await this.groupRoomAccess(actor, clean, this.dataSource.manager, request.clientMsgId)
        : await this.resolve(actor, clean).then(async (found) => ({
            access: found,
            before: await this.findSent(found, request.clientMsgId),
          }));
      const { membership } = access;
      if (access.group.archivedAt) {
        throw groupArchived();
      }
      const now = this.clock.now();
      if (membership.mutedUntil && membership.mutedUntil > now) {
        throw mutedByModerator(membership.mutedUntil, now);
      }
      if (before) {
        return { message: this.sentBefore(before, access), ...(await this.crisisAgain(access, before.id)) };
      }
      if (groupRoom) {
        this.sendAccess.remember(socket, clean.group, access);
      }
      const sent = await this.store(access, socket.id, request, counted);
      counted = true;
      if (sent) {
        return sent;
      }
      // The member's standing changed between the check and the write: check again, which says why.
      this.sendAccess.forget(socket, clean.group);
      if (attempt > 0) {
        throw chatBusy();
      }
    }
  }

  /**
   * Screens and stores a message as `access` allows, then broadcasts it to the room. In a group
   * room the write checks the member's standing again; null when it refused (nothing stored).
   */
  private async store(
    access: RoomAccess,
    connectionId: string,
    request: MessageSendRequest,
    counted: boolean,
  ): Promise<MessageSent | null> {
    const { membership, room } = access;
    await this.checkLimits(connectionId, access, counted);
    // Screened outside the write: a watched word added meanwhile applies from the next message.
    // The warning is screened with the body (a blank line between, as the forum joins its fields).
    const words = request.contentWarning ? `${request.contentWarning}\n\n${request.body}` : request.body;
    const screened = await this.safety.screen(access.group.id, words, { insist: request.insist });
    // A volunteer asking "are you thinking of ending your life?" is no crisis of theirs, and their
    // words are not held for the group's moderators: only the member's messages raise alerts.
    // The member's words in a support conversation are not held either (the group's moderators
    // must not read a private conversation; identifying details still need `insist`), and a crisis
    // line there raises no new case for other responders and moderators to read: the member gets
    // the crisis lines at once, and the volunteer who holds their case reads it in the room.
    const screening =
      access.volunteer || access.ref.support !== undefined ? { ...screened, crisis: false, hold: false } : screened;
    const createdAt = this.clock.now();
    const draft: MessageDraft = {
      id: randomUUID(),
      roomId: room.id,
      membershipId: access.volunteer ? null : membership.id,
      supportChatId: access.volunteer?.supportChatId ?? null,
      clientMsgId: request.clientMsgId,
      body: request.body,
      contentWarning: request.contentWarning ?? null,
      createdAt,
      heldAt: screening.hold ? createdAt : null,
    };
    const check = isGroupRoom(access.ref)
      ? { role: access.membership.role, slowModeSeconds: access.room.slowModeSeconds }
      : null;
    let stored: StoredWithCase;
    try {
      // Written with the messages of every room that arrive meanwhile, in one transaction; settled after its commit.
      // Only a message that raises a case has work in that transaction after its row.
      stored = await this.commits.submit<StoredWithCase>({
        key: room.id,
        write: { draft, check },
        then:
          screening.crisis || screening.hold
            ? async (tx, inserted) => {
                if (inserted.seq === null) {
                  return inserted;
                }
                const target = { kind: 'message' as const, id: draft.id };
                return { ...inserted, pending: await this.cases.afterPublish(tx.manager, access, target, screening) };
              }
            : undefined,
      });
    } catch (error) {
      // The same clientMsgId raced in from another connection or process: the first one won.
      const winner =
        isUniqueViolation(error, 'uq_chat_message_client_msg') ||
        isUniqueViolation(error, 'uq_chat_message_support_client_msg')
          ? await this.findSent(access, request.clientMsgId)
          : null;
      if (winner) {
        return { message: this.sentBefore(winner, access), ...(await this.crisisAgain(access, winner.id)) };
      }
      throw error;
    }
    if (stored.banned) {
      throw unauthorized();
    }
    if (stored.sentBefore) {
      const before = await this.findSent(access, request.clientMsgId);
      if (before) {
        return { message: this.sentBefore(before, access), ...(await this.crisisAgain(access, before.id)) };
      }
    }
    if (stored.seq === null) {
      return null;
    }
    const message = toMessage(access.ref, {
      ...draft,
      membershipId: membership.id,
      seq: stored.seq,
      alias: membership.alias,
      badge: access.volunteer?.badge,
    });
    const delivery: RoomDelivery = { roomId: room.id, message, mutedBy: stored.mutedBy };
    if (screening.hold) {
      const moderators = await this.moderation.moderators(access.group.id);
      delivery.onlyFor = [membership.id, ...moderators.map((moderator) => moderator.membershipId)];
    }
    // Out to the room before the acknowledgement; then the crisis notice and the moderators' queue entry.
    await this.fanout.stored(delivery);
    if (!screening.hold && isGroupRoom(access.ref) && request.body.includes('@')) {
      await this.events.emit('chat.mentioned', { groupId: access.group.id, messageId: draft.id });
    }
    const flushed = stored.pending ? await this.cases.flush(stored.pending) : {};
    // The member always gets the crisis lines for their own words, in a support conversation too.
    const note = this.authorNote(access, { ...screening, crisis: !access.volunteer && screened.crisis });
    return { message, ...note, ...flushed };
  }

  /** Up to `limit` messages before `beforeSeq`, oldest first, as far back as the retention window keeps. */
  async history(actor: Actor, request: RoomHistoryRequest): Promise<{ history: ChatMessage[] }> {
    const access = await this.resolve(actor, request);
    return { history: await this.reading.before(access, request.beforeSeq, request.limit) };
  }

  /** Tells the room the member is typing (at most every 3 s per connection); nothing is stored. */
  async typing(socket: ChatSocket, ref: RoomRef): Promise<void> {
    const joined = findJoined(socket, ref);
    if (!joined) {
      throw notInRoom();
    }
    if (!this.live.mayAnnounceTyping(socket, joined.roomId)) {
      return;
    }
    const muters = await this.dataSource
      .getRepository(MemberMute)
      .find({ where: { mutedMembershipId: joined.membershipId }, select: { membershipId: true } });
    this.live.announceTyping(
      joined,
      muters.map((mute) => mute.membershipId),
    );
  }

  /** Sets the room's slow mode (0: off). Moderators, and a session's facilitator; not in buddy chats. */
  async setSlowMode(actor: Actor, request: SlowModeRequest): Promise<{ seconds: number }> {
    const access = await this.resolve(actor, request);
    if (!access.leads || access.ref.buddy !== undefined || access.ref.support !== undefined) {
      throw cannotLead();
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.update(ChatRoom, { id: access.room.id }, { slowModeSeconds: request.seconds });
      await recordAction(manager, access.group.id, access.membership.id, {
        action: 'slow-mode',
        targetMembershipId: null,
        target: access.ref.session !== undefined ? { kind: 'session', id: access.ref.session } : null,
        reason: request.seconds > 0 ? `${request.seconds} s` : 'off',
      });
    });
    this.live.announceSlowMode(access.room.id, access.ref, request.seconds);
    return { seconds: request.seconds };
  }

  /** `counted`: this message used its share of the rate limits already (a first attempt that checked again). */
  private async checkLimits(connectionId: string, access: RoomAccess, counted: boolean): Promise<void> {
    if (!access.leads && access.floor && access.floor.memberId !== access.membership.id) {
      throw notYourTurn();
    }
    if (!counted) {
      await this.countRates(connectionId, access);
    }
    const seconds = access.room.slowModeSeconds;
    if (access.leads || seconds <= 0) {
      return;
    }
    try {
      await this.limiter.consume('chat-slow-mode', `${access.room.id}:${access.membership.id}:${seconds}`, {
        limit: 1,
        windowMs: seconds * 1000,
      });
    } catch (error) {
      throw error instanceof DomainError ? slowMode(error.retryAfterMs) : error;
    }
  }

  private async countRates(connectionId: string, access: RoomAccess): Promise<void> {
    await this.limiter.consume(
      'chat-connection',
      connectionId,
      this.perConnection,
      'You are sending messages too fast. Wait a moment.',
    );
    // The same budget per member across all their connections: with several processes (the
    // counters in Redis) a member who reconnects elsewhere, or opens a second tab, meets one limit.
    await this.limiter.consume(
      'chat-member',
      access.membership.id,
      this.perConnection,
      'You are sending messages too fast. Wait a moment.',
    );
  }

  /** Creates the group's room the first time anyone enters it. */
  private async groupRoom(manager: EntityManager, groupId: string): Promise<ChatRoom> {
    await manager.createQueryBuilder().insert().into(ChatRoom).values({ groupId, kind: 'group' }).orIgnore().execute();
    return manager.findOneByOrFail(ChatRoom, { groupId, kind: 'group' });
  }

  /**
   * A group room's access in one statement (every message comes here): the membership check, the
   * room, and with `clientMsgId` the message this member sent with it before, if any.
   */
  private async groupRoomAccess(
    actor: Actor,
    ref: RoomRef,
    manager: EntityManager,
    clientMsgId?: string,
  ): Promise<{ access: RoomAccess; before: SentRow | null }> {
    const { select, from } = this.memberships.accessSql;
    const sent = clientMsgId !== undefined;
    const [row] = await manager.query<Record<string, unknown>[]>(
      `SELECT ${select}, ${this.roomColumns.select}${sent ? `, ${sentColumns('s', 's_')}` : ''}
         FROM ${from}
         LEFT JOIN chat_room r ON r.group_id = g.id AND r.kind = 'group'
         ${sent ? 'LEFT JOIN chat_message s ON s.membership_id = m.id AND s.client_msg_id = $3' : ''}
        WHERE g.slug = $1`,
      sent ? [ref.group, actor.accountId, clientMsgId] : [ref.group, actor.accountId],
    );
    const access = this.memberships.accessFrom(row);
    const room = this.roomColumns.from(row) ?? (await this.groupRoom(manager, access.group.id));
    return {
      access: { ...access, room, leads: access.isModerator, ref },
      before: sent && row.s_id !== null ? sentRow(row, 's_') : null,
    };
  }

  private async currentSeq(roomId: string): Promise<number> {
    const room = await this.dataSource
      .getRepository(ChatRoom)
      .findOneOrFail({ where: { id: roomId }, select: { id: true, lastSeq: true } });
    return room.lastSeq;
  }

  /** The crisis lines for the group's language when the message signals crisis, and whether it waits for a moderator. */
  /** A retried crisis message gets its crisis lines and what its author is told now, again. */
  private async crisisAgain(access: RoomAccess, messageId: string): Promise<Omit<MessageSent, 'message'>> {
    const crisisStatus = await this.cases.crisisStatusFor({ kind: 'message', id: messageId });
    if (!crisisStatus) {
      return {};
    }
    return { crisis: this.safety.crisisLines(access.group.locale), crisisStatus };
  }

  private authorNote(access: RoomAccess, screening: Screening): Omit<MessageSent, 'message'> {
    const note: Omit<MessageSent, 'message'> = {};
    if (screening.crisis) {
      note.crisis = this.safety.crisisLines(access.group.locale);
    }
    if (screening.hold) {
      note.held = true;
    }
    return note;
  }

  private roomInfo(access: RoomAccess, lastSeq: number): RoomInfo {
    const info: RoomInfo = {
      ...access.ref,
      memberId: access.membership.id,
      alias: access.membership.alias,
      lastSeq,
      slowModeSeconds: access.room.slowModeSeconds,
    };
    if (access.floor !== undefined) {
      info.floor = access.floor;
    }
    return info;
  }

  /** The message this sender stored with `clientMsgId` before (a volunteer sends as their conversation). */
  private async findSent(access: RoomAccess, clientMsgId: string): Promise<SentRow | null> {
    const sender = access.volunteer ? 's.support_chat_id' : 's.membership_id';
    const [row] = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT ${sentColumns('s', '')} FROM chat_message s WHERE ${sender} = $1 AND s.client_msg_id = $2`,
      [access.membership.id, clientMsgId],
    );
    return row ? sentRow(row, '') : null;
  }

  private sentBefore(row: SentRow, access: RoomAccess): ChatMessage {
    if (row.roomId !== access.room.id) {
      throw clientMsgIdReused();
    }
    return toMessage(access.ref, { ...row, alias: access.membership.alias, badge: access.volunteer?.badge });
  }
}

type SentRow = Omit<MessageRow, 'alias'> & { roomId: string };

/** A stored message's columns (table alias `alias`), each named `prefix` + its SentRow key. */
function sentColumns(alias: string, prefix: string): string {
  return `${alias}.id AS "${prefix}id", ${alias}.room_id AS "${prefix}roomId", ${alias}.seq AS "${prefix}seq",
    COALESCE(${alias}.membership_id, ${alias}.support_chat_id) AS "${prefix}membershipId", ${alias}.body AS "${prefix}body",
    ${alias}.content_warning AS "${prefix}contentWarning", ${alias}.created_at AS "${prefix}createdAt", ${alias}.hidden_at AS "${prefix}hiddenAt", ${alias}.held_at AS "${prefix}heldAt"`;
}

function sentRow(row: Record<string, unknown>, prefix: string): SentRow {
  const field = <T>(key: keyof SentRow) => row[`${prefix}${key}`] as T;
  return {
    id: field('id'),
    roomId: field('roomId'),
    seq: Number(field('seq')),
    membershipId: field('membershipId'),
    body: field('body'),
    contentWarning: field('contentWarning'),
    createdAt: field('createdAt'),
    hiddenAt: field('hiddenAt'),
    heldAt: field('heldAt'),
  };
}

/** What storing a message came to, with a crisis case's events to send after the commit. */
interface StoredWithCase extends Stored {
  pending?: PendingEvents;
}

function findJoined(socket: ChatSocket, ref: RoomRef): JoinedRoom | undefined {
  return Object.values(socket.data.joined).find(
    (joined) =>
      joined.ref.group === ref.group &&
      joined.ref.session === ref.session &&
      joined.ref.buddy === ref.buddy &&
      joined.ref.support === ref.support,
  );
}

/** A group's own room: no session, buddy chat or support conversation named. */
function isGroupRoom(ref: RoomRef): boolean {
  return ref.session === undefined && ref.buddy === undefined && ref.support === undefined;
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) {
    return false;
  }
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && driverError.constraint === constraint;
}
