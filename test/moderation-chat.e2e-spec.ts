import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Test } from 'supertest';
import { DataSource } from 'typeorm';
import type { ChatMessage, MessageRemoved, MessageSent, RoomRef } from '../src/contracts/chat.js';
import type { MyMembership } from '../src/contracts/groups.js';
import type { Notice, QueueEntry } from '../src/contracts/moderation.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { createGroup, joinGroup, registerAdmin } from './support/groups.js';
import {
  call,
  type ChatClient,
  closeChatClients,
  collect,
  connectChat,
  joinRoom,
  sendMessage,
  waitForEvent,
} from './support/sockets.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** The numbers a Dutch-speaking group's members are told to call, exactly (issue 5 pins them). */
const DUTCH_CRISIS_PHONES = ['1813', '0800 32 123', '113 of 0800-0113', '112'];
const CRISIS_TEXT = 'Ik wil er niet meer zijn. Ik heb al een afscheidsbrief geschreven.';

type ModQueueEvent = { group: string; entry: QueueEntry };
type NoticeEvent = { group: string; notice: Notice };

interface Person {
  member: TestMember;
  membership: MyMembership;
  socket: ChatClient;
}

describe('moderation and safety of chat messages, live (issue 5)', () => {
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

  const http = (who: TestMember, method: 'get' | 'post', path: string, body?: object): Test => {
    const request = app.http[method](path).set('Authorization', who.bearer);
    return body === undefined ? request : request.send(body);
  };
  const sql = <T>(query: string, params: unknown[] = []) => app.app.get(DataSource).query<T>(query, params);
  const countMessages = async () => (await sql<{ n: number }[]>('SELECT count(*)::int AS n FROM chat_message'))[0].n;
  /** Resolves when nothing more arrives for a moment: to check that something was not sent. */
  const quiet = () => new Promise((resolve) => setTimeout(resolve, 300));

  /**
   * A group with one appointed moderator and `memberCount` members, everyone connected to `/chat`;
   * members are in the group's room, the moderator only when `moderatorInRoom`.
   */
  async function moderatedRoom(memberCount: number, moderatorInRoom = true) {
    const group = await createGroup(app, admin, { locale: 'nl' });
    const ref: RoomRef = { group: group.slug };
    const person = async (inRoom: boolean): Promise<Person> => {
      const member = await registerMember(app);
      const membership = await joinGroup(app, member, group.slug);
      const socket = await connectChat(app, member);
      if (inRoom) {
        await joinRoom(socket, ref);
      }
      return { member, membership, socket };
    };
    const moderator = await person(false);
    await http(admin, 'post', `/api/groups/${group.slug}/moderators`, {
      memberId: moderator.membership.memberId,
    }).expect(204);
    if (moderatorInRoom) {
      await joinRoom(moderator.socket, ref);
    }
    const members: Person[] = [];
    for (let i = 0; i < memberCount; i++) {
      members.push(await person(true));
    }
    return { slug: group.slug, ref, moderator, members };
  }

  const send = (socket: ChatClient, ref: RoomRef, body: string, extra: object = {}) =>
    call<MessageSent>(socket, 'message:send', { ...ref, clientMsgId: randomUUID(), body, ...extra });

  async function queue(who: TestMember, slug: string): Promise<QueueEntry[]> {
    const response = await http(who, 'get', `/api/groups/${slug}/moderation/queue`);
    expect(response.status).toBe(200);
    return response.body as QueueEntry[];
  }

  const act = (who: TestMember, slug: string, body: object) =>
    http(who, 'post', `/api/groups/${slug}/moderation/actions`, body);

  /** The group's history as a member sees it on (re)joining. */
  async function historyOf(person: Person, ref: RoomRef): Promise<ChatMessage[]> {
    const fresh = await connectChat(app, person.member);
    const joined = await joinRoom(fresh, ref);
    fresh.disconnect();
    return joined.history;
  }

  it('answers a crisis message at once with the Dutch crisis lines, and puts a crisis entry live on top of the queue (the acceptance path)', async () => {
    const { slug, ref, moderator, members } = await moderatedRoom(2, false);
    const [anna, bram] = members;
    const spam = await sendMessage(bram.socket, ref, 'Spam spam spam');
    const reported = waitForEvent(moderator.socket, 'mod:queue');
    await http(anna.member, 'post', `/api/groups/${slug}/reports`, {
      target: { kind: 'message', id: spam.id },
      reason: 'spam',
    }).expect(202);
    await reported;
    const seenByMembers = [collect(anna.socket, 'mod:queue'), collect(bram.socket, 'mod:queue')];
    const seenByBram = collect<ChatMessage>(bram.socket, 'message:new');

    // Pushed, not polled: both arrive within milliseconds on an idle machine (issue 5 asks for a
    // second); the bound here is wide so that a busy CI machine does not fail it.
    const notice = waitForEvent<NoticeEvent>(anna.socket, 'notice');
    const alert = waitForEvent<ModQueueEvent>(moderator.socket, 'mod:queue');
    const started = Date.now();
    const answer = await send(anna.socket, ref, CRISIS_TEXT);
    if (!answer.ok) {
      throw new Error(`refused: ${answer.error.code}`);
    }
    expect(answer.crisis?.lines.map((line) => line.phone)).toEqual(DUTCH_CRISIS_PHONES);
    const told = await notice;
    expect(told).toMatchObject({ group: slug, notice: { kind: 'crisis' } });
    expect(told.notice.crisisLines?.lines.map((line) => line.phone)).toEqual(DUTCH_CRISIS_PHONES);
    expect(await alert).toMatchObject({
      group: slug,
      entry: {
        kind: 'crisis',
        target: { kind: 'message', id: answer.message.id },
        subject: { alias: expect.any(String) },
      },
    });
    expect(Date.now() - started).toBeLessThan(5000);

    // Published as normal: people in crisis are not silenced.
    await quiet();
    expect(seenByBram.map((message) => message.body)).toEqual([CRISIS_TEXT]);
    expect(seenByBram[0]).not.toHaveProperty('held');
    const [top, next] = await queue(moderator.member, slug);
    expect(top).toMatchObject({ kind: 'crisis', target: { kind: 'message', id: answer.message.id } });
    expect(next).toMatchObject({ kind: 'report', reasons: ['spam'] });
    expect(seenByMembers.flat()).toEqual([]);
  });

  it('removes a reported message live for everyone in the room once a moderator hides it with a reason, and leaves it out of members’ history', async () => {
    const { slug, ref, moderator, members } = await moderatedRoom(3);
    const [anna, bram, chris] = members;
    const nasty = await sendMessage(anna.socket, ref, 'Jij bent echt waardeloos.');
    const kept = await sendMessage(bram.socket, ref, 'Laten we vriendelijk blijven.');

    const reported = waitForEvent<ModQueueEvent>(moderator.socket, 'mod:queue');
    await http(bram.member, 'post', `/api/groups/${slug}/reports`, {
      target: { kind: 'message', id: nasty.id },
      reason: 'harassment',
    }).expect(202);
    const { entry } = await reported;
    expect(entry).toMatchObject({ kind: 'report', excerpt: 'Jij bent echt waardeloos.', hidden: false });

    const removedEverywhere = [anna, bram, chris, moderator].map((person) =>
      waitForEvent<MessageRemoved>(person.socket, 'message:removed'),
    );
    const annaTold = waitForEvent<NoticeEvent>(anna.socket, 'notice');
    await act(moderator.member, slug, {
      action: 'hide',
      target: { kind: 'message', id: nasty.id },
      reason: 'Kwetsend naar een ander lid.',
      caseId: entry.id,
    }).expect(201);
    for (const removed of await Promise.all(removedEverywhere)) {
      expect(removed).toEqual({ group: slug, id: nasty.id, seq: nasty.seq });
    }
    expect((await annaTold).notice).toMatchObject({ kind: 'action', message: expect.stringContaining('Kwetsend') });

    expect((await historyOf(chris, ref)).map((message) => message.id)).toEqual([kept.id]);
    const older = await call<{ history: ChatMessage[] }>(chris.socket, 'room:history', { ...ref, beforeSeq: 10 });
    expect(older.ok && older.history.map((message) => message.id)).toEqual([kept.id]);
    const caughtUp = await joinRoom(await connectChat(app, anna.member), ref, 0);
    expect(caughtUp.history.map((message) => message.id)).toEqual([kept.id]);
    // Moderators still read it, marked.
    expect(await historyOf(moderator, ref)).toEqual([
      expect.objectContaining({ id: nasty.id, hidden: true }),
      expect.not.objectContaining({ hidden: true }),
    ]);

    const restored = waitForEvent<ChatMessage>(chris.socket, 'message:restored');
    await act(moderator.member, slug, {
      action: 'restore',
      target: { kind: 'message', id: nasty.id },
      reason: 'Toch niet zo bedoeld.',
    }).expect(201);
    expect(await restored).toMatchObject({ id: nasty.id, seq: nasty.seq, body: 'Jij bent echt waardeloos.' });
    expect((await historyOf(chris, ref)).map((message) => message.id)).toEqual([nasty.id, kept.id]);
  });

  it('refuses a muted member’s messages with the time left, and lets them through once the mute ends', async () => {
    const { slug, ref, moderator, members } = await moderatedRoom(2);
    const [anna, bram] = members;
    await act(moderator.member, slug, {
      action: 'mute',
      memberId: anna.membership.memberId,
      minutes: 10,
      reason: 'Even afkoelen, alsjeblieft.',
    }).expect(201);
    const before = await countMessages();
    const refused = await send(anna.socket, ref, 'Mag ik nog iets zeggen?');
    expect(refused).toMatchObject({ ok: false, error: { code: 'muted', message: expect.stringContaining('10 more') } });
    const left = !refused.ok ? refused.error.retryAfterMs : undefined;
    expect(left).toBeGreaterThan(9 * 60_000);
    expect(left).toBeLessThanOrEqual(10 * 60_000);
    expect(await countMessages()).toBe(before);

    await sql(`UPDATE membership SET muted_until = now() - interval '1 second' WHERE id = $1`, [
      anna.membership.memberId,
    ]);
    const arrives = waitForEvent<ChatMessage>(bram.socket, 'message:new');
    const sent = await sendMessage(anna.socket, ref, 'Sorry voor daarnet.');
    expect(await arrives).toMatchObject({ id: sent.id, body: 'Sorry voor daarnet.' });
  });

  it('refuses a blocked watched word with blocked_content, writes nothing and sends nothing', async () => {
    const { slug, ref, moderator, members } = await moderatedRoom(2);
    const [anna, bram] = members;
    await http(moderator.member, 'post', `/api/groups/${slug}/watched-words`, {
      phrase: 'snelle winst',
      action: 'block',
    }).expect(201);
    const seenByBram = collect<ChatMessage>(bram.socket, 'message:new');
    const before = await countMessages();
    const lastSeq = (await joinRoom(bram.socket, ref)).room.lastSeq;

    expect(await send(anna.socket, ref, 'Zin in SNELLE WINST? Klik hier.')).toMatchObject({
      ok: false,
      error: { code: 'blocked_content' },
    });
    await quiet();
    expect(await countMessages()).toBe(before);
    expect(seenByBram).toEqual([]);
    expect(await queue(moderator.member, slug)).toEqual([]);
    // The seq was not spent either: the next message takes the next number.
    expect((await sendMessage(anna.socket, ref, 'Gewoon een bericht.')).seq).toBe(lastSeq + 1);
  });

  it('asks to remove identifying details, and holds the message for the moderators when the author insists, until approved', async () => {
    const { slug, ref, moderator, members } = await moderatedRoom(2);
    const [anna, bram] = members;
    const text = 'Bel me maar: 0475 12 34 56.';
    const before = await countMessages();
    expect(await send(anna.socket, ref, text)).toMatchObject({ ok: false, error: { code: 'identifying_details' } });
    expect(await countMessages()).toBe(before);

    const seenByBram = collect<ChatMessage>(bram.socket, 'message:new');
    const seenByModerator = waitForEvent<ChatMessage>(moderator.socket, 'message:new');
    const held = await send(anna.socket, ref, text, { insist: true });
    if (!held.ok) {
      throw new Error(`refused: ${held.error.code}`);
    }
    expect(held).toMatchObject({ held: true, message: { held: true, body: text } });
    expect(await seenByModerator).toMatchObject({ id: held.message.id, held: true });
    await quiet();
    expect(seenByBram).toEqual([]);
    expect((await historyOf(bram, ref)).map((message) => message.id)).toEqual([]);
    expect((await historyOf(anna, ref)).map((message) => message.id)).toEqual([held.message.id]);
    const entry = (await queue(moderator.member, slug)).find((e) => e.kind === 'held');
    expect(entry).toMatchObject({ target: { kind: 'message', id: held.message.id }, hidden: true });

    const approved = waitForEvent<ChatMessage>(bram.socket, 'message:restored');
    await act(moderator.member, slug, {
      action: 'restore',
      target: { kind: 'message', id: held.message.id },
      reason: 'Eigen nummer, bewust gedeeld.',
      caseId: entry!.id,
    }).expect(201);
    expect(await approved).toMatchObject({ id: held.message.id, body: text });
    expect(await approved).not.toHaveProperty('held');
    expect((await historyOf(bram, ref)).map((message) => message.id)).toEqual([held.message.id]);
  });

  it('sends a notice to its member only, and queue entries to the group’s moderators only', async () => {
    const { slug, ref, moderator, members } = await moderatedRoom(2);
    const [anna, bram] = members;
    const noticesOfBram = collect<NoticeEvent>(bram.socket, 'notice');
    const queueOfMembers = [anna, bram].map((person) => collect<ModQueueEvent>(person.socket, 'mod:queue'));
    // A moderator of another group hears nothing of this one.
    const elsewhere = await moderatedRoom(0);
    const queueElsewhere = collect<ModQueueEvent>(elsewhere.moderator.socket, 'mod:queue');

    const warned = waitForEvent<NoticeEvent>(anna.socket, 'notice');
    await act(moderator.member, slug, {
      action: 'warn',
      memberId: anna.membership.memberId,
      reason: 'Hou het alsjeblieft vriendelijk.',
    }).expect(201);
    expect(await warned).toMatchObject({ group: slug, notice: { kind: 'warning' } });

    const message = await sendMessage(anna.socket, ref, 'Ik meld dit bericht.');
    const live = waitForEvent<ModQueueEvent>(moderator.socket, 'mod:queue');
    await http(bram.member, 'post', `/api/groups/${slug}/reports`, {
      target: { kind: 'message', id: message.id },
      reason: 'other',
    }).expect(202);
    expect(await live).toMatchObject({ group: slug, entry: { kind: 'report' } });
    await quiet();
    expect(noticesOfBram).toEqual([]);
    expect(queueOfMembers.flat()).toEqual([]);
    expect(queueElsewhere).toEqual([]);
  });

  it('cuts the live sockets of a login session whose refresh token was used twice', async () => {
    const { members } = await moderatedRoom(1);
    const [anna] = members;
    const { refreshToken } = anna.member.tokens;
    await app.http.post('/api/auth/refresh').send({ refreshToken }).expect(200);
    const cut = waitForEvent(anna.socket, 'disconnect');
    await app.http.post('/api/auth/refresh').send({ refreshToken }).expect(401);
    expect(await cut).toBe('io server disconnect');
  });
});
