import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { channel } from '../chat/chat-sockets.js';
import { ChatLive } from '../chat/chat-live.js';
import { ChatService, type RoomAccess } from '../chat/chat.service.js';
import type {
  ChatMember,
  RoomRef,
  SessionHandRequest,
  SessionLiveState,
  SessionNextRequest,
  SessionPhase,
  SessionPhaseRequest,
} from '../contracts/chat.js';
import { recordAction } from '../moderation/audit-log.js';
import { ChatSession } from './chat-session.entity.js';
import { SessionHand } from './session-hand.entity.js';
import { floorToSelf, notFacilitator, notInRound } from './sessions.errors.js';

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
 * A session's facilitation, following the seeds' rituals: the opening text (the pledge read out),
 * a round in which the facilitator gives the word to each present member in turn, a raise-hand
 * queue, and the closing text. The state lives in the database (`chat_session` and
 * `chat_session_hand`), so every server process reads the same; each change raises its version
 * and goes to the room as `session:state` (through the adapter, to every process's connections).
 */
@Injectable()
export class SessionFacilitation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly chat: ChatService,
    private readonly live: ChatLive,
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
   * group's moderators). A round orders the members present now who have a place, the one who
   * started it left out, and gives the word to the first. Fails with `forbidden` or the room's refusals.
   */
  async setPhase(actor: Actor, request: SessionPhaseRequest): Promise<{ state: SessionLiveState }> {
    const access = await this.leader(actor, request);
    let order: string[] = [];
    if (request.phase === 'round') {
      const present = await this.live.presence(access.room.id);
      const placed = new Set(
        (
          await this.dataSource.query<{ membership_id: string }[]>(
            'SELECT membership_id FROM chat_session_signup WHERE session_id = $1',
            [request.session],
          )
        ).map((row) => row.membership_id),
      );
      order = present.map((person) => person.memberId).filter((id) => id !== access.membership.id && placed.has(id));
    }
    const [first, ...rest] = order;
    return this.change(access, async (manager) => {
      await manager.update(
        ChatSession,
        { id: request.session },
        {
          phase: request.phase,
          floorMembershipId: first ?? null,
          roundOrder: request.phase === 'round' ? rest : null,
        },
      );
      if (first) {
        await manager.delete(SessionHand, { sessionId: request.session, membershipId: first });
      }
      return first ?? null;
    });
  }

  /**
   * During a round: the word goes to the next member in turn who is still in the room; after the
   * last the round ends in open talk. Fails with `validation_failed` outside a round.
   */
  async next(actor: Actor, request: SessionNextRequest): Promise<{ state: SessionLiveState }> {
    const access = await this.leader(actor, request);
    const present = new Set((await this.live.presence(access.room.id)).map((person) => person.memberId));
    return this.change(access, async (manager) => {
      const session = await manager.findOne(ChatSession, {
        where: { id: request.session },
        lock: { mode: 'pessimistic_write' },
      });
      if (session?.phase !== 'round') {
        throw notInRound();
      }
      const remaining = [...(session.roundOrder ?? [])];
      let next: string | undefined;
      while ((next = remaining.shift()) !== undefined && !present.has(next)) {
        // Someone who left the room meanwhile is skipped.
      }
      await manager.update(
        ChatSession,
        { id: request.session },
        next === undefined
          ? { phase: 'open', floorMembershipId: null, roundOrder: null }
          : { floorMembershipId: next, roundOrder: remaining },
      );
      if (next !== undefined) {
        await manager.delete(SessionHand, { sessionId: request.session, membershipId: next });
      }
      return next ?? null;
    });
  }

  /** Raises or lowers the actor's hand; doing either twice is fine. Anyone in the session may. */
  async hand(actor: Actor, request: SessionHandRequest): Promise<{ state: SessionLiveState }> {
    const access = await this.chat.resolve(actor, { group: request.group, session: request.session });
    const state = await this.dataSource.transaction(async (manager) => {
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
   * After the word was handed to someone (or back to everybody) by `session:floor`: they leave the
   * hand queue, the version is raised and the room gets the new state. Refuses the word to the
   * leader herself (`floor_to_self`): a facilitator speaks anyway.
   */
  refuseSelf(access: RoomAccess, memberId: string | null): void {
    if (memberId !== null && memberId === access.membership.id) {
      throw floorToSelf();
    }
  }

  /** The floor changed by `session:floor`, inside its transaction: the hand queue and version follow. */
  async floorChanged(manager: EntityManager, sessionId: string, memberId: string | null): Promise<void> {
    if (memberId !== null) {
      await manager.delete(SessionHand, { sessionId, membershipId: memberId });
    }
    await manager.increment(ChatSession, { id: sessionId }, 'liveVersion', 1);
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
