import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { CHAT_NAMESPACE } from '../src/contracts/chat.js';
import type { GroupDetail, MyMembership } from '../src/contracts/groups.js';
import {
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationList,
  type NotificationView,
  type NotificationWhat,
  type UnreadCounts,
} from '../src/contracts/notifications.js';
import { NotificationSources } from '../src/notifications/notification-sources.js';
import { registerMember, type TestMember } from './support/accounts.js';
import {
  type ChatSocket,
  createGroup as createClusterGroup,
  eventually,
  joinGroup as joinClusterGroup,
  type KringProcess,
  register,
  sleep,
  twoProcesses,
} from './support/cluster.js';
import { expectError } from './support/errors.js';
import { createGroup, joinGroup, makeModerator, registerAdmin } from './support/groups.js';
import { type ChatClient, collect, connectChat, joinRoom, sendMessage } from './support/sockets.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { startPushDevice } from './support/web-push.js';

/** Asks until `check` holds, or fails with `what` after `timeoutMs`. */
async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    }
    await sleep(50);
  }
}

/** The words of a link that name a kind of place, not a place. */
const PLACES = ['groups', 'threads', 'buddies', 'notices', 'sessions', 'about'];

interface Person {
  member: TestMember;
  membership: MyMembership;
  socket: ChatClient;
  arrived: NotificationView[];
}

