import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, IsNull, LessThanOrEqual, MoreThan } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { ChatLive } from '../chat/chat-live.js';
import { ChatService } from '../chat/chat.service.js';
import { Clock } from '../chat/clock.js';
import type { ChatMember, SessionView } from '../contracts/chat.js';
import type {
  CreateSeriesRequest,
  MoveSessionRequest,
  SeriesSignupRequest,
  SeriesView,
} from '../contracts/session-series.js';
import { Membership } from '../groups/membership.entity.js';
import { type GroupAccess, MembershipService } from '../groups/membership.service.js';
import { recordAction } from '../moderation/audit-log.js';
import { ChatSession } from './chat-session.entity.js';
import { canFacilitate } from './facilitator-standing.js';
import { isTimeZone, occurrences } from './occurrences.js';
import { SeriesSignup } from './series-signup.entity.js';
import { SessionFacilitation } from './session-facilitation.js';
import { SessionSeries } from './session-series.entity.js';
import { SessionSignup } from './session-signup.entity.js';
import { SessionsService } from './sessions.service.js';
import {
  closedCohortStarted,
  endsInThePast,
  facilitatorStays,
  facilitatorSuspended,
  invalidFacilitator,
  invalidTimeZone,
  lastMeetingPassed,
  notAnOccurrence,
  notAVolunteer,
  seriesNotFound,
  sessionCancelled,
  sessionFull,
  sessionNotFound,
  sessionOver,
} from './sessions.errors.js';

interface SeriesRow {
  id: string;
  title: string;
  every_weeks: number;
  first_date: string;
  local_time: string;
  time_zone: string;
  duration_minutes: number;
  count: number;
  capacity: number;
  closed_cohort: boolean;
  opening_text: string;
  closing_text: string;
  signed_up: number;
  mine: boolean;
  volunteer: boolean;
  next_id: string | null;
  next_starts_at: Date | null;
}

/**
 * Recurring sessions: a moderator plans a series, every meeting an ordinary session of its own;
 * members sign up for the whole series (a place in every meeting to come) or, unless it is a
 * closed course, for one meeting. A meeting can be moved, cancelled (SessionsService.cancel) or
 * given another facilitator from the series' volunteers ("dit kan steeds rouleren").
 */
