import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import type { GroupDetail } from '../src/contracts/groups.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { expectError } from './support/errors.js';
import { createGroup, joinGroup, registerAdmin } from './support/groups.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * A post committed but unanswered (a crash, a dropped connection) is sent again by the client
 * with the same key: it must come back as the first one, never be posted twice.
 */
describe('posting with a client key', () => {
  let app: TestApp;
  let group: GroupDetail;
  let author: TestMember;
  let other: TestMember;

  beforeAll(async () => {
    app = await startTestApp();
    const admin = await registerAdmin(app);
    group = await createGroup(app, admin);
    author = await registerMember(app);
    other = await registerMember(app);
    await joinGroup(app, author, group.slug);
    await joinGroup(app, other, group.slug);
  });

  afterAll(async () => {
    await app.close();
  });

  const threads = (member: TestMember, body: object) =>
    app.http.post(`/api/groups/${group.slug}/threads`).set('Authorization', member.bearer).send(body);
  const replies = (member: TestMember, threadId: string, body: object) =>
    app.http.post(`/api/groups/${group.slug}/threads/${threadId}/posts`).set('Authorization', member.bearer).send(body);

  async function count(table: 'forum_thread' | 'forum_post', where: string, value: string): Promise<number> {
    const [row] = await app.app
      .get(DataSource)
      .query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where} = $1`, [value]);
    return row.n;
  }

  it('answers a retried thread with the first one (same id) and stores it once', async () => {
    const draft = { title: 'Sleepless again', body: 'Does anyone else lie awake at four?', clientKey: randomUUID() };
    const first = await threads(author, draft);
    expect(first.status).toBe(201);
    const retry = await threads(author, draft);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.body.title).toBe(draft.title);
    expect(await count('forum_thread', 'client_key', draft.clientKey)).toBe(1);
    expect(await count('forum_post', 'thread_id', first.body.id as string)).toBe(1);
  });

  it('answers a retried reply with the first one (same id) and stores it once', async () => {
    const thread = await threads(author, { title: 'A thread', body: 'Opening words.' });
    expect(thread.status).toBe(201);
    const draft = { body: 'Me too, every night.', clientKey: randomUUID() };
    const first = await replies(other, thread.body.id as string, draft);
    expect(first.status).toBe(201);
    const retry = await replies(other, thread.body.id as string, draft);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(await count('forum_post', 'client_key', draft.clientKey)).toBe(1);
    const read = await app.http
      .get(`/api/groups/${group.slug}/threads/${thread.body.id as string}`)
      .set('Authorization', other.bearer);
    expect(read.body.thread.replyCount).toBe(1);
  });

  it('stores one thread when two sends of one draft race each other', async () => {
    const draft = { title: 'Racing sends', body: 'Sent twice at once.', clientKey: randomUUID() };
    const answers = await Promise.all([threads(author, draft), threads(author, draft), threads(author, draft)]);
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.body.id as string)).size).toBe(1);
    expect(await count('forum_thread', 'client_key', draft.clientKey)).toBe(1);
  });

  it('refuses the same key with other content with 409 idempotency_key_reused, and stores nothing', async () => {
    const clientKey = randomUUID();
    const first = await threads(author, { title: 'First words', body: 'One text.', clientKey });
    expect(first.status).toBe(201);
    expectError(
      await threads(author, { title: 'First words', body: 'Another text.', clientKey }),
      409,
      'idempotency_key_reused',
    );
    expect(await count('forum_thread', 'client_key', clientKey)).toBe(1);

    const replyKey = randomUUID();
    expect((await replies(author, first.body.id as string, { body: 'A reply.', clientKey: replyKey })).status).toBe(
      201,
    );
    expectError(
      await replies(author, first.body.id as string, { body: 'Changed.', clientKey: replyKey }),
      409,
      'idempotency_key_reused',
    );
    const elsewhere = await threads(author, { title: 'Elsewhere', body: 'x y z' });
    expectError(
      await replies(author, elsewhere.body.id as string, { body: 'A reply.', clientKey: replyKey }),
      409,
      'idempotency_key_reused',
    );
    expect(await count('forum_post', 'client_key', replyKey)).toBe(1);
  });

  it('keeps keys per author: another member using the same key posts their own', async () => {
    const clientKey = randomUUID();
    const mine = await threads(author, { title: 'Same key', body: 'Mine.', clientKey });
    const theirs = await threads(other, { title: 'Same key', body: 'Mine.', clientKey });
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('refuses a key that is not a UUID, and takes posts without a key as before', async () => {
    expectError(await threads(author, { title: 'Bad key', body: 'x', clientKey: 'retry-1' }), 400, 'validation_failed');
    const once = await threads(author, { title: 'No key', body: 'Same text.' });
    const twice = await threads(author, { title: 'No key', body: 'Same text.' });
    expect([once.status, twice.status]).toEqual([201, 201]);
    expect(twice.body.id).not.toBe(once.body.id);
  });
});
