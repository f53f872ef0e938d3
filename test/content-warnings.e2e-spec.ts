import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import type { ChatMessage, MessageSent } from '../src/contracts/chat.js';
import { type ContentPreferences, HIDDEN_WORD_MAX, HIDDEN_WORDS_MAX } from '../src/contracts/content-preferences.js';
import type { MyDataExport } from '../src/contracts/exports.js';
import type { ForumPostEvent, PostView, Revision, ThreadView, ThreadWithPosts } from '../src/contracts/forums.js';
import type { GroupDetail, MyMembership } from '../src/contracts/groups.js';
import type { QueueEntry } from '../src/contracts/moderation.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { expectError, fieldMessage } from './support/errors.js';
import { createGroup, joinGroup, makeModerator, registerAdmin } from './support/groups.js';
import { call, closeChatClients, connectChat, joinRoom, waitForEvent } from './support/sockets.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('content warnings on replies and chat messages, and each member’s own reading preferences', () => {
  let app: TestApp;
  let group: GroupDetail;
  let anna: TestMember;
  let bram: TestMember;
  let moderator: TestMember;
  let bramHome: MyMembership;
  let thread: ThreadView;

  // Letters only: a run of digits could read as a phone number to the privacy guard.
  const word = () =>
    randomBytes(4)
      .toString('hex')
      .replace(/\d/g, (digit) => 'ghijklmnop'[Number(digit)]);

  const api = (member: TestMember) => ({
    get: (path: string) => app.http.get(path).set('Authorization', member.bearer),
    post: (path: string, body: object) => app.http.post(path).set('Authorization', member.bearer).send(body),
    patch: (path: string, body: object) => app.http.patch(path).set('Authorization', member.bearer).send(body),
    put: (path: string, body: object) => app.http.put(path).set('Authorization', member.bearer).send(body),
  });

  beforeAll(async () => {
    app = await startTestApp();
    const admin = await registerAdmin(app);
    group = await createGroup(app, admin);
    [anna, bram, moderator] = [await registerMember(app), await registerMember(app), await registerMember(app)];
    await joinGroup(app, anna, group.slug);
    bramHome = await joinGroup(app, bram, group.slug);
    await makeModerator(app, await joinGroup(app, moderator, group.slug));
    const started = await api(anna).post(`/api/groups/${group.slug}/threads`, {
      title: 'Hoe gaan jullie om met de feestdagen?',
      body: 'Ik zie er tegenop.',
    });
    expect(started.status).toBe(201);
    thread = started.body as ThreadView;
  }, 240_000);

  afterAll(async () => {
    closeChatClients();
    await app.close();
  });

  it('shows a reply’s warning to another member, live and when read, keeps it through an edit that leaves it out, and changes or removes it', async () => {
    const reader = await connectChat(app, anna);
    expect(await call(reader, 'forum:join', { group: group.slug, threadId: thread.id })).toEqual({ ok: true });
    const arriving = waitForEvent<ForumPostEvent>(reader, 'forum:post');
    const replied = await api(bram).post(`/api/groups/${group.slug}/threads/${thread.id}/posts`, {
      body: 'Vorig jaar was de eerste kerst zonder mijn broer.',
      contentWarning: 'verlies',
    });
    expect(replied.status).toBe(201);
    const reply = replied.body as PostView;
    expect(reply.contentWarning).toBe('verlies');

    // The live event carries ids only; the post it points to carries the warning.
    const event = await arriving;
    expect(event).toEqual({ group: group.slug, threadId: thread.id, postId: reply.id, change: 'new' });
    const fetched = await api(anna).get(`/api/groups/${group.slug}/posts/${event.postId}`);
    expect(fetched.body).toMatchObject({ id: reply.id, contentWarning: 'verlies', body: expect.any(String) });
    const read = (await api(anna).get(`/api/groups/${group.slug}/threads/${thread.id}`)).body as ThreadWithPosts;
    expect(read.posts.find((post) => post.id === reply.id)).toMatchObject({ contentWarning: 'verlies' });

    // An edit without the field keeps the warning; with one changes it; null removes it.
    const kept = await api(bram).patch(`/api/groups/${group.slug}/posts/${reply.id}`, {
      body: 'Vorig jaar was de eerste kerst zonder mijn broer. Dit jaar gaat het iets beter.',
    });
    expect(kept.body).toMatchObject({ contentWarning: 'verlies' });
    const changed = await api(bram).patch(`/api/groups/${group.slug}/posts/${reply.id}`, {
      body: 'Vorig jaar was de eerste kerst zonder mijn broer. Dit jaar gaat het iets beter.',
      contentWarning: 'rouw en feestdagen',
    });
    expect(changed.body).toMatchObject({ contentWarning: 'rouw en feestdagen' });
    const seen = await api(anna).get(`/api/groups/${group.slug}/posts/${reply.id}`);
    expect(seen.body).toMatchObject({ contentWarning: 'rouw en feestdagen' });

    // The moderators read the earlier warnings in the revisions, and the warning in the queue.
    const revisions = await api(moderator).get(`/api/groups/${group.slug}/posts/${reply.id}/revisions`);
    expect((revisions.body as Revision[]).map((revision) => revision.contentWarning)).toEqual(['verlies', 'verlies']);
    const reported = await api(anna).post(`/api/groups/${group.slug}/reports`, {
      target: { kind: 'post', id: reply.id },
      reason: 'other',
    });
    expect(reported.status).toBe(202);
    const queue = (await api(moderator).get(`/api/groups/${group.slug}/moderation/queue`)).body as QueueEntry[];
    expect(queue.find((entry) => entry.target?.id === reply.id)).toMatchObject({
      contentWarning: 'rouw en feestdagen',
      excerpt: expect.stringContaining('kerst'),
    });

    const removed = await api(bram).patch(`/api/groups/${group.slug}/posts/${reply.id}`, {
      body: 'Vorig jaar was de eerste kerst zonder mijn broer. Dit jaar gaat het iets beter.',
      contentWarning: null,
    });
    expect(removed.body).toMatchObject({ contentWarning: null });
  });

  it('refuses a warning that is not one short line, and stores nothing', async () => {
    for (const contentWarning of ['', 'x'.repeat(101), 'twee\nregels']) {
      const refused = await api(bram).post(`/api/groups/${group.slug}/threads/${thread.id}/posts`, {
        body: 'Dit mag niet verschijnen.',
        contentWarning,
      });
      fieldMessage(expectError(refused, 400, 'validation_failed'), 'contentWarning');
    }
    const read = (await api(anna).get(`/api/groups/${group.slug}/threads/${thread.id}`)).body as ThreadWithPosts;
    expect(read.posts.some((post) => post.body === 'Dit mag niet verschijnen.')).toBe(false);
  });

  it('delivers a chat message’s warning live to the room and in its history', async () => {
    const room = { group: group.slug };
    const [sender, receiver] = [await connectChat(app, bram), await connectChat(app, anna)];
    await joinRoom(sender, room);
    await joinRoom(receiver, room);
    const live = waitForEvent<ChatMessage>(receiver, 'message:new');
    const body = `Het was een zware week ${word()}`;
    const sent = await call<MessageSent>(sender, 'message:send', {
      ...room,
      clientMsgId: randomUUID(),
      body,
      contentWarning: 'zelfbeschadiging',
    });
    expect(sent).toMatchObject({ ok: true, message: { body, contentWarning: 'zelfbeschadiging' } });
    expect(await live).toMatchObject({ body, contentWarning: 'zelfbeschadiging' });

    // A message without a warning has no such field at all.
    const plain = waitForEvent<ChatMessage>(receiver, 'message:new');
    const other = `Dank je wel ${word()}`;
    await call(sender, 'message:send', { ...room, clientMsgId: randomUUID(), body: other });
    expect(await plain).not.toHaveProperty('contentWarning');

    const later = await connectChat(app, moderator);
    const joined = await joinRoom(later, room);
    expect(joined.history.find((message) => message.body === body)).toMatchObject({
      contentWarning: 'zelfbeschadiging',
    });
    expect(joined.history.find((message) => message.body === other)).not.toHaveProperty('contentWarning');

    const refused = await call(sender, 'message:send', {
      ...room,
      clientMsgId: randomUUID(),
      body: 'Te lange waarschuwing',
      contentWarning: 'x'.repeat(101),
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
  });

  it('keeps a member’s preferences to that member: defaults first, then exactly what they saved', async () => {
    const empty = await api(anna).get('/api/me/content-preferences');
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ foldWarned: true, hiddenWords: [] });

    const saved = await api(anna).put('/api/me/content-preferences', {
      foldWarned: true,
      hiddenWords: ['kerst', 'Kerst', '  ziekenhuis '],
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ foldWarned: true, hiddenWords: ['kerst', 'ziekenhuis'] });
    expect((await api(anna).get('/api/me/content-preferences')).body).toEqual({
      foldWarned: true,
      hiddenWords: ['kerst', 'ziekenhuis'],
    } satisfies ContentPreferences);

    // Another member has their own (none), and nothing they can read holds Anna's words.
    expect((await api(bram).get('/api/me/content-preferences')).body).toEqual({ foldWarned: true, hiddenWords: [] });
    const bramsExport = JSON.stringify((await api(bram).get('/api/me/export')).body);
    expect(bramsExport).not.toContain('ziekenhuis');
    const bramsThread = JSON.stringify((await api(bram).get(`/api/groups/${group.slug}/threads/${thread.id}`)).body);
    expect(bramsThread).not.toContain('ziekenhuis');
  });

  it('refuses too many hidden words, or one too long or too short, with a clear message, and keeps the saved ones', async () => {
    const before = (await api(anna).get('/api/me/content-preferences')).body as ContentPreferences;
    const many = Array.from({ length: HIDDEN_WORDS_MAX + 1 }, (_, i) => `woord${'abcdefghij'[i % 10]}${i}`);
    const tooMany = expectError(
      await api(anna).put('/api/me/content-preferences', { foldWarned: false, hiddenWords: many }),
      400,
      'validation_failed',
    );
    expect(fieldMessage(tooMany, 'hiddenWords')).toBe(`Keep at most ${HIDDEN_WORDS_MAX} hidden words.`);

    const tooLong = expectError(
      await api(anna).put('/api/me/content-preferences', {
        foldWarned: false,
        hiddenWords: ['x'.repeat(HIDDEN_WORD_MAX + 1)],
      }),
      400,
      'validation_failed',
    );
    expect(tooLong.details?.[0]?.message).toBe(`A hidden word has at most ${HIDDEN_WORD_MAX} characters.`);
    const tooShort = expectError(
      await api(anna).put('/api/me/content-preferences', { foldWarned: false, hiddenWords: ['x'] }),
      400,
      'validation_failed',
    );
    expect(tooShort.details?.[0]?.message).toBe('A hidden word has at least 2 characters.');
    expectError(
      await api(anna).put('/api/me/content-preferences', { foldWarned: false, hiddenWords: [], extra: 1 }),
      400,
      'validation_failed',
    );
    expect((await api(anna).get('/api/me/content-preferences')).body).toEqual(before);
    expectError(await app.http.get('/api/me/content-preferences'), 401, 'unauthorized');
  });

  it('puts the warnings and the hidden words in the member’s own export, and deleting the account removes the words', async () => {
    const own = word();
    await api(bram).put('/api/me/content-preferences', { foldWarned: true, hiddenWords: [`eigen${own}`] });
    const exported = (await api(bram).get('/api/me/export')).body as MyDataExport;
    expect(exported.contentPreferences).toEqual([{ foldWarned: true, hiddenWords: [`eigen${own}`] }]);
    expect(exported.posts.find((post) => post.threadId === thread.id)).toMatchObject({ contentWarning: null });
    expect(exported.chatMessages.find((message) => message.contentWarning === 'zelfbeschadiging')).toMatchObject({
      alias: bramHome.alias,
    });
    const page = await api(bram).get('/api/me/export.html?lang=nl');
    expect(page.text).toContain(`eigen${own}`);
    expect(page.text).toContain('zelfbeschadiging');

    const deleted = await app.http
      .delete('/api/me')
      .set('Authorization', bram.bearer)
      .send({ password: bram.password });
    expect(deleted.status).toBe(204);
    const left = await app.app
      .get(DataSource)
      .query<{ n: string }[]>('SELECT count(*) AS n FROM content_preference WHERE hidden_words LIKE $1', [`%${own}%`]);
    expect(Number(left[0].n)).toBe(0);
  });
});
