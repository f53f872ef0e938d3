import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import type { PostView, SearchResults, ThreadPage, ThreadView, ThreadWithPosts } from '../src/contracts/forums.js';
import type { GroupDetail, MyMembership } from '../src/contracts/groups.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { accountId } from './support/database-rows.js';
import { expectError } from './support/errors.js';
import { createGroup, joinGroup, registerAdmin } from './support/groups.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

const FORUM_TABLES = ['forum_thread', 'forum_post', 'forum_revision', 'forum_reaction', 'forum_read_marker'];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** Anything else that could serve as an identifier: long runs of letters, digits, - and _ (cursors, codes). */
const TOKEN = /[A-Za-z0-9_-]{16,}/g;

/**
 * The rules that make a group's forum its members' alone: who may reach it, what an id from
 * elsewhere reveals, what links one person's two groups, and what erasing one's words leaves.
 */
describe('group forums: access and anonymity', () => {
  let app: TestApp;
  let admin: TestMember;

  beforeAll(async () => {
    app = await startTestApp();
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

  async function rowCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of [...FORUM_TABLES, 'membership', 'member_mute']) {
      const [row] = await sql<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`);
      counts[table] = row.n;
    }
    return counts;
  }

  async function startThread(who: TestMember, slug: string, title: string, body: string): Promise<ThreadView> {
    const response = await call(who, 'post', `/api/groups/${slug}/threads`, { title, body });
    expect(response.status).toBe(201);
    return response.body as ThreadView;
  }

  async function reply(who: TestMember, slug: string, threadId: string, body: string): Promise<PostView> {
    const response = await call(who, 'post', `/api/groups/${slug}/threads/${threadId}/posts`, { body });
    expect(response.status).toBe(201);
    return response.body as PostView;
  }

  async function member(group: GroupDetail, options: { alias?: string } = {}) {
    const account = await registerMember(app);
    const membership = await joinGroup(app, account, group.slug, options);
    return { account, membership };
  }

  /** Every forum route of a group, aimed at one thread and one reply. */
  function forumRoutes(slug: string, threadId: string, postId: string): [Method, string, object?][] {
    const base = `/api/groups/${slug}`;
    return [
      ['get', `${base}/threads`],
      ['post', `${base}/threads`, { title: 'Binnengedrongen', body: 'Hallo.' }],
      ['get', `${base}/threads/${threadId}`],
      ['patch', `${base}/threads/${threadId}`, { title: 'Overgenomen' }],
      ['delete', `${base}/threads/${threadId}`],
      ['get', `${base}/threads/${threadId}/revisions`],
      ['post', `${base}/threads/${threadId}/posts`, { body: 'Hallo.' }],
      ['put', `${base}/threads/${threadId}/reactions/recognise`],
      ['delete', `${base}/threads/${threadId}/reactions/recognise`],
      ['patch', `${base}/posts/${postId}`, { body: 'Overgenomen' }],
      ['delete', `${base}/posts/${postId}`],
      ['get', `${base}/posts/${postId}/revisions`],
      ['put', `${base}/posts/${postId}/reactions/support`],
      ['delete', `${base}/posts/${postId}/reactions/support`],
      ['get', `${base}/search?q=geheim`],
    ];
  }

  it('gives a guest, a member of neither group, a former, a removed member and a second account nothing, and writes nothing', async () => {
    const group = await createGroup(app, admin);
    const other = await createGroup(app, admin);
    const bram = await member(group);
    const anna = await member(group);
    const thread = await startThread(bram.account, group.slug, 'Geheim verhaal', 'Dit blijft in de groep: geheim.');
    const answer = await reply(anna.account, group.slug, thread.id, 'Ook voor mij geheim.');
    await call(anna.account, 'put', `/api/groups/${group.slug}/threads/${thread.id}/reactions/recognise`);

    const neither = await member(other);
    const left = await member(group);
    await call(left.account, 'get', `/api/groups/${group.slug}/threads/${thread.id}`);
    expect((await call(left.account, 'post', `/api/groups/${group.slug}/leave`, {})).status).toBe(204);
    const removed = await member(group);
    await sql(`UPDATE membership SET status = 'removed' WHERE id = $1`, [removed.membership.memberId]);
    // The same person as Anna, with a second account: it knows her ids, and that gets it nowhere.
    const annaAgain = await registerMember(app);

    const before = await rowCounts();
    const routes = forumRoutes(group.slug, thread.id, answer.id);
    for (const [method, path, body] of routes) {
      expectError(await call(null, method, path, body), 401, 'unauthorized');
      for (const outsider of [neither.account, left.account, removed.account, annaAgain]) {
        expectError(await call(outsider, method, path, body), 403, 'not_a_member');
      }
    }
    expect(await rowCounts()).toEqual(before);

    expect((await app.http.get('/api/groups')).status).toBe(200);
    const ownSearch = await call(neither.account, 'get', '/api/me/search?q=geheim');
    expect(ownSearch.body).toEqual({ hits: [] });
    expectError(await call(null, 'get', '/api/me/search?q=geheim'), 401, 'unauthorized');
  });

  it('answers a thread or post id from another group with the same 404 as a missing or malformed one', async () => {
    const group = await createGroup(app, admin);
    const other = await createGroup(app, admin);
    const bram = await member(group);
    const carla = await member(other);
    const ownThread = await startThread(bram.account, group.slug, 'Mijn draad', 'Tekst.');
    const elsewhere = await startThread(carla.account, other.slug, 'Elders', 'Alleen voor de andere groep.');
    const elsewhereReply = await reply(carla.account, other.slug, elsewhere.id, 'Ook elders.');
    await reply(bram.account, group.slug, ownThread.id, 'Een antwoord.');

    const before = await rowCounts();
    const missing = randomUUID();
    for (const [threadId, postId] of [
      [elsewhere.id, elsewhereReply.id],
      [missing, randomUUID()],
      ['not-an-id', 'also-not-an-id'],
      [elsewhere.id.toUpperCase(), elsewhereReply.id.toUpperCase()],
      // A thread's id is not a post id, nor the other way round.
      [elsewhereReply.id, elsewhere.id],
    ]) {
      const routes = forumRoutes(group.slug, threadId, postId).filter(
        ([, path]) => path.includes(threadId) || path.includes(postId),
      );
      expect(routes).toHaveLength(12);
      for (const [method, path, body] of routes) {
        const response = await call(bram.account, method, path, body);
        expect({ path, status: response.status, body: response.body as unknown }).toEqual({
          path,
          status: 404,
          body: { statusCode: 404, error: 'not_found', message: 'Not found.' },
        });
      }
    }
    expect(await rowCounts()).toEqual(before);
    const stillThere = await call(carla.account, 'get', `/api/groups/${other.slug}/threads/${elsewhere.id}`);
    expect((stillThere.body as ThreadWithPosts).thread).toMatchObject({ title: 'Elders', state: 'visible' });
  });

  it('lets nothing in any response link one person’s aliases in two groups', async () => {
    const dutch = await createGroup(app, admin, { locale: 'nl' });
    const english = await createGroup(app, admin, { locale: 'en' });
    const anna = await registerMember(app);
    const bram = await member(dutch);
    const carla = await member(english);
    const responses: Record<'dutch' | 'english', Response[]> = { dutch: [], english: [] };

    for (const [key, group, peer] of [
      ['dutch', dutch, bram],
      ['english', english, carla],
    ] as const) {
      const seen = responses[key];
      const record = (response: Response) => {
        expect(response.status).toBeLessThan(300);
        seen.push(response);
        return response;
      };
      const base = `/api/groups/${group.slug}`;
      record(await call(anna, 'post', `${base}/join`, { pledgeAccepted: true }));
      record(await call(anna, 'get', `${base}/membership`));
      const peerThread = await startThread(peer.account, group.slug, 'Slapeloze nachten', 'Wie ligt er ook wakker?');
      await reply(peer.account, group.slug, peerThread.id, 'Iemand? Wakker liggen is eenzaam.');
      const own = record(
        await call(anna, 'post', `${base}/threads`, { title: 'Mijn eerste bericht', body: 'Wakker, en moe.' }),
      );
      record(await call(anna, 'post', `${base}/threads`, { title: 'Mijn tweede bericht', body: 'Nog steeds wakker.' }));
      const firstPage = record(await call(anna, 'get', `${base}/threads?limit=1`));
      record(await call(anna, 'get', `${base}/threads?limit=1&cursor=${(firstPage.body as ThreadPage).nextCursor}`));
      const opened = record(await call(anna, 'get', `${base}/threads/${peerThread.id}?limit=1`));
      const peerPost = (opened.body as ThreadWithPosts).posts[0];
      const mine = record(
        await call(anna, 'post', `${base}/threads/${peerThread.id}/posts`, { body: 'Ik ook, wakker.' }),
      );
      record(
        await call(anna, 'patch', `${base}/posts/${(mine.body as PostView).id}`, { body: 'Ik ook, heel wakker.' }),
      );
      record(await call(anna, 'put', `${base}/threads/${peerThread.id}/reactions/recognise`));
      record(await call(anna, 'put', `${base}/posts/${peerPost.id}/reactions/support`));
      record(await call(anna, 'patch', `${base}/threads/${(own.body as ThreadView).id}`, { title: 'Mijn bericht' }));
      record(await call(anna, 'get', `${base}/threads/${(own.body as ThreadView).id}`));
      record(await call(anna, 'get', `${base}/search?q=wakker`));
      record(await call(anna, 'post', `${base}/mutes`, { memberId: peer.membership.memberId }));
      record(await call(anna, 'get', `${base}/mutes`));
      record(await call(anna, 'get', `${base}/threads`));
      record(await call(peer.account, 'get', `${base}/threads/${(own.body as ThreadView).id}`));
    }

    const identifiers = (list: Response[]) => {
      const found = new Set<string>();
      for (const response of list) {
        const text = JSON.stringify(response.body);
        for (const match of text.matchAll(UUID)) {
          found.add(match[0].toLowerCase());
        }
        for (const match of text.matchAll(TOKEN)) {
          found.add(match[0]);
        }
      }
      return found;
    };
    const dutchIds = identifiers(responses.dutch);
    const englishIds = identifiers(responses.english);
    for (const [ids, list] of [
      [dutchIds, responses.dutch],
      [englishIds, responses.english],
    ] as const) {
      // The sweep sees what matters: the alias's member id, its threads, and a cursor.
      expect(ids).toContain((list[0].body as MyMembership).memberId);
      expect(ids).toContain((list[2].body as ThreadView).id);
      expect(ids).toContain((list[4].body as ThreadPage).nextCursor);
    }
    // No exceptions are needed: the forum answers nothing that is the same in two groups (no
    // account id, no login name, no shared cursor). `/api/me/groups` and `/api/me/search` show
    // the two groups side by side, but only to the account holder, and are not part of either
    // group's activity.
    expect([...dutchIds].filter((id) => englishIds.has(id))).toEqual([]);

    const everything = [...responses.dutch, ...responses.english].map((response) => JSON.stringify(response.body));
    const annaAccount = await accountId(app, anna.loginName);
    expect(annaAccount).toEqual(expect.any(String));
    expect(everything.filter((text) => text.includes(annaAccount!) || text.includes(anna.loginName))).toEqual([]);
    const aliases = (responses.dutch[0].body as MyMembership).alias;
    expect(responses.english.map((response) => JSON.stringify(response.body)).join()).not.toContain(aliases);
  });

  it('searches only the groups the member reads now, never another group', async () => {
    const first = await createGroup(app, admin, { locale: 'nl' });
    const second = await createGroup(app, admin, { locale: 'en' });
    const third = await createGroup(app, admin, { locale: 'nl' });
    const anna = await registerMember(app);
    await joinGroup(app, anna, first.slug);
    await joinGroup(app, anna, second.slug);
    const bram = await member(first);
    const carla = await member(second);
    const dave = await member(third);
    const word = 'kompasnaald';
    await startThread(bram.account, first.slug, 'Eerste groep', `Over de ${word} gesproken.`);
    await startThread(carla.account, second.slug, 'Second group', `Talking about the ${word}.`);
    await startThread(dave.account, third.slug, 'Derde groep', `Ook hier een ${word}.`);

    const groupsIn = (results: Response) => (results.body as SearchResults).hits.map((hit) => hit.group).sort();
    expect(groupsIn(await call(anna, 'get', `/api/groups/${first.slug}/search?q=${word}`))).toEqual([first.slug]);
    expect(groupsIn(await call(anna, 'get', `/api/me/search?q=${word}`))).toEqual([first.slug, second.slug].sort());
    expect(groupsIn(await call(bram.account, 'get', `/api/me/search?q=${word}`))).toEqual([first.slug]);
    expectError(await call(anna, 'get', `/api/groups/${third.slug}/search?q=${word}`), 403, 'not_a_member');

    await call(anna, 'post', `/api/groups/${second.slug}/leave`, {});
    expect(groupsIn(await call(anna, 'get', `/api/me/search?q=${word}`))).toEqual([first.slug]);
    await call(admin, 'patch', `/api/groups/${first.slug}`, {
      pledge: 'Een nieuwe belofte: wat hier gezegd wordt, blijft hier.',
    });
    expect(groupsIn(await call(anna, 'get', `/api/me/search?q=${word}`))).toEqual([]);
    expectError(await call(anna, 'get', `/api/groups/${first.slug}/search?q=${word}`), 403, 'pledge_required');
  });

  it('erases a leaving member’s threads, replies, reactions and read markers, keeping other members’ replies', async () => {
    const group = await createGroup(app, admin);
    const anna = await member(group);
    const bram = await member(group);
    const erik = await member(group);
    const canary = `wisbaar${Date.now().toString(36)}`;
    const answered = await startThread(anna.account, group.slug, `Beantwoord ${canary}`, `Tekst ${canary}`);
    await call(anna.account, 'patch', `/api/groups/${group.slug}/threads/${answered.id}`, { body: `Nieuw ${canary}` });
    const bramsAnswer = await reply(bram.account, group.slug, answered.id, 'Mijn antwoord blijft.');
    const lonely = await startThread(anna.account, group.slug, `Alleen ${canary}`, `Tekst ${canary}`);
    const bramsThread = await startThread(bram.account, group.slug, 'Draad van Bram', 'Wie herkent dit?');
    const annasReply = await reply(anna.account, group.slug, bramsThread.id, `Ik ${canary}`);
    await call(anna.account, 'put', `/api/groups/${group.slug}/threads/${bramsThread.id}/reactions/recognise`);
    await call(anna.account, 'get', `/api/groups/${group.slug}/threads/${bramsThread.id}`);
    const eriksReply = await reply(erik.account, group.slug, bramsThread.id, 'Ik ga weg, maar dit blijft.');

    expect((await call(anna.account, 'post', `/api/groups/${group.slug}/leave`, { erase: true })).status).toBe(204);
    expect((await call(erik.account, 'post', `/api/groups/${group.slug}/leave`, {})).status).toBe(204);

    const placeholder = (await call(bram.account, 'get', `/api/groups/${group.slug}/threads/${answered.id}`))
      .body as ThreadWithPosts;
    expect(placeholder.thread).toMatchObject({ state: 'removed_by_author', title: null, body: null, author: null });
    expect(placeholder.posts).toEqual([expect.objectContaining({ id: bramsAnswer.id, body: 'Mijn antwoord blijft.' })]);
    expectError(await call(bram.account, 'get', `/api/groups/${group.slug}/threads/${lonely.id}`), 404, 'not_found');

    const bramsView = (await call(bram.account, 'get', `/api/groups/${group.slug}/threads/${bramsThread.id}`))
      .body as ThreadWithPosts;
    expect(bramsView.thread.reactions.recognise.count).toBe(0);
    expect(bramsView.posts).toEqual([
      expect.objectContaining({ id: annasReply.id, state: 'removed_by_author', body: null, author: null }),
      expect.objectContaining({
        id: eriksReply.id,
        body: 'Ik ga weg, maar dit blijft.',
        author: { memberId: erik.membership.memberId, alias: erik.membership.alias, former: true },
      }),
    ]);

    await expectNothingLeftOf(anna.membership.memberId, canary);
  });

  it('purges everything an account wrote in every group when the account is deleted', async () => {
    const first = await createGroup(app, admin);
    const second = await createGroup(app, admin, { locale: 'en' });
    const anna = await registerMember(app);
    const inFirst = await joinGroup(app, anna, first.slug);
    const inSecond = await joinGroup(app, anna, second.slug);
    const bram = await member(first);
    const canary = `weg${Date.now().toString(36)}`;
    const own = await startThread(anna, first.slug, `Van mij ${canary}`, `Tekst ${canary}`);
    await reply(bram.account, first.slug, own.id, 'Een antwoord dat blijft.');
    await startThread(anna, second.slug, `Mine ${canary}`, `Text ${canary}`);
    const bramsThread = await startThread(bram.account, first.slug, 'Van Bram', 'Tekst van Bram.');
    await reply(anna, first.slug, bramsThread.id, `Antwoord ${canary}`);
    await call(anna, 'put', `/api/groups/${first.slug}/posts/${own.id}/reactions/support`);
    await call(anna, 'put', `/api/groups/${first.slug}/threads/${bramsThread.id}/reactions/support`);

    const deleted = await call(anna, 'delete', '/api/me', { password: anna.password });
    expect(deleted.status).toBe(204);
    for (const membership of [inFirst, inSecond]) {
      await expectNothingLeftOf(membership.memberId, canary);
    }
    const kept = (await call(bram.account, 'get', `/api/groups/${first.slug}/threads/${own.id}`))
      .body as ThreadWithPosts;
    expect(kept.thread.state).toBe('removed_by_author');
    expect(kept.posts.map((post) => post.body)).toEqual(['Een antwoord dat blijft.']);
  });

  /** No row of the forum tables holds the text or names the membership. */
  async function expectNothingLeftOf(membershipId: string, canary: string): Promise<void> {
    const text = await sql<{ n: number }[]>(
      `SELECT (SELECT count(*) FROM forum_thread WHERE title LIKE $1 OR content_warning LIKE $1)
            + (SELECT count(*) FROM forum_post WHERE body LIKE $1)
            + (SELECT count(*) FROM forum_revision WHERE body LIKE $1 OR title LIKE $1) AS n`,
      [`%${canary}%`],
    );
    expect(Number(text[0].n)).toBe(0);
    const rows = await sql<{ n: number }[]>(
      `SELECT (SELECT count(*) FROM forum_thread WHERE author_id = $1)
            + (SELECT count(*) FROM forum_post WHERE author_id = $1)
            + (SELECT count(*) FROM forum_reaction WHERE member_id = $1)
            + (SELECT count(*) FROM forum_read_marker WHERE member_id = $1) AS n`,
      [membershipId],
    );
    expect(Number(rows[0].n)).toBe(0);
  }
});
