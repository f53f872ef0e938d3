import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io } from 'socket.io-client';
import type { Ack } from '../src/contracts/chat.js';
import { CHAT_NAMESPACE } from '../src/contracts/chat.js';
import type { ForumActivityEvent, ForumPostEvent, PostView, ThreadView } from '../src/contracts/forums.js';
import type { MemberRef } from '../src/contracts/groups.js';
import { type DomainEventMap, DomainEvents } from '../src/events/domain-events.js';
import { registerMember, type TestMember } from './support/accounts.js';
import {
  type ChatSocket,
  type ClusterMember,
  createGroup as createClusterGroup,
  joinGroup as joinClusterGroup,
  type KringProcess,
  register,
  twoProcesses,
} from './support/cluster.js';
import { expectError } from './support/errors.js';
import { createGroup, joinGroup, makeModerator, registerAdmin } from './support/groups.js';
import {
  call,
  closeChatClients,
  collect,
  connectChat,
  connectionRefusal,
  eventually,
  waitForEvent,
} from './support/sockets.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The live forum: a thread's readers see replies, edits and removals arrive, through a room joined
 * only after the same access check as reading the thread; quotes and `@alias` mentions stay
 * inside the group.
 */
describe('a live forum', () => {
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

  const authed = (who: TestMember) => ({
    get: (path: string) => app.http.get(path).set('Authorization', who.bearer),
    post: (path: string, body: object) => app.http.post(path).set('Authorization', who.bearer).send(body),
    patch: (path: string, body: object) => app.http.patch(path).set('Authorization', who.bearer).send(body),
    delete: (path: string) => app.http.delete(path).set('Authorization', who.bearer),
  });

  async function startThread(who: TestMember, slug: string, body = 'Hoe gaan jullie om met slapeloze nachten?') {
    const response = await authed(who).post(`/api/groups/${slug}/threads`, { title: 'Slapeloze nachten', body });
    expect(response.status).toBe(201);
    return response.body as ThreadView;
  }

  async function reply(who: TestMember, slug: string, threadId: string, body: string, quotePostId?: string) {
    const response = await authed(who).post(`/api/groups/${slug}/threads/${threadId}/posts`, { body, quotePostId });
    expect(response.status).toBe(201);
    return response.body as PostView;
  }

  async function member(slug: string, alias?: string) {
    const account = await registerMember(app);
    const membership = await joinGroup(app, account, slug, alias ? { alias } : {});
    return { account, membership };
  }

  it('brings a reply, an edit and a removal to a reader of the thread, and new activity to the list', async () => {
    const group = await createGroup(app, admin);
    const anna = await member(group.slug);
    const bram = await member(group.slug);
    const thread = await startThread(anna.account, group.slug);

    const reader = await connectChat(app, anna.account);
    expect(await call(reader, 'forum:join', { group: group.slug, threadId: thread.id })).toEqual({ ok: true });
    const lister = await connectChat(app, anna.account);
    expect(await call(lister, 'forum:join', { group: group.slug })).toEqual({ ok: true });
    const activity = collect<ForumActivityEvent>(lister, 'forum:activity');

    const arriving = waitForEvent<ForumPostEvent>(reader, 'forum:post');
    const posted = await reply(bram.account, group.slug, thread.id, 'Ik lees om drie uur nog, dat helpt soms.');
    expect(await arriving).toEqual({ group: group.slug, threadId: thread.id, postId: posted.id, change: 'new' });
    // The event holds ids only; the reader fetches the reply through the REST door.
    const fetched = await authed(anna.account).get(`/api/groups/${group.slug}/posts/${posted.id}`);
    expect(fetched.status).toBe(200);
    expect((fetched.body as PostView).body).toBe('Ik lees om drie uur nog, dat helpt soms.');
    await eventually(() => activity.length === 1, 5000, 'the list hearing of the reply');
    expect(activity).toEqual([{ group: group.slug, threadId: thread.id }]);

    const edited = waitForEvent<ForumPostEvent>(reader, 'forum:post');
    const edit = await authed(bram.account).patch(`/api/groups/${group.slug}/posts/${posted.id}`, {
      body: 'Ik lees om drie uur nog; een luisterboek helpt ook.',
    });
    expect(edit.status).toBe(200);
    expect(await edited).toEqual({ group: group.slug, threadId: thread.id, postId: posted.id, change: 'edited' });
    const afterEdit = await authed(anna.account).get(`/api/groups/${group.slug}/posts/${posted.id}`);
    expect((afterEdit.body as PostView).body).toBe('Ik lees om drie uur nog; een luisterboek helpt ook.');

    const removed = waitForEvent<ForumPostEvent>(reader, 'forum:post');
    expect((await authed(bram.account).delete(`/api/groups/${group.slug}/posts/${posted.id}`)).status).toBe(204);
    expect(await removed).toEqual({ group: group.slug, threadId: thread.id, postId: posted.id, change: 'removed' });
    const afterRemoval = (await authed(anna.account).get(`/api/groups/${group.slug}/posts/${posted.id}`))
      .body as PostView;
    expect({ state: afterRemoval.state, body: afterRemoval.body }).toEqual({ state: 'removed_by_author', body: null });

    // Leaving the room: nothing more arrives.
    expect(await call(reader, 'forum:leave', { group: group.slug, threadId: thread.id })).toEqual({ ok: true });
    const later = collect<ForumPostEvent>(reader, 'forum:post');
    await reply(bram.account, group.slug, thread.id, 'Nog eentje.');
    await sleep(300);
    expect(later).toEqual([]);
  });

  it('refuses the thread room to a member of another group, a suspended member, an account without membership and a guest', async () => {
    const group = await createGroup(app, admin);
    const other = await createGroup(app, admin);
    const anna = await member(group.slug);
    const thread = await startThread(anna.account, group.slug);
    const room = { group: group.slug, threadId: thread.id };

    const elsewhere = await member(other.slug);
    const elsewhereSocket = await connectChat(app, elsewhere.account);
    expect(await call(elsewhereSocket, 'forum:join', room)).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'not_a_member' }),
    });
    // A thread id of this group under the other group's name is not there at all.
    expect(await call(elsewhereSocket, 'forum:join', { group: other.slug, threadId: thread.id })).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'not_found' }),
    });

    const moderator = await member(group.slug);
    await makeModerator(app, moderator.membership);
    const carl = await member(group.slug);
    const suspend = await authed(moderator.account).post(`/api/groups/${group.slug}/moderation/actions`, {
      action: 'suspend',
      memberId: carl.membership.memberId,
      days: 3,
      reason: 'Even afkoelen.',
    });
    expect(suspend.status).toBe(201);
    const carlSocket = await connectChat(app, carl.account);
    expect(await call(carlSocket, 'forum:join', room)).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'suspended' }),
    });

    const stranger = await registerMember(app);
    const strangerSocket = await connectChat(app, stranger);
    expect(await call(strangerSocket, 'forum:join', room)).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'not_a_member' }),
    });
    expect(await call(strangerSocket, 'forum:join', { group: group.slug, threadId: 'not-an-id' })).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'validation_failed' }),
    });

    // A guest has no connection at all.
    expect((await connectionRefusal(app, null)).message).toBe('unauthorized');

    // None of them hears a reply.
    const heard = [elsewhereSocket, carlSocket, strangerSocket].map((socket) => collect(socket, 'forum:post'));
    await reply(anna.account, group.slug, thread.id, 'Is hier iemand?');
    await sleep(300);
    expect(heard.flat()).toEqual([]);
  });

  it('stops telling a member who is removed while in the room', async () => {
    const group = await createGroup(app, admin);
    const anna = await member(group.slug);
    const dirk = await member(group.slug);
    const moderator = await member(group.slug);
    await makeModerator(app, moderator.membership);
    const thread = await startThread(anna.account, group.slug);

    const socket = await connectChat(app, dirk.account);
    expect(await call(socket, 'forum:join', { group: group.slug, threadId: thread.id })).toEqual({ ok: true });
    expect(await call(socket, 'forum:join', { group: group.slug })).toEqual({ ok: true });
    const first = waitForEvent<ForumPostEvent>(socket, 'forum:post');
    await reply(anna.account, group.slug, thread.id, 'Welkom allemaal.');
    expect((await first).change).toBe('new');

    const closed = collect(socket, 'forum:closed');
    const removal = await authed(moderator.account).post(`/api/groups/${group.slug}/moderation/actions`, {
      action: 'remove',
      memberId: dirk.membership.memberId,
      reason: 'Herhaaldelijk kwetsend.',
    });
    expect(removal.status).toBe(201);
    await eventually(() => closed.length === 2, 5000, 'both rooms closing');
    expect(closed).toEqual(
      expect.arrayContaining([
        { group: group.slug, threadId: thread.id, reason: 'membership_ended' },
        { group: group.slug, threadId: null, reason: 'membership_ended' },
      ]),
    );
    const after = collect(socket, 'forum:post');
    const listAfter = collect(socket, 'forum:activity');
    await reply(anna.account, group.slug, thread.id, 'Dit hoort Dirk niet meer.');
    await sleep(300);
    expect({ posts: after, activity: listAfter }).toEqual({ posts: [], activity: [] });
    expect(socket.connected).toBe(true);
  });

  it('quotes a post with a short excerpt, and says "removed" (no text) once the quoted post is removed', async () => {
    const group = await createGroup(app, admin);
    const anna = await member(group.slug);
    const bram = await member(group.slug);
    const thread = await startThread(anna.account, group.slug);
    const long = `Wat mij hielp: ${'elke avond een korte wandeling, '.repeat(10)}en vroeg naar bed.`;
    const quoted = await reply(anna.account, group.slug, thread.id, long);
    const answer = await reply(bram.account, group.slug, thread.id, 'Dat ga ik proberen!', quoted.id);
    expect(answer.quote).toEqual({
      postId: quoted.id,
      isOpening: false,
      author: expect.objectContaining({ alias: anna.membership.alias }),
      excerpt: expect.stringMatching(/^Wat mij hielp: elke avond.*…$/),
    });
    expect(answer.quote!.excerpt!.length).toBeLessThanOrEqual(141);
    const plain = await reply(bram.account, group.slug, thread.id, 'Herkenbaar.');
    expect(plain.quote).toBeUndefined();

    expect((await authed(anna.account).delete(`/api/groups/${group.slug}/posts/${quoted.id}`)).status).toBe(204);
    const moderator = await member(group.slug);
    await makeModerator(app, moderator.membership);
    for (const who of [bram.account, moderator.account]) {
      const page = await authed(who).get(`/api/groups/${group.slug}/threads/${thread.id}`);
      const shown = (page.body as { posts: PostView[] }).posts.find((post) => post.id === answer.id)!;
      expect(shown.quote).toEqual({ postId: quoted.id, isOpening: false, author: null, excerpt: null });
      expect(JSON.stringify(page.body)).not.toContain('korte wandeling');
    }

    // A removed post, a post of another thread and one of another group cannot be quoted.
    const otherThread = await startThread(anna.account, group.slug);
    const elsewhere = await reply(anna.account, group.slug, otherThread.id, 'Elders.');
    const otherGroup = await createGroup(app, admin);
    const far = await member(otherGroup.slug);
    const farThread = await startThread(far.account, otherGroup.slug);
    const farPost = await reply(far.account, otherGroup.slug, farThread.id, 'Ver weg.');
    for (const quotePostId of [quoted.id, elsewhere.id, farPost.id]) {
      const refused = await authed(bram.account).post(`/api/groups/${group.slug}/threads/${thread.id}/posts`, {
        body: 'Zie hierboven.',
        quotePostId,
      });
      expect(expectError(refused, 400, 'validation_failed').details).toEqual([
        { field: 'quotePostId', message: expect.any(String) },
      ]);
    }
  });

  it('resolves @alias mentions within the group only, and tells notifications of each', async () => {
    const group = await createGroup(app, admin);
    const other = await createGroup(app, admin);
    const tag = randomBytes(3).toString('hex');
    const anna = await member(group.slug, `Anna ${tag}`);
    const bram = await member(group.slug, `Bram ${tag}`);
    // Someone in another group only: naming their alias here names nobody.
    await member(other.slug, `Ver ${tag}`);
    const heard: DomainEventMap['forum.mentioned'][] = [];
    const stop = app.app.get(DomainEvents).on('forum.mentioned', (event) => {
      heard.push(event);
    });
    try {
      const thread = await startThread(anna.account, group.slug);
      const post = await reply(
        anna.account,
        group.slug,
        thread.id,
        `Dank je @bram ${tag}! En @Ver ${tag}, ken je dit? Mail me niet op anna@bram ${tag}. Ik ben @Anna ${tag}.`,
      );
      expect(post.mentions?.map((ref) => ref.alias)).toEqual(expect.arrayContaining([`Bram ${tag}`, `Anna ${tag}`]));
      expect(post.mentions).toHaveLength(2);
      expect(JSON.stringify(post.mentions)).not.toContain(`Ver ${tag}`);
      // The author naming themselves is no notification.
      expect(heard).toEqual([
        { groupId: expect.any(String), threadId: thread.id, postId: post.id, membershipId: bram.membership.memberId },
      ]);
      const read = await authed(bram.account).get(`/api/groups/${group.slug}/threads/${thread.id}`);
      const shown = (read.body as { posts: PostView[] }).posts[0];
      expect(shown.mentions?.map((ref) => ref.memberId).sort()).toEqual(
        [anna.membership.memberId, bram.membership.memberId].sort(),
      );
      // A longer alias that starts with another is not the shorter one.
      heard.length = 0;
      await reply(anna.account, group.slug, thread.id, `@Bram ${tag}x is niemand.`);
      expect(heard).toEqual([]);
    } finally {
      stop();
    }
  });

  it('suggests aliases of the group to its members only, and none of another group', async () => {
    const group = await createGroup(app, admin);
    const other = await createGroup(app, admin);
    const tag = randomBytes(3).toString('hex');
    const anna = await member(group.slug, `Zon ${tag} Anna`);
    const bram = await member(group.slug, `Zon ${tag} Bram`);
    await member(other.slug, `Zon ${tag} Ver`);
    const outsider = await member(other.slug);

    const found = await authed(bram.account).get(
      `/api/groups/${group.slug}/aliases?q=${encodeURIComponent(`@zon ${tag}`)}`,
    );
    expect(found.status).toBe(200);
    // Not oneself, never someone of the other group.
    expect((found.body as MemberRef[]).map((ref) => ref.alias)).toEqual([`Zon ${tag} Anna`]);
    expect((found.body as MemberRef[])[0].memberId).toBe(anna.membership.memberId);

    expectError(await authed(outsider.account).get(`/api/groups/${group.slug}/aliases?q=zon`), 403, 'not_a_member');
    expectError(await app.http.get(`/api/groups/${group.slug}/aliases?q=zon`), 401, 'unauthorized');
    expectError(await authed(bram.account).get(`/api/groups/${group.slug}/aliases`), 400, 'validation_failed');
  });
});

