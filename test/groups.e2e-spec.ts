import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import type { MyMembership } from '../src/contracts/groups.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { createGroup, joinGroup, makeModerator, registerAdmin } from './support/groups.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('groups and memberships', () => {
  let app: TestApp;
  let admin: TestMember;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await registerAdmin(app);
  });

  afterAll(async () => {
    await app.close();
  });

  const count = async (table: string) =>
    Number((await app.app.get(DataSource).query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  it('shows guests the directory with member counts and no content', async () => {
    const group = await createGroup(app, admin, { name: 'Alleen wonen' });
    const member = await registerMember(app);
    await joinGroup(app, member, group.slug);
    const directory = await app.http.get('/api/groups');
    expect(directory.status).toBe(200);
    const listed = (directory.body as { slug: string; memberCount: number }[]).find((g) => g.slug === group.slug);
    expect(listed).toEqual({
      slug: group.slug,
      name: 'Alleen wonen',
      description: group.description,
      kind: 'open',
      audience: 'peers',
      locale: 'nl',
      memberCount: 1,
      category: 'psychological',
      topics: [],
      pairedGroup: null,
    });
  });

  it('lets only admins create groups', async () => {
    const member = await registerMember(app);
    const before = await count('support_group');
    const response = await app.http
      .post('/api/groups')
      .set('Authorization', member.bearer)
      .send({ slug: 'nope-group', name: 'Nope', description: 'x', pledge: 'Wat hier gezegd wordt.', locale: 'nl' });
    expect(response.status).toBe(403);
    expect(response.body.error).toBe('forbidden');
    const guest = await app.http.post('/api/groups').send({ slug: 'nope-group' });
    expect(guest.status).toBe(401);
    expect(await count('support_group')).toBe(before);
  });

  it('refuses to join without accepting the pledge, and writes nothing', async () => {
    const group = await createGroup(app, admin);
    const member = await registerMember(app);
    const before = await count('membership');
    const response = await app.http
      .post(`/api/groups/${group.slug}/join`)
      .set('Authorization', member.bearer)
      .send({ pledgeAccepted: false });
    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('pledgeAccepted');
    expect(await count('membership')).toBe(before);
  });

  it('records the pledge acceptance and generates a friendly alias in the group language', async () => {
    const group = await createGroup(app, admin, { locale: 'en' });
    const member = await registerMember(app);
    const membership = await joinGroup(app, member, group.slug);
    expect(membership.alias).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    const [row] = await app.app
      .get(DataSource)
      .query<{ pledge_version: number; pledge_accepted_at: Date }[]>(
        'SELECT pledge_version, pledge_accepted_at FROM membership WHERE id = $1',
        [membership.memberId],
      );
    expect(row.pledge_version).toBe(1);
    expect(row.pledge_accepted_at).toBeInstanceOf(Date);
  });

  it('refuses an alias that is taken in the group, the login name, or an alias used in another group', async () => {
    const first = await createGroup(app, admin);
    const second = await createGroup(app, admin);
    const alice = await registerMember(app);
    const bob = await registerMember(app);
    await joinGroup(app, alice, first.slug, { alias: 'Stille Reiger' });

    const taken = await app.http
      .post(`/api/groups/${first.slug}/join`)
      .set('Authorization', bob.bearer)
      .send({ pledgeAccepted: true, alias: 'stille-reiger' });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toBe('alias_taken');

    const loginName = await app.http
      .post(`/api/groups/${second.slug}/join`)
      .set('Authorization', bob.bearer)
      .send({ pledgeAccepted: true, alias: bob.loginName });
    expect(loginName.status).toBe(400);

    const linked = await app.http
      .post(`/api/groups/${second.slug}/join`)
      .set('Authorization', alice.bearer)
      .send({ pledgeAccepted: true, alias: 'Stille Reiger' });
    expect(linked.status).toBe(400);
    expect(linked.body.details[0].field).toBe('alias');
  });

  it('asks members to accept a changed pledge before they read on', async () => {
    const group = await createGroup(app, admin);
    const member = await registerMember(app);
    await joinGroup(app, member, group.slug);
    const changed = await app.http
      .patch(`/api/groups/${group.slug}`)
      .set('Authorization', admin.bearer)
      .send({ pledge: 'Een nieuwe belofte: wat hier gezegd wordt, blijft hier.' });
    expect(changed.status).toBe(200);
    expect(changed.body.pledgeVersion).toBe(2);
    const mine = await app.http.get(`/api/groups/${group.slug}/membership`).set('Authorization', member.bearer);
    expect(mine.body.pledgeCurrent).toBe(false);
    const mutes = await app.http.get(`/api/groups/${group.slug}/mutes`).set('Authorization', member.bearer);
    expect(mutes.status).toBe(403);
    expect(mutes.body.error).toBe('pledge_required');
    const accepted = await app.http
      .post(`/api/groups/${group.slug}/pledge`)
      .set('Authorization', member.bearer)
      .send({ pledgeAccepted: true });
    expect(accepted.body.pledgeCurrent).toBe(true);
    const after = await app.http.get(`/api/groups/${group.slug}/mutes`).set('Authorization', member.bearer);
    expect(after.status).toBe(200);
  });

  it('puts a closed group join on hold until a moderator approves it, or lets an invite code in', async () => {
    const group = await createGroup(app, admin, { kind: 'closed' });
    const moderator = await registerMember(app);
    await makeModerator(app, await forceJoin(app, moderator, group.slug));
    const newcomer = await registerMember(app);
    const pending = await app.http
      .post(`/api/groups/${group.slug}/join`)
      .set('Authorization', newcomer.bearer)
      .send({ pledgeAccepted: true });
    expect(pending.status).toBe(202);
    expect(pending.body.status).toBe('pending');
    const notYet = await app.http.get(`/api/groups/${group.slug}/mutes`).set('Authorization', newcomer.bearer);
    expect(notYet.status).toBe(403);

    const requests = await app.http
      .get(`/api/groups/${group.slug}/join-requests`)
      .set('Authorization', moderator.bearer);
    expect(requests.body).toEqual([{ memberId: pending.body.memberId, alias: pending.body.alias }]);
    const byMember = await app.http
      .get(`/api/groups/${group.slug}/join-requests`)
      .set('Authorization', newcomer.bearer);
    expect(byMember.status).toBe(403);
    await app.http
      .post(`/api/groups/${group.slug}/join-requests/${pending.body.memberId}`)
      .set('Authorization', moderator.bearer)
      .send({ approve: true })
      .expect(204);
    const mine = await app.http.get(`/api/groups/${group.slug}/membership`).set('Authorization', newcomer.bearer);
    expect(mine.body.status).toBe('active');

    const invite = await app.http.post(`/api/groups/${group.slug}/invites`).set('Authorization', moderator.bearer);
    expect(invite.status).toBe(201);
    const referred = await registerMember(app);
    const joined = await app.http
      .post(`/api/groups/${group.slug}/join`)
      .set('Authorization', referred.bearer)
      .send({ pledgeAccepted: true, inviteCode: invite.body.code });
    expect(joined.status).toBe(201);
    expect(joined.body.status).toBe('active');
    const wrongCode = await app.http
      .post(`/api/groups/${group.slug}/join`)
      .set('Authorization', (await registerMember(app)).bearer)
      .send({ pledgeAccepted: true, inviteCode: 'not-a-code' });
    expect(wrongCode.status).toBe(400);
    expect(wrongCode.body.error).toBe('invalid_invite');
  });

  it('changes only the fields an edit names: a closed group stays closed when its description changes', async () => {
    const group = await createGroup(app, admin, { kind: 'closed', audience: 'relatives', chatRetentionDays: 7 });
    const edited = await app.http
      .patch(`/api/groups/${group.slug}`)
      .set('Authorization', admin.bearer)
      .send({ description: 'Een nieuwe omschrijving.' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      description: 'Een nieuwe omschrijving.',
      kind: 'closed',
      audience: 'relatives',
      chatRetentionDays: 7,
    });
  });

  it('never gives the same generated alias to one account in two groups', async () => {
    const member = await registerMember(app);
    const aliases = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const group = await createGroup(app, admin);
      aliases.add((await joinGroup(app, member, group.slug)).alias);
    }
    expect(aliases.size).toBe(6);
  });
});

async function forceJoin(app: TestApp, member: TestMember, slug: string): Promise<MyMembership> {
  const invite = await app.app
    .get(DataSource)
    .query<{ id: string }[]>('SELECT id FROM support_group WHERE slug = $1', [slug]);
  expect(invite).toHaveLength(1);
  const response = await app.http
    .post(`/api/groups/${slug}/join`)
    .set('Authorization', member.bearer)
    .send({ pledgeAccepted: true });
  expect(response.status).toBe(202);
  await app.app
    .get(DataSource)
    .query(`UPDATE membership SET status = 'active' WHERE id = $1`, [response.body.memberId]);
  return response.body as MyMembership;
}
