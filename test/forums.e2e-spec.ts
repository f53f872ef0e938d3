import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import type {
  PostView,
  ReactionSummary,
  Revision,
  SearchResults,
  ThreadPage,
  ThreadSummary,
  ThreadView,
  ThreadWithPosts,
} from '../src/contracts/forums.js';
import { SEARCH_CANDIDATES, UNREAD_COUNT_CAP } from '../src/contracts/forums.js';
import type { GroupDetail, MyMembership } from '../src/contracts/groups.js';
import { ForumPurgeService } from '../src/forums/forum-purge.service.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { expectError, fieldMessage } from './support/errors.js';
import { createGroup, joinGroup, makeModerator, registerAdmin } from './support/groups.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('group forums', () => {
  let app: TestApp;
  let admin: TestMember;

  beforeAll(async () => {
    app = await startTestApp({ env: { LOG_LEVEL: 'trace' } });
    admin = await registerAdmin(app);
  });

  afterAll(async () => {
    await app.close();
  });

  const call = (who: TestMember | null, method: Method, path: string, body?: object): Promise<Response> => {
    let request = app.http[method](path);
    if (who) {
      request = request.set('Authorization', who.bearer);
    }
    return body === undefined ? request : request.send(body);
  };

  const sql = <T>(query: string, params: unknown[] = []) => app.app.get(DataSource).query<T>(query, params);

  async function startThread(
    who: TestMember,
    slug: string,
    overrides: { title?: string; body?: string; contentWarning?: string } = {},
  ): Promise<ThreadView> {
    const response = await call(who, 'post', `/api/groups/${slug}/threads`, {
      title: 'Een lange week',
      body: 'Deze week was zwaar, ik wil het even kwijt.',
      ...overrides,
    });
    expect(response.status).toBe(201);
    return response.body as ThreadView;
  }

  async function reply(who: TestMember, slug: string, threadId: string, body: string): Promise<PostView> {
    const response = await call(who, 'post', `/api/groups/${slug}/threads/${threadId}/posts`, { body });
    expect(response.status).toBe(201);
    return response.body as PostView;
  }

  async function list(who: TestMember, slug: string, query = ''): Promise<ThreadPage> {
    const response = await call(who, 'get', `/api/groups/${slug}/threads${query}`);
    expect(response.status).toBe(200);
    return response.body as ThreadPage;
  }

  async function read(who: TestMember, slug: string, threadId: string, query = ''): Promise<ThreadWithPosts> {
    const response = await call(who, 'get', `/api/groups/${slug}/threads/${threadId}${query}`);
    expect(response.status).toBe(200);
    return response.body as ThreadWithPosts;
  }

  async function search(who: TestMember, slug: string, q: string): Promise<SearchResults> {
    const response = await call(who, 'get', `/api/groups/${slug}/search?q=${encodeURIComponent(q)}`);
    expect(response.status).toBe(200);
    return response.body as SearchResults;
  }

  /** A group with members who joined under generated aliases. */
  async function groupWith(
    count: number,
    overrides: Partial<GroupDetail> = {},
  ): Promise<{ group: GroupDetail; members: TestMember[]; memberships: MyMembership[] }> {
    const group = await createGroup(app, admin, overrides);
    const members: TestMember[] = [];
    const memberships: MyMembership[] = [];
    for (let i = 0; i < count; i++) {
      const member = await registerMember(app);
      members.push(member);
      memberships.push(await joinGroup(app, member, group.slug));
    }
    return { group, members, memberships };
  }

  const summaryOf = (page: ThreadPage, threadId: string): ThreadSummary | undefined =>
    page.threads.find((thread) => thread.id === threadId);

  it('takes a new member from the directory to a recognised, searchable, read thread (the acceptance scenario)', async () => {
    const group = await createGroup(app, admin, { name: 'Depressie', locale: 'nl' });
    const anna = await registerMember(app);

    const directory = await app.http.get('/api/groups');
    expect(directory.status).toBe(200);
    expect((directory.body as { slug: string }[]).map((entry) => entry.slug)).toContain(group.slug);

    const withoutPledge = await call(anna, 'post', `/api/groups/${group.slug}/join`, {});
    expect(withoutPledge.status).toBe(400);
    const membership = await joinGroup(app, anna, group.slug);
    expect(membership.alias).not.toContain(anna.loginName);

    const thread = await startThread(anna, group.slug, {
      title: 'Moe van het moe zijn',
      body: 'Ik kom de dag niet meer door en zie het niet meer zitten.',
      contentWarning: 'gedachten over de dood',
    });
    expect(thread).toMatchObject({
      title: 'Moe van het moe zijn',
      contentWarning: 'gedachten over de dood',
      author: { memberId: membership.memberId, alias: membership.alias },
      state: 'visible',
      replyCount: 0,
      editedAt: null,
    });
    expect((await list(anna, group.slug)).threads[0]).toMatchObject({ id: thread.id, unreadCount: 0 });

    const bram = await registerMember(app);
    const bramMembership = await joinGroup(app, bram, group.slug);
    const answer = await reply(
      bram,
      group.slug,
      thread.id,
      'Herkenbaar. De slapeloosheid in de winter maakt het voor mij ook zwaarder.',
    );
    expect(answer.author).toEqual({ memberId: bramMembership.memberId, alias: bramMembership.alias });

    const recognised = await call(anna, 'put', `/api/groups/${group.slug}/posts/${answer.id}/reactions/recognise`);
    expect(recognised.status).toBe(200);
    expect(recognised.body).toEqual({ recognise: { count: 1, mine: true }, support: { count: 0, mine: false } });

    const found = await search(anna, group.slug, 'slapeloosheid');
    expect(found.hits).toHaveLength(1);
    expect(found.hits[0]).toMatchObject({
      group: group.slug,
      threadId: thread.id,
      postId: answer.id,
      title: 'Moe van het moe zijn',
      contentWarning: 'gedachten over de dood',
      author: { memberId: bramMembership.memberId, alias: bramMembership.alias },
    });
    expect(found.hits[0].snippet).toContainEqual({ text: 'slapeloosheid', match: true });

    expect(summaryOf(await list(anna, group.slug), thread.id)).toMatchObject({ unreadCount: 1, replyCount: 1 });
    const opened = await read(anna, group.slug, thread.id);
    expect(opened.thread).toMatchObject({ id: thread.id, body: thread.body, contentWarning: 'gedachten over de dood' });
    expect(opened.posts).toEqual([
      expect.objectContaining({
        id: answer.id,
        body: answer.body,
        reactions: { recognise: { count: 1, mine: true }, support: { count: 0, mine: false } },
      }),
    ]);
    expect(summaryOf(await list(anna, group.slug), thread.id)).toMatchObject({ unreadCount: 0 });
    // Bram has not opened Anna's thread yet: its opening text is new to him, his own reply is not.
    expect(summaryOf(await list(bram, group.slug), thread.id)).toMatchObject({ unreadCount: 1 });
  });

  it('counts replies of others as unread after the last one read, and never the reader’s own', async () => {
    const { group, members } = await groupWith(2);
    const [anna, bram] = members;
    const thread = await startThread(anna, group.slug);
    await read(bram, group.slug, thread.id);
    await reply(anna, group.slug, thread.id, 'Eén.');
    await reply(bram, group.slug, thread.id, 'Twee, van mij.');
    await reply(anna, group.slug, thread.id, 'Drie.');
    expect(summaryOf(await list(bram, group.slug), thread.id)?.unreadCount).toBe(2);
    expect(summaryOf(await list(anna, group.slug), thread.id)?.unreadCount).toBe(1);
    await read(bram, group.slug, thread.id, '?limit=1');
    expect(summaryOf(await list(bram, group.slug), thread.id)?.unreadCount).toBe(1);
  });

  it('counts only the posts after the reader’s marker, up to the cap, and never hidden, removed or held ones', async () => {
    const { group, members } = await groupWith(2);
    const [anna, bram] = members;
    const thread = await startThread(anna, group.slug);
    await read(bram, group.slug, thread.id);
    const replies = UNREAD_COUNT_CAP + 50;
    await sql(
      `INSERT INTO forum_post (thread_id, group_id, author_id, seq, body)
       SELECT t.id, t.group_id, t.author_id, s, 'Antwoord ' || s FROM forum_thread t, generate_series(1, $2::int) s
        WHERE t.id = $1`,
      [thread.id, replies],
    );
    await sql('UPDATE forum_thread SET last_seq = $2, reply_count = $2 WHERE id = $1', [thread.id, replies]);
    expect(summaryOf(await list(bram, group.slug), thread.id)?.unreadCount).toBe(UNREAD_COUNT_CAP);

    // Two pages of 50 read: the marker is at seq 100, so exactly the newer posts are unread.
    const first = await read(bram, group.slug, thread.id, '?limit=50');
    await read(bram, group.slug, thread.id, `?limit=50&cursor=${first.nextCursor}`);
    expect(summaryOf(await list(bram, group.slug), thread.id)?.unreadCount).toBe(replies - 100);

    await sql('UPDATE forum_post SET hidden_at = now() WHERE thread_id = $1 AND seq = 101', [thread.id]);
    await sql('UPDATE forum_post SET deleted_at = now() WHERE thread_id = $1 AND seq = 102', [thread.id]);
    await sql('UPDATE forum_post SET held_at = now() WHERE thread_id = $1 AND seq = 103', [thread.id]);
    await sql('UPDATE forum_post SET hidden_at = now() WHERE thread_id = $1 AND seq = 50', [thread.id]);
    expect(summaryOf(await list(bram, group.slug), thread.id)?.unreadCount).toBe(replies - 103);
    expect(summaryOf(await list(anna, group.slug), thread.id)?.unreadCount).toBe(0);
  });

  it('lists pinned threads first, then by newest activity, in keyset pages that neither repeat nor skip', async () => {
    const { group, members } = await groupWith(1);
    const [anna] = members;
    const started: ThreadView[] = [];
    for (let i = 0; i < 7; i++) {
      started.push(await startThread(anna, group.slug, { title: `Draad nummer ${i}` }));
    }
    const newestFirst = [...started].reverse().map((thread) => thread.id);

    const seen: string[] = [];
    let cursor: string | null = null;
    const sizes: number[] = [];
    do {
      const page = await list(anna, group.slug, `?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      sizes.push(page.threads.length);
      seen.push(...page.threads.map((thread) => thread.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(newestFirst);

    // A reply lifts the oldest thread to the top; pinning puts another above everything.
    await reply(anna, group.slug, started[0].id, 'Nog even dit.');
    await sql('UPDATE forum_thread SET pinned_at = now() WHERE id = $1', [started[3].id]);
    const top = await list(anna, group.slug, '?limit=3');
    expect(top.threads.map((thread) => thread.id)).toEqual([started[3].id, started[0].id, started[6].id]);
    expect(top.threads[0].pinned).toBe(true);

    // A thread that becomes active while someone pages moves above their cursor: later pages
    // hold every other thread exactly once.
    await reply(anna, group.slug, started[1].id, 'Nu ben ik weer boven.');
    const rest: string[] = [];
    cursor = top.nextCursor;
    while (cursor) {
      const page = await list(anna, group.slug, `?limit=3&cursor=${encodeURIComponent(cursor)}`);
      rest.push(...page.threads.map((thread) => thread.id));
      cursor = page.nextCursor;
    }
    expect(rest).toEqual([started[5].id, started[4].id, started[2].id]);
  });

  it('pages through replies in the order they were stored, and refuses a cursor it did not give out', async () => {
    const { group, members } = await groupWith(2);
    const [anna, bram] = members;
    const thread = await startThread(anna, group.slug);
    const replies: string[] = [];
    for (let i = 1; i <= 5; i++) {
      replies.push((await reply(i % 2 ? bram : anna, group.slug, thread.id, `Antwoord ${i}`)).id);
    }
    const first = await read(anna, group.slug, thread.id, '?limit=2');
    const second = await read(anna, group.slug, thread.id, `?limit=2&cursor=${first.nextCursor}`);
    const third = await read(anna, group.slug, thread.id, `?limit=2&cursor=${second.nextCursor}`);
    expect([first, second, third].map((page) => page.posts.map((post) => post.id))).toEqual([
      replies.slice(0, 2),
      replies.slice(2, 4),
      replies.slice(4),
    ]);
    expect(third.nextCursor).toBeNull();
    expect(third.thread.id).toBe(thread.id);

    for (const cursor of ['not-a-cursor', Buffer.from('{"s":-1}').toString('base64url'), 'eyJ9']) {
      const refused = await call(anna, 'get', `/api/groups/${group.slug}/threads/${thread.id}?cursor=${cursor}`);
      fieldMessage(expectError(refused, 400, 'validation_failed'), 'cursor');
      const refusedList = await call(anna, 'get', `/api/groups/${group.slug}/threads?cursor=${cursor}`);
      fieldMessage(expectError(refusedList, 400, 'validation_failed'), 'cursor');
    }
  });

  it('stores every one of many simultaneous replies, numbered one after the other, with the count right', async () => {
    const { group, members } = await groupWith(4);
    const thread = await startThread(members[0], group.slug);
    const bodies = Array.from({ length: 16 }, (_, i) => `Gelijktijdig antwoord ${i}`);
    const responses = await Promise.all(
      bodies.map((body, i) =>
        call(members[i % 4], 'post', `/api/groups/${group.slug}/threads/${thread.id}/posts`, { body }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(bodies.map(() => 201));

    const stored = await sql<{ seq: number; body: string }[]>(
      'SELECT seq, body FROM forum_post WHERE thread_id = $1 AND seq > 0 ORDER BY seq',
      [thread.id],
    );
    expect(stored.map((row) => row.seq)).toEqual(bodies.map((_, i) => i + 1));
    expect(stored.map((row) => row.body).sort()).toEqual([...bodies].sort());
    const page = await read(members[0], group.slug, thread.id, '?limit=50');
    expect(page.thread.replyCount).toBe(16);
    expect(page.posts.map((post) => post.body)).toEqual(stored.map((row) => row.body));
    expect(summaryOf(await list(members[1], group.slug), thread.id)?.replyCount).toBe(16);
  });

  it('keeps earlier versions of an edited thread and reply for moderators, not for members or the author', async () => {
    const { group, members, memberships } = await groupWith(3);
    const [anna, bram, moderator] = members;
    await makeModerator(app, memberships[2]);
    const thread = await startThread(anna, group.slug, { title: 'Eerste titel', body: 'Eerste tekst.' });
    const answer = await reply(bram, group.slug, thread.id, 'Eerste antwoord.');

    const edited = await call(anna, 'patch', `/api/groups/${group.slug}/threads/${thread.id}`, {
      title: 'Tweede titel',
      contentWarning: 'verlies',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: 'Tweede titel', body: 'Eerste tekst.', contentWarning: 'verlies' });
    expect(edited.body.editedAt).toEqual(expect.any(String));
    const again = await call(anna, 'patch', `/api/groups/${group.slug}/threads/${thread.id}`, {
      body: 'Tweede tekst.',
      contentWarning: null,
    });
    expect(again.body).toMatchObject({ title: 'Tweede titel', body: 'Tweede tekst.', contentWarning: null });
    const editedReply = await call(bram, 'patch', `/api/groups/${group.slug}/posts/${answer.id}`, {
      body: 'Beter verwoord antwoord.',
    });
    expect(editedReply.status).toBe(200);
    expect(editedReply.body).toMatchObject({ body: 'Beter verwoord antwoord.', editedAt: expect.any(String) });

    const byOthers = [
      await call(bram, 'patch', `/api/groups/${group.slug}/threads/${thread.id}`, { title: 'Overgenomen' }),
      await call(moderator, 'patch', `/api/groups/${group.slug}/posts/${answer.id}`, { body: 'Overgenomen' }),
    ];
    byOthers.forEach((response) => expectError(response, 403, 'forbidden'));

    for (const [who, path] of [
      [anna, `threads/${thread.id}/revisions`],
      [bram, `threads/${thread.id}/revisions`],
      [bram, `posts/${answer.id}/revisions`],
      [anna, `posts/${answer.id}/revisions`],
    ] as const) {
      expectError(await call(who, 'get', `/api/groups/${group.slug}/${path}`), 403, 'forbidden');
    }
    const threadRevisions = await call(moderator, 'get', `/api/groups/${group.slug}/threads/${thread.id}/revisions`);
    expect(threadRevisions.status).toBe(200);
    expect(threadRevisions.body as Revision[]).toEqual([
      expect.objectContaining({ title: 'Eerste titel', contentWarning: null, body: 'Eerste tekst.' }),
      expect.objectContaining({ title: 'Tweede titel', contentWarning: 'verlies', body: 'Eerste tekst.' }),
    ]);
    const postRevisions = await call(moderator, 'get', `/api/groups/${group.slug}/posts/${answer.id}/revisions`);
    expect(postRevisions.body as Revision[]).toEqual([
      {
        contentWarning: null,
        body: 'Eerste antwoord.',
        writtenAt: answer.createdAt,
        replacedAt: expect.any(String),
      },
    ]);
    const seen = await read(bram, group.slug, thread.id);
    expect(seen.thread).toMatchObject({ title: 'Tweede titel', body: 'Tweede tekst.', editedAt: expect.any(String) });
  });

  it('shows a reply its author removed as "removed by its author" to everyone, moderators too, and purges its text at once', async () => {
    const { group, members, memberships } = await groupWith(3);
    const [anna, bram, moderator] = members;
    await makeModerator(app, memberships[2]);
    const thread = await startThread(anna, group.slug);
    const answer = await reply(bram, group.slug, thread.id, 'Iets wat ik liever niet had gezegd.');
    await call(bram, 'patch', `/api/groups/${group.slug}/posts/${answer.id}`, { body: 'Iets over mijn schoonmoeder.' });
    expect((await search(anna, group.slug, 'schoonmoeder')).hits).toHaveLength(1);
    await call(anna, 'put', `/api/groups/${group.slug}/posts/${answer.id}/reactions/support`);

    expectError(await call(anna, 'delete', `/api/groups/${group.slug}/posts/${answer.id}`), 403, 'forbidden');
    const removed = await call(bram, 'delete', `/api/groups/${group.slug}/posts/${answer.id}`);
    expect(removed.status).toBe(204);
    expect((await call(bram, 'delete', `/api/groups/${group.slug}/posts/${answer.id}`)).status).toBe(204);

    const forMembers = (await read(anna, group.slug, thread.id)).posts[0];
    expect(forMembers).toMatchObject({ id: answer.id, state: 'removed_by_author', body: null, author: null });
    expect(JSON.stringify(forMembers)).not.toContain('Iets');
    const forModerators = (await read(moderator, group.slug, thread.id)).posts[0];
    expect(forModerators).toMatchObject({ state: 'removed_by_author', body: null, author: null });
    expect(JSON.stringify(forModerators)).not.toContain('Iets');
    expect((await search(anna, group.slug, 'schoonmoeder')).hits).toEqual([]);
    expectError(
      await call(bram, 'patch', `/api/groups/${group.slug}/posts/${answer.id}`, { body: 'Toch weer terug.' }),
      409,
      'content_removed',
    );

    const [purged] = await sql<{ body: string; author_id: string | null; purged_at: Date | null }[]>(
      'SELECT body, author_id, purged_at FROM forum_post WHERE id = $1',
      [answer.id],
    );
    expect(purged).toEqual({ body: '', author_id: null, purged_at: expect.any(Date) });
    expect(await sql('SELECT 1 FROM forum_revision WHERE post_id = $1', [answer.id])).toHaveLength(0);
    expect(await sql('SELECT 1 FROM forum_reaction WHERE post_id = $1', [answer.id])).toHaveLength(0);
  });

  it('keeps a reply reported before its author removed it for the moderators until the grace ends, then purges it', async () => {
    const { group, members, memberships } = await groupWith(3);
    const [anna, bram, moderator] = members;
    await makeModerator(app, memberships[2]);
    const thread = await startThread(anna, group.slug);
    const answer = await reply(bram, group.slug, thread.id, 'Iets kwetsends over Anna.');
    const reported = await call(anna, 'post', `/api/groups/${group.slug}/reports`, {
      target: { kind: 'post', id: answer.id },
      reason: 'other',
    });
    expect(reported.status).toBe(202);
    expect((await call(bram, 'delete', `/api/groups/${group.slug}/posts/${answer.id}`)).status).toBe(204);

    expect((await read(anna, group.slug, thread.id)).posts[0]).toMatchObject({
      state: 'removed_by_author',
      body: null,
    });
    expect((await read(moderator, group.slug, thread.id)).posts[0]).toMatchObject({
      state: 'removed_by_author',
      body: 'Iets kwetsends over Anna.',
    });

    const purge = app.app.get(ForumPurgeService);
    await purge.purgeRemoved(new Date(Date.now() + 6 * DAY_MS));
    const [early] = await sql<{ body: string }[]>('SELECT body FROM forum_post WHERE id = $1', [answer.id]);
    expect(early.body).toBe('Iets kwetsends over Anna.');
    await purge.purgeRemoved(new Date(Date.now() + 8 * DAY_MS));
    const [purged] = await sql<{ body: string; purged_at: Date | null }[]>(
      'SELECT body, purged_at FROM forum_post WHERE id = $1',
      [answer.id],
    );
    expect(purged).toEqual({ body: '', purged_at: expect.any(Date) });
    expect((await read(moderator, group.slug, thread.id)).posts[0]).toMatchObject({ body: null, author: null });
  });

  it('purges a thread its author removed at once, so moderators read its text no more than members do', async () => {
    const { group, members, memberships } = await groupWith(3);
    const [anna, bram, moderator] = members;
    await makeModerator(app, memberships[2]);
    const thread = await startThread(anna, group.slug, { title: 'Spijt van deze titel' });
    await reply(bram, group.slug, thread.id, 'Een antwoord dat blijft.');
    expect((await call(anna, 'delete', `/api/groups/${group.slug}/threads/${thread.id}`)).status).toBe(204);
    const seen = await read(moderator, group.slug, thread.id);
    expect(seen.thread).toMatchObject({ state: 'removed_by_author', title: null, body: null, author: null });
    const [row] = await sql<{ title: string }[]>('SELECT title FROM forum_thread WHERE id = $1', [thread.id]);
    expect(row.title).toBe('');
  });

  it('keeps other members’ replies under a thread its author removed, and deletes a removed thread nobody answered', async () => {
    const { group, members } = await groupWith(2);
    const [anna, bram] = members;
    const answered = await startThread(anna, group.slug, { title: 'Wordt beantwoord' });
    const answer = await reply(bram, group.slug, answered.id, 'Mijn woorden blijven staan.');
    const lonely = await startThread(anna, group.slug, { title: 'Niemand antwoordt' });

    expectError(await call(bram, 'delete', `/api/groups/${group.slug}/threads/${answered.id}`), 403, 'forbidden');
    for (const thread of [answered, lonely]) {
      expect((await call(anna, 'delete', `/api/groups/${group.slug}/threads/${thread.id}`)).status).toBe(204);
    }
    const placeholder = await read(bram, group.slug, answered.id);
    expect(placeholder.thread).toMatchObject({
      state: 'removed_by_author',
      title: null,
      body: null,
      contentWarning: null,
      author: null,
    });
    expect(placeholder.posts).toEqual([
      expect.objectContaining({ id: answer.id, body: 'Mijn woorden blijven staan.' }),
    ]);
    expectError(
      await call(bram, 'post', `/api/groups/${group.slug}/threads/${answered.id}/posts`, { body: 'Nog iets.' }),
      409,
      'content_removed',
    );
    expect(summaryOf(await list(bram, group.slug), answered.id)).toMatchObject({
      state: 'removed_by_author',
      title: null,
    });

    await app.app.get(ForumPurgeService).purgeRemoved(new Date(Date.now() + 8 * DAY_MS));
    const kept = await read(bram, group.slug, answered.id);
    expect(kept.posts.map((post) => post.body)).toEqual(['Mijn woorden blijven staan.']);
    const [row] = await sql<{ title: string; author_id: string | null }[]>(
      'SELECT title, author_id FROM forum_thread WHERE id = $1',
      [answered.id],
    );
    expect(row).toEqual({ title: '', author_id: null });
    const [opening] = await sql<{ body: string }[]>('SELECT body FROM forum_post WHERE thread_id = $1 AND seq = 0', [
      answered.id,
    ]);
    expect(opening.body).toBe('');
    expectError(await call(bram, 'get', `/api/groups/${group.slug}/threads/${lonely.id}`), 404, 'not_found');
  });

  it('shows a moderator-hidden item as "removed by a moderator" and refuses replies to a locked thread', async () => {
    const { group, members } = await groupWith(2);
    const [anna, bram] = members;
    const thread = await startThread(anna, group.slug);
    const answer = await reply(bram, group.slug, thread.id, 'Dit wordt verborgen.');
    await sql(`UPDATE forum_post SET hidden_at = now(), hidden_reason = 'privacy' WHERE id = $1`, [answer.id]);
    expect((await read(anna, group.slug, thread.id)).posts[0]).toMatchObject({
      state: 'removed_by_moderator',
      body: null,
      author: null,
    });

    await sql('UPDATE forum_thread SET locked_at = now() WHERE id = $1', [thread.id]);
    const before = await sql<{ n: number }[]>('SELECT count(*)::int AS n FROM forum_post');
    expectError(
      await call(bram, 'post', `/api/groups/${group.slug}/threads/${thread.id}/posts`, { body: 'Mag dit nog?' }),
      409,
      'thread_locked',
    );
    expectError(
      await call(anna, 'patch', `/api/groups/${group.slug}/threads/${thread.id}`, { title: 'Andere titel' }),
      409,
      'thread_locked',
    );
    expect(await sql('SELECT count(*)::int AS n FROM forum_post')).toEqual(before);
    expect((await read(anna, group.slug, thread.id)).thread.locked).toBe(true);
  });

  it('allows one reaction of each kind per member per item, also when the same reaction races', async () => {
    const { group, members } = await groupWith(2);
    const [anna, bram] = members;
    const thread = await startThread(anna, group.slug);
    const path = `/api/groups/${group.slug}/threads/${thread.id}/reactions`;

    const twice = await Promise.all([1, 2, 3].map(() => call(bram, 'put', `${path}/recognise`)));
    expect(twice.map((response) => response.status)).toEqual([200, 200, 200]);
    await call(bram, 'put', `${path}/support`);
    const annas = await call(anna, 'put', `${path}/recognise`);
    expect(annas.body as ReactionSummary).toEqual({
      recognise: { count: 2, mine: true },
      support: { count: 1, mine: false },
    });
    const listed = summaryOf(await list(bram, group.slug), thread.id);
    expect(listed?.reactions).toEqual({ recognise: { count: 2, mine: true }, support: { count: 1, mine: true } });

    const [row] = await sql<{ post_id: string; member_id: string }[]>(
      `SELECT post_id, member_id FROM forum_reaction WHERE kind = 'recognise' LIMIT 1`,
    );
    await expect(
      sql(`INSERT INTO forum_reaction (post_id, member_id, kind) VALUES ($1, $2, 'recognise')`, [
        row.post_id,
        row.member_id,
      ]),
    ).rejects.toThrow(/pk_forum_reaction/);

    const taken = await call(bram, 'delete', `${path}/recognise`);
    expect(taken.body).toEqual({ recognise: { count: 1, mine: false }, support: { count: 1, mine: true } });
    expect((await call(bram, 'delete', `${path}/recognise`)).body).toEqual(taken.body);

    fieldMessage(expectError(await call(bram, 'put', `${path}/love`), 400, 'validation_failed'), 'kind');
  });

  it('collapses the posts of a muted alias for the member who muted it, and for nobody else', async () => {
    const { group, members, memberships } = await groupWith(3);
    const [anna, bram, carla] = members;
    const thread = await startThread(anna, group.slug, { title: 'Over de feestdagen' });
    const answer = await reply(anna, group.slug, thread.id, 'Ik zie op tegen de feestdagen.');
    const muted = await call(bram, 'post', `/api/groups/${group.slug}/mutes`, { memberId: memberships[0].memberId });
    expect(muted.status).toBe(204);

    const forBram = await read(bram, group.slug, thread.id);
    expect(forBram.thread.muted).toBe(true);
    expect(forBram.posts[0]).toMatchObject({ id: answer.id, muted: true });
    expect(summaryOf(await list(bram, group.slug), thread.id)?.muted).toBe(true);
    const hits = (await search(bram, group.slug, 'feestdagen')).hits;
    expect(hits.map((hit) => hit.muted)).toEqual([true, true]);

    const forCarla = await read(carla, group.slug, thread.id);
    expect(forCarla.thread).not.toHaveProperty('muted');
    expect(forCarla.posts[0]).not.toHaveProperty('muted');
    expect((await read(anna, group.slug, thread.id)).posts[0]).not.toHaveProperty('muted');
  });

  it('searches in the group’s language, ranked, with the matches marked, and never finds removed text', async () => {
    const dutch = await groupWith(1, { locale: 'nl' });
    const english = await groupWith(1, { locale: 'en' });
    const nl = dutch.members[0];
    const en = english.members[0];
    const nights = await startThread(nl, dutch.group.slug, {
      title: 'Wakker liggen',
      body: 'Sommige nachten lig ik uren wakker.',
    });
    await startThread(nl, dutch.group.slug, { title: 'Over de nacht', body: 'De nacht duurt zo lang.' });
    await startThread(en, english.group.slug, { title: 'Mornings', body: 'I keep running away from my feelings.' });

    const dutchHits = await search(nl, dutch.group.slug, 'nacht');
    expect(dutchHits.hits).toHaveLength(2);
    expect(dutchHits.hits[0].title).toBe('Over de nacht');
    expect(dutchHits.hits[0].rank).toBeGreaterThan(dutchHits.hits[1].rank);
    expect(dutchHits.hits[1]).toMatchObject({ threadId: nights.id, postId: null });
    expect(dutchHits.hits[1].snippet).toContainEqual({ text: 'nachten', match: true });
    expect((await search(en, english.group.slug, 'runs')).hits).toHaveLength(1);
    expect((await search(en, english.group.slug, 'nacht')).hits).toEqual([]);

    await call(nl, 'delete', `/api/groups/${dutch.group.slug}/threads/${nights.id}`);
    expect((await search(nl, dutch.group.slug, 'nacht')).hits.map((hit) => hit.title)).toEqual(['Over de nacht']);
    fieldMessage(
      expectError(await call(nl, 'get', `/api/groups/${dutch.group.slug}/search?q=a`), 400, 'validation_failed'),
      'q',
    );
  });

  it('ranks only the newest matches of a common word, best first among them', async () => {
    const { group, members } = await groupWith(1);
    const [anna] = members;
    const old = await startThread(anna, group.slug, { title: 'Lantaarn', body: 'Lantaarn, lantaarn, lantaarn.' });
    await sql(`UPDATE forum_post SET created_at = now() - interval '1 day' WHERE thread_id = $1`, [old.id]);
    const busy = await startThread(anna, group.slug, { title: 'Elke avond', body: 'Wat helpt jullie?' });
    await sql(
      `INSERT INTO forum_post (thread_id, group_id, author_id, seq, body, created_at)
       SELECT t.id, t.group_id, t.author_id, s, 'Ik zet een lantaarn aan, nummer ' || s,
              now() - interval '1 hour' + s * interval '1 ms'
         FROM forum_thread t, generate_series(1, $2::int) s WHERE t.id = $1`,
      [busy.id, SEARCH_CANDIDATES],
    );
    await sql('UPDATE forum_thread SET last_seq = $2, reply_count = $2 WHERE id = $1', [busy.id, SEARCH_CANDIDATES]);
    const best = await reply(anna, group.slug, busy.id, 'Een lantaarn, nog een lantaarn.');

    const response = await call(anna, 'get', `/api/groups/${group.slug}/search?q=lantaarn&limit=50`);
    expect(response.status).toBe(200);
    const { hits } = response.body as SearchResults;
    expect(hits).toHaveLength(50);
    expect(hits[0]).toMatchObject({ threadId: busy.id, postId: best.id });
    expect(hits.map((hit) => hit.threadId)).not.toContain(old.id);
    expect((await search(anna, group.slug, 'lantaarn lantaarn')).hits.map((hit) => hit.postId)).toContain(best.id);
  });

  it('answers bad input with 400 and the field at fault, and stores nothing', async () => {
    const { group, members } = await groupWith(1);
    const [anna] = members;
    const thread = await startThread(anna, group.slug);
    const before = await sql(
      'SELECT (SELECT count(*)::int FROM forum_thread) AS t, (SELECT count(*)::int FROM forum_post) AS p',
    );
    const cases: [string, object, string][] = [
      ['threads', { title: 'ab', body: 'Tekst.' }, 'title'],
      ['threads', { title: 'x'.repeat(151), body: 'Tekst.' }, 'title'],
      ['threads', { title: 'Twee\nregels', body: 'Tekst.' }, 'title'],
      ['threads', { title: 'Goede titel', body: '   ' }, 'body'],
      ['threads', { title: 'Goede titel', body: 'x'.repeat(20_001) }, 'body'],
      ['threads', { title: 'Goede titel', body: 'Met \u0002 erin.' }, 'body'],
      ['threads', { title: 'Goede titel', body: 'Tekst.', contentWarning: 'x'.repeat(101) }, 'contentWarning'],
      ['threads', { title: 'Goede titel', body: 'Tekst.', authorId: 'x' }, 'authorId'],
      ['threads', { title: 42, body: 'Tekst.' }, 'title'],
      [`threads/${thread.id}/posts`, {}, 'body'],
      [`threads/${thread.id}/posts`, { body: 'Tekst.', seq: 1 }, 'seq'],
    ];
    for (const [path, body, field] of cases) {
      const response = await call(anna, 'post', `/api/groups/${group.slug}/${path}`, body);
      fieldMessage(expectError(response, 400, 'validation_failed'), field);
    }
    expectError(
      await call(anna, 'patch', `/api/groups/${group.slug}/threads/${thread.id}`, {}),
      400,
      'validation_failed',
    );
    for (const query of ['?limit=0', '?limit=51', '?limit=veel', '?offset=20']) {
      expectError(await call(anna, 'get', `/api/groups/${group.slug}/threads${query}`), 400, 'validation_failed');
    }
    const longest = await call(anna, 'post', `/api/groups/${group.slug}/threads`, {
      title: 'x'.repeat(150),
      body: 'y'.repeat(20_000),
    });
    expect(longest.status).toBe(201);
    // Removed by its author and unanswered, the accepted thread is gone at once.
    await call(anna, 'delete', `/api/groups/${group.slug}/threads/${(longest.body as ThreadView).id}`);
    const after = await sql(
      'SELECT (SELECT count(*)::int FROM forum_thread) AS t, (SELECT count(*)::int FROM forum_post) AS p',
    );
    expect(after).toEqual(before);
  });

  it('refuses new threads and replies in an archived group', async () => {
    const { group, members } = await groupWith(1);
    const thread = await startThread(members[0], group.slug);
    expect((await call(admin, 'post', `/api/groups/${group.slug}/archive`)).status).toBe(204);
    expectError(
      await call(members[0], 'post', `/api/groups/${group.slug}/threads`, { title: 'Nog een', body: 'Tekst.' }),
      409,
      'group_archived',
    );
    expectError(
      await call(members[0], 'post', `/api/groups/${group.slug}/threads/${thread.id}/posts`, { body: 'Tekst.' }),
      409,
      'group_archived',
    );
    expect((await read(members[0], group.slug, thread.id)).thread.id).toBe(thread.id);
  });

  it('never writes what members wrote or searched for to the logs', async () => {
    const { group, members } = await groupWith(2);
    const canary = `kanarie${Date.now().toString(36)}`;
    const thread = await startThread(members[0], group.slug, {
      title: `Titel ${canary}`,
      body: `Tekst ${canary}`,
      contentWarning: `waarschuwing ${canary}`,
    });
    const answer = await reply(members[1], group.slug, thread.id, `Antwoord ${canary}`);
    await call(members[1], 'patch', `/api/groups/${group.slug}/posts/${answer.id}`, { body: `Anders ${canary}` });
    await search(members[0], group.slug, canary);
    await call(members[0], 'post', `/api/groups/${group.slug}/threads`, { title: canary, body: 'x'.repeat(20_001) });
    expect(app.logs()).toContain(`/api/groups/${group.slug}/search`);
    expect(app.logs()).not.toContain(canary);
  });
});