if (process.env.DATABASE_URL) {
  describe('a live thread on two processes with Redis', () => {
    const { a, b, admin } = twoProcesses();

    async function api<T>(kring: KringProcess, who: ClusterMember, method: string, path: string, body?: object) {
      const response = await fetch(`${kring.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(response.status).toBeLessThan(300);
      return (await response.json()) as T;
    }

    it('tells a reader connected to one process of a reply made through the other', async () => {
      const slug = await createClusterGroup(a, admin);
      const anna = await register(a);
      const bram = await register(b);
      await joinClusterGroup(a, anna, slug);
      await joinClusterGroup(b, bram, slug);
      const thread = await api<ThreadView>(a, anna, 'POST', `/api/groups/${slug}/threads`, {
        title: 'Over twee processen',
        body: 'Wie leest er mee?',
      });
      const socket: ChatSocket = io(`${b.baseUrl}${CHAT_NAMESPACE}`, {
        transports: ['websocket'],
        auth: { token: anna.token },
        reconnection: false,
        forceNew: true,
      });
      try {
        await new Promise<void>((resolve, reject) => {
          socket.once('connect', () => resolve());
          socket.once('connect_error', reject);
        });
        const joined = (await socket
          .timeout(5000)
          .emitWithAck('forum:join', { group: slug, threadId: thread.id })) as Ack;
        expect(joined).toEqual({ ok: true });
        const arriving = new Promise<ForumPostEvent>((resolve) => socket.once('forum:post', resolve));
        const posted = await api<PostView>(a, bram, 'POST', `/api/groups/${slug}/threads/${thread.id}/posts`, {
          body: 'Ik, via het andere proces.',
        });
        expect(await arriving).toEqual({ group: slug, threadId: thread.id, postId: posted.id, change: 'new' });
      } finally {
        socket.disconnect();
      }
    }, 60_000);
  });
}
