import { randomBytes } from 'node:crypto';
import { expect } from '@jest/globals';
import { AccountsService } from '../../src/accounts/accounts.service.js';
import type { CreateGroupRequest, GroupDetail, MyMembership } from '../../src/contracts/groups.js';
import { registerMember, type TestMember } from './accounts.js';
import type { TestApp } from './test-app.js';

/** Registers an account and makes it an admin (as `npm run kring -- admin:grant` does). */
export async function registerAdmin(app: TestApp): Promise<TestMember> {
  const admin = await registerMember(app, {});
  await app.app.get(AccountsService).grantAdmin(admin.loginName);
  return admin;
}

/**
 * Creates a group through the admin API. Its members may offer to be a buddy at once (the seeds'
 * default wait of 30 days is for real groups; test/groups-self-run.e2e-spec.ts tries it): pass
 * `buddyMinDays` to keep a wait.
 */
export async function createGroup(
  app: TestApp,
  admin: TestMember,
  { buddyMinDays = 0, ...overrides }: Partial<CreateGroupRequest> & { buddyMinDays?: number } = {},
): Promise<GroupDetail> {
  const body: CreateGroupRequest = {
    slug: `group-${randomBytes(4).toString('hex')}`,
    name: 'Depressie',
    description: 'Voor wie met een depressie leeft.',
    pledge: 'Wat hier gezegd wordt, blijft hier.',
    locale: 'nl',
    kind: 'open',
    audience: 'peers',
    chatRetentionDays: 30,
    ...overrides,
  };
  const response = await app.http.post('/api/groups').set('Authorization', admin.bearer).send(body);
  expect(response.status).toBe(201);
  const { DataSource } = await import('typeorm');
  await app.app
    .get(DataSource)
    .query(`UPDATE support_group SET buddy_min_days = $2 WHERE slug = $1`, [body.slug, buddyMinDays]);
  return response.body as GroupDetail;
}

/** Joins a group after accepting its pledge, under a chosen or generated alias. */
export async function joinGroup(
  app: TestApp,
  member: TestMember,
  slug: string,
  options: { alias?: string } = {},
): Promise<MyMembership> {
  const response = await app.http
    .post(`/api/groups/${slug}/join`)
    .set('Authorization', member.bearer)
    .send({ pledgeAccepted: true, ...options });
  expect(response.status).toBe(201);
  return response.body as MyMembership;
}

/** Makes a member a moderator of a group (until the moderation API appoints them). */
export async function makeModerator(app: TestApp, membership: MyMembership): Promise<void> {
  const { DataSource } = await import('typeorm');
  await app.app.get(DataSource).query(`UPDATE membership SET role = 'moderator' WHERE id = $1`, [membership.memberId]);
}
