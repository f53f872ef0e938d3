import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { channel } from '../chat/chat-sockets.js';
import { ChatLive, RECOVERY_WINDOW_MS } from '../chat/chat-live.js';
import { ChatService, type RoomAccess } from '../chat/chat.service.js';
import { Clock } from '../chat/clock.js';
import type {
  ChatMember,
  RoomRef,
  SessionFloorRequest,
  SessionHandRequest,
  SessionLiveState,
  SessionNextRequest,
  SessionPhase,
  SessionPhaseRequest,
} from '../contracts/chat.js';
import { recordAction } from '../moderation/audit-log.js';
import { ChatSession } from './chat-session.entity.js';
import { SessionHand } from './session-hand.entity.js';
import { SessionSignup } from './session-signup.entity.js';
import {
  floorNotInSession,
  floorToSelf,
  notFacilitator,
  notInRound,
  roundEmpty,
  sessionNotFound,
} from './sessions.errors.js';

interface StateRow {
  phase: SessionPhase;
  live_version: number;
  round_order: string[] | null;
  opening_text: string | null;
  closing_text: string | null;
  pledge: string;
  facilitator_id: string | null;
  facilitator_alias: string | null;
  floor_id: string | null;
  floor_alias: string | null;
}

const member = (id: string | null, alias: string | null): ChatMember | null =>
  id && alias ? { memberId: id, alias } : null;

/**
 * The one door for "a facilitator cannot give the word to herself": the word, a turn in a round
 * and a raised hand are never for the meeting's facilitator, nor for the leader handing the word
 * out (a moderator leading in her place). Every path that hands out the word asks this.
 */
export function mayHaveFloor(
  memberId: string,
  session: Pick<ChatSession, 'facilitatorMembershipId'>,
  giver: string | null,
): boolean {
  return memberId !== session.facilitatorMembershipId && memberId !== giver;
}

/**
 * A session's facilitation, following the seeds' rituals: the opening text (the pledge read out),
 * a round in which the facilitator gives the word to each present member in turn, a raise-hand
 * queue, and the closing text. The state lives in the database (`chat_session` and
 * `chat_session_hand`), so every server process reads the same; each change raises its version
 * and goes to the room as `session:state` (through the adapter, to every process's connections).
 */
@Injectable()
export class SessionFacilitation {
  /** Sessions whose holder of the word was seen out of the room, and since when (this process's sweeps). */
  private readonly absentSince = new Map<string, { memberId: string; since: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly chat: ChatService,
    private readonly live: ChatLive,
    private readonly clock: Clock,
  ) {}

  /** The whole state of one session as its room sees it. */
  async state(sessionId: string, manager: EntityManager = this.dataSource.manager): Promise<SessionLiveState> {
    const [row] = await manager.query<StateRow[]>(
      `SELECT s.phase, s.live_version, s.round_order, ser.opening_text, ser.closing_text, g.pledge,
              f.id AS facilitator_id, f.alias AS facilitator_alias, fl.id AS floor_id, fl.alias AS floor_alias
         FROM chat_session s
         JOIN support_group g ON g.id = s.group_id
         LEFT JOIN chat_session_series ser ON ser.id = s.series_id
         LEFT JOIN membership f ON f.id = s.facilitator_membership_id
         LEFT JOIN membership fl ON fl.id = s.floor_membership_id
        WHERE s.id = $1`,
      [sessionId],
    );
    const round = row.round_order?.length
      ? await manager.query<ChatMember[]>(
          `SELECT m.id AS "memberId", m.alias
             FROM jsonb_array_elements_text($1::jsonb) WITH ORDINALITY AS r(id, n)
             JOIN membership m ON m.id = r.id::uuid
            ORDER BY r.n`,
          [JSON.stringify(row.round_order)],
        )
      : [];
    const hands = await manager.query<ChatMember[]>(
      `SELECT m.id AS "memberId", m.alias
         FROM chat_session_hand h JOIN membership m ON m.id = h.membership_id
        WHERE h.session_id = $1 ORDER BY h.raised_at, h.membership_id`,
      [sessionId],
    );
    return {
      version: row.live_version,
      phase: row.phase,
      facilitator: member(row.facilitator_id, row.facilitator_alias),
      floor: member(row.floor_id, row.floor_alias),
      round,
      hands,
      opening: row.opening_text || row.pledge,
      closing: row.closing_text ?? '',
    };
  }