describe('notifications', () => {
  let app: TestApp;
  let admin: TestMember;
  let groupA: GroupDetail;
  let groupB: GroupDetail;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await registerAdmin(app);
    groupA = await createGroup(app, admin, { name: 'Depressie' });
    groupB = await createGroup(app, admin, { name: 'Echtscheiding' });
  });

  afterAll(async () => {
    await app.close();
  });

  /** A member of `group` with a live connection that collects every `notification:new`. */
  async function person(group: GroupDetail, member?: TestMember, alias?: string): Promise<Person> {
    const who = member ?? (await registerMember(app));
    const membership = await joinGroup(app, who, group.slug, alias ? { alias } : {});
    const socket = await connectChat(app, who);
    return { member: who, membership, socket, arrived: collect<NotificationView>(socket, 'notification:new') };
  }

  const api = (who: TestMember) => ({
    get: (path: string) => app.http.get(path).set('Authorization', who.bearer),
    post: (path: string, body: object = {}) => app.http.post(path).set('Authorization', who.bearer).send(body),
    put: (path: string, body: object) => app.http.put(path).set('Authorization', who.bearer).send(body),
  });

  async function list(who: TestMember): Promise<NotificationList> {
    const response = await api(who).get('/api/notifications');
    expect(response.status).toBe(200);
    return response.body as NotificationList;
  }

  /** The member logged in again on a device they marked as their own ("Dit is mijn eigen toestel"). */
  async function ownDevice(who: TestMember): Promise<TestMember & { refreshToken: string; sessionId: string }> {
    const response = await app.http
      .post('/api/auth/login')
      .send({ loginName: who.loginName, password: who.password, keepSignedIn: true });
    expect(response.status).toBe(200);
    const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    const refreshToken = /kring_device=([^;]+)/.exec(cookies.join('\n'))?.[1];
    expect(refreshToken).toBeDefined();
    const bearer = `Bearer ${response.body.accessToken as string}`;
    const devices = await app.http.get('/api/auth/devices').set('Authorization', bearer);
    const sessionId = (devices.body as { id: string; current: boolean }[]).find((device) => device.current)!.id;
    return { ...who, bearer, refreshToken: refreshToken!, sessionId };
  }

  async function startThread(who: Person, group: GroupDetail): Promise<string> {
    const response = await api(who.member).post(`/api/groups/${group.slug}/threads`, {
      title: 'Hoe kom je de ochtend door?',
      body: 'Ik lig vaak uren wakker en kom moeilijk op gang.',
    });
    expect(response.status).toBe(201);
    return response.body.id as string;
  }

  async function reply(
    who: Person,
    group: GroupDetail,
    threadId: string,
    body = 'Herkenbaar, mij helpt een vaste wandeling.',
  ) {
    const response = await api(who.member).post(`/api/groups/${group.slug}/threads/${threadId}/posts`, { body });
    expect(response.status).toBe(201);
  }

  it('tells everyone in a thread of a reply at once, one notification per thread with a count, in that group under their alias', async () => {
    const starter = await person(groupA);
    const earlier = await person(groupA);
    const replier = await person(groupA);
    const threadId = await startThread(starter, groupA);
    await reply(earlier, groupA, threadId);
    await eventually(() => starter.arrived.length === 1, 5000, 'the first reply reaches the starter');
    await reply(replier, groupA, threadId);
    await eventually(() => starter.arrived.length === 2, 5000, 'the second reply reaches the starter');
    await eventually(() => earlier.arrived.length === 1, 5000, 'the reply reaches who replied before');
    expect(replier.arrived).toEqual([]);

    expect(starter.arrived[1]).toMatchObject({
      kind: 'reply',
      what: 'replied',
      group: { slug: groupA.slug, name: 'Depressie' },
      alias: starter.membership.alias,
      actor: replier.membership.alias,
      count: 2,
      link: `/groups/${groupA.slug}/threads/${threadId}`,
      read: false,
    });
    expect(earlier.arrived[0]).toMatchObject({ kind: 'reply', alias: earlier.membership.alias, count: 1 });
    const listed = await list(starter.member);
    expect(listed.items.filter((item) => item.kind === 'reply')).toHaveLength(1);
    expect(listed.unread).toBe(1);

    // Once read, the next reply starts a new notification.
    await api(starter.member).post(`/api/notifications/${listed.items[0].id}/read`).expect(204);
    await reply(earlier, groupA, threadId);
    await eventually(() => starter.arrived.length === 3, 5000, 'a reply after reading');
    expect(starter.arrived[2]).toMatchObject({ count: 1, read: false });
    expect((await list(starter.member)).items.map((item) => item.read)).toEqual([false, true]);
  });

  it('tells of a reply held for review only once a moderator approved it', async () => {
    const group = await createGroup(app, admin, { name: 'Angst' });
    const moderator = await person(group);
    await makeModerator(app, moderator.membership);
    const word = await api(moderator.member).post(`/api/groups/${group.slug}/watched-words`, {
      phrase: 'snel geld',
      action: 'hold',
    });
    expect(word.status).toBe(201);
    const starter = await person(group);
    const replier = await person(group);
    const threadId = await startThread(starter, group);
    const held = await api(replier.member).post(`/api/groups/${group.slug}/threads/${threadId}/posts`, {
      body: 'Snel geld verdienen helpt mij niet, rust wel.',
    });
    expect(held.status).toBe(201);
    expect(held.body).toMatchObject({ held: true });
    await sleep(500);
    expect(starter.arrived).toEqual([]);

    const queue = await api(moderator.member).get(`/api/groups/${group.slug}/moderation/queue`);
    const entry = (queue.body as { id: string; kind: string; target?: { id: string } }[]).find(
      (candidate) => candidate.kind === 'held' && candidate.target?.id === held.body.id,
    );
    const approved = await api(moderator.member).post(`/api/groups/${group.slug}/moderation/actions`, {
      action: 'restore',
      target: { kind: 'post', id: held.body.id },
      reason: 'Goedgekeurd: geen reclame.',
      caseId: entry?.id,
    });
    expect(approved.status).toBe(201);
    await eventually(() => starter.arrived.length === 1, 5000, 'the approved reply');
    expect(starter.arrived[0]).toMatchObject({ kind: 'reply', actor: replier.membership.alias, count: 1 });
  });

  it('tells a member mentioned as @alias in a reply (aliases of that group only), instead of a plain reply', async () => {
    const starter = await person(groupA);
    const mentioned = await person(groupA);
    const writer = await person(groupA);
    const elsewhere = await person(groupB);
    const threadId = await startThread(starter, groupA);
    await reply(
      writer,
      groupA,
      threadId,
      `Misschien weet @${mentioned.membership.alias} hier meer over, of @${elsewhere.membership.alias}.`,
    );
    await eventually(() => mentioned.arrived.length === 1, 5000, 'the mention');
    expect(mentioned.arrived[0]).toMatchObject({
      kind: 'mention',
      what: 'mentioned',
      alias: mentioned.membership.alias,
      actor: writer.membership.alias,
      link: `/groups/${groupA.slug}/threads/${threadId}`,
    });
    await eventually(() => starter.arrived.length === 1, 5000, 'the reply');
    expect(starter.arrived[0].kind).toBe('reply');
    await sleep(300);
    expect(elsewhere.arrived).toEqual([]);
  });

  it('tells a member newly mentioned by an edit of a reply, and not who the reply named before', async () => {
    const starter = await person(groupA);
    const before = await person(groupA);
    const added = await person(groupA);
    const writer = await person(groupA);
    const threadId = await startThread(starter, groupA);
    const written = await api(writer.member).post(`/api/groups/${groupA.slug}/threads/${threadId}/posts`, {
      body: `Wat denk jij, @${before.membership.alias}?`,
    });
    expect(written.status).toBe(201);
    await eventually(() => before.arrived.length === 1, 5000, 'the first mention');
    const edited = await app.http
      .patch(`/api/groups/${groupA.slug}/posts/${written.body.id as string}`)
      .set('Authorization', writer.member.bearer)
      .send({ body: `Wat denk jij, @${before.membership.alias}? En @${added.membership.alias}?` });
    expect(edited.status).toBe(200);
    await eventually(() => added.arrived.length === 1, 5000, 'the mention the edit added');
    expect(added.arrived[0]).toMatchObject({
      kind: 'mention',
      what: 'mentioned',
      alias: added.membership.alias,
      actor: writer.membership.alias,
      link: `/groups/${groupA.slug}/threads/${threadId}`,
    });
    await sleep(300);
    expect(before.arrived).toHaveLength(1);
    expect(writer.arrived).toEqual([]);
  });

  it('tells a member mentioned as @alias in the opening post of a new thread, as in a reply: that group and active members only, never its author', async () => {
    const group = await createGroup(app, admin);
    const moderator = await person(group);
    await makeModerator(app, moderator.membership);
    const starter = await person(group);
    const mentioned = await person(group);
    const suspended = await person(group);
    const left = await person(group);
    const elsewhere = await person(groupB);
    await api(left.member).post(`/api/groups/${group.slug}/leave`, { erase: false }).expect(204);
    const acted = await api(moderator.member).post(`/api/groups/${group.slug}/moderation/actions`, {
      action: 'suspend',
      memberId: suspended.membership.memberId,
      days: 1,
      reason: 'Herhaaldelijk kwetsend.',
    });
    expect(acted.status).toBe(201);

    const body = `Wat denk jij, @${mentioned.membership.alias}? En @${elsewhere.membership.alias}, @${suspended.membership.alias}, @${left.membership.alias}? Groet, @${starter.membership.alias}.`;
    const started = await api(starter.member).post(`/api/groups/${group.slug}/threads`, {
      title: 'Wie herkent dit?',
      body,
    });
    expect(started.status).toBe(201);
    const threadId = started.body.id as string;
    await eventually(() => mentioned.arrived.length === 1, 5000, 'the mention in the opening post');
    expect(mentioned.arrived[0]).toMatchObject({
      kind: 'mention',
      what: 'mentioned',
      alias: mentioned.membership.alias,
      actor: starter.membership.alias,
      link: `/groups/${group.slug}/threads/${threadId}`,
    });
    await sleep(300);
    expect(mentioned.arrived).toHaveLength(1);
    expect(starter.arrived).toEqual([]);
    expect(elsewhere.arrived).toEqual([]);
    expect(suspended.arrived.filter((item) => item.kind === 'mention')).toEqual([]);
    const again = await app.http
      .post('/api/auth/login')
      .send({ loginName: suspended.member.loginName, password: suspended.member.password });
    expect(again.status).toBe(200);
    const fresh = { ...suspended.member, bearer: `Bearer ${again.body.accessToken as string}` };
    expect((await list(fresh)).items.map((item) => item.kind)).toEqual(['notice']);
    expect((await list(left.member)).items).toEqual([]);

    // The answer names whom it mentions exactly as a reply with the same text does: the other
    // group's alias and the one of who left are plain text, and nothing tells they exist.
    const ids = (refs: { memberId: string }[] | undefined) => (refs ?? []).map((ref) => ref.memberId).sort();
    const asReply = await api(starter.member).post(`/api/groups/${group.slug}/threads/${threadId}/posts`, { body });
    expect(asReply.status).toBe(201);
    const replyMentions = ids(asReply.body.mentions as { memberId: string }[]);
    expect(replyMentions).toEqual(expect.arrayContaining([mentioned.membership.memberId, starter.membership.memberId]));
    expect(ids(started.body.mentions as { memberId: string }[])).toEqual(replyMentions);
    const read = await api(mentioned.member).get(`/api/groups/${group.slug}/threads/${threadId}`);
    expect(read.status).toBe(200);
    expect(ids(read.body.thread.mentions as { memberId: string }[])).toEqual(replyMentions);
    for (const hidden of [elsewhere, left]) {
      expect(JSON.stringify(read.body)).not.toContain(hidden.membership.memberId);
      expect(JSON.stringify(started.body)).not.toContain(hidden.membership.memberId);
    }
  });

  it("tells a member newly mentioned by an edit of a thread's opening post, and not who it named before", async () => {
    const starter = await person(groupA);
    const before = await person(groupA);
    const added = await person(groupA);
    const started = await api(starter.member).post(`/api/groups/${groupA.slug}/threads`, {
      title: 'Slapen',
      body: `Hoe doe jij dat, @${before.membership.alias}?`,
    });
    expect(started.status).toBe(201);
    const threadId = started.body.id as string;
    await eventually(() => before.arrived.length === 1, 5000, 'the first mention');
    const edited = await app.http
      .patch(`/api/groups/${groupA.slug}/threads/${threadId}`)
      .set('Authorization', starter.member.bearer)
      .send({ body: `Hoe doe jij dat, @${before.membership.alias}? En jij, @${added.membership.alias}?` });
    expect(edited.status).toBe(200);
    expect((edited.body.mentions as { memberId: string }[]).map((ref) => ref.memberId).sort()).toEqual(
      [before.membership.memberId, added.membership.memberId].sort(),
    );
    await eventually(() => added.arrived.length === 1, 5000, 'the mention the edit added');
    expect(added.arrived[0]).toMatchObject({
      kind: 'mention',
      what: 'mentioned',
      alias: added.membership.alias,
      actor: starter.membership.alias,
      link: `/groups/${groupA.slug}/threads/${threadId}`,
    });
    // A title-only edit names nobody new.
    await app.http
      .patch(`/api/groups/${groupA.slug}/threads/${threadId}`)
      .set('Authorization', starter.member.bearer)
      .send({ title: 'Slapen en opstaan' })
      .expect(200);
    await sleep(300);
    expect(before.arrived).toHaveLength(1);
    expect(added.arrived).toHaveLength(1);
    expect(starter.arrived).toEqual([]);
  });

  it('tells of a mention in a thread held for review only once a moderator approved it', async () => {
    const group = await createGroup(app, admin, { name: 'Rouw' });
    const moderator = await person(group);
    await makeModerator(app, moderator.membership);
    const word = await api(moderator.member).post(`/api/groups/${group.slug}/watched-words`, {
      phrase: 'snel geld',
      action: 'hold',
    });
    expect(word.status).toBe(201);
    const starter = await person(group);
    const mentioned = await person(group);
    const held = await api(starter.member).post(`/api/groups/${group.slug}/threads`, {
      title: 'Rust',
      body: `Snel geld helpt niet, @${mentioned.membership.alias}, rust wel.`,
    });
    expect(held.status).toBe(201);
    expect(held.body).toMatchObject({ held: true });
    const threadId = held.body.id as string;
    // Edited while held: still nobody is told.
    await app.http
      .patch(`/api/groups/${group.slug}/threads/${threadId}`)
      .set('Authorization', starter.member.bearer)
      .send({ body: `Snel geld helpt niet, @${mentioned.membership.alias}, rust wel. Echt.` })
      .expect(200);
    await sleep(500);
    expect(mentioned.arrived).toEqual([]);

    const queue = await api(moderator.member).get(`/api/groups/${group.slug}/moderation/queue`);
    const entry = (queue.body as { id: string; kind: string; target?: { id: string } }[]).find(
      (candidate) => candidate.kind === 'held' && candidate.target?.id === threadId,
    );
    expect(entry).toBeDefined();
    const approved = await api(moderator.member).post(`/api/groups/${group.slug}/moderation/actions`, {
      action: 'restore',
      target: { kind: 'thread', id: threadId },
      reason: 'Goedgekeurd: geen reclame.',
      caseId: entry?.id,
    });
    expect(approved.status).toBe(201);
    await eventually(() => mentioned.arrived.length === 1, 5000, 'the mention in the approved thread');
    expect(mentioned.arrived[0]).toMatchObject({
      kind: 'mention',
      what: 'mentioned',
      actor: starter.membership.alias,
      link: `/groups/${group.slug}/threads/${threadId}`,
    });
    await sleep(300);
    expect(mentioned.arrived).toHaveLength(1);
    // The author hears of the approval (a notice), never of her own mention.
    expect(starter.arrived.filter((item) => item.kind === 'mention')).toEqual([]);
  });

  it('tells a member mentioned as @alias in the group chat, with a link to the chat', async () => {
    const writer = await person(groupA);
    // Chosen aliases the generator cannot make ("Mila" is none of its adjectives): groupA already has
    // many generated ones, and "Stille Beek" was once taken by one of them before this test chose it.
    const mentioned = await person(groupA, undefined, 'Mila Beek');
    // "@Mila Beekjes" names Mila Beekjes, not Mila Beek (whose alias is only its start).
    const lookalike = await person(groupA, undefined, 'Mila Beekjes');
    const room = { group: groupA.slug };
    await joinRoom(writer.socket, room);
    await sendMessage(writer.socket, room, `Hoi @${mentioned.membership.alias}, fijn dat je er bent.`);
    await sendMessage(writer.socket, room, 'Zonder vermelding.');
    await sendMessage(writer.socket, room, `En @${lookalike.membership.alias}, welkom!`);
    await eventually(() => lookalike.arrived.length === 1, 5000, 'the mention of the longer alias');
    await eventually(() => mentioned.arrived.length === 1, 5000, 'the chat mention');
    expect(mentioned.arrived[0]).toMatchObject({
      kind: 'mention',
      what: 'chat-mention',
      alias: mentioned.membership.alias,
      actor: writer.membership.alias,
      link: `/groups/${groupA.slug}/chat`,
    });
    await sleep(300);
    expect(mentioned.arrived).toHaveLength(1);
    expect(writer.arrived).toEqual([]);
  });

  it('tells a buddy of a request and the newcomer of the answer', async () => {
    const buddy = await person(groupA);
    const newcomer = await person(groupA);
    await api(buddy.member).put(`/api/groups/${groupA.slug}/buddies/me`, { capacity: 2 }).expect(200);
    const asked = await api(newcomer.member).post(`/api/groups/${groupA.slug}/buddies/requests`, {
      buddyMemberId: buddy.membership.memberId,
    });
    expect(asked.status).toBe(201);
    await eventually(() => buddy.arrived.length === 1, 5000, 'the request');
    expect(buddy.arrived[0]).toMatchObject({
      kind: 'buddy',
      what: 'requested',
      alias: buddy.membership.alias,
      actor: newcomer.membership.alias,
      link: `/groups/${groupA.slug}/buddies`,
    });
    await api(buddy.member).post(`/api/groups/${groupA.slug}/buddies/pairs/${asked.body.id}/accept`).expect(200);
    await eventually(() => newcomer.arrived.length === 1, 5000, 'the answer');
    expect(newcomer.arrived[0]).toMatchObject({
      kind: 'buddy',
      what: 'accepted',
      actor: buddy.membership.alias,
      link: `/groups/${groupA.slug}/buddies/${asked.body.id}`,
    });
  });

  it("tells a member of a moderator's notice and of the decision on their appeal", async () => {
    const group = await createGroup(app, admin);
    const first = await person(group);
    const second = await person(group);
    await makeModerator(app, first.membership);
    await makeModerator(app, second.membership);
    const member = await person(group);
    const acted = await api(first.member).post(`/api/groups/${group.slug}/moderation/actions`, {
      action: 'suspend',
      memberId: member.membership.memberId,
      days: 1,
      reason: 'Herhaaldelijk kwetsend.',
    });
    expect(acted.status).toBe(201);
    await eventually(() => member.arrived.length === 1, 5000, 'the notice');
    expect(member.arrived[0]).toMatchObject({
      kind: 'notice',
      what: 'action',
      alias: member.membership.alias,
      actor: null,
      link: `/groups/${group.slug}/notices`,
    });
    const appeal = await api(member.member).post(`/api/groups/${group.slug}/appeals/${acted.body.actionId}`, {
      text: 'Ik was boos, het spijt me.',
    });
    expect(appeal.status).toBe(201);
    await api(second.member)
      .post(`/api/groups/${group.slug}/moderation/appeals/${appeal.body.appealId}/decision`, {
        decision: 'overturned',
        reason: 'Eerste keer; excuses aanvaard.',
      })
      .expect(204);
    await eventually(() => member.arrived.length === 2, 5000, 'the appeal decision');
    expect(member.arrived[1]).toMatchObject({
      kind: 'appeal',
      what: 'appeal-decided',
      link: `/groups/${group.slug}/notices`,
    });
  });

  it('reminds the signed-up members and the facilitator of a session once, 15 minutes before it starts', async () => {
    const group = await createGroup(app, admin);
    const moderator = await person(group);
    await makeModerator(app, moderator.membership);
    const facilitator = await person(group);
    const signedUp = await person(group);
    const notSignedUp = await person(group);
    const startsAt = Date.now() + 2 * 60 * 60 * 1000;
    const session = await api(moderator.member).post(`/api/groups/${group.slug}/sessions`, {
      title: 'Donderdagavond: samen praten',
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 60 * 60 * 1000).toISOString(),
      capacity: 10,
      facilitatorMemberId: facilitator.membership.memberId,
    });
    expect(session.status).toBe(201);
    await api(signedUp.member).post(`/api/groups/${group.slug}/sessions/${session.body.id}/signup`).expect(200);
    const sources = app.app.get(NotificationSources);
    expect(await sources.remindSessions(new Date(startsAt - 20 * 60 * 1000))).toBe(0);
    expect(await sources.remindSessions(new Date(startsAt - 10 * 60 * 1000))).toBe(2);
    await eventually(() => signedUp.arrived.length === 1 && facilitator.arrived.length === 1, 5000, 'the reminders');
    expect(signedUp.arrived[0]).toMatchObject({
      kind: 'session',
      what: 'starts-soon',
      alias: signedUp.membership.alias,
      link: `/groups/${group.slug}/sessions/${session.body.id}`,
    });
    expect(await sources.remindSessions(new Date(startsAt - 5 * 60 * 1000))).toBe(0);
    await sleep(300);
    expect(signedUp.arrived).toHaveLength(1);
    expect(notSignedUp.arrived).toEqual([]);
  });

  it('tells who asked to join a closed group what the moderator decided', async () => {
    const group = await createGroup(app, admin, { kind: 'closed' });
    const moderator = await registerMember(app);
    const pending = await api(moderator).post(`/api/groups/${group.slug}/join`, { pledgeAccepted: true });
    await app.app
      .get(DataSource)
      .query(`UPDATE membership SET status = 'active', role = 'moderator' WHERE id = $1`, [pending.body.memberId]);
    const asks = async () => {
      const member = await registerMember(app);
      const socket = await connectChat(app, member);
      const arrived = collect<NotificationView>(socket, 'notification:new');
      const asked = await api(member).post(`/api/groups/${group.slug}/join`, { pledgeAccepted: true });
      expect(asked.status).toBe(202);
      return { member, arrived, memberId: asked.body.memberId as string, alias: asked.body.alias as string };
    };
    const welcome = await asks();
    const refused = await asks();
    await api(moderator)
      .post(`/api/groups/${group.slug}/join-requests/${welcome.memberId}`, { approve: true })
      .expect(204);
    await api(moderator)
      .post(`/api/groups/${group.slug}/join-requests/${refused.memberId}`, {
        approve: false,
        reason: 'Deze groep is vol.',
      })
      .expect(204);
    await eventually(() => welcome.arrived.length === 1 && refused.arrived.length === 1, 5000, 'both decisions');
    expect(welcome.arrived[0]).toMatchObject({
      kind: 'join',
      what: 'approved',
      alias: welcome.alias,
      link: `/groups/${group.slug}`,
    });
    expect(refused.arrived[0]).toMatchObject({ kind: 'join', what: 'declined', link: `/groups/${group.slug}/about` });
  });

  it('keeps what arrived while nobody was connected for the next login', async () => {
    const starter = await registerMember(app);
    const starterIn = await joinGroup(app, starter, groupA.slug);
    const other = await person(groupA);
    const response = await api(starter).post(`/api/groups/${groupA.slug}/threads`, {
      title: 'Slapen',
      body: 'Wie slaapt er ook slecht?',
    });
    await reply(other, groupA, response.body.id as string);
    await sleep(300);
    const again = await app.http
      .post('/api/auth/login')
      .send({ loginName: starter.loginName, password: starter.password });
    expect(again.status).toBe(200);
    const fresh = { ...starter, bearer: `Bearer ${again.body.accessToken as string}` };
    const listed = await list(fresh);
    expect(listed.unread).toBe(1);
    expect(listed.items[0]).toMatchObject({ kind: 'reply', alias: starterIn.alias, read: false });
  });

  it('keeps the notice of a suspension or removal, and later appeal decisions, for a member who was offline; drops what links into the group', async () => {
    const group = await createGroup(app, admin);
    const moderator = await person(group);
    await makeModerator(app, moderator.membership);
    const second = await person(group);
    await makeModerator(app, second.membership);
    const other = await person(group);
    for (const action of ['suspend', 'remove'] as const) {
      // Offline: no connection, and a reply and a buddy request of this group waiting, and a reply elsewhere.
      const member = await registerMember(app);
      const inGroup = await joinGroup(app, member, group.slug);
      await joinGroup(app, member, groupB.slug);
      const thread = await api(member).post(`/api/groups/${group.slug}/threads`, { title: 'Vraag', body: 'Wie?' });
      await reply(other, group, thread.body.id as string);
      await api(member).put(`/api/groups/${group.slug}/buddies/me`, { capacity: 2 }).expect(200);
      await api(other.member)
        .post(`/api/groups/${group.slug}/buddies/requests`, { buddyMemberId: inGroup.memberId })
        .expect(201);
      const elsewhere = await person(groupB);
      const threadB = await api(member).post(`/api/groups/${groupB.slug}/threads`, { title: 'Ook', body: 'Hier?' });
      await reply(elsewhere, groupB, threadB.body.id as string);
      await until(async () => (await list(member)).unread === 3, 5000, 'three unread before the action');

      const acted = await api(moderator.member).post(`/api/groups/${group.slug}/moderation/actions`, {
        action,
        memberId: inGroup.memberId,
        ...(action === 'suspend' ? { days: 1 } : {}),
        reason: 'Herhaaldelijk kwetsend.',
      });
      expect(acted.status).toBe(201);
      await sleep(300);

      const again = await app.http
        .post('/api/auth/login')
        .send({ loginName: member.loginName, password: member.password });
      expect(again.status).toBe(200);
      const fresh = { ...member, bearer: `Bearer ${again.body.accessToken as string}` };
      const listed = await list(fresh);
      const ofGroup = listed.items.filter((item) => item.group.slug === group.slug);
      expect(ofGroup).toEqual([
        expect.objectContaining({
          kind: 'notice',
          what: 'action',
          alias: inGroup.alias,
          actor: null,
          read: false,
          link: `/groups/${group.slug}/notices`,
        }),
      ]);
      expect(listed.items.filter((item) => item.group.slug === groupB.slug).map((item) => item.kind)).toEqual([
        'reply',
      ]);
      expect(listed.unread).toBe(2);
      expect(((await api(fresh).get('/api/notifications/unread')).body as UnreadCounts).groups).toEqual(
        [
          { group: group.slug, unread: 1 },
          { group: groupB.slug, unread: 1 },
        ].sort((x, y) => x.group.localeCompare(y.group)),
      );
      // Where the notification links: the group's notices, which stay theirs to read after it ended.
      const notices = await api(fresh).get(`/api/groups/${group.slug}/notices`);
      expect(notices.status).toBe(200);
      expect((notices.body as { actionId: string | null }[]).map((notice) => notice.actionId)).toContain(
        acted.body.actionId,
      );

      // The appeal decision, which comes after the membership ended, arrives too (offline again).
      const appeal = await api(fresh).post(`/api/groups/${group.slug}/appeals/${acted.body.actionId}`, {
        text: 'Ik was boos, het spijt me.',
      });
      expect(appeal.status).toBe(201);
      await api(second.member)
        .post(`/api/groups/${group.slug}/moderation/appeals/${appeal.body.appealId}/decision`, {
          decision: 'upheld',
          reason: 'Het blijft zo.',
        })
        .expect(204);
      await until(
        async () => (await list(fresh)).items.some((item) => item.kind === 'appeal'),
        5000,
        'the appeal decision',
      );
      expect((await list(fresh)).items.find((item) => item.kind === 'appeal')).toMatchObject({
        what: 'appeal-decided',
        alias: inGroup.alias,
        link: `/groups/${group.slug}/notices`,
      });
    }
  });

  it('counts unread ones per group, and marks one or all read for their owner only', async () => {
    const both = await registerMember(app);
    const inA = await person(groupA, both);
    const inB = await joinGroup(app, both, groupB.slug);
    const a = await person(groupA);
    const b = await person(groupB);
    await reply(a, groupA, await startThread(inA, groupA));
    const threadB = await api(both).post(`/api/groups/${groupB.slug}/threads`, {
      title: 'Alleen',
      body: 'Hoe ga je om met de stilte?',
    });
    await reply(b, groupB, threadB.body.id as string);
    await eventually(() => inA.arrived.length === 2, 5000, 'both replies, one per group, on the one connection');
    const counts = (await api(both).get('/api/notifications/unread')).body as UnreadCounts;
    expect(counts).toEqual({
      total: 2,
      groups: [
        { group: groupA.slug, unread: 1 },
        { group: groupB.slug, unread: 1 },
      ].sort((x, y) => x.group.localeCompare(y.group)),
    });
    const mine = await list(both);
    const ofB = mine.items.find((item) => item.group.slug === groupB.slug)!;
    expect(ofB.alias).toBe(inB.alias);

    // Another member gets the same answer as for a notification that does not exist.
    expectError(await api(a.member).post(`/api/notifications/${ofB.id}/read`), 404, 'not_found');
    expect((await list(a.member)).items.map((item) => item.id)).not.toContain(ofB.id);
    expect((await list(both)).unread).toBe(2);

    await api(both).post(`/api/notifications/read-all?group=${groupB.slug}`).expect(204);
    expect(((await api(both).get('/api/notifications/unread')).body as UnreadCounts).groups).toEqual([
      { group: groupA.slug, unread: 1 },
    ]);
    await api(both).post('/api/notifications/read-all').expect(204);
    expect((await list(both)).unread).toBe(0);
    expectError(await api(both).post(`/api/notifications/${randomBytes(4).toString('hex')}/read`), 404, 'not_found');
  });

  it('gives a member of two groups nothing that links their two aliases: no shared identifier, no account id', async () => {
    const both = await registerMember(app);
    const inA = await person(groupA, both);
    const inB = await joinGroup(app, both, groupB.slug);
    const a = await person(groupA);
    const b = await person(groupB);
    // Every kind that can reach them in each group: a reply, a mention, a buddy request.
    for (const [group, other] of [
      [groupA, a],
      [groupB, b],
    ] as const) {
      const thread = await api(both).post(`/api/groups/${group.slug}/threads`, {
        title: 'Een vraag',
        body: 'Wie herkent dit?',
      });
      await reply(other, group, thread.body.id as string);
      await api(both).put(`/api/groups/${group.slug}/buddies/me`, { capacity: 2 }).expect(200);
      const mine = (await api(both).get(`/api/groups/${group.slug}/membership`)).body as MyMembership;
      await api(other.member)
        .post(`/api/groups/${group.slug}/buddies/requests`, { buddyMemberId: mine.memberId })
        .expect(201);
      const thread2 = await api(other.member).post(`/api/groups/${group.slug}/threads`, {
        title: 'Nog een',
        body: 'Iets anders.',
      });
      await reply(
        other,
        group,
        thread2.body.id as string,
        `Dag @${group === groupA ? inA.membership.alias : inB.alias}`,
      );
    }
    await eventually(() => inA.arrived.length === 6, 5000, 'three notifications in each group');
    const listed = await list(both);
    expect(listed.items).toHaveLength(6);

    const identifiers = (item: NotificationView) =>
      new Set(
        [item.id, item.group.slug, item.group.name, item.alias, item.actor, ...item.link.split('/')].filter(
          (value): value is string => Boolean(value),
        ),
      );
    const ofA = listed.items
      .filter((item) => item.group.slug === groupA.slug)
      .flatMap((item) => [...identifiers(item)]);
    const ofB = listed.items
      .filter((item) => item.group.slug === groupB.slug)
      .flatMap((item) => [...identifiers(item)]);
    expect(ofA.length).toBeGreaterThan(0);
    expect(ofB.length).toBeGreaterThan(0);
    expect(ofA.filter((value) => !PLACES.includes(value) && ofB.includes(value))).toEqual([]);
    expect(new Set(listed.items.map((item) => item.alias))).toEqual(new Set([inA.membership.alias, inB.alias]));

    const accounts = await app.app.get(DataSource).query<{ id: string }[]>('SELECT id FROM account');
    const everything = JSON.stringify([listed, inA.arrived]);
    for (const { id } of accounts) {
      expect(everything).not.toContain(id);
    }
  });

  it('writes no notification of a kind the member turned off', async () => {
    const starter = await person(groupA);
    const other = await person(groupA);
    const off = await api(starter.member).put('/api/notifications/settings', { reply: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ reply: false, mention: true, buddy: true });
    expectError(
      await api(starter.member).put('/api/notifications/settings', { email: true }),
      400,
      'validation_failed',
    );
    const threadId = await startThread(starter, groupA);
    await reply(other, groupA, threadId);
    await reply(other, groupA, threadId, `Groetjes @${starter.membership.alias}`);
    await eventually(() => starter.arrived.length === 1, 5000, 'the mention');
    expect(starter.arrived[0].kind).toBe('mention');
    await sleep(300);
    expect((await list(starter.member)).items.map((item) => item.kind)).toEqual(['mention']);
    await api(starter.member).put('/api/notifications/settings', { reply: true }).expect(200);
    await reply(other, groupA, threadId);
    await eventually(() => starter.arrived.length === 2, 5000, 'replies again');
  });

  it('sends a push with no content, in the language of the device, that a push endpoint can decrypt', async () => {
    const dutch = await startPushDevice();
    const english = await startPushDevice();
    try {
      const key = await api(admin).get('/api/notifications/push');
      expect(key.body.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
      const starter = await person(groupA);
      const other = await person(groupA);
      // Only a login on a device marked as the member's own may turn pushes on.
      expectError(
        await api(starter.member).put('/api/notifications/push', { ...dutch.subscription, language: 'nl' }),
        403,
        'not_allowed',
      );
      starter.member = await ownDevice(starter.member);
      other.member = await ownDevice(other.member);
      await api(starter.member)
        .put('/api/notifications/push', { ...dutch.subscription, language: 'nl' })
        .expect(204);
      await api(other.member)
        .put('/api/notifications/push', { ...english.subscription, language: 'en' })
        .expect(204);
      // The server POSTs to a subscription's address: only browsers' push services, never any host.
      for (const endpoint of [
        'http://push.example/abc',
        'https://internal.example/admin',
        'https://fcm.googleapis.com.evil.example/x',
        'https://fcm.googleapis.com:8443/x',
      ]) {
        expectError(
          await api(starter.member).put('/api/notifications/push', { ...dutch.subscription, endpoint, language: 'nl' }),
          400,
          'validation_failed',
        );
      }
      await api(starter.member)
        .put('/api/notifications/push', {
          ...dutch.subscription,
          endpoint: 'https://fcm.googleapis.com/fcm/send/device-token',
          language: 'nl',
        })
        .expect(204);
      await api(starter.member)
        .post('/api/notifications/push/unsubscribe', { endpoint: 'https://fcm.googleapis.com/fcm/send/device-token' })
        .expect(204);
      const threadId = await startThread(starter, groupA);
      await reply(other, groupA, threadId);
      await reply(starter, groupA, threadId, `Dank je, @${other.membership.alias}`);
      await eventually(() => dutch.received.length === 1 && english.received.length === 1, 10_000, 'both pushes');
      expect(dutch.received[0].text).toBe('Kring: er is iets nieuws voor je');
      expect(english.received[0].text).toBe('Kring: something new for you');
      expect(dutch.received[0].headers['content-encoding']).toBe('aes128gcm');
      expect(dutch.received[0].headers.authorization).toMatch(/^vapid t=/);
      const secrets = [
        starter.membership.alias,
        other.membership.alias,
        starter.membership.memberId,
        other.membership.memberId,
        threadId,
        groupA.slug,
        'Herkenbaar',
        ...starter.arrived.map((item) => item.id),
      ];
      for (const push of [...dutch.received, ...english.received]) {
        const seen = `${push.text} ${push.body.toString('latin1')} ${JSON.stringify(push.headers)}`;
        for (const secret of secrets) {
          expect(seen).not.toContain(secret);
        }
      }

      await api(starter.member)
        .post('/api/notifications/push/unsubscribe', { endpoint: dutch.subscription.endpoint })
        .expect(204);
      const rows = await app.app
        .get(DataSource)
        .query('SELECT 1 FROM push_subscription WHERE endpoint = $1', [dutch.subscription.endpoint]);
      expect(rows).toHaveLength(0);
    } finally {
      await dutch.close();
      await english.close();
    }
  });

  it("ends a device's push subscription with its login: logout, quick exit, ending the device, a reused refresh token, logout everywhere", async () => {
    const device = await startPushDevice();
    try {
      const member = await registerMember(app);
      const rows = async () =>
        (
          await app.app
            .get(DataSource)
            .query<{ sessionId: string }[]>(
              'SELECT session_id AS "sessionId" FROM push_subscription WHERE endpoint = $1',
              [device.subscription.endpoint],
            )
        ).map((row) => row.sessionId);
      const exported = async () => {
        // What the next login on any device sees of it.
        const next = await ownDevice(member);
        const response = await api(next).get('/api/me/export');
        expect(response.status).toBe(200);
        await api(next).post('/api/auth/logout').expect(204);
        return (response.body as { pushDevices: unknown[] }).pushDevices;
      };
      const turnOn = async () => {
        const own = await ownDevice(member);
        await api(own)
          .put('/api/notifications/push', { ...device.subscription, language: 'nl' })
          .expect(204);
        expect(await rows()).toEqual([own.sessionId]);
        return own;
      };

      // Logout.
      const first = await turnOn();
      await api(first).post('/api/auth/logout').expect(204);
      expect(await rows()).toEqual([]);
      expect(await exported()).toEqual([]);

      // Quick exit: the page sends its logout with an empty JSON body and does not wait.
      const second = await turnOn();
      await app.http
        .post('/api/auth/logout')
        .set('Authorization', second.bearer)
        .set('content-type', 'application/json')
        .send('{}')
        .expect(204);
      expect(await rows()).toEqual([]);

      // Ended from the account page of another login.
      const third = await turnOn();
      const elsewhere = await ownDevice(member);
      await app.http.delete(`/api/auth/devices/${third.sessionId}`).set('Authorization', elsewhere.bearer).expect(204);
      expect(await rows()).toEqual([]);
      await api(elsewhere).post('/api/auth/logout').expect(204);

      // A refresh token presented twice: the login is taken as stolen and ended.
      const fourth = await turnOn();
      await app.http.post('/api/auth/refresh').send({ refreshToken: fourth.refreshToken }).expect(200);
      expectError(
        await app.http.post('/api/auth/refresh').send({ refreshToken: fourth.refreshToken }),
        401,
        'invalid_refresh_token',
      );
      expect(await rows()).toEqual([]);

      // Logout everywhere (as a password change or a ban): every login's subscription.
      const fifth = await turnOn();
      await api(fifth).post('/api/auth/logout', { everywhere: true }).expect(204);
      expect(await rows()).toEqual([]);
      expect(await exported()).toEqual([]);

      // And no push reaches a device whose login ended.
      const sixth = await turnOn();
      const starter = await joinGroup(app, sixth, groupA.slug);
      const other = await person(groupA);
      const thread = await api(sixth).post(`/api/groups/${groupA.slug}/threads`, {
        title: 'Thuis',
        body: 'Hoe gaat het?',
      });
      expect(starter.alias).toBeTruthy();
      await api(sixth).post('/api/auth/logout').expect(204);
      await reply(other, groupA, thread.body.id as string);
      await sleep(500);
      expect(device.received).toEqual([]);
    } finally {
      await device.close();
    }
  });

  it('deletes read notifications after 30 days, and every notification with the account', async () => {
    const starter = await person(groupA);
    const other = await person(groupA);
    const threadId = await startThread(starter, groupA);
    await reply(other, groupA, threadId);
    await eventually(() => starter.arrived.length === 1, 5000, 'the reply');
    await api(starter.member).post('/api/notifications/read-all').expect(204);
    await reply(other, groupA, threadId);
    await eventually(() => starter.arrived.length === 2, 5000, 'a second reply');
    const sources = app.app.get(NotificationSources);
    await sources.purgeRead(new Date(Date.now() + 29 * 24 * 60 * 60 * 1000));
    expect((await list(starter.member)).items).toHaveLength(2);
    await sources.purgeRead(new Date(Date.now() + 31 * 24 * 60 * 60 * 1000));
    expect((await list(starter.member)).items.map((item) => item.read)).toEqual([false]);

    await api(starter.member).put('/api/notifications/settings', { buddy: false }).expect(200);
    const [{ id: accountId }] = await app.app
      .get(DataSource)
      .query<{ id: string }[]>('SELECT account_id AS id FROM membership WHERE id = $1', [starter.membership.memberId]);
    await app.http
      .delete('/api/me')
      .set('Authorization', starter.member.bearer)
      .send({ password: starter.member.password })
      .expect(204);
    for (const table of ['notification', 'notification_setting', 'push_subscription']) {
      const rows = await app.app.get(DataSource).query(`SELECT 1 FROM ${table} WHERE account_id = $1`, [accountId]);
      expect(rows).toHaveLength(0);
    }
  });
});

