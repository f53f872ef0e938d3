import { describe, expect, it } from '@jest/globals';
import type { PostView, ThreadView } from '../src/contracts/forums.js';
import type { GroupDetail } from '../src/contracts/groups.js';
import type { Notice, QueueEntry } from '../src/contracts/moderation.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { crisisSuite } from './support/crisis.js';
import { createGroup, joinGroup } from './support/groups.js';

/**
 * Issue 12, detection: what the shared crisis detector decides reaches members and moderators.
 * Suicidal intent and self-harm answer the author with the crisis lines and put a crisis entry on
 * top of the queue; a mention (someone else, the past, a loss, a training) is published as normal
 * and alerts nobody, so a bereavement group does not drown its moderators.
 */
describe('crisis detection in forum posts (issue 12)', () => {
  const { app, admin } = crisisSuite();

  /** A group with one moderator and one member who has started a thread. */
  async function groupWithThread(locale: GroupDetail['locale']) {
    const group = await createGroup(app, admin, { locale });
    const moderator = await registerMember(app);
    const moderatorMembership = await joinGroup(app, moderator, group.slug);
    await app.http
      .post(`/api/groups/${group.slug}/moderators`)
      .set('Authorization', admin.bearer)
      .send({ memberId: moderatorMembership.memberId })
      .expect(204);
    const member = await registerMember(app);
    await joinGroup(app, member, group.slug);
    const started = await app.http
      .post(`/api/groups/${group.slug}/threads`)
      .set('Authorization', member.bearer)
      .send({ title: 'Een zware week', body: 'Ik wil het even kwijt.' });
    expect(started.status).toBe(201);
    return { slug: group.slug, moderator, member, thread: started.body as ThreadView };
  }

  async function reply(who: TestMember, slug: string, threadId: string, body: string): Promise<PostView> {
    const response = await app.http
      .post(`/api/groups/${slug}/threads/${threadId}/posts`)
      .set('Authorization', who.bearer)
      .send({ body });
    expect(response.status).toBe(201);
    return response.body as PostView;
  }

  async function queue(who: TestMember, slug: string): Promise<QueueEntry[]> {
    const response = await app.http.get(`/api/groups/${slug}/moderation/queue`).set('Authorization', who.bearer);
    expect(response.status).toBe(200);
    return response.body as QueueEntry[];
  }

  async function notices(who: TestMember, slug: string): Promise<Notice[]> {
    const response = await app.http.get(`/api/groups/${slug}/notices`).set('Authorization', who.bearer);
    expect(response.status).toBe(200);
    return response.body as Notice[];
  }

  it.each([
    ['nl', 'Ik denk aan zelfdoding.'],
    ['nl', 'Ik wil er een eind aan maken.'],
    ['nl', 'Soms wil ik gewoon dood zijn.'],
    ['nl', 'wil ik gewoon echt niet meer'],
    ['nl', 'ik heb mezelf weer gesneden'],
    ['en', 'thinking about suicide again'],
    ['en', 'i dont want to be here anymore'],
  ] as const)(
    'answers a %s reply %p with the crisis lines at once and a crisis entry on top of the queue',
    async (locale, text) => {
      const { slug, moderator, member, thread } = await groupWithThread(locale);
      const posted = await reply(member, slug, thread.id, text);
      expect(posted.state).toBe('visible');
      expect(posted.crisis?.lines.map((line) => line.phone)).toContain('1813');
      expect((await queue(moderator, slug))[0]).toMatchObject({
        kind: 'crisis',
        target: { kind: 'post', id: posted.id },
      });
      expect((await notices(member, slug)).map((notice) => notice.kind)).toEqual(['crisis']);
    },
  );

  it.each([
    ['nl', 'Mijn vader dacht jaren aan zelfmoord voor hij overleed.'],
    ['nl', 'Mijn vriendin zegt dat ze zelfmoordgedachten heeft, wat kan ik doen?'],
    ['nl', 'Mijn broer is overleden door zelfdoding.'],
    ['en', 'The suicide prevention training taught us to ask: are you suicidal?'],
    ['en', 'I used to cut myself, but I have been clean for four years.'],
  ] as const)(
    'publishes a %s mention %p as normal and alerts nobody: no crisis lines, no queue entry, no notice',
    async (locale, text) => {
      const { slug, moderator, member, thread } = await groupWithThread(locale);
      const posted = await reply(member, slug, thread.id, text);
      expect(posted.state).toBe('visible');
      expect(posted.crisis).toBeUndefined();
      expect(await queue(moderator, slug)).toEqual([]);
      expect(await notices(member, slug)).toEqual([]);
    },
  );

  it('publishes a bereavement thread with the content warning "zelfdoding" without an alert, and still alerts on intent under the same warning', async () => {
    const { slug, moderator, member } = await groupWithThread('nl');
    const start = (body: string) =>
      app.http
        .post(`/api/groups/${slug}/threads`)
        .set('Authorization', member.bearer)
        .send({ title: 'Een jaar later', contentWarning: 'zelfdoding', body });
    const bereaved = await start('Vorig jaar is mijn broer overleden door zelfdoding. Ik mis hem elke dag.');
    expect(bereaved.status).toBe(201);
    expect((bereaved.body as ThreadView).crisis).toBeUndefined();
    expect(await queue(moderator, slug)).toEqual([]);

    const intent = await start('Sinds hij er niet meer is, wil ik zelf ook niet meer leven.');
    expect(intent.status).toBe(201);
    expect((intent.body as ThreadView).crisis?.lines.map((line) => line.phone)).toContain('1813');
    expect((await queue(moderator, slug))[0]).toMatchObject({
      kind: 'crisis',
      target: { kind: 'thread', id: (intent.body as ThreadView).id },
    });
  });
});