  /**
   * Moves the meeting to its opening, a round, open talk or its closing (the facilitator and the
   * group's moderators). A round orders the members present now who still take part (`takingPart`),
   * the facilitator and the one who started it left out (`mayHaveFloor`), and gives the word to the
   * first. Fails with `round_empty` when that leaves nobody (a round where nobody has the word is
   * no round; the phase stays as it was), `forbidden` or the room's refusals.
   */
  async setPhase(actor: Actor, request: SessionPhaseRequest): Promise<{ state: SessionLiveState }> {
    const access = await this.leader(actor, request);
    const present = request.phase === 'round' ? await this.live.presence(access.room.id) : [];
    return this.change(access, async (manager) => {
      const session = await this.locked(manager, request.session);
      let order: string[] = [];
      if (request.phase === 'round') {
        // Read under the session's lock, so a member whose place or membership just ended is not in it.
        const taking = await this.takingPart(manager, request.session);
        order = present
          .map((person) => person.memberId)
          .filter((id) => taking.has(id) && mayHaveFloor(id, session, access.membership.id));
        if (order.length === 0) {
          throw roundEmpty();
        }
      }
      const [first, ...rest] = order;
      await this.writeFloor(manager, session, access.membership.id, first ?? null, {
        phase: request.phase,
        roundOrder: request.phase === 'round' ? rest : null,
      });
      return first ?? null;
    });
  }

  /**
   * During a round: the word goes to the next member in turn who is still in the room, still takes
   * part (`takingPart`) and may have it (`mayHaveFloor`); after the last the round ends in open
   * talk. Fails with `validation_failed` outside a round.
   */
  async next(actor: Actor, request: SessionNextRequest): Promise<{ state: SessionLiveState }> {
    const access = await this.leader(actor, request);
    const present = new Set((await this.live.presence(access.room.id)).map((person) => person.memberId));
    return this.change(access, async (manager) => {
      const session = await this.locked(manager, request.session);
      if (session.phase !== 'round') {
        throw notInRound();
      }
      const taking = await this.takingPart(manager, request.session);
      const eligible = new Set([...present].filter((id) => taking.has(id)));
      const { next, remaining } = this.nextInTurn(session, eligible, access.membership.id);
      await this.writeFloor(
        manager,
        session,
        access.membership.id,
        next,
        next === null ? { phase: 'open', roundOrder: null } : { roundOrder: remaining },
      );
      return next;
    });
  }

  /**
   * Hands the word to one member who signed up, or (null) back to everybody; the room is told and
   * the change audited. Only the facilitator and the group's moderators; never to the facilitator
   * or the giver (`floor_to_self`), never to someone without a place (`validation_failed`).
   */
  async giveFloor(actor: Actor, request: SessionFloorRequest): Promise<{ floor: ChatMember | null }> {
    const access = await this.leader(actor, request);
    const { state } = await this.change(access, async (manager) => {
      const session = await this.locked(manager, request.session);
      if (request.memberId !== null) {
        if (!mayHaveFloor(request.memberId, session, access.membership.id)) {
          throw floorToSelf();
        }
        const signup = await manager.findOne(SessionSignup, {
          where: { sessionId: request.session, membershipId: request.memberId },
          relations: { membership: true },
        });
        if (signup?.membership?.status !== 'active') {
          throw floorNotInSession();
        }
      }
      await this.writeFloor(manager, session, access.membership.id, request.memberId, {});
      return request.memberId;
    });
    return { floor: state.floor };
  }

  /**
   * Takes a member out of a session's facilitation: out of the round, the hand queue and, when
   * she holds the word, the word passes to the next present member in turn (or back to everybody,
   * which ends a round with nobody left). Used when her membership ends, she gives her place back,
   * or she becomes the facilitator. The caller publishes the state after its transaction commits.
   * `present`, the members in the room, is best read before the transaction (it asks the adapter,
   * which is Redis with several processes); without it, it is read here. Returns whether anything changed.
   */
  async withdraw(
    manager: EntityManager,
    sessionId: string,
    membershipId: string,
    present?: ChatMember[],
  ): Promise<boolean> {
    const session = await this.locked(manager, sessionId);
    const hands = await manager.delete(SessionHand, { sessionId, membershipId });
    const inRound = session.roundOrder?.includes(membershipId) ?? false;
    const holds = session.floorMembershipId === membershipId;
    if (!inRound && !holds && !hands.affected) {
      return false;
    }
    const order = (session.roundOrder ?? []).filter((id) => id !== membershipId);
    if (holds) {
      const inRoom = present ?? (await this.presenceOf(await this.roomOf(manager, sessionId)));
      const taking = await this.takingPart(manager, sessionId);
      const eligible = new Set(
        inRoom.map((person) => person.memberId).filter((id) => id !== membershipId && taking.has(id)),
      );
      const passed =
        session.phase === 'round' ? this.nextInTurn({ ...session, roundOrder: order }, eligible, null) : null;
      await this.writeFloor(
        manager,
        session,
        null,
        passed?.next ?? null,
        session.phase !== 'round'
          ? {}
          : passed?.next
            ? { roundOrder: passed.remaining }
            : { phase: 'open', roundOrder: null },
      );
    } else if (inRound) {
      await manager.update(ChatSession, { id: sessionId }, { roundOrder: order });
    }
    await manager.increment(ChatSession, { id: sessionId }, 'liveVersion', 1);
    return true;
  }

