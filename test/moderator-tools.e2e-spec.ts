import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import type { ThreadPage, ThreadView, ThreadWithPosts } from '../src/contracts/forums.js';
import type { GroupDetail, MyMembership } from '../src/contracts/groups.js';
import type { AuditEntry, MemberPick, QueueContext, QueueEntry } from '../src/contracts/moderation.js';
import { RecordAuditActorKind1795483000000 } from '../migrations/1795483000000-RecordAuditActorKind.js';
import type { SupportChatView } from '../src/contracts/support-chats.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { appointResponder, CRISIS_TEXT, setDuty } from './support/crisis.js';
import { expectError } from './support/errors.js';
import { createGroup, joinGroup, makeModerator, registerAdmin } from './support/groups.js';
import { closeChatClients, connectChat, joinRoom, sendMessage } from './support/sockets.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The tools moderators asked for: a member picker by part of an alias (this group only, no account
 * identifiers), the reporter's note and the chat lines around a reported message in the queue
 * (audited, from that room only), the audit log filtered and paged, and a thread's "new since
 * your last visit" line.
 */
describe('moderator tools', () => {
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

  const sql = <T>(query: string, params: unknown[] = []) => app.app.get(DataSource).query<T>(query, params);
  const get = (who: TestMember, path: string) => app.http.get(path).set('Authorization', who.bearer);
  const post = (who: TestMember, path: string, body: object) =>
    app.http.post(path).set('Authorization', who.bearer).send(body);

  async function moderated(): Promise<{
    group: GroupDetail;
    base: string;
    moderator: TestMember;
    moderatorIn: MyMembership;
  }> {
    const group = await createGroup(app, admin);
    const moderator = await registerMember(app);
    const moderatorIn = await joinGroup(app, moderator, group.slug, { alias: 'Waakzame Wil' });
    await makeModerator(app, moderatorIn);
    return { group, base: `/api/groups/${group.slug}`, moderator, moderatorIn };
  }

  it('finds members of its own group by part of an alias, for its moderators and admins only, with no account identifier', async () => {
    const { group, base, moderator } = await moderated();
    const rozeIn = await joinGroup(app, await registerMember(app), group.slug, { alias: 'Rozige Ochtend' });
    const roos = await registerMember(app);
    const roosIn = await joinGroup(app, roos, group.slug, { alias: 'Roos van Dalen' });
    const plain = await registerMember(app);
    await joinGroup(app, plain, group.slug, { alias: 'Gewone Gerrit' });
    // The same word in another group, and a moderator there.
    const other = await createGroup(app, admin);
    const elsewhere = await registerMember(app);
    await joinGroup(app, elsewhere, other.slug, { alias: 'Roos Elders' });
    const otherModerator = await registerMember(app);
    await makeModerator(app, await joinGroup(app, otherModerator, other.slug));
    await sql(`UPDATE membership SET suspended_until = now() + interval '2 days' WHERE id = $1`, [roosIn.memberId]);

    const found = await get(moderator, `${base}/moderation/members?q=ROZ`);
    expect(found.status).toBe(200);
    expect(found.body).toEqual([{ memberId: rozeIn.memberId, alias: 'Rozige Ochtend', standing: 'member' }]);

    const both = (await get(admin, `${base}/moderation/members?q=ro`)).body as MemberPick[];
    // Prefix matches first, then any alias containing the letters; only this group's members.
    expect(both.map((pick) => [pick.alias, pick.standing])).toEqual([
      ['Roos van Dalen', 'suspended'],
      ['Rozige Ochtend', 'member'],
    ]);
    const accounts = await sql<{ id: string }[]>(`SELECT account_id AS id FROM membership WHERE id = ANY($1)`, [
      [rozeIn.memberId, roosIn.memberId],
    ]);
    const answer = JSON.stringify(both);
    for (const { id } of accounts) {
      expect(answer).not.toContain(id);
    }
    expect(answer).not.toContain(roos.loginName);
    expect(both.every((pick) => Object.keys(pick).sort().join() === 'alias,memberId,standing')).toBe(true);

    expectError(await get(plain, `${base}/moderation/members?q=ro`), 403, 'forbidden');
    expectError(await get(otherModerator, `${base}/moderation/members?q=ro`), 403, 'not_a_member');
    expectError(await get(moderator, `${base}/moderation/members?q=r`), 400, 'validation_failed');
  });

  it('shows the reporter note and the lines around a reported chat message, from that room only, audited, and refuses other groups', async () => {
    const { group, base, moderator, moderatorIn } = await moderated();
    const anna = await registerMember(app);
    await joinGroup(app, anna, group.slug, { alias: 'Anna Zee' });
    const bram = await registerMember(app);
    await joinGroup(app, bram, group.slug, { alias: 'Bram Bos' });
    const annaSocket = await connectChat(app, anna);
    const bramSocket = await connectChat(app, bram);
    const room = { group: group.slug };
    await joinRoom(annaSocket, room);
    await joinRoom(bramSocket, room);
    const sent: string[] = [];
    for (let index = 1; index <= 8; index += 1) {
      const body = `Regel ${index}`;
      await sendMessage(index % 2 ? annaSocket : bramSocket, room, body);
      sent.push(body);
    }
    const [flagged] = await sql<{ id: string; seq: number }[]>(
      `SELECT m.id, m.seq FROM chat_message m JOIN chat_room r ON r.id = m.room_id
         JOIN support_group g ON g.id = r.group_id
        WHERE g.slug = $1 AND m.body = 'Regel 5'`,
      [group.slug],
    );
    // A line of another group's room between them in time changes nothing.
    const other = await createGroup(app, admin);
    const elsewhere = await registerMember(app);
    await joinGroup(app, elsewhere, other.slug);
    const elsewhereSocket = await connectChat(app, elsewhere);
    await joinRoom(elsewhereSocket, { group: other.slug });
    await sendMessage(elsewhereSocket, { group: other.slug }, 'Regel elders');

    expect(
      (
        await post(bram, `${base}/reports`, {
          target: { kind: 'message', id: flagged.id },
          reason: 'harassment',
          note: 'Dit gaat al de hele avond zo.',
        })
      ).status,
    ).toBe(202);
    const queue = (await get(moderator, `${base}/moderation/queue`)).body as QueueEntry[];
    const entry = queue.find((item) => item.target?.id === flagged.id)!;
    expect(entry).toMatchObject({
      notes: ['Dit gaat al de hele avond zo.'],
      place: { kind: 'room', sessionId: null, seq: Number(flagged.seq) },
    });
    expect(JSON.stringify(entry)).not.toContain('Bram Bos');

    const context = await get(moderator, `${base}/moderation/queue/${entry.id}/context`);
    expect(context.status).toBe(200);
    expect((context.body as QueueContext).lines.map((line) => [line.body, line.flagged])).toEqual([
      ['Regel 2', false],
      ['Regel 3', false],
      ['Regel 4', false],
      ['Regel 5', true],
      ['Regel 6', false],
      ['Regel 7', false],
    ]);
    expect((context.body as QueueContext).lines[0]).toMatchObject({ alias: 'Bram Bos', hidden: false });
    const audit = (await get(moderator, `${base}/moderation/audit?action=context-read`)).body as AuditEntry[];
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'context-read',
        moderator: { memberId: moderatorIn.memberId, alias: 'Waakzame Wil' },
        target: { member: null, item: { kind: 'message', id: flagged.id } },
      }),
    ]);

    // Members, and moderators of another group (even with the case's id), get nothing.
    expectError(await get(anna, `${base}/moderation/queue/${entry.id}/context`), 403, 'forbidden');
    const otherModerator = await registerMember(app);
    const otherModeratorIn = await joinGroup(app, otherModerator, other.slug);
    await makeModerator(app, otherModeratorIn);
    expectError(await get(otherModerator, `${base}/moderation/queue/${entry.id}/context`), 403, 'not_a_member');
    expectError(
      await get(otherModerator, `/api/groups/${other.slug}/moderation/queue/${entry.id}/context`),
      404,
      'not_found',
    );
    expect((await get(moderator, `${base}/moderation/audit?action=context-read`)).body as AuditEntry[]).toHaveLength(1);
  });

  it('shows a reported post with its note and a link to its thread at the post', async () => {
    const { group, base, moderator } = await moderated();
    const anna = await registerMember(app);
    await joinGroup(app, anna, group.slug);
    const thread = (await post(anna, `${base}/threads`, { title: 'Slapen', body: 'Hoe doen jullie dat?' }))
      .body as ThreadView;
    const reply = (await post(anna, `${base}/threads/${thread.id}/posts`, { body: 'Koop dit middel bij mij.' }))
      .body as { id: string };
    const bram = await registerMember(app);
    await joinGroup(app, bram, group.slug);
    await post(bram, `${base}/reports`, { target: { kind: 'post', id: reply.id }, reason: 'spam', note: 'Reclame.' });
    const queue = (await get(moderator, `${base}/moderation/queue`)).body as QueueEntry[];
    expect(queue.find((item) => item.target?.id === reply.id)).toMatchObject({
      notes: ['Reclame.'],
      place: { kind: 'thread', threadId: thread.id, postId: reply.id },
    });
    // No chat context for a post.
    const entry = queue.find((item) => item.target?.id === reply.id)!;
    expectError(await get(moderator, `${base}/moderation/queue/${entry.id}/context`), 404, 'not_found');
  });

  it('filters the audit log by action and by part of the moderator alias, newest first, in pages', async () => {
    const { group, base, moderator } = await moderated();
    const second = await registerMember(app);
    await makeModerator(app, await joinGroup(app, second, group.slug, { alias: 'Tweede Tine' }));
    const member = await registerMember(app);
    const memberIn = await joinGroup(app, member, group.slug, { alias: 'Lid Lotte' });
    const warn = (who: TestMember, reason: string) =>
      post(who, `${base}/moderation/actions`, { action: 'warn', memberId: memberIn.memberId, reason });
    expect((await warn(moderator, 'Eerste waarschuwing.')).status).toBe(201);
    expect((await warn(second, 'Tweede waarschuwing.')).status).toBe(201);
    expect((await warn(moderator, 'Derde waarschuwing.')).status).toBe(201);
    expect(
      (
        await post(moderator, `${base}/moderation/actions`, {
          action: 'mute',
          memberId: memberIn.memberId,
          minutes: 10,
          reason: 'Even rust.',
        })
      ).status,
    ).toBe(201);

    const reasons = async (query: string) =>
      ((await get(moderator, `${base}/moderation/audit${query}`)).body as AuditEntry[]).map((entry) => entry.reason);
    expect(await reasons('?action=warn')).toEqual([
      'Derde waarschuwing.',
      'Tweede waarschuwing.',
      'Eerste waarschuwing.',
    ]);
    expect(await reasons('?action=warn&moderator=waakzame')).toEqual(['Derde waarschuwing.', 'Eerste waarschuwing.']);
    expect(await reasons('?moderator=TWEEDE')).toEqual(['Tweede waarschuwing.']);
    expect(await reasons('?moderator=Lid')).toEqual([]);
    const first = (await get(moderator, `${base}/moderation/audit?action=warn&limit=2`)).body as AuditEntry[];
    expect(first.map((entry) => entry.reason)).toEqual(['Derde waarschuwing.', 'Tweede waarschuwing.']);
    expect(await reasons(`?action=warn&limit=2&before=${first[1].id}`)).toEqual(['Eerste waarschuwing.']);

    expectError(await get(moderator, `${base}/moderation/audit?action=explode`), 400, 'validation_failed');
    expectError(await get(moderator, `${base}/moderation/audit?limit=1000`), 400, 'validation_failed');
    expectError(await get(moderator, `${base}/moderation/audit?before=nope`), 400, 'validation_failed');
    expectError(await get(member, `${base}/moderation/audit?action=warn`), 403, 'forbidden');
  });

  it('filters the audit log to what admins did, naming them by role only', async () => {
    const { group, base, moderator, moderatorIn } = await moderated();
    const member = await registerMember(app);
    const memberIn = await joinGroup(app, member, group.slug, { alias: 'Nieuwe Noor' });
    expect((await post(admin, `${base}/moderators`, { memberId: memberIn.memberId })).status).toBe(204);
    expect(
      (
        await post(moderator, `${base}/moderation/actions`, {
          action: 'warn',
          memberId: memberIn.memberId,
          reason: 'Een waarschuwing.',
        })
      ).status,
    ).toBe(201);
    // The admin is also a member of the group under an alias of their own: the log still names the role only.
    await joinGroup(app, admin, group.slug, { alias: 'Stille Beheerder' });
    expect(
      (await app.http.delete(`${base}/moderators/${memberIn.memberId}`).set('Authorization', admin.bearer)).status,
    ).toBe(204);

    const response = await get(moderator, `${base}/moderation/audit?by=admin`);
    expect(response.status).toBe(200);
    const byAdmin = response.body as AuditEntry[];
    expect(byAdmin.map((entry) => [entry.action, entry.moderator, entry.target.member?.alias])).toEqual([
      ['dismiss', { admin: true }, 'Nieuwe Noor'],
      ['appoint', { admin: true }, 'Nieuwe Noor'],
    ]);
    const [adminAccount] = await sql<{ id: string }[]>('SELECT id FROM account WHERE login_name = $1', [
      admin.loginName,
    ]);
    const said = JSON.stringify(byAdmin);
    expect(said).not.toContain(adminAccount.id);
    expect(said).not.toContain('Stille Beheerder');
    expect(said).not.toContain(admin.loginName);
    // Moderators' own entries stay out of it, and the other filters still apply beside it.
    expect(
      ((await get(moderator, `${base}/moderation/audit?by=admin&action=appoint`)).body as AuditEntry[]).map(
        (entry) => entry.action,
      ),
    ).toEqual(['appoint']);
    expect(
      ((await get(moderator, `${base}/moderation/audit`)).body as AuditEntry[]).some(
        (entry) => 'memberId' in entry.moderator && entry.moderator.memberId === moderatorIn.memberId,
      ),
    ).toBe(true);
    expectError(await get(moderator, `${base}/moderation/audit?by=someone`), 400, 'validation_failed');
    // An admin acts under no alias: asking for both is a contradiction, not an empty page.
    const both = expectError(
      await get(moderator, `${base}/moderation/audit?by=admin&moderator=Wil`),
      400,
      'validation_failed',
    );
    expect(both.details?.map((problem) => problem.field)).toEqual(['by']);
  });

  it("lists a crisis responder's support conversation as a crisis responder's, not an admin's, also in rows from before", async () => {
    const { group, base, moderator } = await moderated();
    const member = await registerMember(app);
    await joinGroup(app, member, group.slug, { alias: 'Verloren Vink' });
    const socket = await connectChat(app, member);
    await joinRoom(socket, { group: group.slug });
    const sent = await sendMessage(socket, { group: group.slug }, CRISIS_TEXT);
    const caseId = ((await get(moderator, `${base}/moderation/queue`)).body as QueueEntry[]).find(
      (entry) => entry.target?.id === sent.id,
    )!.id;
    const responder = await appointResponder(app, admin, { name: 'Nachtwacht Audit' });
    try {
      expect((await post(responder.member, `/api/crisis/desk/${caseId}/claim`, {})).status).toBe(200);
      const offered = await post(responder.member, `${base}/support-chats`, { caseId });
      expect(offered.status).toBe(201);
      const chatId = (offered.body as SupportChatView).id;
      expect((await post(responder.member, `${base}/support-chats/${chatId}/close`, {})).status).toBe(200);
    } finally {
      await setDuty(app, responder.member, false);
    }
    expect(
      (
        await post(admin, `${base}/moderators`, {
          memberId: (await joinGroup(app, await registerMember(app), group.slug)).memberId,
        })
      ).status,
    ).toBe(204);

    const shown = async () => {
      const all = (await get(moderator, `${base}/moderation/audit`)).body as AuditEntry[];
      const byAdmin = (await get(moderator, `${base}/moderation/audit?by=admin`)).body as AuditEntry[];
      return {
        all: all.map((entry) => [entry.action, entry.reasonText?.code, entry.moderator]),
        byAdmin: byAdmin.map((entry) => [entry.action, entry.moderator]),
      };
    };
    const expected = {
      all: [
        ['appoint', 'audit.appointed', { admin: true }],
        ['support-closed', 'audit.support.closed.crisis_responder', { responder: true }],
        ['support-offered', 'audit.support.offered.crisis_responder', { responder: true }],
      ],
      byAdmin: [['appoint', { admin: true }]],
    };
    expect(await shown()).toEqual(expected);

    // Rows written before the kind was recorded get it from what they say.
    const runner = app.app.get(DataSource).createQueryRunner();
    const migration = new RecordAuditActorKind1795483000000();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await shown()).toEqual(expected);
  });

  it('marks where each member stopped reading: the first post since their last visit, per member', async () => {
    const group = await createGroup(app, admin);
    const base = `/api/groups/${group.slug}`;
    const anna = await registerMember(app);
    await joinGroup(app, anna, group.slug);
    const bram = await registerMember(app);
    await joinGroup(app, bram, group.slug);
    const cas = await registerMember(app);
    await joinGroup(app, cas, group.slug);
    const thread = (await post(anna, `${base}/threads`, { title: 'Avonden', body: 'Hoe gaan jullie avonden?' }))
      .body as ThreadView;
    const reply = async (who: TestMember, body: string) =>
      ((await post(who, `${base}/threads/${thread.id}/posts`, { body })).body as { id: string }).id;
    const read = async (who: TestMember) => (await get(who, `${base}/threads/${thread.id}`)).body as ThreadWithPosts;
    const listed = async (who: TestMember) =>
      ((await get(who, `${base}/threads`)).body as ThreadPage).threads.find((item) => item.id === thread.id)!;

    await reply(bram, 'Onrustig.');
    // A first visit has no "last visit": nothing is marked.
    expect((await read(anna)).firstNewPostId).toBeNull();
    expect((await read(cas)).firstNewPostId).toBeNull();
    const newForBoth = await reply(bram, 'Maar beter dan vorige week.');
    await reply(anna, 'Fijn om te horen.');
    const newForCas = await reply(bram, 'Dank je.');

    // Anna: her own reply is not new to her; Bram's answer after it is.
    expect((await listed(anna)).unreadCount).toBe(2);
    expect((await read(anna)).firstNewPostId).toBe(newForBoth);
    expect((await listed(anna)).unreadCount).toBe(0);
    // Cas read up to the first reply: everything after it is new.
    expect((await read(cas)).firstNewPostId).toBe(newForBoth);
    // Read again: nothing new since.
    expect((await read(anna)).firstNewPostId).toBeNull();
    const after = await reply(bram, 'Slaap lekker.');
    expect((await read(cas)).firstNewPostId).toBe(after);
    expect(newForCas).not.toBe(after);
    // Bram wrote every reply: none is new to him.
    expect((await read(bram)).firstNewPostId).toBeNull();
  });
});