@Injectable()
export class SessionSeriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
    private readonly chat: ChatService,
    private readonly live: ChatLive,
    private readonly clock: Clock,
    private readonly sessions: SessionsService,
    private readonly facilitation: SessionFacilitation,
  ) {}

  /**
   * Plans a series and all its meetings at once (moderators); meetings already over are left out.
   * A named facilitator must be an active member: she volunteers and leads every meeting until
   * another volunteer is named. Fails with `forbidden` or `validation_failed`.
   */
  async create(actor: Actor, slug: string, request: CreateSeriesRequest): Promise<SeriesView> {
    const { group, membership } = await this.memberships.requireModerator(actor, slug);
    if (!isTimeZone(request.timeZone)) {
      throw invalidTimeZone();
    }
    const now = this.clock.now();
    const everyWeeks = request.rhythm === 'weekly' ? 1 : 2;
    let meetings;
    try {
      meetings = occurrences({ ...request, everyWeeks });
    } catch {
      throw lastMeetingPassed();
    }
    meetings = meetings.filter((meeting) => meeting.endsAt > now);
    if (meetings.length === 0) {
      throw lastMeetingPassed();
    }
    let facilitator: Membership | null = null;
    if (request.facilitatorMemberId) {
      facilitator = await this.dataSource
        .getRepository(Membership)
        .findOneBy({ id: request.facilitatorMemberId, groupId: group.id, status: 'active' });
      if (!facilitator) {
        throw invalidFacilitator();
      }
      if (!(await canFacilitate(this.dataSource.manager, group.id, facilitator.id))) {
        throw facilitatorSuspended();
      }
    }
    const id = await this.dataSource.transaction(async (manager) => {
      const series = await manager.save(
        manager.create(SessionSeries, {
          groupId: group.id,
          title: request.title,
          everyWeeks,
          timeZone: request.timeZone,
          firstDate: request.firstDate,
          localTime: request.localTime,
          durationMinutes: request.durationMinutes,
          count: request.count,
          capacity: request.capacity,
          closedCohort: request.closedCohort,
          openingText: request.openingText,
          closingText: request.closingText,
        }),
      );
      if (facilitator) {
        await manager.insert(SeriesSignup, { seriesId: series.id, membershipId: facilitator.id, volunteer: true });
      }
      for (const meeting of meetings) {
        const room = await this.chat.createRoom(manager, group.id, 'session');
        const session = await manager.save(
          manager.create(ChatSession, {
            groupId: group.id,
            roomId: room.id,
            seriesId: series.id,
            title: request.title,
            startsAt: meeting.startsAt,
            endsAt: meeting.endsAt,
            capacity: request.capacity,
            facilitatorMembershipId: facilitator?.id ?? null,
            floorMembershipId: null,
          }),
        );
        if (facilitator) {
          await manager.insert(SessionSignup, { sessionId: session.id, membershipId: facilitator.id });
        }
      }
      await recordAction(manager, group.id, membership.id, {
        action: 'session-create',
        targetMembershipId: facilitator?.id ?? null,
        target: { kind: 'session', id: series.id },
        reason: '',
      });
      return series.id;
    });
    return this.view(actor, slug, id);
  }

  /** The group's series with a meeting yet to end (members). */
  async list(actor: Actor, slug: string): Promise<SeriesView[]> {
    const access = await this.memberships.requireMember(actor, slug);
    const rows = await this.rows(
      access,
      'EXISTS (SELECT 1 FROM chat_session o WHERE o.series_id = ser.id AND o.ends_at > $3)',
      [],
    );
    return this.toViews(access, slug, rows);
  }

  /** One series of the group (members); `not_found` for another group's. */
  async view(actor: Actor, slug: string, seriesId: string): Promise<SeriesView> {
    const access = await this.memberships.requireMember(actor, slug);
    const [row] = await this.rows(access, 'ser.id = $4', [seriesId]);
    if (!row) {
      throw seriesNotFound();
    }
    return (await this.toViews(access, slug, [row]))[0];
  }

  /**
   * Signs the member up for the series: a place in every meeting yet to end and not cancelled.
   * A meeting that one-off sign-ups filled is skipped, and the answer lists it in `withoutPlace`
   * (the series still counts her: she takes part in the others). Signing up again updates
   * `volunteer` and takes a place freed meanwhile.
   * Fails with `session_full` when the series has no place left, and with `closed_cohort` for a
   * newcomer to a closed course whose first meeting (not cancelled) has started: the course keeps
   * the members it began with. Moderators enter its meetings without a place all the same.
   */
  async signUp(actor: Actor, slug: string, seriesId: string, request: SeriesSignupRequest): Promise<SeriesView> {
    const { group, membership } = await this.memberships.requireMember(actor, slug);
    await this.dataSource.transaction(async (manager) => {
      // The series row's lock lines series sign-ups up; each meeting's lock its own places.
      const series = await manager.findOne(SessionSeries, {
        where: { id: seriesId, groupId: group.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!series) {
        throw seriesNotFound();
      }
      const existing = await manager.findOneBy(SeriesSignup, { seriesId, membershipId: membership.id });
      if (existing) {
        await manager.update(SeriesSignup, { seriesId, membershipId: membership.id }, { volunteer: request.volunteer });
      } else {
        if (series.closedCohort && (await this.hasBegun(manager, seriesId))) {
          throw closedCohortStarted();
        }
        if ((await manager.countBy(SeriesSignup, { seriesId })) >= series.capacity) {
          throw sessionFull();
        }
        await manager.insert(SeriesSignup, { seriesId, membershipId: membership.id, volunteer: request.volunteer });
      }
      const meetings = await manager.find(ChatSession, {
        where: { seriesId, endsAt: MoreThan(this.clock.now()), cancelledAt: IsNull() },
        order: { id: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      for (const meeting of meetings) {
        await this.takePlace(manager, meeting, membership.id, false);
      }
    });
    return this.view(actor, slug, seriesId);
  }

  /**
   * Gives back the series and the places in its meetings to come; the member leaves any of their
   * rooms at once, her turn, raised hand and any word she holds with her. A facilitator of a
   * meeting to come cannot (`forbidden`): a moderator names another first.
   */
  async signOut(actor: Actor, slug: string, seriesId: string): Promise<void> {
    const { group, membership } = await this.memberships.requireMember(actor, slug);
    const meetings = await this.dataSource.transaction(async (manager) => {
      const series = await manager.findOneBy(SessionSeries, { id: seriesId, groupId: group.id });
      if (!series) {
        throw seriesNotFound();
      }
      const meetings = await manager.find(ChatSession, {
        where: { seriesId, endsAt: MoreThan(this.clock.now()) },
      });
      if (meetings.some((meeting) => meeting.facilitatorMembershipId === membership.id && !meeting.cancelledAt)) {
        throw facilitatorStays();
      }
      await manager.delete(SeriesSignup, { seriesId, membershipId: membership.id });
      if (meetings.length > 0) {
        await manager.delete(SessionSignup, {
          sessionId: In(meetings.map((meeting) => meeting.id)),
          membershipId: membership.id,
        });
      }
      return meetings;
    });
    // Her turn, her raised hand and a word she holds go with her place.
    await this.facilitation.withdrawMember(
      membership.id,
      meetings.map((meeting) => meeting.id),
    );
    for (const roomId of meetings.map((meeting) => meeting.roomId)) {
      await this.live.removeMember(roomId, membership.id, 'signed_out');
    }
  }

  /**
   * Names the facilitator of one meeting of a series (moderators): a member who volunteered for
   * the series; she gets a place in it. Audited. Fails with `validation_failed` for anyone else or
   * a one-off session, `session_cancelled`, `room_closed` when it is over, `session_full`.
   */
  async setFacilitator(actor: Actor, slug: string, sessionId: string, memberId: string): Promise<SessionView> {
    const { group, membership } = await this.memberships.requireModerator(actor, slug);
    const session = await this.dataSource.transaction(async (manager) => {
      const found = await manager.findOne(ChatSession, {
        where: { id: sessionId, groupId: group.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!found) {
        throw sessionNotFound();
      }
      if (!found.seriesId) {
        throw notAnOccurrence();
      }
      this.stillAhead(found);
      const volunteer = await manager.query<{ id: string }[]>(
        `SELECT m.id FROM chat_session_series_signup su JOIN membership m ON m.id = su.membership_id
          WHERE su.series_id = $1 AND su.membership_id = $2 AND su.volunteer AND m.status = 'active'`,
        [found.seriesId, memberId],
      );
      if (volunteer.length === 0) {
        throw notAVolunteer();
      }
      if (!(await canFacilitate(manager, group.id, memberId))) {
        throw facilitatorSuspended('memberId');
      }
      await this.takePlace(manager, found, memberId, true);
      await manager.update(ChatSession, { id: found.id }, { facilitatorMembershipId: memberId });
      // She leads now: she leaves the round and the hand queue, and a word she held passes on.
      await this.facilitation.withdraw(manager, found.id, memberId);
      await manager.increment(ChatSession, { id: found.id }, 'liveVersion', 1);
      await recordAction(manager, group.id, membership.id, {
        action: 'session-facilitator',
        targetMembershipId: memberId,
        target: { kind: 'session', id: found.id },
        reason: '',
      });
      return found;
    });
    if (this.live.attached) {
      const ref = { group: slug, session: session.id };
      const state = await this.facilitation.publish(session.roomId, ref, session.id);
      this.live.announceFloor(session.roomId, ref, state.floor);
    }
    return this.sessions.view(actor, slug, sessionId);
  }

  /**
   * Moves one session, a meeting of a series or a one-off (moderators), audited with the reason;
   * an open room closes when it moves away from now. Fails with `validation_failed` for an end in
   * the past, `session_cancelled`, `room_closed` when it is over.
   */
  async move(actor: Actor, slug: string, sessionId: string, request: MoveSessionRequest): Promise<SessionView> {
    const { group, membership } = await this.memberships.requireModerator(actor, slug);
    const startsAt = new Date(request.startsAt);
    const endsAt = new Date(request.endsAt);
    const now = this.clock.now();
    if (endsAt <= now) {
      throw endsInThePast();
    }
    const session = await this.dataSource.transaction(async (manager) => {
      const found = await manager.findOne(ChatSession, {
        where: { id: sessionId, groupId: group.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!found) {
        throw sessionNotFound();
      }
      this.stillAhead(found);
      await manager.update(ChatSession, { id: found.id }, { startsAt, endsAt });
      await recordAction(manager, group.id, membership.id, {
        action: 'session-move',
        targetMembershipId: null,
        target: { kind: 'session', id: found.id },
        reason: request.reason,
      });
      return found;
    });
    if (startsAt > now && this.live.attached) {
      await this.live.closeRoom(session.roomId, 'session_ended');
    }
    return this.sessions.view(actor, slug, sessionId);
  }

  /** Whether a meeting of the series that is not cancelled has started. */
  private hasBegun(manager: EntityManager, seriesId: string): Promise<boolean> {
    return manager.existsBy(ChatSession, {
      seriesId,
      cancelledAt: IsNull(),
      startsAt: LessThanOrEqual(this.clock.now()),
    });
  }

  private stillAhead(session: ChatSession): void {
    if (session.cancelledAt) {
      throw sessionCancelled();
    }
    if (session.endsAt <= this.clock.now()) {
      throw sessionOver();
    }
  }

  /** A place in one meeting (locked by the caller); a full meeting is skipped, or refused when `required`. */
  private async takePlace(
    manager: EntityManager,
    session: ChatSession,
    membershipId: string,
    required: boolean,
  ): Promise<void> {
    if (await manager.existsBy(SessionSignup, { sessionId: session.id, membershipId })) {
      return;
    }
    if ((await manager.countBy(SessionSignup, { sessionId: session.id })) >= session.capacity) {
      if (required) {
        throw sessionFull();
      }
      return;
    }
    await manager.insert(SessionSignup, { sessionId: session.id, membershipId });
  }

  private rows(access: GroupAccess, condition: string, parameters: unknown[]): Promise<SeriesRow[]> {
    return this.dataSource.query<SeriesRow[]>(
      `SELECT ser.id, ser.title, ser.every_weeks, ser.first_date, ser.local_time, ser.time_zone,
              ser.duration_minutes, ser.count, ser.capacity, ser.closed_cohort, ser.opening_text, ser.closing_text,
              (SELECT count(*)::int FROM chat_session_series_signup su WHERE su.series_id = ser.id) AS signed_up,
              EXISTS (SELECT 1 FROM chat_session_series_signup su
                       WHERE su.series_id = ser.id AND su.membership_id = $2) AS mine,
              EXISTS (SELECT 1 FROM chat_session_series_signup su
                       WHERE su.series_id = ser.id AND su.membership_id = $2 AND su.volunteer) AS volunteer,
              nxt.id AS next_id, nxt.starts_at AS next_starts_at
         FROM chat_session_series ser
         LEFT JOIN LATERAL (
           SELECT o.id, o.starts_at FROM chat_session o
            WHERE o.series_id = ser.id AND o.ends_at > $3 AND o.cancelled_at IS NULL
            ORDER BY o.starts_at LIMIT 1
         ) nxt ON true
        WHERE ser.group_id = $1 AND ${condition}
        ORDER BY nxt.starts_at NULLS LAST, ser.created_at`,
      [access.group.id, access.membership.id, this.clock.now(), ...parameters],
    );
  }

  private async toViews(access: GroupAccess, slug: string, rows: SeriesRow[]): Promise<SeriesView[]> {
    const mine = rows.filter((row) => row.mine).map((row) => row.id);
    const withoutPlace =
      mine.length === 0
        ? []
        : await this.dataSource.query<{ series_id: string; id: string; starts_at: Date }[]>(
            `SELECT o.series_id, o.id, o.starts_at FROM chat_session o
              WHERE o.series_id = ANY($1::uuid[]) AND o.ends_at > $3 AND o.cancelled_at IS NULL
                AND NOT EXISTS (SELECT 1 FROM chat_session_signup su
                                 WHERE su.session_id = o.id AND su.membership_id = $2)
              ORDER BY o.starts_at, o.id`,
            [mine, access.membership.id, this.clock.now()],
          );
    const volunteers =
      rows.length === 0
        ? []
        : await this.dataSource.query<(ChatMember & { series_id: string })[]>(
            `SELECT su.series_id, m.id AS "memberId", m.alias
               FROM chat_session_series_signup su JOIN membership m ON m.id = su.membership_id
              WHERE su.series_id = ANY($1::uuid[]) AND su.volunteer AND m.status = 'active'
              ORDER BY su.created_at, m.id`,
            [rows.map((row) => row.id)],
          );
    return rows.map((row) => ({
      id: row.id,
      group: slug,
      title: row.title,
      rhythm: row.every_weeks === 1 ? 'weekly' : 'biweekly',
      firstDate: row.first_date,
      localTime: row.local_time,
      timeZone: row.time_zone,
      durationMinutes: row.duration_minutes,
      count: row.count,
      capacity: row.capacity,
      closedCohort: row.closed_cohort,
      openingText: row.opening_text,
      closingText: row.closing_text,
      signedUp: Number(row.signed_up),
      mine: row.mine,
      volunteer: row.volunteer,
      volunteers: volunteers
        .filter((volunteer) => volunteer.series_id === row.id)
        .map((volunteer) => ({ memberId: volunteer.memberId, alias: volunteer.alias })),
      next: row.next_id && row.next_starts_at ? { id: row.next_id, startsAt: row.next_starts_at.toISOString() } : null,
      withoutPlace: withoutPlace
        .filter((meeting) => meeting.series_id === row.id)
        .map((meeting) => ({ id: meeting.id, startsAt: new Date(meeting.starts_at).toISOString() })),
    }));
  }
}
