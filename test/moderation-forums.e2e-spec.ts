import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Test } from 'supertest';
import { DataSource } from 'typeorm';
import type { PostView, ThreadPage, ThreadView, ThreadWithPosts } from '../src/contracts/forums.js';
import type { GroupDetail, MyMembership } from '../src/contracts/groups.js';
import type { AuditEntry, Notice, QueueEntry } from '../src/contracts/moderation.js';
import type { AppealView } from '../src/moderation/appeals.service.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { expectError, fieldMessage } from './support/errors.js';
import { createGroup, joinGroup, registerAdmin } from './support/groups.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** The numbers a Dutch-speaking group's members are told to call, exactly (issue 5 pins them). */
const DUTCH_CRISIS_PHONES = ['1813', '0800 32 123', '113 of 0800-0113', '112'];
const ENGLISH_CRISIS_PHONES = ['1813', '0800 32 123', '113 or 0800-0113', '112'];

interface Moderated {
  group: GroupDetail;
  slug: string;
  /** Two moderators of the group: an appeal against one is decided by the other. */
  moderators: [TestMember, TestMember];
  moderatorMemberships: [MyMembership, MyMembership];
  members: TestMember[];
  memberships: MyMembership[];
}

describe('moderation and safety of forum threads and posts (issue 5)', () => {
  let app: TestApp;
  let admin: TestMember;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await registerAdmin(app);
  });

  afterAll(async () => {
    await app.close();
  });

  const call = (who: TestMember, method: Method, path: string, body?: object): Test => {
    const request = app.http[method](path).set('Authorization', who.bearer);
    return body === undefined ? request : request.send(body);
  };

  const sql = <T>(query: string, params: unknown[] = []) => app.app.get(DataSource).query<T>(query, params);

  const count = async (table: string, where = 'true', params: unknown[] = []): Promise<number> =>
    (await sql<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params))[0].n;

  /** A group with two appointed moderators and `memberCount` members. */
  async function moderatedGroup(memberCount: number, overrides: Partial<GroupDetail> = {}): Promise<Moderated> {
    const group = await createGroup(app, admin, overrides);
    const join = async () => {
      const member = await registerMember(app);
      return { member, membership: await joinGroup(app, member, group.slug) };
    };
    const first = await join();
    const second = await join();
    for (const moderator of [first, second]) {
      await app.http
        .post(`/api/groups/${group.slug}/moderators`)
        .set('Authorization', admin.bearer)
        .send({ memberId: moderator.membership.memberId })
        .expect(204);
    }
    const members: TestMember[] = [];
    const memberships: MyMembership[] = [];
    for (let i = 0; i < memberCount; i++) {
      const joined = await join();
      members.push(joined.member);
      memberships.push(joined.membership);
    }
    return {
      group,
      slug: group.slug,
      moderators: [first.member, second.member],
      moderatorMemberships: [first.membership, second.membership],
      members,
      memberships,
    };
  }

  async function startThread(
    who: TestMember,
    slug: string,
    overrides: { title?: string; body?: string; contentWarning?: string; insist?: boolean } = {},
  ): Promise<ThreadView> {
    const response = await call(who, 'post', `/api/groups/${slug}/threads`, {
      title: 'Een lange week',
      body: 'Deze week was zwaar, ik wil het even kwijt.',
      ...overrides,
    });
    expect(response.status).toBe(201);
    return response.body as ThreadView;
  }

  async function reply(who: TestMember, slug: string, threadId: string, body: string, insist?: boolean) {
    const response = await call(who, 'post', `/api/groups/${slug}/threads/${threadId}/posts`, { body, insist });
    expect(response.status).toBe(201);
    return response.body as PostView;
  }

  async function read(who: TestMember, slug: string, threadId: string): Promise<ThreadWithPosts> {
    const response = await call(who, 'get', `/api/groups/${slug}/threads/${threadId}`);
    expect(response.status).toBe(200);
    return response.body as ThreadWithPosts;
  }

  async function list(who: TestMember, slug: string): Promise<ThreadPage> {
    const response = await call(who, 'get', `/api/groups/${slug}/threads`);
    expect(response.status).toBe(200);
    return response.body as ThreadPage;
  }

  async function queue(who: TestMember, slug: string): Promise<QueueEntry[]> {
    const response = await call(who, 'get', `/api/groups/${slug}/moderation/queue`);
    expect(response.status).toBe(200);
    return response.body as QueueEntry[];
  }

  async function notices(who: TestMember, slug: string): Promise<Notice[]> {
    const response = await call(who, 'get', `/api/groups/${slug}/notices`);
    expect(response.status).toBe(200);
    return response.body as Notice[];
  }

  async function audit(who: TestMember, slug: string): Promise<AuditEntry[]> {
    const response = await call(who, 'get', `/api/groups/${slug}/moderation/audit`);
    expect(response.status).toBe(200);
    return response.body as AuditEntry[];
  }

  const report = (who: TestMember, slug: string, kind: 'thread' | 'post', id: string, reason = 'harassment') =>
    call(who, 'post', `/api/groups/${slug}/reports`, { target: { kind, id }, reason });

  const act = (who: TestMember, slug: string, body: object) =>
    call(who, 'post', `/api/groups/${slug}/moderation/actions`, body);

  const entryFor = (entries: QueueEntry[], id: string, kind?: QueueEntry['kind']) =>
    entries.find((entry) => entry.target?.id === id && (!kind || entry.kind === kind));

  const phonesOf = (lines: { phone?: string }[] | undefined) => (lines ?? []).map((line) => line.phone);

  it('takes a reported harassing post through the queue, a hide with a reason, a notice, an appeal and a second moderator (the acceptance path)', async () => {
    const { slug, moderators, moderatorMemberships, members, memberships } = await moderatedGroup(3);
    const [mod1, mod2] = moderators;
    const [anna, bram, carla] = members;
    const [, bramMembership, carlaMembership] = memberships;
    const thread = await startThread(anna, slug, { title: 'Slapeloze nachten' });
    const harassing = await reply(
      bram,
      slug,
      thread.id,
      'Stel je niet zo aan, jij zeurt altijd, niemand wil dit lezen.',
    );

    expect((await report(carla, slug, 'post', harassing.id)).status).toBe(202);
    expectError(await call(carla, 'get', `/api/groups/${slug}/moderation/queue`), 403, 'forbidden');

    const entry = entryFor(await queue(mod1, slug), harassing.id);
    expect(entry).toMatchObject({
      kind: 'report',
      target: { kind: 'post', id: harassing.id },
      subject: { memberId: bramMembership.memberId, alias: bramMembership.alias },
      reasons: ['harassment'],
      reportCount: 1,
      hidden: false,
      claimedBy: null,
    });
    expect(entry!.excerpt).toContain('Stel je niet zo aan');

    const claimed = await call(mod1, 'post', `/api/groups/${slug}/moderation/queue/${entry!.id}/claim`);
    expect(claimed.status).toBe(200);
    expect((claimed.body as QueueEntry).claimedBy).toEqual({
      memberId: moderatorMemberships[0].memberId,
      alias: moderatorMemberships[0].alias,
    });
    expectError(
      await call(mod2, 'post', `/api/groups/${slug}/moderation/queue/${entry!.id}/claim`),
      409,
      'already_handled',
    );

    const hidden = await act(mod1, slug, {
      action: 'hide',
      target: { kind: 'post', id: harassing.id },
      reason: 'Kwetsend naar een ander lid: hier steunen we elkaar.',
      caseId: entry!.id,
    });
    expect(hidden.status).toBe(201);
    const { actionId } = hidden.body as { actionId: string };
    expect(entryFor(await queue(mod2, slug), harassing.id)).toBeUndefined();

    for (const member of [anna, carla]) {
      expect((await read(member, slug, thread.id)).posts[0]).toMatchObject({
        id: harassing.id,
        state: 'removed_by_moderator',
        body: null,
        author: null,
      });
    }
    expect((await read(mod2, slug, thread.id)).posts[0]).toMatchObject({
      state: 'removed_by_moderator',
      body: harassing.body,
    });

    const bramsNotices = await notices(bram, slug);
    expect(bramsNotices[0]).toMatchObject({ kind: 'action', actionId });
    expect(bramsNotices[0].message).toContain('Kwetsend naar een ander lid');
    const carlasNotices = await notices(carla, slug);
    expect(carlasNotices.map((notice) => notice.kind)).toEqual(['report-handled']);
    expect(carlasNotices[0].message).not.toContain(bramMembership.alias);

    const appealed = await call(bram, 'post', `/api/groups/${slug}/appeals/${actionId}`, {
      text: 'Ik bedoelde het als grap, het was niet kwetsend bedoeld.',
    });
    expect(appealed.status).toBe(201);
    const { appealId } = appealed.body as { appealId: string };
    expect((await call(mod1, 'get', `/api/groups/${slug}/moderation/appeals`)).body).toEqual([]);
    expectError(
      await call(mod1, 'post', `/api/groups/${slug}/moderation/appeals/${appealId}/decision`, {
        decision: 'overturned',
        reason: 'Ik deed het zelf.',
      }),
      403,
      'not_allowed',
    );
    const open = (await call(mod2, 'get', `/api/groups/${slug}/moderation/appeals`)).body as AppealView[];
    expect(open).toEqual([
      expect.objectContaining({
        id: appealId,
        actionId,
        action: 'hide',
        member: { memberId: bramMembership.memberId, alias: bramMembership.alias },
      }),
    ]);
    expect(
      (
        await call(mod2, 'post', `/api/groups/${slug}/moderation/appeals/${appealId}/decision`, {
          decision: 'upheld',
          reason: 'Ook als grap kwetst dit; de verberging blijft.',
        })
      ).status,
    ).toBe(204);
    expect((await read(carla, slug, thread.id)).posts[0].state).toBe('removed_by_moderator');
    expect((await notices(bram, slug))[0]).toMatchObject({ kind: 'appeal-decided', actionId });

    const log = await audit(mod2, slug);
    expect(log.slice(0, 2)).toEqual([
      expect.objectContaining({
        action: 'appeal-upheld',
        moderator: { memberId: moderatorMemberships[1].memberId, alias: moderatorMemberships[1].alias },
        target: {
          member: { memberId: bramMembership.memberId, alias: bramMembership.alias },
          item: { kind: 'post', id: harassing.id },
        },
        reason: 'Ook als grap kwetst dit; de verberging blijft.',
      }),
      expect.objectContaining({
        id: actionId,
        action: 'hide',
        moderator: { memberId: moderatorMemberships[0].memberId, alias: moderatorMemberships[0].alias },
        target: {
          member: { memberId: bramMembership.memberId, alias: bramMembership.alias },
          item: { kind: 'post', id: harassing.id },
        },
        reason: 'Kwetsend naar een ander lid: hier steunen we elkaar.',
        appeal: { status: 'upheld' },
      }),
    ]);
    expectError(await call(bram, 'get', `/api/groups/${slug}/moderation/audit`), 403, 'forbidden');

    // Nothing Bram can read names who reported him.
    const seenByBram = JSON.stringify([
      await notices(bram, slug),
      await read(bram, slug, thread.id),
      await list(bram, slug),
    ]);
    for (const secret of [carlaMembership.memberId, carlaMembership.alias, carla.loginName]) {
      expect(seenByBram).not.toContain(secret);
    }
  });

  it('brings a hidden thread back when the appeal is granted, and purges a deleted thread but not the replies of others', async () => {
    const { slug, moderators, members } = await moderatedGroup(2);
    const [anna, bram] = members;
    const thread = await startThread(anna, slug, { title: 'Mijn verhaal', contentWarning: 'verlies' });
    const answer = await reply(bram, slug, thread.id, 'Dank je om dit te delen.');
    const target = { kind: 'thread', id: thread.id };

    const hidden = await act(moderators[0], slug, {
      action: 'hide',
      target,
      reason: 'Te veel details over een ander.',
    });
    expect(hidden.status).toBe(201);
    expect((await list(bram, slug)).threads[0]).toMatchObject({ state: 'removed_by_moderator', title: null });
    expect((await list(moderators[1], slug)).threads[0]).toMatchObject({
      state: 'removed_by_moderator',
      title: 'Mijn verhaal',
    });
    const appealed = await call(
      anna,
      'post',
      `/api/groups/${slug}/appeals/${(hidden.body as { actionId: string }).actionId}`,
      {
        text: 'Ik heb niemand bij naam genoemd.',
      },
    );
    expect(appealed.status).toBe(201);
    await call(
      moderators[1],
      'post',
      `/api/groups/${slug}/moderation/appeals/${(appealed.body as { appealId: string }).appealId}/decision`,
      {
        decision: 'overturned',
        reason: 'Klopt, er staat niets herkenbaars in.',
      },
    ).expect(204);
    expect((await read(bram, slug, thread.id)).thread).toMatchObject({ state: 'visible', title: 'Mijn verhaal' });

    await act(moderators[1], slug, {
      action: 'delete',
      target,
      reason: 'Op vraag van de schrijver verwijderd.',
    }).expect(201);
    const placeholder = await read(bram, slug, thread.id);
    expect(placeholder.thread).toMatchObject({ state: 'removed_by_moderator', title: null, body: null });
    expect(placeholder.posts).toEqual([expect.objectContaining({ id: answer.id, body: 'Dank je om dit te delen.' })]);
    const [row] = await sql<{ title: string; content_warning: string | null; author_id: string | null }[]>(
      'SELECT title, content_warning, author_id FROM forum_thread WHERE id = $1',
      [thread.id],
    );
    expect(row).toEqual({ title: '', content_warning: null, author_id: null });
    expect(await count('forum_post', "thread_id = $1 AND seq = 0 AND body = ''", [thread.id])).toBe(1);
    expect((await read(moderators[0], slug, thread.id)).thread.body).toBeNull();
  });

  it('counts a member reporting the same item twice as one report', async () => {
    const { slug, moderators, members } = await moderatedGroup(2);
    const [anna, bram] = members;
    const thread = await startThread(anna, slug);
    expect((await report(bram, slug, 'thread', thread.id)).status).toBe(202);
    expect((await report(bram, slug, 'thread', thread.id, 'spam')).status).toBe(202);
    expect(entryFor(await queue(moderators[0], slug), thread.id)).toMatchObject({
      reportCount: 1,
      reasons: ['harassment'],
    });
    expect(await count('report', 'target_id = $1', [thread.id])).toBe(1);
  });

  it('hides an item at once when three different members report it, until a moderator restores it', async () => {
    const { slug, moderators, members } = await moderatedGroup(5);
    const [anna, bram, carla, daan, eva] = members;
    const thread = await startThread(anna, slug, { title: 'Iets wat mensen storen' });

    for (const reporter of [bram, carla]) {
      expect((await report(reporter, slug, 'thread', thread.id)).status).toBe(202);
    }
    expect((await read(eva, slug, thread.id)).thread.state).toBe('visible');
    expect((await report(daan, slug, 'thread', thread.id, 'spam')).status).toBe(202);

    const seen = await read(eva, slug, thread.id);
    expect(seen.thread).toMatchObject({ state: 'removed_by_moderator', title: null, body: null, author: null });
    expect((await list(eva, slug)).threads[0]).toMatchObject({
      id: thread.id,
      state: 'removed_by_moderator',
      title: null,
    });
    const entry = entryFor(await queue(moderators[0], slug), thread.id);
    expect(entry).toMatchObject({ kind: 'report', reportCount: 3, hidden: true });
    expect(entry!.reasons.sort()).toEqual(['harassment', 'spam']);
    // Hidden already: a moderator's hide has nothing left to do.
    expectError(
      await act(moderators[0], slug, {
        action: 'hide',
        target: { kind: 'thread', id: thread.id },
        reason: 'Nog eens.',
      }),
      409,
      'already_handled',
    );

    const restored = await act(moderators[0], slug, {
      action: 'restore',
      target: { kind: 'thread', id: thread.id },
      reason: 'Bekeken: dit past binnen de groepsregels.',
      caseId: entry!.id,
    });
    expect(restored.status).toBe(201);
    expect((await read(eva, slug, thread.id)).thread).toMatchObject({
      state: 'visible',
      title: 'Iets wat mensen storen',
    });
    for (const reporter of [bram, carla, daan]) {
      expect((await notices(reporter, slug)).map((notice) => notice.kind)).toEqual(['report-handled']);
    }
  });

  it('answers a report of an item from another group with the same 404 as a missing one', async () => {
    const here = await moderatedGroup(1);
    const there = await moderatedGroup(1);
    const elsewhere = await startThread(there.members[0], there.slug);
    const elsewhereReply = await reply(there.members[0], there.slug, elsewhere.id, 'Een antwoord in de andere groep.');
    const reporter = here.members[0];
    const before = await count('report');

    const foreignThread = expectError(await report(reporter, here.slug, 'thread', elsewhere.id), 404, 'not_found');
    const foreignPost = expectError(await report(reporter, here.slug, 'post', elsewhereReply.id), 404, 'not_found');
    const missing = expectError(
      await report(reporter, here.slug, 'post', '5f0c4a52-7d1e-4c7a-9a55-0f3c2b1d4e6a'),
      404,
      'not_found',
    );
    expect(foreignThread).toEqual(missing);
    expect(foreignPost).toEqual(missing);
    // A thread's opening text is reported as the thread; as a "post" it is not found either.
    const own = await startThread(here.members[0], here.slug);
    const openingId = (
      await sql<{ id: string }[]>('SELECT id FROM forum_post WHERE thread_id = $1 AND seq = 0', [own.id])
    )[0].id;
    expectError(await report(reporter, here.slug, 'post', openingId), 404, 'not_found');
    expectError(await report(reporter, there.slug, 'thread', elsewhere.id), 403, 'not_a_member');
    expect(await count('report')).toBe(before);
  });

  it.each([
    ['nl', 'Ik wil NIET meer léven, echt niet.', DUTCH_CRISIS_PHONES],
    ['nl', 'IK ZIE HET NIET MEER ZITTEN', DUTCH_CRISIS_PHONES],
    ['nl', 'soms denk ik aan Zelfmoord', DUTCH_CRISIS_PHONES],
    ['nl', 'ik voel me suïcidaal', DUTCH_CRISIS_PHONES],
    ['en', 'Honestly I want to KILL MYSELF tonight', ENGLISH_CRISIS_PHONES],
    ['en', "I don't want to live anymore", ENGLISH_CRISIS_PHONES],
  ] as const)(
    'publishes a crisis reply in a %s group (%p), tells its author the lines at once and puts a crisis entry on top',
    async (locale, text, phones) => {
      const { slug, moderators, members, memberships } = await moderatedGroup(3, { locale });
      const [anna, bram, carla] = members;
      const thread = await startThread(anna, slug, { title: 'Hoe gaat het vandaag?', body: 'Vertel maar.' });
      // An older, ordinary report: the crisis still comes first.
      expect((await report(carla, slug, 'thread', thread.id)).status).toBe(202);

      const posted = await reply(bram, slug, thread.id, text);
      expect(posted).toMatchObject({ state: 'visible', body: text });
      expect(posted.held).toBeUndefined();
      expect(phonesOf(posted.crisis?.lines)).toEqual(phones);
      expect(posted.crisis?.intro.length).toBeGreaterThan(20);

      // Published as normal: people in crisis are not silenced, and others never see the lines.
      const seen = await read(carla, slug, thread.id);
      expect(seen.posts[0]).toMatchObject({ id: posted.id, state: 'visible', body: text });
      expect(JSON.stringify(seen)).not.toContain('crisis');

      const bramsNotices = await notices(bram, slug);
      expect(bramsNotices[0].kind).toBe('crisis');
      expect(phonesOf(bramsNotices[0].crisisLines?.lines)).toEqual(phones);
      const entries = await queue(moderators[0], slug);
      expect(entries[0]).toMatchObject({
        kind: 'crisis',
        target: { kind: 'post', id: posted.id },
        subject: { memberId: memberships[1].memberId },
      });
      expect(entries[0].excerpt).toBe(text);
      expect(entries[1]).toMatchObject({ kind: 'report', target: { kind: 'thread', id: thread.id } });
    },
  );

  it('treats a crisis thread like a crisis reply: published, the author told at once, the moderators alerted', async () => {
    const { slug, moderators, members } = await moderatedGroup(2);
    const [anna, bram] = members;
    const started = await startThread(anna, slug, {
      title: 'Ik kan niet meer',
      body: 'Ik wil er niet meer zijn. Ik heb al een afscheidsbrief geschreven.',
      contentWarning: 'zelfmoordgedachten',
    });
    expect(started.state).toBe('visible');
    expect(phonesOf(started.crisis?.lines)).toEqual(DUTCH_CRISIS_PHONES);
    expect((await list(bram, slug)).threads[0]).toMatchObject({ id: started.id, title: 'Ik kan niet meer' });
    expect((await queue(moderators[0], slug))[0]).toMatchObject({
      kind: 'crisis',
      target: { kind: 'thread', id: started.id },
    });
  });

  it.each([
    'ik ben doodmoe',
    'Ik ga dood van de zenuwen voor dat examen',
    'this exam is killing me',
    'I could die of embarrassment',
  ])('raises nothing for the everyday %p', async (text) => {
    const { slug, moderators, members } = await moderatedGroup(1);
    const thread = await startThread(members[0], slug, { title: 'Gewoon een dag', body: text });
    const posted = await reply(members[0], slug, thread.id, text);
    expect(thread.crisis).toBeUndefined();
    expect(posted.crisis).toBeUndefined();
    expect(await queue(moderators[0], slug)).toEqual([]);
    expect(await notices(members[0], slug)).toEqual([]);
  });

  it('refuses a blocked watched word with 400 blocked_content and writes nothing', async () => {
    const { slug, moderators, members } = await moderatedGroup(2);
    const [anna, bram] = members;
    const added = await call(moderators[0], 'post', `/api/groups/${slug}/watched-words`, {
      phrase: 'sukkel',
      action: 'block',
    });
    expect(added.status).toBe(201);
    const thread = await startThread(anna, slug);
    const written = async () => [
      await count('forum_thread'),
      await count('forum_post'),
      await count('forum_revision'),
      await count('moderation_case'),
    ];
    const before = await written();

    const refusedReply = expectError(
      await call(bram, 'post', `/api/groups/${slug}/threads/${thread.id}/posts`, { body: 'Wat een SÛKKEL ben jij.' }),
      400,
      'blocked_content',
    );
    expect(fieldMessage(refusedReply, 'body').length).toBeGreaterThan(0);
    expectError(
      await call(bram, 'post', `/api/groups/${slug}/threads`, { title: 'Die sukkel hier', body: 'Echt.' }),
      400,
      'blocked_content',
    );
    expectError(
      await call(anna, 'patch', `/api/groups/${slug}/threads/${thread.id}`, {
        body: 'Jullie zijn sukkels? Nee: sukkel.',
      }),
      400,
      'blocked_content',
    );
    // Whole words only: "sukkelen" is a different word.
    expect(await written()).toEqual(before);
    expect((await read(bram, slug, thread.id)).thread.body).toBe(thread.body);
    await reply(bram, slug, thread.id, 'Ik blijf maar wat aansukkelen deze week.');
  });

  it('stores a reply with a held watched word for review: only its author and the moderators see it until it is approved', async () => {
    const { slug, moderators, members } = await moderatedGroup(2);
    const [anna, bram] = members;
    await call(moderators[0], 'post', `/api/groups/${slug}/watched-words`, { phrase: 'snel geld', action: 'hold' });
    const thread = await startThread(anna, slug);

    const held = await reply(bram, slug, thread.id, 'Wil je SNEL GELD verdienen? Vraag me hoe.');
    expect(held).toMatchObject({
      state: 'pending_review',
      held: true,
      body: 'Wil je SNEL GELD verdienen? Vraag me hoe.',
    });
    expect(held.crisis).toBeUndefined();

    expect((await read(anna, slug, thread.id)).posts).toEqual([]);
    expect((await list(anna, slug)).threads[0]).toMatchObject({ replyCount: 0, unreadCount: 0 });
    expectError(await call(anna, 'put', `/api/groups/${slug}/posts/${held.id}/reactions/recognise`), 404, 'not_found');
    expect((await read(bram, slug, thread.id)).posts).toEqual([
      expect.objectContaining({ id: held.id, state: 'pending_review', body: held.body }),
    ]);
    expect((await read(moderators[1], slug, thread.id)).posts[0]).toMatchObject({
      state: 'pending_review',
      body: held.body,
    });
    const search = await call(anna, 'get', `/api/groups/${slug}/search?q=geld`);
    expect(search.body).toEqual({ hits: [] });

    const entry = entryFor(await queue(moderators[0], slug), held.id, 'held');
    expect(entry).toMatchObject({ kind: 'held', hidden: true, excerpt: held.body });
    expect(
      (
        await act(moderators[0], slug, {
          action: 'restore',
          target: { kind: 'post', id: held.id },
          reason: 'Goedgekeurd: geen reclame, een grapje onder lotgenoten.',
          caseId: entry!.id,
        })
      ).status,
    ).toBe(201);
    expect((await read(anna, slug, thread.id)).posts).toEqual([
      expect.objectContaining({ id: held.id, state: 'visible', body: held.body }),
    ]);
    expect((await list(anna, slug)).threads[0]).toMatchObject({ replyCount: 1 });
    expect(await queue(moderators[0], slug)).toEqual([]);
  });

  it('triggers the crisis response for a site-wide crisis word an admin added', async () => {
    const added = await app.http
      .post('/api/admin/watched-words')
      .set('Authorization', admin.bearer)
      .send({ phrase: 'alles opgeven', action: 'crisis' });
    expect(added.status).toBe(201);
    try {
      const { slug, moderators, members } = await moderatedGroup(1);
      const thread = await startThread(members[0], slug);
      const posted = await reply(members[0], slug, thread.id, 'Ik wil gewoon ALLES OPGEVEN.');
      expect(posted.state).toBe('visible');
      expect(phonesOf(posted.crisis?.lines)).toEqual(DUTCH_CRISIS_PHONES);
      expect((await queue(moderators[0], slug))[0]).toMatchObject({
        kind: 'crisis',
        target: { kind: 'post', id: posted.id },
      });
    } finally {
      await app.http
        .delete(`/api/admin/watched-words/${(added.body as { id: string }).id}`)
        .set('Authorization', admin.bearer)
        .expect(204);
    }
  });

  it.each([
    ['an email address', 'Mail me gerust op jan.peeters@gmail.com als je wil praten.'],
    ['a phone number', 'Bel me maar: 0475 12 34 56.'],
    ['a street address', 'Ik woon in de Kerkstraat 12 in Gent, kom langs.'],
  ])('refuses %s with identifying_details unless the author insists; then it is held', async (_what, text) => {
    const { slug, moderators, members } = await moderatedGroup(2);
    const [anna, bram] = members;
    const thread = await startThread(anna, slug);
    const before = [await count('forum_post'), await count('forum_thread')];

    expectError(
      await call(bram, 'post', `/api/groups/${slug}/threads/${thread.id}/posts`, { body: text }),
      400,
      'identifying_details',
    );
    expectError(
      await call(bram, 'post', `/api/groups/${slug}/threads`, { title: 'Contact', body: text }),
      400,
      'identifying_details',
    );
    expect([await count('forum_post'), await count('forum_thread')]).toEqual(before);

    const insisted = await reply(bram, slug, thread.id, text, true);
    expect(insisted).toMatchObject({ state: 'pending_review', held: true });
    expect((await read(anna, slug, thread.id)).posts).toEqual([]);
    const entry = entryFor(await queue(moderators[0], slug), insisted.id, 'held');
    expect(entry).toBeDefined();

    // The moderator rejects it: the text is purged, and nobody but the moderators ever saw it.
    const rejected = await act(moderators[0], slug, {
      action: 'delete',
      target: { kind: 'post', id: insisted.id },
      reason: 'Je adresgegevens horen hier niet: ze maken je herkenbaar.',
      caseId: entry!.id,
    });
    expect(rejected.status).toBe(201);
    const [row] = await sql<{ body: string; author_id: string | null }[]>(
      'SELECT body, author_id FROM forum_post WHERE id = $1',
      [insisted.id],
    );
    expect(row).toEqual({ body: '', author_id: null });
    expect((await read(anna, slug, thread.id)).posts).toEqual([]);
    expect((await notices(bram, slug))[0].message).toContain('Je adresgegevens horen hier niet');
  });

  it('holds a whole thread the author insists on, out of everyone else’s list, until a moderator approves it', async () => {
    const { slug, moderators, members } = await moderatedGroup(2);
    const [anna, bram] = members;
    const held = await startThread(anna, slug, {
      title: 'Wie wil afspreken?',
      body: 'Stuur een berichtje naar 0475 12 34 56.',
      insist: true,
    });
    expect(held).toMatchObject({ state: 'pending_review', held: true, title: 'Wie wil afspreken?' });
    expect((await list(bram, slug)).threads).toEqual([]);
    const hiddenFromBram = expectError(
      await call(bram, 'get', `/api/groups/${slug}/threads/${held.id}`),
      404,
      'not_found',
    );
    expect(hiddenFromBram.message).toBe('Not found.');
    expect((await list(anna, slug)).threads[0]).toMatchObject({
      id: held.id,
      state: 'pending_review',
      title: held.title,
    });
    expectError(
      await call(anna, 'post', `/api/groups/${slug}/threads/${held.id}/posts`, { body: 'Nog iets.' }),
      409,
      'content_removed',
    );
    // Its author may still take the number out; it stays held until a moderator looks.
    const edited = await call(anna, 'patch', `/api/groups/${slug}/threads/${held.id}`, {
      body: 'Wie wil er afspreken?',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ state: 'pending_review', held: true, body: 'Wie wil er afspreken?' });

    const entry = entryFor(await queue(moderators[0], slug), held.id, 'held');
    expect(entry!.excerpt).toContain('Wie wil er afspreken?');
    await act(moderators[0], slug, {
      action: 'restore',
      target: { kind: 'thread', id: held.id },
      reason: 'Het nummer is eruit: goedgekeurd.',
      caseId: entry!.id,
    }).expect(201);
    expect((await list(bram, slug)).threads[0]).toMatchObject({ id: held.id, state: 'visible', title: held.title });
    await reply(bram, slug, held.id, 'Ik wil wel!');
  });

  it('screens an edit as it screens a new post: refused, or held (and uncounted) when the author insists', async () => {
    const { slug, moderators, members } = await moderatedGroup(2);
    const [anna, bram] = members;
    const thread = await startThread(anna, slug);
    const post = await reply(bram, slug, thread.id, 'Ik laat later nog iets weten.');
    const path = `/api/groups/${slug}/posts/${post.id}`;

    expectError(
      await call(bram, 'patch', path, { body: 'Mail me: bram.dewitte@telenet.be' }),
      400,
      'identifying_details',
    );
    expect(await count('forum_revision', 'post_id = $1', [post.id])).toBe(0);
    const insisted = await call(bram, 'patch', path, { body: 'Mail me: bram.dewitte@telenet.be', insist: true });
    expect(insisted.status).toBe(200);
    expect(insisted.body).toMatchObject({ state: 'pending_review', held: true });
    expect((await read(anna, slug, thread.id)).posts).toEqual([]);
    expect((await list(anna, slug)).threads[0].replyCount).toBe(0);

    const crisis = await call(anna, 'patch', `/api/groups/${slug}/threads/${thread.id}`, {
      body: 'Eerlijk gezegd wil ik niet meer leven.',
    });
    expect(crisis.status).toBe(200);
    expect(phonesOf((crisis.body as ThreadView).crisis?.lines)).toEqual(DUTCH_CRISIS_PHONES);
    const entries = await queue(moderators[0], slug);
    expect(entries[0]).toMatchObject({ kind: 'crisis', target: { kind: 'thread', id: thread.id } });
    expect(entryFor(entries, post.id, 'held')).toBeDefined();
  });

  it('holds the first N posts of a new member when the group asks for it, and no more', async () => {
    const { slug, moderators, members } = await moderatedGroup(2);
    const [veteran, newcomer] = members;
    const thread = await startThread(veteran, slug);
    await reply(veteran, slug, thread.id, 'Al lang lid.');
    await sql('UPDATE support_group SET hold_first_posts = 2 WHERE slug = $1', [slug]);

    const approve = async (kind: 'thread' | 'post', id: string) => {
      const entry = entryFor(await queue(moderators[0], slug), id, 'held');
      expect(entry).toBeDefined();
      await act(moderators[0], slug, {
        action: 'restore',
        target: { kind, id },
        reason: 'Welkom! Eerste berichten goedgekeurd.',
        caseId: entry!.id,
      }).expect(201);
    };

    const first = await startThread(newcomer, slug, { title: 'Hallo allemaal' });
    expect(first).toMatchObject({ state: 'pending_review', held: true });
    await approve('thread', first.id);
    const second = await reply(newcomer, slug, thread.id, 'Herkenbaar wat je schrijft.');
    expect(second).toMatchObject({ state: 'pending_review', held: true });
    // Waiting items do not count: still one visible, so this one waits too.
    const third = await reply(newcomer, slug, first.id, 'Nog een bericht.');
    expect(third.held).toBe(true);
    await approve('post', second.id);
    const fourth = await reply(newcomer, slug, thread.id, 'Nu mag het meteen.');
    expect(fourth).toMatchObject({ state: 'visible' });
    expect(fourth.held).toBeUndefined();

    // Members with their posts behind them, and moderators, are not held.
    expect((await reply(veteran, slug, thread.id, 'Welkom!')).state).toBe('visible');
    expect((await reply(moderators[1], slug, thread.id, 'Welkom van de moderatie.')).state).toBe('visible');
  });

  it('locks a thread against replies and pins it first through moderator actions, each with a notice', async () => {
    const { slug, moderators, members } = await moderatedGroup(2);
    const [anna, bram] = members;
    const pinned = await startThread(anna, slug, { title: 'Groepsafspraken' });
    const newer = await startThread(bram, slug, { title: 'Nieuwer' });
    expect((await list(bram, slug)).threads.map((thread) => thread.id)).toEqual([newer.id, pinned.id]);

    const target = { kind: 'thread', id: pinned.id };
    await act(moderators[0], slug, { action: 'pin', target, reason: 'Belangrijk voor nieuwe leden.' }).expect(201);
    expect((await list(bram, slug)).threads.map((thread) => thread.id)).toEqual([pinned.id, newer.id]);
    expect((await list(bram, slug)).threads[0].pinned).toBe(true);
    expectError(await act(moderators[1], slug, { action: 'pin', target, reason: 'Nog eens.' }), 409, 'already_handled');

    await act(moderators[0], slug, { action: 'lock', target, reason: 'Afspraken staan vast.' }).expect(201);
    const before = await count('forum_post');
    expectError(
      await call(bram, 'post', `/api/groups/${slug}/threads/${pinned.id}/posts`, { body: 'Mag ik nog iets zeggen?' }),
      409,
      'thread_locked',
    );
    expect(await count('forum_post')).toBe(before);
    expect((await read(bram, slug, pinned.id)).thread.locked).toBe(true);
    expect((await notices(anna, slug)).map((notice) => notice.message)).toEqual([
      expect.stringContaining('Afspraken staan vast.'),
      expect.stringContaining('Belangrijk voor nieuwe leden.'),
    ]);

    await act(moderators[1], slug, { action: 'unlock', target, reason: 'Er mag weer gereageerd worden.' }).expect(201);
    await reply(bram, slug, pinned.id, 'Dank je.');
    await act(moderators[1], slug, { action: 'unpin', target, reason: 'Niet meer nodig.' }).expect(201);
    expect((await list(bram, slug)).threads[0].pinned).toBe(false);
    expectError(
      await act(moderators[0], slug, { action: 'lock', target: { kind: 'post', id: newer.id }, reason: 'Geen draad.' }),
      400,
      'validation_failed',
    );
    expect((await audit(moderators[0], slug)).map((entry) => entry.action)).toEqual([
      'unpin',
      'unlock',
      'lock',
      'pin',
      'appoint',
      'appoint',
    ]);
  });

  it('refuses an action without a reason, on an item already gone, by a member or by a moderator of another group, and changes nothing', async () => {
    const { slug, moderators, members } = await moderatedGroup(2);
    const other = await moderatedGroup(1);
    const [anna, bram] = members;
    const thread = await startThread(anna, slug);
    const post = await reply(bram, slug, thread.id, 'Een antwoord dat blijft staan.');
    const gone = await reply(bram, slug, thread.id, 'Een antwoord dat verdwijnt.');
    await act(moderators[0], slug, {
      action: 'delete',
      target: { kind: 'post', id: gone.id },
      reason: 'Spam, verwijderd.',
    }).expect(201);
    const target = { kind: 'post', id: post.id };
    const actions = await count('moderation_action');
    const noticeCount = await count('notice');

    const noReason = expectError(await act(moderators[0], slug, { action: 'hide', target }), 400, 'validation_failed');
    expect(fieldMessage(noReason, 'reason')).toContain('reason');
    expectError(await act(moderators[0], slug, { action: 'hide', target, reason: ' ' }), 400, 'validation_failed');
    for (const action of ['hide', 'restore', 'delete']) {
      expectError(
        await act(moderators[0], slug, { action, target: { kind: 'post', id: gone.id }, reason: 'Al weg.' }),
        409,
        'already_handled',
      );
    }
    expectError(
      await act(moderators[0], slug, {
        action: 'hide',
        target: { kind: 'post', id: '5f0c4a52-7d1e-4c7a-9a55-0f3c2b1d4e6a' },
        reason: 'Bestaat niet.',
      }),
      404,
      'not_found',
    );
    expectError(await act(anna, slug, { action: 'hide', target, reason: 'Ik vind het niks.' }), 403, 'forbidden');
    expectError(
      await act(other.moderators[0], slug, { action: 'hide', target, reason: 'Niet mijn groep.' }),
      403,
      'not_a_member',
    );
    expectError(
      await act(other.moderators[0], other.slug, { action: 'hide', target, reason: 'Niet mijn groep.' }),
      404,
      'not_found',
    );

    expect(await count('moderation_action')).toBe(actions);
    expect(await count('notice')).toBe(noticeCount);
    expect((await read(anna, slug, thread.id)).posts.find((p) => p.id === post.id)).toMatchObject({
      state: 'visible',
      body: 'Een antwoord dat blijft staan.',
    });
  });

  it('lets one of two moderators hiding the same post at once succeed; the other gets 409 already_handled', async () => {
    const { slug, moderators, members, memberships } = await moderatedGroup(2);
    const thread = await startThread(members[0], slug);
    const post = await reply(members[1], slug, thread.id, 'Dit wordt twee keer tegelijk verborgen.');
    const actions = await count('moderation_action');

    const responses = await Promise.all(
      moderators.map((moderator, i) =>
        act(moderator, slug, { action: 'hide', target: { kind: 'post', id: post.id }, reason: `Tegelijk ${i}.` }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 409]);
    expectError(
      responses.find((response) => response.status === 409)!,
      409,
      'already_handled',
    );
    expect(await count('moderation_action')).toBe(actions + 1);
    expect(await count('notice', 'membership_id = $1', [memberships[1].memberId])).toBe(1);
  });
});
