import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { Between, DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { ChatLive } from '../chat/chat-live.js';
import { ChatRoom } from '../chat/chat-room.entity.js';
import { ChatService, type RoomGrant } from '../chat/chat.service.js';
import { Clock } from '../chat/clock.js';
import type { ChatMember, CreateSessionRequest, SessionFloorRequest, SessionView } from '../contracts/chat.js';
import { DomainEvents } from '../events/domain-events.js';
import { Membership } from '../groups/membership.entity.js';
import { type GroupAccess, MembershipService } from '../groups/membership.service.js';
import { recordAction } from '../moderation/audit-log.js';
import { ChatSession } from './chat-session.entity.js';
import { canFacilitate } from './facilitator-standing.js';
import { SessionFacilitation } from './session-facilitation.js';
import { SessionSignup } from './session-signup.entity.js';
import {
  closedCohort,
  sessionCancelled,
  endsInThePast,
  facilitatorStays,
  facilitatorSuspended,
  invalidFacilitator,
  notSignedUp,
  sessionFull,
  sessionNotFound,
  sessionNotOpen,
  sessionOver,
} from './sessions.errors.js';

interface SessionRow {
  id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  series_id: string | null;
  closed_cohort: boolean | null;
  cancelled_at: Date | null;
  facilitator_id: string | null;
  facilitator_alias: string | null;
  signed_up: number;
  mine: boolean;
}

/**
 * Scheduled sessions: a moderator plans one with a facilitator from the group; members sign up
 * (at most `capacity`, the facilitator included); its room is open from `startsAt` to `endsAt`,
 * only to those who signed up.
 */
@Injectable()
export class SessionsService implements OnModuleInit {
  private readonly logger = new Logger(SessionsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
    private readonly chat: ChatService,
    private readonly live: ChatLive,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    private readonly facilitation: SessionFacilitation,
  ) {}

  onModuleInit(): void {
    this.chat.registerRoomKind('session', (manager, access, id, now) => this.grant(manager, access, id, now));
    // A member who left gives up the places they signed up for in sessions yet to end, their
    // series and their raised hands.
    this.events.on('membership.ended', async ({ membershipId }) => {
      // Her places first: they must go even when the room cannot be told below, and without a
      // place no round started from now on gives her a turn.
      await this.dataSource.transaction(async (manager) => {
        await manager.query(
          `DELETE FROM chat_session_signup su USING chat_session s
            WHERE su.session_id = s.id AND su.membership_id = $1 AND s.ends_at > $2`,
          [membershipId, this.clock.now()],
        );
        await manager.query('DELETE FROM chat_session_series_signup WHERE membership_id = $1', [membershipId]);
      });
      // Then the word, her turn and her hand, each room told: the room must not wait on someone
      // who is gone. It asks who is in the room (Redis with several processes); when that fails,
      // it is logged and her hands still go below.
      try {
        await this.facilitation.withdrawMember(membershipId);
      } catch (error) {
        this.logger.error(
          { membershipId, err: error instanceof Error ? error.message : String(error) },
          'Could not take an ended membership out of its sessions',
        );
      }
      await this.dataSource.query('DELETE FROM chat_session_hand WHERE membership_id = $1', [membershipId]);
    });
  }

  /**
   * Schedules a session (moderators). The facilitator must be an active member of the group and
   * takes the first place. Fails with `forbidden` or `validation_failed`.
   */
  async create(actor: Actor, slug: string, request: CreateSessionRequest): Promise<SessionView> {
    const { group, membership } = await this.memberships.requireModerator(actor, slug);
    const startsAt = new Date(request.startsAt);
    const endsAt = new Date(request.endsAt);
    if (endsAt <= this.clock.now()) {
      throw endsInThePast();
    }
    const facilitator = await this.dataSource
      .getRepository(Membership)
      .findOneBy({ id: request.facilitatorMemberId, groupId: group.id, status: 'active' });
    if (!facilitator) {
      throw invalidFacilitator();
    }
    if (!(await canFacilitate(this.dataSource.manager, group.id, facilitator.id))) {
      throw facilitatorSuspended();
    }
    const id = await this.dataSource.transaction(async (manager) => {
      const room = await this.chat.createRoom(manager, group.id, 'session');
      const session = await manager.save(
        manager.create(ChatSession, {
          groupId: group.id,
          roomId: room.id,
          title: request.title,
          startsAt,
          endsAt,
          capacity: request.capacity,
          facilitatorMembershipId: facilitator.id,
          floorMembershipId: null,
        }),
      );
      await manager.insert(SessionSignup, { sessionId: session.id, membershipId: facilitator.id });
      await recordAction(manager, group.id, membership.id, {
        action: 'session-create',
        targetMembershipId: facilitator.id,
        target: { kind: 'session', id: session.id },
        reason: '',
      });
      return session.id;
    });
    return this.view(actor, slug, id);
  }

  /** The group's sessions that have not ended, soonest first (members); cancelled meetings of a series too, marked. */
  async list(actor: Actor, slug: string): Promise<SessionView[]> {
    const access = await this.memberships.requireMember(actor, slug);
    const rows = await this.rows(access, 's.ends_at > $3', [this.clock.now()]);
    return rows.map((row) => this.toView(slug, row));
  }

  /** One session of the group (members); `not_found` for another group's. */
  async view(actor: Actor, slug: string, sessionId: string): Promise<SessionView> {
    const access = await this.memberships.requireMember(actor, slug);
    const [row] = await this.rows(access, 's.id = $3', [sessionId]);
    if (!row) {
      throw sessionNotFound();
    }
    return this.toView(slug, row);
  }

  /**
   * Takes a place in the session; signing up twice is fine. Fails with `session_full` when every
   * place is taken, `room_closed` when the session is over, `session_cancelled` for a cancelled
   * meeting and `closed_cohort` for a meeting of a closed course (sign up for the series instead).
   */
  async signUp(actor: Actor, slug: string, sessionId: string): Promise<SessionView> {
    const { group, membership } = await this.memberships.requireMember(actor, slug);
    await this.dataSource.transaction(async (manager) => {
      // The session row's lock lines sign-ups up, so two members cannot take the last place both.
      const session = await manager.findOne(ChatSession, {
        where: { id: sessionId, groupId: group.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!session) {
        throw sessionNotFound();
      }
      if (session.endsAt <= this.clock.now()) {
        throw sessionOver();
      }
      if (session.cancelledAt) {
        throw sessionCancelled();
      }
      if (await manager.existsBy(SessionSignup, { sessionId, membershipId: membership.id })) {
        return;
      }
      if (session.seriesId && (await this.inClosedSeries(manager, session.seriesId))) {
        throw closedCohort();
      }
      if ((await manager.countBy(SessionSignup, { sessionId })) >= session.capacity) {
        throw sessionFull();
      }
      await manager.insert(SessionSignup, { sessionId, membershipId: membership.id });
    });
    return this.view(actor, slug, sessionId);
  }

  /**
   * Gives the place back; a member in the room leaves it at once, her turn and raised hand with
   * her (holding the word, it passes on). The facilitator cannot.
   */
  async signOut(actor: Actor, slug: string, sessionId: string): Promise<void> {
    const { group, membership } = await this.memberships.requireMember(actor, slug);
    const session = await this.dataSource.getRepository(ChatSession).findOneBy({ id: sessionId, groupId: group.id });
    if (!session) {
      throw sessionNotFound();
    }
    if (session.facilitatorMembershipId === membership.id) {
      throw facilitatorStays();
    }
    await this.dataSource.getRepository(SessionSignup).delete({ sessionId, membershipId: membership.id });
    await this.facilitation.withdrawMember(membership.id, [sessionId]);
    await this.live.removeMember(session.roomId, membership.id, 'signed_out');
  }

  /**
   * Cancels a session (moderators): its room closes and what was said in it is deleted; the audit
   * log keeps who did it and why, in the same transaction. A meeting of a series stays, marked
   * cancelled (its room no longer opens); a one-off session is deleted. Fails like
   * `requireModerator`, `not_found`, `session_cancelled` when it was cancelled already (nothing is
   * audited twice) and `room_closed` when it is over.
   */
  async cancel(actor: Actor, slug: string, sessionId: string, reason: string): Promise<void> {
    const { group, membership } = await this.memberships.requireModerator(actor, slug);
    const session = await this.dataSource.transaction(async (manager) => {
      // Locked, so two cancellations at once cannot both pass the check below and audit twice.
      const found = await manager.findOne(ChatSession, {
        where: { id: sessionId, groupId: group.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!found) {
        throw sessionNotFound();
      }
      if (found.cancelledAt) {
        throw sessionCancelled();
      }
      if (found.endsAt <= this.clock.now()) {
        throw sessionOver();
      }
      if (found.seriesId) {
        await manager.update(
          ChatSession,
          { id: found.id },
          { cancelledAt: this.clock.now(), floorMembershipId: null, roundOrder: null, phase: 'gathering' },
        );
        await manager.query('DELETE FROM chat_message WHERE room_id = $1', [found.roomId]);
        await manager.query('DELETE FROM chat_session_hand WHERE session_id = $1', [found.id]);
      } else {
        // The room's deletion cascades to the session, its sign-ups and its messages.
        await manager.delete(ChatRoom, { id: found.roomId });
      }
      await recordAction(manager, group.id, membership.id, {
        action: 'session-cancel',
        targetMembershipId: null,
        target: { kind: 'session', id: found.id },
        reason,
      });
      return found;
    });
    await this.live.closeRoom(session.roomId, 'session_ended');
  }

  /** `session:floor`: see SessionFacilitation.giveFloor, where every hand-out of the word is decided. */
  giveFloor(actor: Actor, request: SessionFloorRequest): Promise<{ floor: ChatMember | null }> {
    return this.facilitation.giveFloor(actor, request);
  }

  /** A word held by someone whose connection dropped and did not come back passes on. */
  @Cron(CronExpression.EVERY_MINUTE, { name: 'chat-session-absent-floor', waitForCompletion: true })
  async passOnAbsentFloors(): Promise<void> {
    await this.facilitation.passOnFromAbsent();
  }

  /** Closes the rooms of sessions that ended in the last hour on whoever is still in them. */
  @Cron(CronExpression.EVERY_MINUTE, { name: 'chat-session-close', waitForCompletion: true })
  async closeEnded(): Promise<void> {
    const now = this.clock.now();
    const ended = await this.dataSource.getRepository(ChatSession).find({
      where: { endsAt: Between(new Date(now.getTime() - 60 * 60 * 1000), now) },
      select: { id: true, roomId: true },
    });
    for (const session of ended) {
      await this.live.closeRoom(session.roomId, 'session_ended');
    }
    await this.dataSource.query(
      'DELETE FROM chat_session_hand h USING chat_session s WHERE h.session_id = s.id AND s.ends_at <= $1',
      [now],
    );
  }

  /**
   * The room of a session: open between its times (unless cancelled), to those who signed up, and
   * to the group's moderators, who enter without taking a member's place.
   */
  private async grant(manager: EntityManager, access: GroupAccess, sessionId: string, now: Date): Promise<RoomGrant> {
    const session = await manager.findOne(ChatSession, {
      where: { id: sessionId, groupId: access.group.id },
      relations: { room: true, floor: true, series: true },
    });
    if (!session?.room) {
      throw sessionNotFound();
    }
    if (session.cancelledAt) {
      throw sessionCancelled();
    }
    if (now < session.startsAt || now >= session.endsAt) {
      throw sessionNotOpen(session.startsAt, session.endsAt, now);
    }
    if (
      !access.isModerator &&
      !(await manager.existsBy(SessionSignup, { sessionId, membershipId: access.membership.id }))
    ) {
      throw session.series?.closedCohort ? closedCohort() : notSignedUp();
    }
    return {
      room: session.room,
      leads: access.isModerator || session.facilitatorMembershipId === access.membership.id,
      floor: session.floor ? { memberId: session.floor.id, alias: session.floor.alias } : null,
      live: () => this.facilitation.state(sessionId),
    };
  }

  private async inClosedSeries(manager: EntityManager, seriesId: string): Promise<boolean> {
    const [row] = await manager.query<{ closed_cohort: boolean }[]>(
      'SELECT closed_cohort FROM chat_session_series WHERE id = $1',
      [seriesId],
    );
    return row?.closed_cohort === true;
  }

  private rows(access: GroupAccess, condition: string, parameters: unknown[]): Promise<SessionRow[]> {
    return this.dataSource.query<SessionRow[]>(
      `SELECT s.id, s.title, s.starts_at, s.ends_at, s.capacity, s.series_id, s.cancelled_at,
              ser.closed_cohort, f.id AS facilitator_id, f.alias AS facilitator_alias,
              (SELECT count(*)::int FROM chat_session_signup su WHERE su.session_id = s.id) AS signed_up,
              EXISTS (SELECT 1 FROM chat_session_signup su
                       WHERE su.session_id = s.id AND su.membership_id = $2) AS mine
         FROM chat_session s LEFT JOIN membership f ON f.id = s.facilitator_membership_id
         LEFT JOIN chat_session_series ser ON ser.id = s.series_id
        WHERE s.group_id = $1 AND ${condition}
        ORDER BY s.starts_at`,
      [access.group.id, access.membership.id, ...parameters],
    );
  }

  private toView(slug: string, row: SessionRow): SessionView {
    const now = this.clock.now();
    return {
      id: row.id,
      group: slug,
      title: row.title,
      startsAt: row.starts_at.toISOString(),
      endsAt: row.ends_at.toISOString(),
      capacity: row.capacity,
      facilitator:
        row.facilitator_id && row.facilitator_alias
          ? { memberId: row.facilitator_id, alias: row.facilitator_alias }
          : null,
      signedUp: Number(row.signed_up),
      mine: row.mine,
      open: !row.cancelled_at && row.starts_at <= now && now < row.ends_at,
      series: row.series_id ? { id: row.series_id, closedCohort: row.closed_cohort === true } : null,
      cancelled: row.cancelled_at !== null,
    };
  }
}
