import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { ChatRetentionService } from '../src/chat/chat-retention.service.js';
import { Clock } from '../src/chat/clock.js';
import type { ChatMember, ChatMessage, RoomRef } from '../src/contracts/chat.js';
import type { GroupDetail, MyMembership } from '../src/contracts/groups.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { accountId } from './support/database-rows.js';
import { createGroup, joinGroup, makeModerator, registerAdmin } from './support/groups.js';
import {
  call,
  type ChatClient,
  closeChatClients,
  collect,
  connectChat,
  eventually,
  firstOf,
  joinRoom,
  sendMessage,
  waitForEvent,
} from './support/sockets.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const MESSAGE_KEYS = ['alias', 'body', 'createdAt', 'group', 'id', 'memberId', 'seq'];

describe('group chatrooms', () => {
  let app: TestApp;
  let admin: TestMember;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await registerAdmin(app);
  });

  afterAll(async () => {
    closeChatClients();
    await app.close();
  });

  const db = () => app.app.get(DataSource);
  const countMessages = async (where = 'TRUE', parameters: unknown[] = []) =>
    (await db().query<{ n: number }[]>(`SELECT count(*)::int AS n FROM chat_message WHERE ${where}`, parameters))[0].n;

  /** A group with members under the given aliases, each connected and in the group's room. */
  async function room(aliases: string[], overrides: Partial<GroupDetail> = {}) {
    const group = await createGroup(app, admin, overrides);
    const ref: RoomRef = { group: group.slug };
    const people: { member: TestMember; membership: MyMembership; socket: ChatClient }[] = [];
    for (const alias of aliases) {
      const member = await registerMember(app);
      const membership = await joinGroup(app, member, group.slug, { alias });
      const socket = await connectChat(app, member);
      await joinRoom(socket, ref);
      people.push({ member, membership, socket });
    }
    return { group, ref, people };
  }

  /** Resolves when nothing more arrives for a moment: to check that something was not sent. */
  const quiet = () => new Promise((resolve) => setTimeout(resolve, 300));

  it('lets two members chat live under their aliases, and refuses a third who is not a member', async () => {
    const group = await createGroup(app, admin);
    const ref = { group: group.slug };
    const [heron, linden, outsider] = [await registerMember(app), await registerMember(app), await registerMember(app)];
    await joinGroup(app, heron, group.slug, { alias: 'Stille Reiger' });
    await joinGroup(app, linden, group.slug, { alias: 'Warme Linde' });
    const [a, b, c] = [await connectChat(app, heron), await connectChat(app, linden), await connectChat(app, outsider)];
    const everythingA = collect<unknown>(a, 'message:new');
    const everythingB = collect<unknown>(b, 'message:new');
    const seenByOutsider = collect<unknown>(c, 'message:new');

    const joinedA = await joinRoom(a, ref);
    expect(joinedA.room).toMatchObject({ group: group.slug, alias: 'Stille Reiger', lastSeq: 0 });
    const arrival = waitForEvent<{ member: ChatMember; present: boolean }>(a, 'presence:update');
    const joinedB = await joinRoom(b, ref);
    expect((await arrival).member).toEqual({ memberId: joinedB.room.memberId, alias: 'Warme Linde' });
    expect(joinedB.presence).toEqual(
      expect.arrayContaining([
        { memberId: joinedA.room.memberId, alias: 'Stille Reiger' },
        { memberId: joinedB.room.memberId, alias: 'Warme Linde' },
      ]),
    );
    expect(await call(c, 'room:join', ref)).toMatchObject({ ok: false, error: { code: 'not_a_member' } });

    const hello = await sendMessage(a, ref, 'Hoi, ik ben nieuw hier.');
    const reply = await sendMessage(b, ref, 'Welkom! Fijn dat je er bent.');
    await eventually(() => everythingA.length === 2 && everythingB.length === 2);
    expect(everythingA).toEqual([hello, reply]);
    expect(everythingB).toEqual([hello, reply]);
    expect(hello).toMatchObject({ seq: 1, group: group.slug, alias: 'Stille Reiger', body: 'Hoi, ik ben nieuw hier.' });
    expect(reply).toMatchObject({ seq: 2, alias: 'Warme Linde', memberId: joinedB.room.memberId });
    expect(Object.keys(hello).sort()).toEqual(MESSAGE_KEYS);
    await quiet();
    expect(seenByOutsider).toEqual([]);

    // Nothing anybody received names an account or a login name.
    const secrets = [
      await accountId(app, heron.loginName),
      await accountId(app, linden.loginName),
      heron.loginName,
      linden.loginName,
    ];
    const received = JSON.stringify([joinedA, joinedB, everythingA, everythingB]);
    for (const secret of secrets) {
      expect(received).not.toContain(secret);
    }
  });

  it('shows presence by alias, once per member, as they come and go', async () => {
    const { ref, people } = await room(['Kalme Beek', 'Open Duin']);
    const [first, second] = people;
    await quiet();
    const updates = collect<{ member: ChatMember; present: boolean }>(first.socket, 'presence:update');
    const secondTab = await connectChat(app, second.member);
    await joinRoom(secondTab, ref);
    expect(await call(second.socket, 'room:leave', ref)).toEqual({ ok: true });
    await quiet();
    // A second tab neither arrives nor leaves while the first is there.
    expect(updates).toEqual([]);
    secondTab.disconnect();
    await eventually(() => updates.length === 1);
    expect(updates[0]).toEqual({
      room: ref,
      member: { memberId: second.membership.memberId, alias: 'Open Duin' },
      present: false,
    });
  });

  it('returns the stored message for a repeated clientMsgId and broadcasts nothing new', async () => {
    const { ref, people } = await room(['Lichte Merel', 'Trouwe Wilg']);
    const [sender, reader] = people;
    const received = collect<ChatMessage>(reader.socket, 'message:new');
    const clientMsgId = randomUUID();
    const first = await sendMessage(sender.socket, ref, 'Dit wil ik maar één keer zeggen.', clientMsgId);
    const again = await sendMessage(sender.socket, ref, 'Dit wil ik maar één keer zeggen.', clientMsgId);
    // After a reconnect, from another connection of the same member.
    const otherTab = await connectChat(app, sender.member);
    const fromElsewhere = await sendMessage(otherTab, ref, 'Dit wil ik maar één keer zeggen.', clientMsgId);
    expect(again).toEqual(first);
    expect(fromElsewhere).toEqual(first);
    await quiet();
    expect(received).toEqual([first]);
    expect(await countMessages('client_msg_id = $1', [clientMsgId])).toBe(1);
  });

  it('refuses malformed payloads with error acks, writes nothing, and the connection stays usable', async () => {
    const { ref, people } = await room(['Moedige Ster']);
    const { socket } = people[0];
    const before = await countMessages();
    const valid = { ...ref, clientMsgId: randomUUID(), body: 'Gewoon een bericht.' };
    const malformed: [unknown, string][] = [
      [{ ...valid, alias: 'Iemand Anders' }, 'alias'],
      [{ ...valid, memberId: randomUUID() }, 'memberId'],
      [{ ...valid, body: 42 }, 'body'],
      [{ ...valid, body: '   ' }, 'body'],
      [{ ...valid, body: 'x'.repeat(2001) }, 'body'],
      [{ ...valid, body: 'nul\u0000teken' }, 'body'],
      [{ ...valid, clientMsgId: 'my-message-1' }, 'clientMsgId'],
      [{ ...valid, group: ['a'] }, 'group'],
      [{ ...valid, session: randomUUID(), buddy: randomUUID() }, 'buddy'],
      [[valid], '(body)'],
      ['message', '(body)'],
      [null, '(body)'],
    ];
    for (const [payload, field] of malformed) {
      const answer = await call(socket, 'message:send', payload);
      expect({ payload, answer }).toMatchObject({
        answer: {
          ok: false,
          error: { code: 'validation_failed', details: expect.arrayContaining([expect.objectContaining({ field })]) },
        },
      });
    }
    for (const [event, payload] of [
      ['room:join', { ...ref, sinceSeq: -1 }],
      ['room:join', { ...ref, sinceSeq: '5' }],
      ['room:history', { ...ref, beforeSeq: 10, limit: 101 }],
      ['room:history', { ...ref }],
      ['room:slow-mode', { ...ref, seconds: 'lots' }],
      ['typing', { ...ref, extra: true }],
    ] as const) {
      expect(await call(socket, event, payload)).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    }
    expect(await countMessages()).toBe(before);
    expect(socket.connected).toBe(true);
    await expect(sendMessage(socket, ref, 'Nog steeds verbonden.')).resolves.toMatchObject({ seq: 1 });
  });

  it('drops a frame over 16 KiB unread with its connection; the client comes back and nothing was written', async () => {
    const group = await createGroup(app, admin);
    const ref = { group: group.slug };
    const member = await registerMember(app);
    await joinGroup(app, member, group.slug);
    const socket = await connectChat(app, member, { reconnection: true });
    await joinRoom(socket, ref);
    // Socket.IO restores a connection from the last broadcast it received: have one.
    const first = waitForEvent<ChatMessage>(socket, 'message:new');
    await sendMessage(socket, ref, 'Eerst iets kleins.');
    await first;
    const before = await countMessages();
    const dropped = waitForEvent<string>(socket, 'disconnect');
    socket.emit('message:send', { ...ref, clientMsgId: randomUUID(), body: 'x'.repeat(17 * 1024) }, () => {
      throw new Error('an oversized frame was answered');
    });
    expect(await dropped).toBe('transport close');
    await waitForEvent(socket, 'connect');
    // The connection state came back; the client joins its room again from the last seq it holds.
    expect(socket.recovered).toBe(true);
    expect((await joinRoom(socket, ref, 1)).history).toEqual([]);
    const received = collect<ChatMessage>(socket, 'message:new');
    const message = await sendMessage(socket, ref, 'Weer verbonden.');
    await eventually(() => received.length === 1);
    expect(message.seq).toBe(2);
    expect(await countMessages()).toBe(before + 1);
  });

  it('limits a connection to 5 messages in 5 seconds and says when it may send again', async () => {
    const { ref, people } = await room(['Zonnige Vos']);
    const { socket, membership } = people[0];
    for (let i = 1; i <= 5; i++) {
      await sendMessage(socket, ref, `bericht ${i}`);
    }
    const refused = await call(socket, 'message:send', { ...ref, clientMsgId: randomUUID(), body: 'bericht 6' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterMs: expect.any(Number) } });
    const { retryAfterMs } = (refused as { error: { retryAfterMs: number } }).error;
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(retryAfterMs).toBeLessThanOrEqual(5000);
    expect(await countMessages('membership_id = $1', [membership.memberId])).toBe(5);
  });

  it('lets a moderator set slow mode: members wait between messages, moderators do not, everyone is told', async () => {
    const { ref, people } = await room(['Groene Eik', 'Blauwe Uil']);
    const [mod, member] = people;
    await makeModerator(app, mod.membership);
    expect(await call(member.socket, 'room:slow-mode', { ...ref, seconds: 30 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const told = waitForEvent(member.socket, 'room:slow-mode');
    expect(await call(mod.socket, 'room:slow-mode', { ...ref, seconds: 30 })).toEqual({ ok: true, seconds: 30 });
    expect(await told).toEqual({ room: ref, seconds: 30 });
    await sendMessage(member.socket, ref, 'een');
    expect(
      await call(member.socket, 'message:send', { ...ref, clientMsgId: randomUUID(), body: 'twee' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'slow_mode', retryAfterMs: expect.any(Number) },
    });
    await sendMessage(mod.socket, ref, 'moderator een');
    await sendMessage(mod.socket, ref, 'moderator twee');
    const rejoined = await joinRoom(await connectChat(app, member.member), ref);
    expect(rejoined.room.slowModeSeconds).toBe(30);
    await call(mod.socket, 'room:slow-mode', { ...ref, seconds: 0 });
    await expect(sendMessage(member.socket, ref, 'drie')).resolves.toMatchObject({ body: 'drie' });
  });

  it('refuses messages from a member a moderator muted in the chat, who can still read along', async () => {
    const { ref, people } = await room(['Luide Stem', 'Zachte Stem']);
    const [muted, reader] = people;
    await db().query(`UPDATE membership SET muted_until = now() + interval '10 minutes' WHERE id = $1`, [
      muted.membership.memberId,
    ]);
    expect(
      await call(muted.socket, 'message:send', { ...ref, clientMsgId: randomUUID(), body: 'Luister naar mij!' }),
    ).toMatchObject({ ok: false, error: { code: 'muted' } });
    const incoming = waitForEvent<ChatMessage>(muted.socket, 'message:new');
    await sendMessage(reader.socket, ref, 'Even rustig aan.');
    expect((await incoming).body).toBe('Even rustig aan.');
    expect(await countMessages('membership_id = $1', [muted.membership.memberId])).toBe(0);
  });

  it('pages back through the history with beforeSeq and a limit of at most 100', async () => {
    const { ref, people } = await room(['Gouden Maan', 'Eerlijke Roos']);
    for (let i = 1; i <= 8; i++) {
      await sendMessage(people[i % 2].socket, ref, `regel ${i}`);
    }
    const page = await call<{ history: ChatMessage[] }>(people[0].socket, 'room:history', {
      ...ref,
      beforeSeq: 7,
      limit: 3,
    });
    expect(page.ok && page.history.map((message) => [message.seq, message.body])).toEqual([
      [4, 'regel 4'],
      [5, 'regel 5'],
      [6, 'regel 6'],
    ]);
    const latecomer = await connectChat(app, people[1].member);
    const joined = await joinRoom(latecomer, ref);
    expect(joined.history.map((message) => message.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(joined.room.lastSeq).toBe(8);
  });

  it("marks a muted alias's messages for the member who muted them, live and in the history", async () => {
    const { ref, people } = await room(['Stille Otter', 'Luide Kraanvogel', 'Lieve Den']);
    const [muter, muted, bystander] = people;
    const mute = await app.http
      .post(`/api/groups/${ref.group}/mutes`)
      .set('Authorization', muter.member.bearer)
      .send({ memberId: muted.membership.memberId });
    expect(mute.status).toBe(204);
    const forMuter = waitForEvent<ChatMessage>(muter.socket, 'message:new');
    const forBystander = waitForEvent<ChatMessage>(bystander.socket, 'message:new');
    const sent = await sendMessage(muted.socket, ref, 'Hier ben ik weer.');
    expect(await forMuter).toEqual({ ...sent, muted: true });
    expect(await forBystander).toEqual(sent);
    const history = await call<{ history: ChatMessage[] }>(muter.socket, 'room:history', { ...ref, beforeSeq: 100 });
    expect(history.ok && history.history).toEqual([{ ...sent, muted: true }]);
  });

  it('tells the others who is typing, at most every few seconds, and stores nothing', async () => {
    const { ref, people } = await room(['Wijze Zwaluw', 'Sterke Berk']);
    const [typist, reader] = people;
    const seen = collect<{ room: RoomRef; member: ChatMember }>(reader.socket, 'typing');
    const ownEcho = collect(typist.socket, 'typing');
    expect(await call(typist.socket, 'typing', ref)).toEqual({ ok: true });
    expect(await call(typist.socket, 'typing', ref)).toEqual({ ok: true });
    await quiet();
    expect(seen).toEqual([{ room: ref, member: { memberId: typist.membership.memberId, alias: 'Wijze Zwaluw' } }]);
    expect(ownEcho).toEqual([]);
    const stranger = await connectChat(app, typist.member);
    expect(await call(stranger, 'typing', ref)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await countMessages('membership_id = $1', [typist.membership.memberId])).toBe(0);
  });

  it('takes a member who leaves the group out of its rooms at once', async () => {
    const { ref, people } = await room(['Heldere Golf', 'Vriendelijke Vlinder']);
    const [leaver, stayer] = people;
    const closed = waitForEvent(leaver.socket, 'room:closed');
    const gone = waitForEvent<{ present: boolean }>(stayer.socket, 'presence:update');
    const leave = await app.http
      .post(`/api/groups/${ref.group}/leave`)
      .set('Authorization', leaver.member.bearer)
      .send({});
    expect(leave.status).toBe(204);
    expect(await closed).toEqual({ room: ref, reason: 'membership_ended' });
    expect((await gone).present).toBe(false);
    const afterwards = collect(leaver.socket, 'message:new');
    await sendMessage(stayer.socket, ref, 'Jammer dat je gaat.');
    await quiet();
    expect(afterwards).toEqual([]);
    expect(
      await call(leaver.socket, 'message:send', { ...ref, clientMsgId: randomUUID(), body: 'nog één ding' }),
    ).toMatchObject({ ok: false, error: { code: 'not_a_member' } });
    expect(leaver.socket.connected).toBe(true);
  });

  it("purges a member's chat messages when they leave with erase, and keeps them under the alias without", async () => {
    const { ref, people } = await room(['Geduldige Haven', 'Warme Ster', 'Open Beek']);
    const [eraser, keeper, reader] = people;
    await sendMessage(eraser.socket, ref, 'Dit mag weg.');
    await sendMessage(keeper.socket, ref, 'Dit mag blijven.');
    await sendMessage(eraser.socket, ref, 'Dit ook weg.');
    for (const [person, erase] of [
      [eraser, true],
      [keeper, false],
    ] as const) {
      const left = await app.http
        .post(`/api/groups/${ref.group}/leave`)
        .set('Authorization', person.member.bearer)
        .send({ erase });
      expect(left.status).toBe(204);
    }
    expect(await countMessages('membership_id = $1', [eraser.membership.memberId])).toBe(0);
    const history = await call<{ history: ChatMessage[] }>(reader.socket, 'room:history', { ...ref, beforeSeq: 100 });
    expect(history.ok && history.history.map((message) => [message.alias, message.body])).toEqual([
      ['Warme Ster', 'Dit mag blijven.'],
    ]);
  });

  it("purges a deleted account's chat messages in every group", async () => {
    const first = await room(['Kalme Reiger', 'Zachte Linde']);
    const second = await createGroup(app, admin);
    const [leaving, staying] = first.people;
    await joinGroup(app, leaving.member, second.slug, { alias: 'Andere Naam' });
    const elsewhere = await connectChat(app, leaving.member);
    await sendMessage(leaving.socket, first.ref, 'Mijn woorden hier.');
    await sendMessage(elsewhere, { group: second.slug }, 'Mijn woorden daar.');
    await sendMessage(staying.socket, first.ref, 'Ik blijf.');
    const cut = waitForEvent(leaving.socket, 'disconnect');
    const deleted = await app.http
      .delete('/api/me')
      .set('Authorization', leaving.member.bearer)
      .send({ password: leaving.member.password });
    expect(deleted.status).toBe(204);
    await cut;
    expect(await countMessages('body LIKE $1', ['Mijn woorden%'])).toBe(0);
    expect(await countMessages('body = $1', ['Ik blijf.'])).toBe(1);
  });

  it("hard-deletes messages past each group's retention window, by the clock and not by waiting", async () => {
    const short = await room(['Korte Adem'], { chatRetentionDays: 1 });
    const long = await room(['Lange Adem'], { chatRetentionDays: 30 });
    await sendMessage(short.people[0].socket, short.ref, 'Vandaag gezegd, morgen weg.');
    await sendMessage(long.people[0].socket, long.ref, 'Dit blijft een maand.');
    const clock = app.app.get(Clock);
    const retention = app.app.get(ChatRetentionService);
    const realNow = Date.now();
    const spy = jest.spyOn(clock, 'now');
    try {
      spy.mockReturnValue(new Date(realNow + 23 * 60 * 60 * 1000));
      await retention.purgeExpired();
      expect(await countMessages('body = $1', ['Vandaag gezegd, morgen weg.'])).toBe(1);
      spy.mockReturnValue(new Date(realNow + 25 * 60 * 60 * 1000));
      expect(await retention.purgeExpired()).toBeGreaterThanOrEqual(1);
      expect(await countMessages('body = $1', ['Vandaag gezegd, morgen weg.'])).toBe(0);
      expect(await countMessages('body = $1', ['Dit blijft een maand.'])).toBe(1);
      const rejoined = await joinRoom(await connectChat(app, short.people[0].member), short.ref);
      expect(rejoined.history).toEqual([]);
      expect(rejoined.room.lastSeq).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('never writes what members say to the logs', async () => {
    // A canary no id, hash or timestamp in a log line can contain by chance (a short hex marker once did).
    const canary = `kanarie${Date.now().toString(36)}`;
    const { ref, people } = await room(['Geheime Uil']);
    await sendMessage(people[0].socket, ref, `Een zin die alleen hier thuishoort ${canary}.`);
    await call(people[0].socket, 'message:send', {
      ...ref,
      clientMsgId: 'x',
      body: `Ook niet bij een fout ${canary}.`,
    });
    await firstOf(people[0].socket, ['never'], 100).catch(() => undefined);
    expect(app.logs()).not.toContain(canary);
    expect(app.logs()).not.toContain('thuishoort');
  });
});
