import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import type { PostView, ThreadPage, ThreadView, ThreadWithPosts } from '../src/contracts/forums.js';
import type { MyMembership } from '../src/contracts/groups.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { createGroup, joinGroup, registerAdmin } from './support/groups.js';
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
    await app.close();
  });

  const as = (who: TestMember) => ({
    get: (path: string) => app.http.get(path).set('Authorization', who.bearer),
    post: (path: string, body: object = {}) => app.http.post(path).set('Authorization', who.bearer).send(body),
    patch: (path: string, body: object) => app.http.patch(path).set('Authorization', who.bearer).send(body),
  });

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
});
