import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import type { RoomRef } from '../src/contracts/chat.js';
import type { PostView, ThreadPage, ThreadView, ThreadWithPosts } from '../src/contracts/forums.js';
import type { MemberRef, MyMembership } from '../src/contracts/groups.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { expectError } from './support/errors.js';
import { createGroup, joinGroup, makeModerator, registerAdmin } from './support/groups.js';
import { call, closeChatClients, connectChat, joinRoom } from './support/sockets.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const TOKEN = /[A-Za-z0-9_-]{16,}/g;

/** Every identifier-like string in the bodies: UUIDs and long tokens (cursors, codes). */
function identifiers(responses: Response[]): Set<string> {
  const found = new Set<string>();
  for (const response of responses) {
    const text = JSON.stringify(response.body);
    for (const match of text.matchAll(UUID)) {
      found.add(match[0].toLowerCase());
    }
    for (const match of text.matchAll(TOKEN)) {
      found.add(match[0]);
    }
  }
  return found;
}

/** Leaving a group and joining it again under another alias must not link the two aliases. */
describe('rejoining a group', () => {
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

  const as = (who: TestMember) => ({
    get: (path: string) => app.http.get(path).set('Authorization', who.bearer),
    post: (path: string, body: object = {}) => app.http.post(path).set('Authorization', who.bearer).send(body),
    patch: (path: string, body: object) => app.http.patch(path).set('Authorization', who.bearer).send(body),
  });

  /** A group with a moderator, and a member in it under `alias`. */
  async function moderatedGroup(alias: string) {
    const group = await createGroup(app, admin);
    const moderator = await registerMember(app);
    await makeModerator(app, await joinGroup(app, moderator, group.slug, { alias: 'Moderator' }));
    const member = await registerMember(app);
    const membership = await joinGroup(app, member, group.slug, { alias });
    const act = (body: object) => as(moderator).post(`/api/groups/${group.slug}/moderation/actions`, body);
    return { base: `/api/groups/${group.slug}`, slug: group.slug, moderator, member, membership, act };
  }

  const sql = (text: string, params: unknown[]) => app.app.get(DataSource).query(text, params);

  it('starts a new membership: the old words keep the old alias as a former member, and no id links the two', async () => {
    const group = await createGroup(app, admin);
    const base = `/api/groups/${group.slug}`;
    const anna = await registerMember(app);
    const bram = await registerMember(app);
    await joinGroup(app, bram, group.slug, { alias: 'Bram' });

    const before: Response[] = [];
    const first = await as(anna).post(`${base}/join`, { pledgeAccepted: true, alias: 'Eerste Naam' });
    expect(first.status).toBe(201);
    before.push(first);
    const oldThread = await as(anna).post(`${base}/threads`, { title: 'Van vroeger', body: 'Toen schreef ik dit.' });
    before.push(oldThread);
    before.push(await as(anna).get(`${base}/membership`));
    before.push(await as(anna).get(`${base}/threads?limit=1`));
    const oldId = (first.body as MyMembership).memberId;

    expect((await as(anna).post(`${base}/leave`, {})).status).toBe(204);

    const after: Response[] = [];
    const second = await as(anna).post(`${base}/join`, { pledgeAccepted: true, alias: 'Tweede Naam' });
    expect(second.status).toBe(201);
    after.push(second);
    const newId = (second.body as MyMembership).memberId;
    expect(second.body).toMatchObject({ alias: 'Tweede Naam', status: 'active' });
    expect(newId).not.toBe(oldId);
    const newThread = await as(anna).post(`${base}/threads`, { title: 'Van nu', body: 'Nu schrijf ik dit.' });
    after.push(newThread);
    const reply = await as(anna).post(`${base}/threads/${(oldThread.body as ThreadView).id}/posts`, {
      body: 'Een antwoord van nu.',
    });
    expect(reply.status).toBe(201);
    after.push(reply);
    after.push(await as(anna).get(`${base}/membership`));
    after.push(await as(anna).get(`${base}/notices`));

    // What the others see: the old thread under the old alias, as a former member; the new
    // words under the new alias; two unrelated member ids.
    const listing = (await as(bram).get(`${base}/threads`)).body as ThreadPage;
    const byTitle = new Map(listing.threads.map((thread) => [thread.title, thread]));
    expect(byTitle.get('Van vroeger')?.author).toEqual({ memberId: oldId, alias: 'Eerste Naam', former: true });
    expect(byTitle.get('Van nu')?.author).toEqual({ memberId: newId, alias: 'Tweede Naam' });
    const opened = (await as(bram).get(`${base}/threads/${(oldThread.body as ThreadView).id}`)).body as ThreadWithPosts;
    expect(opened.thread.author).toEqual({ memberId: oldId, alias: 'Eerste Naam', former: true });
    expect(opened.posts.map((post: PostView) => post.author)).toEqual([{ memberId: newId, alias: 'Tweede Naam' }]);

    // The sweep: nothing Anna was answered before she left appears in what she is answered now,
    // except the old thread's own id, which she replied to (as anyone in the group could).
    const shared = [...identifiers(before)].filter((id) => identifiers(after).has(id));
    expect(shared.filter((id) => id !== (oldThread.body as ThreadView).id)).toEqual([]);
    expect(identifiers(before)).toContain(oldId);
    expect(identifiers(after)).toContain(newId);
    expect(JSON.stringify(after.map((response) => response.body as unknown))).not.toContain('Eerste Naam');
  });

  it('continues the former membership only for a member who chooses their former alias again', async () => {
    const group = await createGroup(app, admin);
    const base = `/api/groups/${group.slug}`;
    const anna = await registerMember(app);
    const first = await joinGroup(app, anna, group.slug, { alias: 'Zelfde Naam' });
    expect((await as(anna).post(`${base}/leave`, {})).status).toBe(204);
    const again = await joinGroup(app, anna, group.slug, { alias: 'zelfde naam' });
    expect(again).toMatchObject({ memberId: first.memberId, status: 'active' });
    expect((await as(anna).get(`${base}/membership`)).body).toMatchObject({ memberId: first.memberId });
  });

  it('answers a member who left and rejoined twice with their current membership', async () => {
    const group = await createGroup(app, admin);
    const base = `/api/groups/${group.slug}`;
    const anna = await registerMember(app);
    await joinGroup(app, anna, group.slug);
    await as(anna).post(`${base}/leave`, {});
    await joinGroup(app, anna, group.slug);
    await as(anna).post(`${base}/leave`, {});
    const third = await joinGroup(app, anna, group.slug);
    expect((await as(anna).get(`${base}/membership`)).body).toMatchObject({
      memberId: third.memberId,
      status: 'active',
    });
    expect((await as(anna).get(`${base}/threads`)).status).toBe(200);
    expect((await as(anna).post(`${base}/join`, { pledgeAccepted: true })).body).toMatchObject({
      error: 'already_member',
    });
  });

  it('keeps a suspended member who leaves and rejoins refused with suspended until the suspension ends, under a new member id and alias', async () => {
    const { base, member, membership, act } = await moderatedGroup('Eerste');
    expect(
      (await act({ action: 'suspend', memberId: membership.memberId, days: 30, reason: 'Herhaaldelijk kwetsend.' }))
        .status,
    ).toBe(201);
    expectError(await as(member).get(`${base}/threads`), 403, 'suspended');

    expect((await as(member).post(`${base}/leave`, { erase: false })).status).toBe(204);
    const again = await as(member).post(`${base}/join`, { pledgeAccepted: true, alias: 'Tweede' });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ alias: 'Tweede', status: 'active' });
    expect((again.body as MyMembership).memberId).not.toBe(membership.memberId);

    const refused = expectError(await as(member).get(`${base}/threads`), 403, 'suspended');
    const until = (await sql('SELECT suspended_until FROM membership WHERE id = $1', [membership.memberId])) as {
      suspended_until: Date;
    }[];
    expect(refused.message).toContain(new Date(until[0].suspended_until).toISOString());
    expectError(
      await as(member).post(`${base}/threads`, { title: 'Ik ben er weer', body: 'Hallo allemaal.' }),
      403,
      'suspended',
    );
    // The new membership's own row carries nothing a moderator could match with the former one.
    const [fresh] = (await sql('SELECT suspended_until, muted_until FROM membership WHERE id = $1', [
      (again.body as MyMembership).memberId,
    ])) as { suspended_until: Date | null; muted_until: Date | null }[];
    expect(fresh).toEqual({ suspended_until: null, muted_until: null });

    // Once the suspension ends the rejoined member reads again.
    await sql(`UPDATE membership SET suspended_until = now() - interval '1 second' WHERE id = $1`, [
      membership.memberId,
    ]);
    expect((await as(member).get(`${base}/threads`)).status).toBe(200);
  });

  it('lets a rejoined member in again when a moderator lifts the suspension they gave the former membership', async () => {
    const { base, slug, member, membership, act } = await moderatedGroup('Eerste');
    await act({ action: 'suspend', memberId: membership.memberId, days: 7, reason: 'Even afstand.' });
    await as(member).post(`${base}/leave`, {});
    await joinGroup(app, member, slug, { alias: 'Tweede' });
    expectError(await as(member).get(`${base}/threads`), 403, 'suspended');
    expect(
      (await act({ action: 'unsuspend', memberId: membership.memberId, reason: 'Na gesprek opgeheven.' })).status,
    ).toBe(201);
    expect((await as(member).get(`${base}/threads`)).status).toBe(200);
  });

  it('keeps a muted member who leaves and rejoins refused in the chat with muted until the mute ends', async () => {
    const { base, slug, member, membership, act } = await moderatedGroup('Eerste');
    expect(
      (await act({ action: 'mute', memberId: membership.memberId, minutes: 60, reason: 'Even afkoelen.' })).status,
    ).toBe(201);
    await as(member).post(`${base}/leave`, {});
    const again = await joinGroup(app, member, slug, { alias: 'Tweede' });
    expect(again.memberId).not.toBe(membership.memberId);

    const ref: RoomRef = { group: slug };
    const socket = await connectChat(app, member);
    await joinRoom(socket, ref);
    const send = (body: string) => call(socket, 'message:send', { ...ref, clientMsgId: crypto.randomUUID(), body });
    const refused = await send('Ik ben er weer.');
    expect(refused).toMatchObject({ ok: false, error: { code: 'muted' } });
    expect(await sql('SELECT count(*)::int AS n FROM chat_message WHERE membership_id = $1', [again.memberId])).toEqual(
      [{ n: 0 }],
    );

    await sql(`UPDATE membership SET muted_until = now() - interval '1 second' WHERE id = $1`, [membership.memberId]);
    expect(await send('Sorry voor daarnet.')).toMatchObject({ ok: true });
  });

  it('bars a removed member from rejoining: they cannot leave first, and joining again is refused', async () => {
    const { base, member, membership, act } = await moderatedGroup('Eerste');
    expect((await act({ action: 'remove', memberId: membership.memberId, reason: 'Bedreigingen.' })).status).toBe(201);
    expectError(await as(member).post(`${base}/leave`, { erase: false }), 403, 'not_a_member');
    expectError(await as(member).post(`${base}/join`, { pledgeAccepted: true, alias: 'Tweede' }), 403, 'not_a_member');
    expectError(await as(member).get(`${base}/threads`), 403, 'not_a_member');
    expect(
      await sql(
        'SELECT count(*)::int AS n FROM membership WHERE account_id = (SELECT account_id FROM membership WHERE id = $1)',
        [membership.memberId],
      ),
    ).toEqual([{ n: 1 }]);
  });

  it('removes a former member who rejoined under another alias: the person is out and barred, the new alias is a former member', async () => {
    const { base, slug, member, membership, act } = await moderatedGroup('Eerste');
    expect((await as(member).post(`${base}/leave`, { erase: false })).status).toBe(204);
    const again = await joinGroup(app, member, slug, { alias: 'Tweede' });
    const socket = await connectChat(app, member);
    await joinRoom(socket, { group: slug });

    expect((await act({ action: 'remove', memberId: membership.memberId, reason: 'Bedreigingen.' })).status).toBe(201);

    expectError(await as(member).get(`${base}/threads`), 403, 'not_a_member');
    const send = await call(socket, 'message:send', {
      group: slug,
      clientMsgId: crypto.randomUUID(),
      body: 'Nog hier?',
    });
    expect(send).toMatchObject({ ok: false });
    expectError(await as(member).post(`${base}/join`, { pledgeAccepted: true, alias: 'Derde' }), 403, 'not_a_member');
    const statuses = (await sql('SELECT id, status FROM membership WHERE id = ANY($1::uuid[]) ORDER BY status', [
      [membership.memberId, again.memberId],
    ])) as { id: string; status: string }[];
    expect(statuses).toEqual([
      { id: again.memberId, status: 'left' },
      { id: membership.memberId, status: 'removed' },
    ]);
    // Removing again is already done, not a server error.
    expectError(
      await act({ action: 'remove', memberId: membership.memberId, reason: 'Bedreigingen.' }),
      409,
      'already_handled',
    );
  });

  it('keeps the members a member muted muted after they leave and rejoin, and does not carry others’ mutes of them', async () => {
    const group = await createGroup(app, admin);
    const base = `/api/groups/${group.slug}`;
    const anna = await registerMember(app);
    const bram = await registerMember(app);
    const chris = await registerMember(app);
    await joinGroup(app, anna, group.slug, { alias: 'Anna' });
    const bramMs = await joinGroup(app, bram, group.slug, { alias: 'Bram' });
    const chrisMs = await joinGroup(app, chris, group.slug, { alias: 'Chris' });
    expect((await as(anna).post(`${base}/mutes`, { memberId: bramMs.memberId })).status).toBe(204);
    const annaNow = (await as(anna).get(`${base}/membership`)).body as MyMembership;
    expect((await as(chris).post(`${base}/mutes`, { memberId: annaNow.memberId })).status).toBe(204);

    await as(anna).post(`${base}/leave`, {});
    const again = await joinGroup(app, anna, group.slug, { alias: 'Anna Nieuw' });
    const mine = (await as(anna).get(`${base}/mutes`)).body as MemberRef[];
    expect(mine.map((ref) => ref.memberId)).toEqual([bramMs.memberId]);
    // Chris muted the former Anna only: the new alias is not muted for Chris (that would link them).
    const chrisMutes = (await as(chris).get(`${base}/mutes`)).body as MemberRef[];
    expect(chrisMutes.map((ref) => ref.memberId)).toEqual([annaNow.memberId]);
    expect(chrisMutes.map((ref) => ref.memberId)).not.toContain(again.memberId);
    expect(chrisMs.memberId).not.toBe(again.memberId);
  });

  it('keeps a buddy block between the two people when the blocked member leaves and rejoins, told like any unavailability', async () => {
    const group = await createGroup(app, admin);
    const base = `/api/groups/${group.slug}`;
    const buddy = await registerMember(app);
    const newcomer = await registerMember(app);
    const buddyMs = await joinGroup(app, buddy, group.slug, { alias: 'Buddy Boom' });
    await joinGroup(app, newcomer, group.slug, { alias: 'Te Veel' });
    expect((await app.http.put(`${base}/buddies/me`).set('Authorization', buddy.bearer).send({})).status).toBe(200);
    const ask = () => as(newcomer).post(`${base}/buddies/requests`, { buddyMemberId: buddyMs.memberId });
    const asked = await ask();
    expect(asked.status).toBe(201);
    expect((await as(buddy).post(`${base}/buddies/pairs/${(asked.body as { id: string }).id}/block`)).status).toBe(200);

    expect((await as(newcomer).post(`${base}/leave`, {})).status).toBe(204);
    await joinGroup(app, newcomer, group.slug, { alias: 'Nieuwe Naam' });
    const listed = (await as(newcomer).get(`${base}/buddies`)).body as MemberRef[];
    expect(listed.map((ref) => ref.memberId)).not.toContain(buddyMs.memberId);
    const refusal = expectError(await ask(), 409, 'buddy_unavailable');
    expect(refusal.message).not.toMatch(/block/i);
    // The buddy sees no request from the new alias.
    expect((await as(buddy).get(`${base}/buddies/pairs`)).body).toEqual([]);
  });
});
