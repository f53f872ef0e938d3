import { randomUUID } from 'node:crypto';
import { describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { Clock } from '../src/chat/clock.js';
import type { ChatMember, ChatMessage, SessionView } from '../src/contracts/chat.js';
import type { MyMembership } from '../src/contracts/groups.js';
import { SessionsService } from '../src/sessions/sessions.service.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { expectError } from './support/errors.js';
import { createGroup, joinGroup } from './support/groups.js';
import { call, collect, connectChat, eventually, joinRoom, sendMessage, waitForEvent } from './support/sockets.js';
import { moderatedGroupSuite } from './support/suite.js';

const HOUR = 60 * 60 * 1000;

describe('scheduled sessions', () => {
  const { app, admin, group, moderator, member } = moderatedGroupSuite('Zorgzame Eik');

  /** Schedules a session through the API; starts in an hour and lasts an hour unless told. */
  async function schedule(facilitator: MyMembership, overrides: Record<string, unknown> = {}, by = moderator) {
    const start = Date.now() + HOUR;
    return app.http
      .post(`/api/groups/${group.slug}/sessions`)
      .set('Authorization', by.bearer)
      .send({
        title: 'Donderdagavond: omgaan met de feestdagen',
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + HOUR).toISOString(),
        capacity: 10,
        facilitatorMemberId: facilitator.memberId,
        ...overrides,
      });
  }

  async function signUp(person: TestMember, session: SessionView) {
    return app.http.post(`/api/groups/${group.slug}/sessions/${session.id}/signup`).set('Authorization', person.bearer);
  }

  /** Moves chat's clock to `ms` after the session's start (negative: before it). */
  function atSessionTime(session: SessionView, ms: number) {
    jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(Date.parse(session.startsAt) + ms));
  }

  it('lets a moderator schedule a session led by a member of the group; members cannot', async () => {
    const lead = await member('Wijze Merel');
    expectError(await schedule(lead.membership, {}, lead.member), 403, 'forbidden');
    const created = await schedule(lead.membership);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      group: group.slug,
      title: 'Donderdagavond: omgaan met de feestdagen',
      capacity: 10,
      facilitator: { memberId: lead.membership.memberId, alias: 'Wijze Merel' },
      signedUp: 1,
      mine: false,
      open: false,
    });
    const listed = await app.http.get(`/api/groups/${group.slug}/sessions`).set('Authorization', lead.member.bearer);
    expect((listed.body as SessionView[]).find((session) => session.id === created.body.id)).toMatchObject({
      mine: true,
    });
  });

  it('refuses a capacity outside 2–20, an end before the start, and a facilitator from outside the group', async () => {
    const lead = await member('Kalme Vos');
    expectError(await schedule(lead.membership, { capacity: 1 }), 400, 'validation_failed');
    expectError(await schedule(lead.membership, { capacity: 21 }), 400, 'validation_failed');
    expectError(
      await schedule(lead.membership, { endsAt: new Date(Date.now() + 30 * 60 * 1000).toISOString() }),
      400,
      'validation_failed',
    );
    const outsider = await registerMember(app);
    const elsewhere = await joinGroup(app, outsider, (await createGroup(app, admin)).slug);
    const body = expectError(await schedule(elsewhere), 400, 'validation_failed');
    expect(body.details?.[0].field).toBe('facilitatorMemberId');
    expectError(
      await schedule(lead.membership, {
        startsAt: new Date(Date.now() - 2 * HOUR).toISOString(),
        endsAt: new Date(Date.now() - HOUR).toISOString(),
      }),
      400,
      'validation_failed',
    );
  });

  it('gives the places to the first who sign up, the facilitator holding one, and refuses the rest', async () => {
    const lead = await member('Open Haven');
    const session = (await schedule(lead.membership, { capacity: 3 })).body as SessionView;
    const [first, second, third] = [
      await member('Eerste Ster'),
      await member('Tweede Ster'),
      await member('Derde Ster'),
    ];
    expect((await signUp(first.member, session)).status).toBe(200);
    expect((await signUp(first.member, session)).body).toMatchObject({ signedUp: 2, mine: true });
    const race = await Promise.all([signUp(second.member, session), signUp(third.member, session)]);
    expect(race.map((response) => response.status).sort()).toEqual([200, 409]);
    expectError(
      race.find((response) => response.status === 409)!,
      409,
      'session_full',
    );
    const [{ n }] = await app.app
      .get(DataSource)
      .query<{ n: number }[]>('SELECT count(*)::int AS n FROM chat_session_signup WHERE session_id = $1', [session.id]);
    expect(n).toBe(3);
  });

  it('opens the room at startsAt to those who signed up, and closes it at endsAt', async () => {
    const lead = await member('Stille Golf');
    const guest = await member('Nieuwe Roos');
    const stranger = await member('Andere Roos');
    const session = (await schedule(lead.membership)).body as SessionView;
    expect((await signUp(guest.member, session)).status).toBe(200);
    const room = { group: group.slug, session: session.id };
    const [leadSocket, guestSocket, strangerSocket] = [
      await connectChat(app, lead.member),
      await connectChat(app, guest.member),
      await connectChat(app, stranger.member),
    ];

    atSessionTime(session, -60_000);
    expect(await call(guestSocket, 'room:join', room)).toMatchObject({ ok: false, error: { code: 'room_closed' } });

    atSessionTime(session, 60_000);
    const joined = await joinRoom(guestSocket, room);
    expect(joined.room).toMatchObject({ ...room, alias: 'Nieuwe Roos', floor: null, lastSeq: 0 });
    await joinRoom(leadSocket, room);
    expect(await call(strangerSocket, 'room:join', room)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const elsewhere = await connectChat(app, (await member('Buurman')).member);
    expect(await call(elsewhere, 'room:join', { group: group.slug, session: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const received = waitForEvent<ChatMessage>(leadSocket, 'message:new');
    const message = await sendMessage(guestSocket, room, 'Fijn dat deze avond er is.');
    expect(message).toMatchObject({ group: group.slug, session: session.id, alias: 'Nieuwe Roos', seq: 1 });
    expect(await received).toEqual(message);

    atSessionTime(session, HOUR);
    expect(
      await call(guestSocket, 'message:send', { ...room, clientMsgId: randomUUID(), body: 'Nog één ding' }),
    ).toMatchObject({ ok: false, error: { code: 'room_closed' } });
    const closed = waitForEvent(guestSocket, 'room:closed');
    await app.app.get(SessionsService).closeEnded();
    expect(await closed).toEqual({ room, reason: 'session_ended' });
  });

  it('lets the facilitator set slow mode and hand the word around; members cannot', async () => {
    const lead = await member('Rustige Linde');
    const [speaker, listener] = [await member('Spreker Uil'), await member('Luisteraar Uil')];
    const session = (await schedule(lead.membership)).body as SessionView;
    await signUp(speaker.member, session);
    await signUp(listener.member, session);
    atSessionTime(session, 60_000);
    const room = { group: group.slug, session: session.id };
    const [leadSocket, speakerSocket, listenerSocket] = await Promise.all(
      [lead, speaker, listener].map((person) => connectChat(app, person.member)),
    );
    for (const socket of [leadSocket, speakerSocket, listenerSocket]) {
      await joinRoom(socket, room);
    }
    expect(await call(listenerSocket, 'room:slow-mode', { ...room, seconds: 20 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await call(leadSocket, 'room:slow-mode', { ...room, seconds: 20 })).toEqual({ ok: true, seconds: 20 });
    expect(
      await call(listenerSocket, 'session:floor', { ...room, memberId: listener.membership.memberId }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const floors = collect<{ floor: ChatMember | null }>(listenerSocket, 'session:floor');
    const toSpeaker = await call(leadSocket, 'session:floor', { ...room, memberId: speaker.membership.memberId });
    expect(toSpeaker).toEqual({ ok: true, floor: { memberId: speaker.membership.memberId, alias: 'Spreker Uil' } });
    await eventually(() => floors.length === 1);
    expect(floors[0]).toEqual({ room, floor: { memberId: speaker.membership.memberId, alias: 'Spreker Uil' } });
    expect(
      await call(listenerSocket, 'message:send', { ...room, clientMsgId: randomUUID(), body: 'Mag ik ook?' }),
    ).toMatchObject({ ok: false, error: { code: 'not_your_turn' } });
    await sendMessage(speakerSocket, room, 'Dank je, ik wil iets vertellen.');
    await sendMessage(leadSocket, room, 'Neem je tijd.');
    await sendMessage(leadSocket, room, 'De facilitator wacht niet op slow mode.');
    expect((await joinRoom(await connectChat(app, listener.member), room)).room.floor).toEqual({
      memberId: speaker.membership.memberId,
      alias: 'Spreker Uil',
    });

    expect(await call(leadSocket, 'session:floor', { ...room, memberId: null })).toEqual({ ok: true, floor: null });
    await sendMessage(listenerSocket, room, 'Nu ik.');
    expect(
      await call(listenerSocket, 'message:send', { ...room, clientMsgId: randomUUID(), body: 'En nog iets.' }),
    ).toMatchObject({ ok: false, error: { code: 'slow_mode' } });
    const outsider = await member('Niet Ingeschreven');
    expect(await call(leadSocket, 'session:floor', { ...room, memberId: outsider.membership.memberId })).toMatchObject({
      ok: false,
      error: { code: 'validation_failed' },
    });
  });

  it('takes a member who signs out out of the open room at once; the facilitator cannot sign out', async () => {
    const lead = await member('Zachte Berk');
    const guest = await member('Vertrekkende Berk');
    const session = (await schedule(lead.membership)).body as SessionView;
    await signUp(guest.member, session);
    atSessionTime(session, 60_000);
    const room = { group: group.slug, session: session.id };
    const socket = await connectChat(app, guest.member);
    await joinRoom(socket, room);
    const closed = waitForEvent(socket, 'room:closed');
    const out = await app.http
      .delete(`/api/groups/${group.slug}/sessions/${session.id}/signup`)
      .set('Authorization', guest.member.bearer);
    expect(out.status).toBe(204);
    expect(await closed).toEqual({ room, reason: 'signed_out' });
    expect(await call(socket, 'room:join', room)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expectError(
      await app.http
        .delete(`/api/groups/${group.slug}/sessions/${session.id}/signup`)
        .set('Authorization', lead.member.bearer),
      403,
      'forbidden',
    );
  });

  it('closes the room of a cancelled session and deletes what was said in it', async () => {
    const lead = await member('Trouwe Wilg');
    const session = (await schedule(lead.membership)).body as SessionView;
    atSessionTime(session, 60_000);
    const room = { group: group.slug, session: session.id };
    const socket = await connectChat(app, lead.member);
    await joinRoom(socket, room);
    await sendMessage(socket, room, 'Welkom allemaal.');
    const closed = waitForEvent(socket, 'room:closed');
    const cancelled = await app.http
      .delete(`/api/groups/${group.slug}/sessions/${session.id}`)
      .set('Authorization', moderator.bearer)
      .send({ reason: 'De begeleider is ziek.' });
    expect(cancelled.status).toBe(204);
    expect(await closed).toEqual({ room, reason: 'session_ended' });
    const [{ n }] = await app.app
      .get(DataSource)
      .query<{ n: number }[]>(`SELECT count(*)::int AS n FROM chat_message WHERE body = 'Welkom allemaal.'`);
    expect(n).toBe(0);
    expectError(
      await app.http.get(`/api/groups/${group.slug}/sessions/${session.id}`).set('Authorization', lead.member.bearer),
      404,
      'not_found',
    );
  });
});
