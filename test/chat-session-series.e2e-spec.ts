import { randomUUID } from 'node:crypto';
import { describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { Clock } from '../src/chat/clock.js';
import type { ChatMember, RoomJoined, SessionLiveState, SessionView } from '../src/contracts/chat.js';
import type { SeriesView } from '../src/contracts/session-series.js';
import { NotificationSources } from '../src/notifications/notification-sources.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { expectError } from './support/errors.js';
import { createGroup, joinGroup } from './support/groups.js';
import { call, collect, connectChat, eventually, joinRoom, sendMessage, waitForEvent } from './support/sockets.js';
import { moderatedGroupSuite } from './support/suite.js';

const DAY = 24 * 60 * 60 * 1000;

describe('recurring sessions and facilitation', () => {
  const { app, admin, group, moderator, member } = moderatedGroupSuite('Zorgzame Eik');

  /** A date some days from now, as the series wants it (YYYY-MM-DD). */
  const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

  async function plan(overrides: Record<string, unknown> = {}, by = moderator) {
    return app.http
      .post(`/api/groups/${group.slug}/session-series`)
      .set('Authorization', by.bearer)
      .send({
        title: 'Donderdagavond',
        rhythm: 'weekly',
        firstDate: inDays(3),
        localTime: '19:00',
        durationMinutes: 90,
        count: 4,
        capacity: 10,
        ...overrides,
      });
  }

  async function meetings(person: TestMember, series: SeriesView): Promise<SessionView[]> {
    const listed = await app.http.get(`/api/groups/${group.slug}/sessions`).set('Authorization', person.bearer);
    expect(listed.status).toBe(200);
    return (listed.body as SessionView[]).filter((session) => session.series?.id === series.id);
  }

  const seriesSignUp = (person: TestMember, series: SeriesView, volunteer = false) =>
    app.http
      .post(`/api/groups/${group.slug}/session-series/${series.id}/signup`)
      .set('Authorization', person.bearer)
      .send({ volunteer });

  /** Moves chat's clock to `ms` after the meeting's start. */
  function atMeeting(session: SessionView, ms = 60_000) {
    jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(Date.parse(session.startsAt) + ms));
  }

  const local = (iso: string) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Brussels',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(iso));

  it('keeps a weekly 19:00 Brussels series at 19:00 local across the last Sunday of March and of October', async () => {
    const spring = await plan({ firstDate: '2027-03-18', count: 3, title: 'Lente' });
    expect(spring.status).toBe(201);
    const springMeetings = await meetings(moderator, spring.body as SeriesView);
    expect(springMeetings.map((session) => session.startsAt)).toEqual([
      '2027-03-18T18:00:00.000Z',
      '2027-03-25T18:00:00.000Z',
      '2027-04-01T17:00:00.000Z',
    ]);
    expect(springMeetings.map((session) => local(session.startsAt))).toEqual([
      '18/03/2027, 19:00',
      '25/03/2027, 19:00',
      '01/04/2027, 19:00',
    ]);
    // The last Sunday of October 2027 is the 31st.
    const autumn = await plan({ firstDate: '2027-10-28', count: 2, title: 'Herfst' });
    const autumnMeetings = await meetings(moderator, autumn.body as SeriesView);
    expect(autumnMeetings.map((session) => session.startsAt)).toEqual([
      '2027-10-28T17:00:00.000Z',
      '2027-11-04T18:00:00.000Z',
    ]);
    expect(autumnMeetings.map((session) => local(session.startsAt))).toEqual([
      '28/10/2027, 19:00',
      '04/11/2027, 19:00',
    ]);
    expect(autumn.body).toMatchObject({ rhythm: 'weekly', timeZone: 'Europe/Brussels', localTime: '19:00', count: 2 });
  });

  it('refuses to name a suspended member facilitator of a series, of one meeting or of a one-off session', async () => {
    const dora = await member('Dora Specht');
    const series = (await plan({ count: 2 })).body as SeriesView;
    expect((await seriesSignUp(dora.member, series, true)).status).toBe(200);
    const suspended = await app.http
      .post(`/api/groups/${group.slug}/moderation/actions`)
      .set('Authorization', moderator.bearer)
      .send({ action: 'suspend', memberId: dora.membership.memberId, days: 3, reason: 'Even afkoelen, graag.' });
    expect(suspended.status).toBe(201);

    // She could not enter the room she would lead.
    const asLead = expectError(await plan({ facilitatorMemberId: dora.membership.memberId }), 400, 'validation_failed');
    expect(asLead.details?.map((problem) => problem.field)).toEqual(['facilitatorMemberId']);
    const [meeting] = await meetings(moderator, series);
    const named = expectError(
      await app.http
        .put(`/api/groups/${group.slug}/sessions/${meeting.id}/facilitator`)
        .set('Authorization', moderator.bearer)
        .send({ memberId: dora.membership.memberId }),
      400,
      'validation_failed',
    );
    expect(named.details?.map((problem) => problem.field)).toEqual(['memberId']);
    const start = Date.now() + DAY;
    const oneOff = expectError(
      await app.http
        .post(`/api/groups/${group.slug}/sessions`)
        .set('Authorization', moderator.bearer)
        .send({
          title: 'Losse avond',
          startsAt: new Date(start).toISOString(),
          endsAt: new Date(start + DAY / 24).toISOString(),
          capacity: 10,
          facilitatorMemberId: dora.membership.memberId,
        }),
      400,
      'validation_failed',
    );
    expect(oneOff.details?.map((problem) => problem.field)).toEqual(['facilitatorMemberId']);
    expect((await meetings(moderator, series)).map((session) => session.facilitator)).toEqual([null, null]);
  });

  it('lets only moderators plan a series, and refuses a capacity outside 2–20 or an unknown time zone', async () => {
    const someone = await member('Gewone Mus');
    expectError(await plan({}, someone.member), 403, 'forbidden');
    expectError(await plan({ capacity: 1 }), 400, 'validation_failed');
    expectError(await plan({ capacity: 21 }), 400, 'validation_failed');
    const zone = expectError(await plan({ timeZone: 'Europe/Kring' }), 400, 'validation_failed');
    expect(zone.details?.[0].field).toBe('timeZone');
    const past = expectError(await plan({ firstDate: '2020-01-02', count: 2 }), 400, 'validation_failed');
    expect(past.details?.[0].field).toBe('firstDate');
    const biweekly = (await plan({ rhythm: 'biweekly', count: 3 })).body as SeriesView;
    const starts = (await meetings(moderator, biweekly)).map((session) => Date.parse(session.startsAt));
    expect(starts).toHaveLength(3);
    expect(Math.round((starts[1] - starts[0]) / DAY)).toBe(14);
  });

  it('gives a series sign-up a place in every meeting, up to the capacity, and lets volunteers be named facilitator of one meeting', async () => {
    const [anna, bram, cato] = [await member('Anna Lijster'), await member('Bram Vink'), await member('Cato Gaai')];
    const series = (await plan({ capacity: 2, count: 3 })).body as SeriesView;
    const joined = await seriesSignUp(anna.member, series, true);
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ signedUp: 1, mine: true, volunteer: true });
    expect((joined.body as SeriesView).volunteers).toEqual([
      { memberId: anna.membership.memberId, alias: 'Anna Lijster' },
    ]);
    expect((await seriesSignUp(bram.member, series)).status).toBe(200);
    expectError(await seriesSignUp(cato.member, series), 409, 'session_full');
    const annaMeetings = await meetings(anna.member, series);
    expect(annaMeetings.map((session) => [session.mine, session.signedUp])).toEqual([
      [true, 2],
      [true, 2],
      [true, 2],
    ]);
    expectError(
      await app.http
        .post(`/api/groups/${group.slug}/sessions/${annaMeetings[0].id}/signup`)
        .set('Authorization', cato.member.bearer),
      409,
      'session_full',
    );

    const facilitator = (memberId: string, by = moderator) =>
      app.http
        .put(`/api/groups/${group.slug}/sessions/${annaMeetings[1].id}/facilitator`)
        .set('Authorization', by.bearer)
        .send({ memberId });
    const notVolunteer = expectError(await facilitator(bram.membership.memberId), 400, 'validation_failed');
    expect(notVolunteer.details?.[0].field).toBe('memberId');
    expectError(await facilitator(anna.membership.memberId, anna.member), 403, 'forbidden');
    const named = await facilitator(anna.membership.memberId);
    expect(named.status).toBe(200);
    expect(named.body).toMatchObject({ facilitator: { memberId: anna.membership.memberId, alias: 'Anna Lijster' } });
    expect((await meetings(anna.member, series)).map((session) => session.facilitator?.alias ?? null)).toEqual([
      null,
      'Anna Lijster',
      null,
    ]);
    const audit = await app.app
      .get(DataSource)
      .query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM moderation_action WHERE action = 'session-facilitator' AND target_id = $1`,
        [annaMeetings[1].id],
      );
    expect(audit[0].n).toBe(1);

    // The facilitator stays until a moderator names another; others give their series back.
    expectError(
      await app.http
        .delete(`/api/groups/${group.slug}/session-series/${series.id}/signup`)
        .set('Authorization', anna.member.bearer),
      403,
      'forbidden',
    );
    const out = await app.http
      .delete(`/api/groups/${group.slug}/session-series/${series.id}/signup`)
      .set('Authorization', bram.member.bearer);
    expect(out.status).toBe(204);
    expect((await meetings(bram.member, series)).every((session) => !session.mine)).toBe(true);
  });

  it('keeps a closed course to its cohort: no one-off places, no entry for others; a moderator enters without a place', async () => {
    const [lead, peer, outsider] = [
      await member('Kalme Reiger'),
      await member('Trouwe Reiger'),
      await member('Losse Reiger'),
    ];
    const series = (
      await plan({ closedCohort: true, count: 2, facilitatorMemberId: lead.membership.memberId, capacity: 5 })
    ).body as SeriesView;
    expect(series).toMatchObject({ closedCohort: true, signedUp: 1 });
    await seriesSignUp(peer.member, series);
    const [first] = await meetings(peer.member, series);
    expect(first).toMatchObject({ mine: true, signedUp: 2, series: { id: series.id, closedCohort: true } });
    expectError(
      await app.http
        .post(`/api/groups/${group.slug}/sessions/${first.id}/signup`)
        .set('Authorization', outsider.member.bearer),
      403,
      'closed_cohort',
    );

    atMeeting(first);
    const room = { group: group.slug, session: first.id };
    expect(await call(await connectChat(app, outsider.member), 'room:join', room)).toMatchObject({
      ok: false,
      error: { code: 'closed_cohort' },
    });
    const stranger = await registerMember(app);
    await joinGroup(app, stranger, (await createGroup(app, admin)).slug);
    expect(await call(await connectChat(app, stranger), 'room:join', room)).toMatchObject({
      ok: false,
      error: { code: 'not_a_member' },
    });
    const peerJoined = await joinRoom(await connectChat(app, peer.member), room);
    expect(peerJoined.room.live).toMatchObject({ phase: 'gathering', floor: null, hands: [], round: [] });
    const modJoined = await joinRoom(await connectChat(app, moderator), room);
    expect(modJoined.room.alias).toBe('Zorgzame Eik');
    const [after] = await meetings(moderator, series);
    expect(after.signedUp).toBe(2);
  });

  it('closes a closed course to newcomers once its first meeting has started: before, a sign-up is fine', async () => {
    const [early, late] = [await member('Vroege Mus'), await member('Late Mus')];
    const series = (await plan({ closedCohort: true, count: 3, capacity: 5 })).body as SeriesView;
    expect((await seriesSignUp(early.member, series)).status).toBe(200);
    const [first, second] = await meetings(early.member, series);
    expect([first.mine, second.mine]).toEqual([true, true]);

    atMeeting(first);
    const refused = expectError(await seriesSignUp(late.member, series), 403, 'closed_cohort');
    expect(refused.text).toEqual({ code: 'error.closedCohort.started' });
    // One who began with the course may still change her offer to facilitate.
    expect((await seriesSignUp(early.member, series, true)).status).toBe(200);
    expect((await meetings(late.member, series)).every((session) => !session.mine)).toBe(true);

    atMeeting(second);
    const room = { group: group.slug, session: second.id };
    expect(await call(await connectChat(app, late.member), 'room:join', room)).toMatchObject({
      ok: false,
      error: { code: 'closed_cohort' },
    });
    await joinRoom(await connectChat(app, early.member), room);
    expect((await joinRoom(await connectChat(app, moderator), room)).room.alias).toBe('Zorgzame Eik');
    const [, after] = await meetings(moderator, series);
    expect(after.signedUp).toBe(1);
  });

  it('cancels one meeting with an audited reason: listed as cancelled, its room and places refused, no reminder', async () => {
    const [lead, peer, late] = [await member('Stille Uil'), await member('Wakkere Uil'), await member('Late Uil')];
    const series = (await plan({ count: 3, facilitatorMemberId: lead.membership.memberId })).body as SeriesView;
    await seriesSignUp(peer.member, series);
    const [first, second] = await meetings(peer.member, series);
    const cancel = (body: object, by = moderator) =>
      app.http.delete(`/api/groups/${group.slug}/sessions/${first.id}`).set('Authorization', by.bearer).send(body);
    expectError(await cancel({}), 400, 'validation_failed');
    expectError(await cancel({ reason: 'Ik wil niet.' }, peer.member), 403, 'forbidden');
    expect((await cancel({ reason: 'De begeleider is ziek.' })).status).toBe(204);
    const [audit] = await app.app
      .get(DataSource)
      .query<{ reason: string }[]>(
        `SELECT reason FROM moderation_action WHERE action = 'session-cancel' AND target_id = $1`,
        [first.id],
      );
    expect(audit.reason).toBe('De begeleider is ziek.');
    const listed = await meetings(peer.member, series);
    expect(listed[0]).toMatchObject({ id: first.id, cancelled: true, open: false });
    expect(listed[1]).toMatchObject({ id: second.id, cancelled: false });
    expectError(
      await app.http
        .post(`/api/groups/${group.slug}/sessions/${first.id}/signup`)
        .set('Authorization', late.member.bearer),
      409,
      'session_cancelled',
    );
    atMeeting(first);
    expect(
      await call(await connectChat(app, peer.member), 'room:join', { group: group.slug, session: first.id }),
    ).toMatchObject({ ok: false, error: { code: 'session_cancelled' } });
    jest.restoreAllMocks();

    const reminded = await app.app
      .get(NotificationSources)
      .remindSessions(new Date(Date.parse(first.startsAt) - 5 * 60 * 1000));
    const rows = await app.app
      .get(DataSource)
      .query<{ n: number }[]>(`SELECT count(*)::int AS n FROM notification_claim WHERE key LIKE $1`, [
        `session:${first.id}:%`,
      ]);
    expect(rows[0].n).toBe(0);
    expect(reminded).toBeGreaterThanOrEqual(0);
    await app.app.get(NotificationSources).remindSessions(new Date(Date.parse(second.startsAt) - 5 * 60 * 1000));
    const secondRows = await app.app
      .get(DataSource)
      .query<{ n: number }[]>(`SELECT count(*)::int AS n FROM notification_claim WHERE key LIKE $1`, [
        `session:${second.id}:%`,
      ]);
    expect(secondRows[0].n).toBe(2);

    // Moving one meeting: audited with its reason; a cancelled one cannot be moved.
    const moved = await app.http
      .patch(`/api/groups/${group.slug}/sessions/${second.id}`)
      .set('Authorization', moderator.bearer)
      .send({
        startsAt: new Date(Date.parse(second.startsAt) + 60 * 60 * 1000).toISOString(),
        endsAt: new Date(Date.parse(second.endsAt) + 60 * 60 * 1000).toISOString(),
        reason: 'Een uur later deze keer.',
      });
    expect(moved.status).toBe(200);
    expect(Date.parse((moved.body as SessionView).startsAt) - Date.parse(second.startsAt)).toBe(60 * 60 * 1000);
    expectError(
      await app.http
        .patch(`/api/groups/${group.slug}/sessions/${first.id}`)
        .set('Authorization', moderator.bearer)
        .send({ startsAt: second.startsAt, endsAt: second.endsAt }),
      409,
      'session_cancelled',
    );
    const [moveAudit] = await app.app
      .get(DataSource)
      .query<{ reason: string }[]>(
        `SELECT reason FROM moderation_action WHERE action = 'session-move' AND target_id = $1`,
        [second.id],
      );
    expect(moveAudit.reason).toBe('Een uur later deze keer.');
  });

  it('tells a member signing up for a series which meetings had no place left, and keeps telling her', async () => {
    const [one, two, three, dana] = [
      await member('Een Zwaluw'),
      await member('Twee Zwaluw'),
      await member('Drie Zwaluw'),
      await member('Dana Zwaluw'),
    ];
    const series = (await plan({ capacity: 3, count: 3 })).body as SeriesView;
    const [, second] = await meetings(moderator, series);
    for (const person of [one, two, three]) {
      const taken = await app.http
        .post(`/api/groups/${group.slug}/sessions/${second.id}/signup`)
        .set('Authorization', person.member.bearer);
      expect(taken.status).toBe(200);
    }
    const joined = await seriesSignUp(dana.member, series);
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ mine: true, withoutPlace: [{ id: second.id, startsAt: second.startsAt }] });
    expect((await meetings(dana.member, series)).map((session) => session.mine)).toEqual([true, false, true]);
    const listed = await app.http
      .get(`/api/groups/${group.slug}/session-series`)
      .set('Authorization', dana.member.bearer);
    expect((listed.body as SeriesView[]).find((other) => other.id === series.id)?.withoutPlace).toEqual([
      { id: second.id, startsAt: second.startsAt },
    ]);
    // Others see no such list: it is hers.
    const theirs = await app.http
      .get(`/api/groups/${group.slug}/session-series`)
      .set('Authorization', one.member.bearer);
    expect((theirs.body as SeriesView[]).find((other) => other.id === series.id)).toMatchObject({
      mine: false,
      withoutPlace: [],
    });

    // A place is freed: signing up again takes it.
    const freed = await app.http
      .delete(`/api/groups/${group.slug}/sessions/${second.id}/signup`)
      .set('Authorization', three.member.bearer);
    expect(freed.status).toBe(204);
    const again = await seriesSignUp(dana.member, series, true);
    expect(again.body).toMatchObject({ mine: true, volunteer: true, withoutPlace: [] });
    expect((await meetings(dana.member, series)).every((session) => session.mine)).toBe(true);
  });

  it('refuses a first date that is not on the calendar, or more than 2 years ahead, naming the field', async () => {
    const before = await app.app.get(DataSource).query<{ n: number }[]>('SELECT count(*)::int AS n FROM chat_session');
    for (const firstDate of ['2027-02-30', '2027-13-01', '2027-04-31']) {
      const body = expectError(await plan({ firstDate }), 400, 'validation_failed');
      expect(body.details).toEqual([
        expect.objectContaining({ field: 'firstDate', message: 'This is not a real date.' }),
      ]);
    }
    for (const firstDate of ['9999-12-20', inDays(2 * 366 + 2)]) {
      const body = expectError(await plan({ firstDate }), 400, 'validation_failed');
      expect(body.details).toEqual([
        expect.objectContaining({ field: 'firstDate', message: 'A series starts at most 2 years from today.' }),
      ]);
    }
    const after = await app.app.get(DataSource).query<{ n: number }[]>('SELECT count(*)::int AS n FROM chat_session');
    expect(after[0].n).toBe(before[0].n);
    // A leap day is a date, and a series may start up to two years from today.
    expect((await plan({ firstDate: '2028-02-29', count: 1 })).status).toBe(201);
    expect((await plan({ firstDate: inDays(2 * 365 - 2), count: 1 })).status).toBe(201);
  });

  it('refuses to cancel a meeting twice or once it is over, with one audit entry for the one cancellation', async () => {
    const series = (await plan({ count: 2 })).body as SeriesView;
    const [first, second] = await meetings(moderator, series);
    const cancel = (meeting: SessionView) =>
      app.http
        .delete(`/api/groups/${group.slug}/sessions/${meeting.id}`)
        .set('Authorization', moderator.bearer)
        .send({ reason: 'Zaal niet vrij.' });
    expect((await cancel(first)).status).toBe(204);
    expectError(await cancel(first), 409, 'session_cancelled');
    const audits = (id: string) =>
      app.app
        .get(DataSource)
        .query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM moderation_action WHERE action = 'session-cancel' AND target_id = $1`,
          [id],
        );
    expect((await audits(first.id))[0].n).toBe(1);
    expectError(
      await app.http
        .patch(`/api/groups/${group.slug}/sessions/${first.id}`)
        .set('Authorization', moderator.bearer)
        .send({ startsAt: second.startsAt, endsAt: second.endsAt }),
      409,
      'session_cancelled',
    );

    // Once a meeting is over, there is nothing left to cancel or move.
    jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(Date.parse(second.endsAt) + 60_000));
    expectError(await cancel(second), 409, 'room_closed');
    expect((await audits(second.id))[0].n).toBe(0);
    const later = Date.parse(second.endsAt) + 7 * DAY;
    expectError(
      await app.http
        .patch(`/api/groups/${group.slug}/sessions/${second.id}`)
        .set('Authorization', moderator.bearer)
        .send({ startsAt: new Date(later).toISOString(), endsAt: new Date(later + DAY / 24).toISOString() }),
      409,
      'room_closed',
    );
  });

  it('runs the rituals live: the opening text, a round in turn, the raise-hand queue and the closing text', async () => {
    const [lead, anna, bram] = [await member('Wijze Merel'), await member('Anna Merel'), await member('Bram Merel')];
    const series = (
      await plan({
        count: 2,
        facilitatorMemberId: lead.membership.memberId,
        closingText: 'Dank jullie wel. Tot volgende week.',
      })
    ).body as SeriesView;
    await seriesSignUp(anna.member, series);
    await seriesSignUp(bram.member, series);
    const [meeting] = await meetings(lead.member, series);
    atMeeting(meeting);
    const room = { group: group.slug, session: meeting.id };
    const [leadSocket, annaSocket, bramSocket] = [
      await connectChat(app, lead.member),
      await connectChat(app, anna.member),
      await connectChat(app, bram.member),
    ];
    await joinRoom(leadSocket, room);
    await joinRoom(annaSocket, room);
    await joinRoom(bramSocket, room);
    const seen = collect<{ room: unknown; state: SessionLiveState }>(bramSocket, 'session:state');
    type StateAck = { ok: true; state: SessionLiveState };

    expect(await call(annaSocket, 'session:phase', { ...room, phase: 'opening' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const opening = (await call(leadSocket, 'session:phase', { ...room, phase: 'opening' })) as StateAck;
    expect(opening.state).toMatchObject({ phase: 'opening', opening: group.pledge, floor: null });
    await eventually(() => seen.some((event) => event.state.phase === 'opening'));

    // The facilitator cannot give the word to herself.
    expect(await call(leadSocket, 'session:floor', { ...room, memberId: lead.membership.memberId })).toMatchObject({
      ok: false,
      error: { code: 'floor_to_self' },
    });

    const round = (await call(leadSocket, 'session:phase', { ...room, phase: 'round' })) as StateAck;
    expect(round.state.phase).toBe('round');
    const order = [round.state.floor, ...round.state.round].map((person) => person?.memberId);
    expect([...order].sort()).toEqual([anna.membership.memberId, bram.membership.memberId].sort());
    const [firstId, secondId] = order as string[];
    const speaker = firstId === anna.membership.memberId ? annaSocket : bramSocket;
    const listener = speaker === annaSocket ? bramSocket : annaSocket;
    await sendMessage(speaker, room, 'Deze week ging het beter.');
    expect(await call(listener, 'message:send', { ...room, clientMsgId: randomUUID(), body: 'Mag ik?' })).toMatchObject(
      { ok: false, error: { code: 'not_your_turn' } },
    );
    const second = (await call(leadSocket, 'session:next', room)) as StateAck;
    expect(second.state.floor?.memberId).toBe(secondId);
    expect(second.state.round).toEqual([]);
    const done = (await call(leadSocket, 'session:next', room)) as StateAck;
    expect(done.state).toMatchObject({ phase: 'open', floor: null, round: [] });
    expect(await call(leadSocket, 'session:next', room)).toMatchObject({
      ok: false,
      error: { code: 'validation_failed' },
    });

    // The raise-hand queue: first raised first; lowering leaves it; the word takes one out.
    await call(bramSocket, 'session:hand', { ...room, raised: true });
    const both = (await call(annaSocket, 'session:hand', { ...room, raised: true })) as StateAck;
    expect(both.state.hands.map((person: ChatMember) => person.alias)).toEqual(['Bram Merel', 'Anna Merel']);
    const again = (await call(annaSocket, 'session:hand', { ...room, raised: true })) as StateAck;
    expect(again.state.hands).toHaveLength(2);
    const lowered = (await call(bramSocket, 'session:hand', { ...room, raised: false })) as StateAck;
    expect(lowered.state.hands.map((person) => person.alias)).toEqual(['Anna Merel']);
    const floorEvent = waitForEvent<{ floor: ChatMember | null }>(bramSocket, 'session:floor');
    expect(await call(leadSocket, 'session:floor', { ...room, memberId: anna.membership.memberId })).toMatchObject({
      ok: true,
    });
    expect((await floorEvent).floor?.alias).toBe('Anna Merel');
    await eventually(() => seen.at(-1)?.state.hands.length === 0 && seen.at(-1)?.state.floor?.alias === 'Anna Merel');

    const closing = (await call(leadSocket, 'session:phase', { ...room, phase: 'closing' })) as StateAck;
    expect(closing.state).toMatchObject({
      phase: 'closing',
      closing: 'Dank jullie wel. Tot volgende week.',
      floor: null,
    });
    // Versions only go up, so a client can drop a stale state.
    const versions = seen.map((event) => event.state.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    const rejoined: RoomJoined = await joinRoom(await connectChat(app, bram.member), room);
    expect(rejoined.room.live).toMatchObject({ phase: 'closing', version: closing.state.version });
  });
});