  /**
   * Raises or lowers the actor's hand; doing either twice is fine. Anyone in the session may, but
   * the facilitator, who speaks anyway, does not queue for the word (`floor_to_self`).
   */
  async hand(actor: Actor, request: SessionHandRequest): Promise<{ state: SessionLiveState }> {
    const access = await this.chat.resolve(actor, { group: request.group, session: request.session });
    const state = await this.dataSource.transaction(async (manager) => {
      const session = await this.locked(manager, request.session);
      if (request.raised && !mayHaveFloor(access.membership.id, session, null)) {
        throw floorToSelf();
      }
      if (request.raised) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(SessionHand)
          .values({ sessionId: request.session, membershipId: access.membership.id })
          .orIgnore()
          .execute();
      } else {
        await manager.delete(SessionHand, { sessionId: request.session, membershipId: access.membership.id });
      }
      await manager.increment(ChatSession, { id: request.session }, 'liveVersion', 1);
      return this.state(request.session, manager);
    });
    this.announce(access.room.id, access.ref, state);
    return { state };
  }

  /**
   * Takes a member out of the facilitation (see `withdraw`) of every session yet to end where she
   * has the word, a turn or a raised hand (only of `sessionIds`, when given); each room is told.
   * Her membership ended (removed, suspended, left) or she gave her place back.
   */
  async withdrawMember(membershipId: string, sessionIds?: string[]): Promise<void> {
    const sessions = await this.dataSource.query<{ id: string; room_id: string; slug: string }[]>(
      `SELECT s.id, s.room_id, g.slug
         FROM chat_session s JOIN support_group g ON g.id = s.group_id
        WHERE s.ends_at > $2 AND ($3::uuid[] IS NULL OR s.id = ANY($3::uuid[]))
          AND (s.floor_membership_id = $1
               OR s.round_order @> jsonb_build_array($1::text)
               OR EXISTS (SELECT 1 FROM chat_session_hand h WHERE h.session_id = s.id AND h.membership_id = $1))`,
      [membershipId, this.clock.now(), sessionIds ?? null],
    );
    for (const session of sessions) {
      // Who is in the room is asked before the session's row is locked, not while holding it.
      const present = await this.presenceOf(session.room_id);
      const changed = await this.dataSource.transaction((manager) =>
        this.withdraw(manager, session.id, membershipId, present),
      );
      if (changed && this.live.attached) {
        const ref = { group: session.slug, session: session.id };
        const state = await this.publish(session.room_id, ref, session.id);
        this.live.announceFloor(session.room_id, ref, state.floor);
      }
    }
  }

  /**
   * The word does not wait on a holder whose connection dropped: once she has been out of the
   * room longer than a dropped connection may be restored (RECOVERY_WINDOW_MS), it passes on as
   * if she had left (`withdrawMember`). Run every minute by SessionsService; with several
   * processes each sweeps, and the session row's lock lets only the first one pass it on.
   */
  async passOnFromAbsent(now = this.clock.now()): Promise<void> {
    if (!this.live.attached) {
      return;
    }
    const held = await this.dataSource.query<{ id: string; room_id: string; floor_membership_id: string }[]>(
      `SELECT s.id, s.room_id, s.floor_membership_id FROM chat_session s
        WHERE s.floor_membership_id IS NOT NULL AND s.cancelled_at IS NULL AND s.starts_at <= $1 AND s.ends_at > $1`,
      [now],
    );
    const still = new Set(held.map((session) => session.id));
    for (const id of [...this.absentSince.keys()].filter((one) => !still.has(one))) {
      this.absentSince.delete(id);
    }
    for (const session of held) {
      const holder = session.floor_membership_id;
      if ((await this.live.presence(session.room_id)).some((person) => person.memberId === holder)) {
        this.absentSince.delete(session.id);
        continue;
      }
      const noted = this.absentSince.get(session.id);
      if (noted?.memberId !== holder) {
        this.absentSince.set(session.id, { memberId: holder, since: now.getTime() });
      } else if (now.getTime() - noted.since >= RECOVERY_WINDOW_MS) {
        this.absentSince.delete(session.id);
        await this.withdrawMember(holder, [session.id]);
      }
    }
  }

  /** Sends the session's current state to its room. */
  async publish(roomId: string, ref: RoomRef, sessionId: string): Promise<SessionLiveState> {
    const state = await this.state(sessionId);
    this.announce(roomId, ref, state);
    return state;
  }

  private announce(roomId: string, room: RoomRef, state: SessionLiveState): void {
    if (this.live.attached) {
      this.live.ns.to(channel.room(roomId)).emit('session:state', { room, state });
    }
  }

  private async leader(actor: Actor, ref: { group: string; session: string }): Promise<RoomAccess> {
    const access = await this.chat.resolve(actor, { group: ref.group, session: ref.session });
    if (!access.leads) {
      throw notFacilitator();
    }
    return access;
  }

  private async locked(manager: EntityManager, sessionId: string): Promise<ChatSession> {
    const session = await manager.findOne(ChatSession, {
      where: { id: sessionId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!session) {
      throw sessionNotFound();
    }
    return session;
  }

  /** The room's members present, across processes; nobody when the sockets are not attached (CLI, jobs). */
  private async presenceOf(roomId: string): Promise<ChatMember[]> {
    return this.live.attached ? this.live.presence(roomId) : [];
  }

  /**
   * Who may still get a turn or the word in a session: a place in it, an active membership, no
   * suspension running. Read inside the caller's transaction, under the session's lock.
   */
  private async takingPart(manager: EntityManager, sessionId: string): Promise<Set<string>> {
    const rows = await manager.query<{ membership_id: string }[]>(
      `SELECT su.membership_id FROM chat_session_signup su JOIN membership m ON m.id = su.membership_id
        WHERE su.session_id = $1 AND m.status = 'active' AND (m.suspended_until IS NULL OR m.suspended_until <= $2)`,
      [sessionId, this.clock.now()],
    );
    return new Set(rows.map((row) => row.membership_id));
  }

  private async roomOf(manager: EntityManager, sessionId: string): Promise<string> {
    const [row] = await manager.query<{ room_id: string }[]>('SELECT room_id FROM chat_session WHERE id = $1', [
      sessionId,
    ]);
    return row.room_id;
  }

  /** The next member in the round who is present and may have the word; the rest of the order after her. */
  private nextInTurn(
    session: Pick<ChatSession, 'roundOrder' | 'facilitatorMembershipId'>,
    present: Set<string>,
    giver: string | null,
  ): { next: string | null; remaining: string[] } {
    const remaining = [...(session.roundOrder ?? [])];
    let next: string | undefined;
    while ((next = remaining.shift()) !== undefined) {
      // Someone who left the room meanwhile, or who leads the meeting now, is skipped.
      if (present.has(next) && mayHaveFloor(next, session, giver)) {
        break;
      }
    }
    return { next: next ?? null, remaining };
  }

  /**
   * The only write of who has the word: refuses the facilitator and the giver (`floor_to_self`),
   * and takes the new speaker out of the hand queue. Other columns of the same change go along.
   */
  private async writeFloor(
    manager: EntityManager,
    session: ChatSession,
    giver: string | null,
    floor: string | null,
    also: Partial<Pick<ChatSession, 'phase' | 'roundOrder'>>,
  ): Promise<void> {
    if (floor !== null && !mayHaveFloor(floor, session, giver)) {
      throw floorToSelf();
    }
    await manager.update(ChatSession, { id: session.id }, { ...also, floorMembershipId: floor });
    if (floor !== null) {
      await manager.delete(SessionHand, { sessionId: session.id, membershipId: floor });
    }
  }

  /** One audited change of who has the word, with the version raised, then the room is told. */
  private async change(
    access: RoomAccess,
    apply: (manager: EntityManager) => Promise<string | null>,
  ): Promise<{ state: SessionLiveState }> {
    const sessionId = access.ref.session!;
    const state = await this.dataSource.transaction(async (manager) => {
      const floor = await apply(manager);
      await manager.increment(ChatSession, { id: sessionId }, 'liveVersion', 1);
      await recordAction(manager, access.group.id, access.membership.id, {
        action: 'floor',
        targetMembershipId: floor,
        target: { kind: 'session', id: sessionId },
        reason: '',
      });
      return this.state(sessionId, manager);
    });
    this.announce(access.room.id, access.ref, state);
    this.live.announceFloor(access.room.id, access.ref, state.floor);
    return { state };
  }
}
