import { describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { RECOVERY_WINDOW_MS } from '../src/chat/chat-live.js';
import { ChatLive } from '../src/chat/chat-live.js';
import { Clock } from '../src/chat/clock.js';
import type { SessionLiveState, SessionView } from '../src/contracts/chat.js';
import type { SeriesView } from '../src/contracts/session-series.js';
import type { TestMember } from './support/accounts.js';
import { call, collect, connectChat, eventually, joinRoom, waitForEvent } from './support/sockets.js';
import { SessionFacilitation } from '../src/sessions/session-facilitation.js';
import { moderatedGroupSuite } from './support/suite.js';

const DAY = 24 * 60 * 60 * 1000;
type StateAck = { ok: true; state: SessionLiveState };

/**
 * Who may have the word in a session: never its facilitator ("A facilitator cannot give the word
 * to herself"), on every path that hands it out; and never someone who is gone.
 */
describe('the word in a session', () => {
  const { app, group, moderator, member } = moderatedGroupSuite('Zorgzame Eik');

  const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

  /** A series of one meeting led by `lead`; each of `others` signs up for it as a volunteer. Clock at the meeting. */
  async function meeting(lead: TestMemberOf, others: TestMemberOf[]) {
    const planned = await app.http
      .post(`/api/groups/${group.slug}/session-series`)
      .set('Authorization', moderator.bearer)
      .send({
        title: 'Donderdagavond',
        rhythm: 'weekly',
        firstDate: inDays(3),
        localTime: '19:00',
        durationMinutes: 90,
        count: 1,
        capacity: 10,
        facilitatorMemberId: lead.membership.memberId,
      });
    expect(planned.status).toBe(201);
    const series = planned.body as SeriesView;
    for (const person of others) {
      const signed = await app.http
        .post(`/api/groups/${group.slug}/session-series/${series.id}/signup`)
        .set('Authorization', person.member.bearer)
        .send({ volunteer: true });
      expect(signed.status).toBe(200);
    }
    const listed = await app.http.get(`/api/groups/${group.slug}/sessions`).set('Authorization', moderator.bearer);
    const session = (listed.body as SessionView[]).find((one) => one.series?.id === series.id)!;
    jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(Date.parse(session.startsAt) + 60_000));
    return { session, room: { group: group.slug, session: session.id } };
  }

  type TestMemberOf = Awaited<ReturnType<typeof member>>;

  async function enter(person: TestMember, room: { group: string; session: string }) {
    const socket = await connectChat(app, person);
    await joinRoom(socket, room);
    return socket;
  }

  const moderate = (body: Record<string, unknown>) =>
    app.http.post(`/api/groups/${group.slug}/moderation/actions`).set('Authorization', moderator.bearer).send(body);

  it('keeps the facilitator out of a round a moderator starts, and refuses her the word on every path', async () => {
    const [lead, anna, bram] = [await member('Leidende Spar'), await member('Anna Spar'), await member('Bram Spar')];
    const { room } = await meeting(lead, [anna, bram]);
    const leadSocket = await enter(lead.member, room);
    await enter(anna.member, room);
    await enter(bram.member, room);
    const modSocket = await enter(moderator, room);

    // She cannot queue for the word: she speaks anyway.
    expect(await call(leadSocket, 'session:hand', { ...room, raised: true })).toMatchObject({
      ok: false,
      error: { code: 'floor_to_self' },
    });

    const round = (await call(modSocket, 'session:phase', { ...room, phase: 'round' })) as StateAck;
    expect(round.ok).toBe(true);
    const order = [round.state.floor, ...round.state.round].map((person) => person?.memberId);
    expect([...order].sort()).toEqual([anna.membership.memberId, bram.membership.memberId].sort());

    // Neither she nor the moderator can hand the word to her.
    for (const socket of [leadSocket, modSocket]) {
      expect(await call(socket, 'session:floor', { ...room, memberId: lead.membership.memberId })).toMatchObject({
        ok: false,
        error: { code: 'floor_to_self' },
      });
    }
    // She walks the round to its end without ever getting the word.
    const second = (await call(leadSocket, 'session:next', room)) as StateAck;
    expect(second.state.floor?.memberId).toBe(order[1]);
    const done = (await call(leadSocket, 'session:next', room)) as StateAck;
    expect(done.state).toMatchObject({ phase: 'open', floor: null, round: [] });

    // A round she starts herself leaves her out as well.
    const own = (await call(leadSocket, 'session:phase', { ...room, phase: 'round' })) as StateAck;
    expect([own.state.floor, ...own.state.round].map((person) => person?.memberId).sort()).toEqual(
      [anna.membership.memberId, bram.membership.memberId].sort(),
    );
  });

  it('refuses a round with nobody to take a turn (round_empty) and leaves the meeting as it was', async () => {
    const [lead, anna] = [await member('Eenzame Wilg'), await member('Anna Wilg')];
    const { room } = await meeting(lead, [anna]);
    const leadSocket = await enter(lead.member, room);
    const modSocket = await enter(moderator, room);
    const seen = collect<{ state: SessionLiveState }>(leadSocket, 'session:state');

    // Anna signed up but is not here; the facilitator and a moderator lead, and never take a turn.
    for (const socket of [leadSocket, modSocket]) {
      expect(await call(socket, 'session:phase', { ...room, phase: 'round' })).toMatchObject({
        ok: false,
        error: { code: 'round_empty' },
      });
    }
    const opening = (await call(leadSocket, 'session:phase', { ...room, phase: 'opening' })) as StateAck;
    expect(opening.state).toMatchObject({ phase: 'opening', floor: null, round: [] });
    expect(await call(leadSocket, 'session:phase', { ...room, phase: 'round' })).toMatchObject({
      ok: false,
      error: { code: 'round_empty' },
    });
    // The refusal changed nothing: the room heard only of the opening.
    expect(seen.map((event) => event.state.phase)).toEqual(['opening']);
    const rejoined = await joinRoom(await connectChat(app, lead.member), room);
    expect(rejoined.room.live).toMatchObject({
      phase: 'opening',
      floor: null,
      round: [],
      version: opening.state.version,
    });

    // Once she is in the room, the round starts with her.
    await enter(anna.member, room);
    const round = (await call(leadSocket, 'session:phase', { ...room, phase: 'round' })) as StateAck;
    expect(round.state).toMatchObject({ phase: 'round', floor: { memberId: anna.membership.memberId }, round: [] });
  });

  it('gives up the places of a member whose membership ended even when her room cannot be told', async () => {
    const [lead, anna] = [await member('Breekbare Hazelaar'), await member('Anna Hazelaar')];
    const { session, room } = await meeting(lead, [anna]);
    await enter(anna.member, room);
    const facilitation = app.app.get(SessionFacilitation);
    const failing = jest.spyOn(facilitation, 'withdrawMember').mockRejectedValueOnce(new Error('Redis unreachable'));
    try {
      expect(
        (
          await moderate({
            action: 'remove',
            memberId: anna.membership.memberId,
            reason: 'Herhaaldelijk grensoverschrijdend.',
          })
        ).status,
      ).toBe(201);
      expect(failing).toHaveBeenCalledWith(anna.membership.memberId);
    } finally {
      failing.mockRestore();
    }
    const [signups] = await app.app.get(DataSource).query<{ meeting: number; series: number }[]>(
      `SELECT (SELECT count(*)::int FROM chat_session_signup WHERE membership_id = $1) AS meeting,
              (SELECT count(*)::int FROM chat_session_series_signup WHERE membership_id = $1) AS series`,
      [anna.membership.memberId],
    );
    expect(signups).toEqual({ meeting: 0, series: 0 });
    const view = await app.http
      .get(`/api/groups/${group.slug}/sessions/${session.id}`)
      .set('Authorization', moderator.bearer);
    expect((view.body as SessionView).signedUp).toBe(1);
  });

  it('never gives a turn to a member whose membership ended, even to a round started while she is being withdrawn', async () => {
    const [lead, anna, bram] = [await member('Late Vlier'), await member('Anna Vlier'), await member('Bram Vlier')];
    const { room } = await meeting(lead, [anna, bram]);
    const leadSocket = await enter(lead.member, room);
    await enter(anna.member, room);
    await enter(bram.member, room);
    const annaInRoom = { memberId: anna.membership.memberId, alias: anna.membership.alias };
    const live = app.app.get(ChatLive);
    const presence = live.presence.bind(live);
    // Another process still counts her in the room for a moment (its connections close a little later).
    const lagging = jest
      .spyOn(live, 'presence')
      .mockImplementation(async (roomId) => [
        ...(await presence(roomId)).filter((one) => one.memberId !== annaInRoom.memberId),
        annaInRoom,
      ]);
    const facilitation = app.app.get(SessionFacilitation);
    const withdraw = facilitation.withdrawMember.bind(facilitation);
    let during: unknown;
    // The facilitator starts a round just as the clean-up of Anna's membership passes.
    const racing = jest.spyOn(facilitation, 'withdrawMember').mockImplementationOnce(async (...args) => {
      await withdraw(...args);
      during = await call(leadSocket, 'session:phase', { ...room, phase: 'round' });
    });
    try {
      expect(
        (
          await moderate({
            action: 'remove',
            memberId: anna.membership.memberId,
            reason: 'Herhaaldelijk grensoverschrijdend.',
          })
        ).status,
      ).toBe(201);
      expect(racing).toHaveBeenCalled();
      expect(during).toMatchObject({
        ok: true,
        state: { phase: 'round', floor: { memberId: bram.membership.memberId }, round: [] },
      });
      // The same afterwards: a new round is Bram's alone.
      expect(await call(leadSocket, 'session:phase', { ...room, phase: 'round' })).toMatchObject({
        ok: true,
        state: { floor: { memberId: bram.membership.memberId }, round: [] },
      });
    } finally {
      racing.mockRestore();
      lagging.mockRestore();
    }
  });

  it('takes a member named facilitator mid-session out of the round and the hand queue; the word she held passes on', async () => {
    const [lead, anna, bram, cato] = [
      await member('Eerste Beuk'),
      await member('Anna Beuk'),
      await member('Bram Beuk'),
      await member('Cato Beuk'),
    ];
    const { session, room } = await meeting(lead, [anna, bram, cato]);
    const leadSocket = await enter(lead.member, room);
    const sockets = new Map<string, Awaited<ReturnType<typeof enter>>>();
    for (const person of [anna, bram, cato]) {
      sockets.set(person.membership.memberId, await enter(person.member, room));
    }
    const seen = collect<{ state: SessionLiveState }>(leadSocket, 'session:state');
    const name = (memberId: string) =>
      app.http
        .put(`/api/groups/${group.slug}/sessions/${session.id}/facilitator`)
        .set('Authorization', moderator.bearer)
        .send({ memberId });

    const round = (await call(leadSocket, 'session:phase', { ...room, phase: 'round' })) as StateAck;
    const holder = round.state.floor!.memberId;
    const [next, last] = round.state.round.map((person) => person.memberId);
    await call(sockets.get(last)!, 'session:hand', { ...room, raised: true });

    // The last in turn, her hand raised, is named facilitator: she leaves the queue and the round.
    expect((await name(last)).status).toBe(200);
    await eventually(() => seen.at(-1)?.state.facilitator?.memberId === last);
    expect(seen.at(-1)!.state).toMatchObject({ phase: 'round', floor: { memberId: holder }, hands: [] });
    expect(seen.at(-1)!.state.round.map((person) => person.memberId)).toEqual([next]);

    // The one speaking is named facilitator: the word goes to the next in turn at once.
    expect((await name(holder)).status).toBe(200);
    await eventually(() => seen.at(-1)?.state.facilitator?.memberId === holder);
    expect(seen.at(-1)!.state).toMatchObject({ phase: 'round', floor: { memberId: next }, round: [] });
    // Leading now, she walks the round to its end and does not get the word back.
    expect(await call(sockets.get(holder)!, 'session:next', room)).toMatchObject({
      ok: true,
      state: { phase: 'open', floor: null },
    });
    expect(await call(sockets.get(holder)!, 'session:floor', { ...room, memberId: holder })).toMatchObject({
      ok: false,
      error: { code: 'floor_to_self' },
    });
  });

  it('passes the word on when its holder is removed or suspended, and drops them from the round and the queue', async () => {
    const [lead, anna, bram, cato] = [
      await member('Kalme Esdoorn'),
      await member('Anna Esdoorn'),
      await member('Bram Esdoorn'),
      await member('Cato Esdoorn'),
    ];
    const { room } = await meeting(lead, [anna, bram, cato]);
    const leadSocket = await enter(lead.member, room);
    const sockets = new Map<string, Awaited<ReturnType<typeof enter>>>();
    for (const person of [anna, bram, cato]) {
      sockets.set(person.membership.memberId, await enter(person.member, room));
    }
    const seen = collect<{ state: SessionLiveState }>(leadSocket, 'session:state');
    const floors = collect<{ floor: { memberId: string } | null }>(leadSocket, 'session:floor');

    const round = (await call(leadSocket, 'session:phase', { ...room, phase: 'round' })) as StateAck;
    const [first, second, third] = [round.state.floor!, ...round.state.round].map((person) => person.memberId);
    await call(sockets.get(third)!, 'session:hand', { ...room, raised: true });

    // The one speaking is removed from the group: the word passes to the next in turn at once.
    expect(
      (await moderate({ action: 'remove', memberId: first, reason: 'Herhaaldelijk grensoverschrijdend.' })).status,
    ).toBe(201);
    await eventually(() => seen.at(-1)?.state.floor?.memberId === second);
    expect(seen.at(-1)!.state.round.map((person) => person.memberId)).toEqual([third]);
    await eventually(() => floors.at(-1)?.floor?.memberId === second);

    // The next holder is suspended: the word goes to the last, who leaves the hand queue with it.
    expect(
      (await moderate({ action: 'suspend', memberId: second, days: 3, reason: 'Even afkoelen, graag.' })).status,
    ).toBe(201);
    await eventually(() => seen.at(-1)?.state.floor?.memberId === third);
    expect(seen.at(-1)!.state).toMatchObject({ phase: 'round', round: [], hands: [] });

    // The last one is suspended too: nobody is left in turn, so the round ends in open talk.
    expect(
      (await moderate({ action: 'suspend', memberId: third, days: 3, reason: 'Even afkoelen, graag.' })).status,
    ).toBe(201);
    await eventually(() => seen.at(-1)?.state.phase === 'open');
    expect(seen.at(-1)!.state).toMatchObject({ floor: null, round: [], hands: [] });
    // Rejoining shows the same: nobody holds the word of someone who is gone.
    const rejoined = await joinRoom(await connectChat(app, lead.member), room);
    expect(rejoined.room.live).toMatchObject({ phase: 'open', floor: null, round: [], hands: [] });
    expect(rejoined.room.floor).toBeNull();
  });

  it('passes the word on when its holder gives back her place in the meeting or the series', async () => {
    const [lead, anna, bram] = [
      await member('Stille Populier'),
      await member('Anna Populier'),
      await member('Bram Populier'),
    ];
    const { session, room } = await meeting(lead, [anna, bram]);
    const leadSocket = await enter(lead.member, room);
    await enter(anna.member, room);
    await enter(bram.member, room);
    const round = (await call(leadSocket, 'session:phase', { ...room, phase: 'round' })) as StateAck;
    const holder = round.state.floor!.memberId;
    const other = round.state.round[0].memberId;
    const holderMember = holder === anna.membership.memberId ? anna.member : bram.member;
    const seen = collect<{ state: SessionLiveState }>(leadSocket, 'session:state');
    const out = await app.http
      .delete(`/api/groups/${group.slug}/sessions/${session.id}/signup`)
      .set('Authorization', holderMember.bearer);
    expect(out.status).toBe(204);
    await eventually(() => seen.at(-1)?.state.floor?.memberId === other);
    expect(seen.at(-1)!.state.round).toEqual([]);
  });

  it('passes the word on when its holder dropped out of the room and did not come back within the recovery window', async () => {
    const [lead, anna, bram] = [await member('Trage Lork'), await member('Anna Lork'), await member('Bram Lork')];
    const { session, room } = await meeting(lead, [anna, bram]);
    const leadSocket = await enter(lead.member, room);
    const annaSocket = await enter(anna.member, room);
    const bramSocket = await enter(bram.member, room);
    const round = (await call(leadSocket, 'session:phase', { ...room, phase: 'round' })) as StateAck;
    const holder = round.state.floor!.memberId;
    const other = round.state.round[0].memberId;
    const sweep = (ms: number) =>
      app.app.get(SessionFacilitation).passOnFromAbsent(new Date(Date.parse(session.startsAt) + ms));

    // Present, the holder keeps the word however long she speaks.
    await sweep(0);
    await sweep(2 * RECOVERY_WINDOW_MS);
    const gone = waitForEvent<{ present: boolean }>(leadSocket, 'presence:update');
    (holder === anna.membership.memberId ? annaSocket : bramSocket).disconnect();
    expect((await gone).present).toBe(false);
    const seen = collect<{ state: SessionLiveState }>(leadSocket, 'session:state');
    // A dropped connection may come back within the window: the word waits that long, no longer.
    // (Times from the chat clock the meeting set, which the every-minute sweep reads as well.)
    await sweep(60_000);
    await sweep(60_000 + RECOVERY_WINDOW_MS - 1);
    expect(seen).toEqual([]);
    await sweep(60_000 + RECOVERY_WINDOW_MS);
    await eventually(() => seen.at(-1)?.state.floor?.memberId === other);
    expect(seen.at(-1)!.state.round).toEqual([]);
  });
});
