import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { registerMember, type TestMember } from './support/accounts.js';
import { createGroup, joinGroup, makeModerator, registerAdmin } from './support/groups.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** What a member wrote to the group's moderation goes with the rest of their words. */
describe('appeals and moderator applications', () => {
  let app: TestApp;
  let admin: TestMember;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await registerAdmin(app);
  });

  afterAll(async () => {
    await app.close();
  });

  const sql = <T>(query: string, params: unknown[] = []) => app.app.get(DataSource).query<T>(query, params);

  /** A member who was warned, appealed and applied to moderate, each text carrying the canary. */
  async function appealingMember() {
    const group = await createGroup(app, admin);
    const base = `/api/groups/${group.slug}`;
    const moderator = await registerMember(app);
    await makeModerator(app, await joinGroup(app, moderator, group.slug));
    const second = await registerMember(app);
    await makeModerator(app, await joinGroup(app, second, group.slug));
    const member = await registerMember(app);
    const membership = await joinGroup(app, member, group.slug);
    const canary = `bezwaar${Date.now().toString(36)}`;

    const acted = await app.http
      .post(`${base}/moderation/actions`)
      .set('Authorization', moderator.bearer)
      .send({ action: 'warn', memberId: membership.memberId, reason: 'Let op je toon.' });
    expect(acted.status).toBe(201);
    const appeal = await app.http
      .post(`${base}/appeals/${(acted.body as { actionId: string }).actionId}`)
      .set('Authorization', member.bearer)
      .send({ text: `Ik was niet onbeleefd: ${canary}.` });
    expect(appeal.status).toBe(201);
    const applied = await app.http
      .post(`${base}/moderator-applications`)
      .set('Authorization', member.bearer)
      .send({ motivation: `Ik wil graag helpen modereren: ${canary}.` });
    expect(applied.status).toBe(201);

    const appealsQueue = () => app.http.get(`${base}/moderation/appeals`).set('Authorization', second.bearer);
    const applications = () => app.http.get('/api/admin/moderator-applications').set('Authorization', admin.bearer);
    expect(JSON.stringify((await appealsQueue()).body)).toContain(canary);
    expect(JSON.stringify((await applications()).body)).toContain(canary);
    return { base, member, canary, appealsQueue, applications };
  }

  async function rowsWith(canary: string): Promise<number> {
    const [row] = await sql<{ n: number }[]>(
      `SELECT (SELECT count(*) FROM appeal WHERE text LIKE $1)
            + (SELECT count(*) FROM moderator_application WHERE motivation LIKE $1) AS n`,
      [`%${canary}%`],
    );
    return Number(row.n);
  }

  it('are erased when the member leaves the group with erase', async () => {
    const { base, member, canary, appealsQueue, applications } = await appealingMember();
    expect(await rowsWith(canary)).toBe(2);
    const left = await app.http.post(`${base}/leave`).set('Authorization', member.bearer).send({ erase: true });
    expect(left.status).toBe(204);
    expect(await rowsWith(canary)).toBe(0);
    const queue = await appealsQueue();
    expect({ status: queue.status, body: queue.body as unknown }).toEqual({ status: 200, body: [] });
    expect(JSON.stringify((await applications()).body)).not.toContain(canary);
  });

  it('are erased when the member deletes their account, and the appeals queue keeps answering', async () => {
    const { member, canary, appealsQueue, applications } = await appealingMember();
    const deleted = await app.http
      .delete('/api/me')
      .set('Authorization', member.bearer)
      .send({ password: member.password });
    expect(deleted.status).toBe(204);
    expect(await rowsWith(canary)).toBe(0);
    const queue = await appealsQueue();
    expect({ status: queue.status, body: queue.body as unknown }).toEqual({ status: 200, body: [] });
    const list = await applications();
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(canary);
  });

  it('stay when the member leaves without erase: their words stay under the alias', async () => {
    const { base, member, canary } = await appealingMember();
    const left = await app.http.post(`${base}/leave`).set('Authorization', member.bearer).send({});
    expect(left.status).toBe(204);
    expect(await rowsWith(canary)).toBe(2);
  });
});