if (process.env.DATABASE_URL) {
  describe('notifications across two Kring processes with Redis', () => {
    const { a, b, admin, sockets, sql } = twoProcesses();
    let socket: ChatSocket | undefined;

    it('delivers every kind made on process A live to the member connected to process B, and keeps it for one who was offline', async () => {
      interface Who {
        loginName: string;
        password: string;
        token: string;
        memberId?: string;
        alias?: string;
      }
      const call = async <T = Record<string, string>>(
        on: KringProcess,
        method: string,
        path: string,
        who?: Who,
        body?: object,
      ): Promise<T> => {
        const response = await fetch(`${on.baseUrl}${path}`, {
          method,
          headers: {
            ...(who ? { authorization: `Bearer ${who.token}` } : {}),
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          body: body ? JSON.stringify(body) : undefined,
        });
        const text = await response.text();
        if (!response.ok) {
          throw new Error(`${method} ${path}: ${response.status} ${text}`);
        }
        return (text ? JSON.parse(text) : undefined) as T;
      };
      const login = async (on: KringProcess, who: Who) => {
        const pair = await call<{ accessToken: string }>(on, 'POST', '/api/auth/login', undefined, {
          loginName: who.loginName,
          password: who.password,
        });
        return { ...who, token: pair.accessToken };
      };
      const someone = async (slug?: string): Promise<Who> => {
        const loginName = `n_${[...randomBytes(10)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('')}`;
        const password = `calm-river-${randomBytes(6).toString('hex')}`;
        await call(a, 'POST', '/api/auth/register', undefined, { loginName, password });
        const who = await login(a, { loginName, password, token: '' });
        if (slug) {
          const joined = await call(a, 'POST', `/api/groups/${slug}/join`, who, { pledgeAccepted: true });
          Object.assign(who, { memberId: joined.memberId, alias: joined.alias });
        }
        return who;
      };
      const group = (slug: string, rest = '') => `/api/groups/${slug}${rest}`;

      const slug = await createClusterGroup(a, admin);
      const closed = `closed-${randomBytes(4).toString('hex')}`;
      await call(
        a,
        'POST',
        '/api/groups',
        { ...admin, password: '' },
        {
          slug: closed,
          name: 'Dicht',
          description: 'Een gesloten groep voor de clustertests.',
          pledge: 'Wat hier gezegd wordt, blijft hier.',
          locale: 'nl',
          kind: 'closed',
          audience: 'peers',
          chatRetentionDays: 30,
        },
      );
      // Buddies here may offer from their first day (the in-process tests' setting).
      await sql.query('UPDATE support_group SET buddy_min_days = 0 WHERE slug = $1', [slug]);
      const [moderator, second, other] = [await someone(slug), await someone(slug), await someone(slug)];
      await sql.query(`UPDATE membership SET role = 'moderator' WHERE id = ANY($1::uuid[])`, [
        [moderator.memberId, second.memberId],
      ]);
      const asked = await call(a, 'POST', group(closed, '/join'), moderator, { pledgeAccepted: true });
      await sql.query(`UPDATE membership SET status = 'active', role = 'moderator' WHERE id = $1`, [asked.memberId]);

      const thread = async (who: Who) =>
        (await call(a, 'POST', group(slug, '/threads'), who, { title: 'Op twee servers', body: 'Hallo allemaal.' })).id;
      /** Each kind, and how process A comes to make it for `to`. */
      const kinds: { kind: NotificationKind; what: NotificationWhat; produce: (to: Who) => Promise<void> }[] = [
        {
          kind: 'reply',
          what: 'replied',
          produce: async (to) => {
            await call(a, 'POST', group(slug, `/threads/${await thread(to)}/posts`), other, { body: 'Hallo terug!' });
          },
        },
        {
          kind: 'mention',
          what: 'mentioned',
          produce: async (to) => {
            const id = await thread(other);
            await call(a, 'POST', group(slug, `/threads/${id}/posts`), other, { body: `Dag @${to.alias}, welkom.` });
          },
        },
        {
          kind: 'buddy',
          what: 'requested',
          produce: async (to) => {
            await call(a, 'PUT', group(slug, '/buddies/me'), to, { capacity: 2 });
            await call(a, 'POST', group(slug, '/buddies/requests'), await someone(slug), {
              buddyMemberId: to.memberId,
            });
          },
        },
        {
          kind: 'notice',
          what: 'warning',
          produce: async (to) => {
            await call(a, 'POST', group(slug, '/moderation/actions'), moderator, {
              action: 'warn',
              memberId: to.memberId,
              reason: 'Let op je toon.',
            });
          },
        },
        {
          kind: 'appeal',
          what: 'appeal-decided',
          produce: async (to) => {
            const acted = await call(a, 'POST', group(slug, '/moderation/actions'), moderator, {
              action: 'suspend',
              memberId: to.memberId,
              days: 1,
              reason: 'Herhaaldelijk kwetsend.',
            });
            const appeal = await call(a, 'POST', group(slug, `/appeals/${acted.actionId}`), to, {
              text: 'Ik was boos, het spijt me.',
            });
            await call(a, 'POST', group(slug, `/moderation/appeals/${appeal.appealId}/decision`), second, {
              decision: 'overturned',
              reason: 'Eerste keer; excuses aanvaard.',
            });
          },
        },
        {
          kind: 'session',
          what: 'starts-soon',
          produce: async (to) => {
            const startsAt = Date.now() + 2 * 60 * 60 * 1000;
            const session = await call(a, 'POST', group(slug, '/sessions'), moderator, {
              title: 'Samen praten',
              startsAt: new Date(startsAt).toISOString(),
              endsAt: new Date(startsAt + 60 * 60 * 1000).toISOString(),
              capacity: 10,
              facilitatorMemberId: second.memberId,
            });
            await call(a, 'POST', group(slug, `/sessions/${session.id}/signup`), to);
            // Due now: the cluster's reminder round (every minute, on one process) tells of it.
            await sql.query(
              `UPDATE chat_session SET starts_at = now() + interval '5 minutes', ends_at = now() + interval '65 minutes' WHERE id = $1`,
              [session.id],
            );
          },
        },
        {
          kind: 'join',
          what: 'approved',
          produce: async (to) => {
            const request = await call(a, 'POST', group(closed, '/join'), to, { pledgeAccepted: true });
            await call(a, 'POST', group(closed, `/join-requests/${request.memberId}`), moderator, { approve: true });
          },
        },
      ];
      expect(new Set(kinds.map((row) => row.kind))).toEqual(new Set(NOTIFICATION_KINDS));

      const rows: ((typeof kinds)[number] & { live: Who; missed: Who; arrived: NotificationView[] })[] = [];
      for (const row of kinds) {
        const live = await someone(slug);
        const missed = await someone(slug);
        const connection = io(`${b.baseUrl}${CHAT_NAMESPACE}`, {
          transports: ['websocket'],
          auth: { token: live.token },
          reconnection: false,
          forceNew: true,
        });
        sockets.push(connection);
        const arrived: NotificationView[] = [];
        connection.on('notification:new', (notification) => arrived.push(notification));
        await new Promise<void>((resolve, reject) => {
          connection.once('connect', () => resolve());
          connection.once('connect_error', (error) => reject(error));
        });
        await row.produce(live);
        await row.produce(missed);
        rows.push({ ...row, live, missed, arrived });
      }
      const ofKind = (row: (typeof rows)[number]) => row.arrived.filter((item) => item.kind === row.kind);
      // The session reminders wait for the next round: at most a minute.
      await eventually(() => rows.every((row) => ofKind(row).length > 0), 75_000, 'every kind on process B');
      await sleep(1000);
      for (const row of rows) {
        expect({ kind: row.kind, arrived: ofKind(row) }).toEqual({
          kind: row.kind,
          arrived: [expect.objectContaining({ what: row.what, read: false })],
        });
        // After a fresh login on process B, for who saw it live and for who was offline.
        for (const who of [row.live, row.missed]) {
          const listed = await call<NotificationList>(b, 'GET', '/api/notifications', await login(b, who));
          expect({ kind: row.kind, items: listed.items.filter((item) => item.kind === row.kind) }).toEqual({
            kind: row.kind,
            items: [expect.objectContaining({ what: row.what, read: false })],
          });
        }
      }
    }, 180_000);

    it('delivers a notification made on process A to the member connected to process B, once', async () => {
      const slug = await createClusterGroup(a, admin);
      const starter = await register(a);
      const replier = await register(a);
      await joinClusterGroup(a, starter, slug);
      await joinClusterGroup(a, replier, slug);

      socket = io(`${b.baseUrl}${CHAT_NAMESPACE}`, {
        transports: ['websocket'],
        auth: { token: starter.token },
        reconnection: false,
        forceNew: true,
      });
      sockets.push(socket);
      const arrived: NotificationView[] = [];
      socket.on('notification:new', (notification) => arrived.push(notification));
      await new Promise<void>((resolve, reject) => {
        socket!.once('connect', () => resolve());
        socket!.once('connect_error', (error) => reject(error));
      });
      const post = async (token: string, path: string, body: object) => {
        const response = await fetch(`${a.baseUrl}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect(response.status).toBe(201);
        return (await response.json()) as { id: string };
      };
      const thread = await post(starter.token, `/api/groups/${slug}/threads`, {
        title: 'Op twee servers',
        body: 'Hallo allemaal.',
      });
      await post(replier.token, `/api/groups/${slug}/threads/${thread.id}/posts`, { body: 'Hallo terug!' });
      await eventually(() => arrived.length === 1, 10_000, 'the notification on process B');
      expect(arrived[0]).toMatchObject({ kind: 'reply', link: `/groups/${slug}/threads/${thread.id}`, count: 1 });
      await sleep(1000);
      expect(arrived).toHaveLength(1);
      const listed = await fetch(`${b.baseUrl}/api/notifications`, {
        headers: { authorization: `Bearer ${starter.token}` },
      });
      expect(((await listed.json()) as NotificationList).items).toHaveLength(1);
    });
  });
}
