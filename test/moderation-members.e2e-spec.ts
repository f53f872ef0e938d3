import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import type { MyMembership } from '../src/contracts/groups.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { createGroup, joinGroup, registerAdmin } from './support/groups.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface Setup {
  slug: string;
  moderator: TestMember;
  moderatorMembership: MyMembership;
  second: TestMember;
  member: TestMember;
  membership: MyMembership;
}

describe('moderators, member actions, notices, appeals and the audit log', () => {
  let app: TestApp;
  let admin: TestMember;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await registerAdmin(app);
  });

  afterAll(async () => {
    await app.close();
  });

  const auditCount = async () =>
    Number(
      (await app.app.get(DataSource).query<{ n: number }[]>('SELECT count(*)::int AS n FROM moderation_action'))[0].n,
    );

  async function setup(): Promise<Setup> {
    const group = await createGroup(app, admin);
    const moderator = await registerMember(app);
    const second = await registerMember(app);
    const member = await registerMember(app);
    const moderatorMembership = await joinGroup(app, moderator, group.slug);
    const secondMembership = await joinGroup(app, second, group.slug);
    const membership = await joinGroup(app, member, group.slug);
    for (const appointed of [moderatorMembership, secondMembership]) {
      await app.http
        .post(`/api/groups/${group.slug}/moderators`)
        .set('Authorization', admin.bearer)
        .send({ memberId: appointed.memberId })
        .expect(204);
    }
    return { slug: group.slug, moderator, moderatorMembership, second, member, membership };
  }

  it('lets an admin appoint moderators, who get a visible badge; members cannot appoint', async () => {
    const { slug, member, moderatorMembership } = await setup();
    const mine = await app.http
      .get(`/api/groups/${slug}/membership`)
      .set('Authorization', (await registerMember(app)).bearer);
    expect(mine.status).toBe(403);
    const refused = await app.http
      .post(`/api/groups/${slug}/moderators`)
      .set('Authorization', member.bearer)
      .send({ memberId: moderatorMembership.memberId });
    expect(refused.status).toBe(403);
  });

  it('takes a volunteer application to the admins, who approve it', async () => {
    const { slug, member } = await setup();
    const applied = await app.http
      .post(`/api/groups/${slug}/moderator-applications`)
      .set('Authorization', member.bearer)
      .send({ motivation: 'Ik ben hier al twee jaar en wil graag helpen.' });
    expect(applied.status).toBe(201);
    const list = await app.http.get('/api/admin/moderator-applications').set('Authorization', admin.bearer);
    const application = (list.body as { id: string; group: string }[]).find((a) => a.id === applied.body.applicationId);
    expect(application?.group).toBe(slug);
    const byMember = await app.http.get('/api/admin/moderator-applications').set('Authorization', member.bearer);
    expect(byMember.status).toBe(403);
    await app.http
      .post(`/api/admin/moderator-applications/${applied.body.applicationId}/decision`)
      .set('Authorization', admin.bearer)
      .send({ approve: true })
      .expect(204);
    const queue = await app.http.get(`/api/groups/${slug}/moderation/queue`).set('Authorization', member.bearer);
    expect(queue.status).toBe(200);
  });

  it('warns a member privately with the reason and the crisis lines, and logs it', async () => {
    const { slug, moderator, member, membership, moderatorMembership } = await setup();
    const acted = await app.http
      .post(`/api/groups/${slug}/moderation/actions`)
      .set('Authorization', moderator.bearer)
      .send({ action: 'warn', memberId: membership.memberId, reason: 'Let anderen uitpraten, alsjeblieft.' });
    expect(acted.status).toBe(201);
    const notices = await app.http.get(`/api/groups/${slug}/notices`).set('Authorization', member.bearer);
    expect(notices.body[0]).toMatchObject({ kind: 'warning', actionId: acted.body.actionId });
    expect(notices.body[0].message).toContain('Let anderen uitpraten');
    expect(notices.body[0].crisisLines.lines.map((l: { phone: string }) => l.phone)).toContain('1813');
    const audit = await app.http.get(`/api/groups/${slug}/moderation/audit`).set('Authorization', moderator.bearer);
    expect(audit.body[0]).toMatchObject({
      action: 'warn',
      moderator: { memberId: moderatorMembership.memberId, alias: moderatorMembership.alias },
      target: { member: { memberId: membership.memberId, alias: membership.alias }, item: null },
      reason: 'Let anderen uitpraten, alsjeblieft.',
    });
    const byMember = await app.http.get(`/api/groups/${slug}/moderation/audit`).set('Authorization', member.bearer);
    expect(byMember.status).toBe(403);
  });

  it('tells a member of one minute or one day in the singular, and of more by the number', async () => {
    const { slug, moderator, member, membership } = await setup();
    const act = async (request: object) => {
      const acted = await app.http
        .post(`/api/groups/${slug}/moderation/actions`)
        .set('Authorization', moderator.bearer)
        .send({ memberId: membership.memberId, reason: 'Even afkoelen, graag.', ...request });
      expect(acted.status).toBe(201);
      const notices = await app.http.get(`/api/groups/${slug}/notices`).set('Authorization', member.bearer);
      return (notices.body as { actionId: string; text: unknown }[]).find((n) => n.actionId === acted.body.actionId)
        ?.text;
    };
    expect(await act({ action: 'mute', minutes: 1 })).toEqual({ code: 'notice.muteOne' });
    expect(await act({ action: 'mute', minutes: 2 })).toEqual({ code: 'notice.mute', params: { minutes: 2 } });
    expect(await act({ action: 'suspend', days: 1 })).toEqual({ code: 'notice.suspendOne' });
    await app.http
      .post(`/api/groups/${slug}/moderation/actions`)
      .set('Authorization', moderator.bearer)
      .send({ action: 'unsuspend', memberId: membership.memberId, reason: 'Klaar.' })
      .expect(201);
    expect(await act({ action: 'suspend', days: 7 })).toEqual({ code: 'notice.suspend', params: { days: 7 } });
  });

  it('refuses an action without a reason, by a member, or from a moderator of another group, and changes nothing', async () => {
    const { slug, moderator, member, membership } = await setup();
    const other = await setup();
    const before = await auditCount();
    const noReason = await app.http
      .post(`/api/groups/${slug}/moderation/actions`)
      .set('Authorization', moderator.bearer)
      .send({ action: 'suspend', memberId: membership.memberId, days: 3 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details[0].field).toBe('reason');
    const byMember = await app.http
      .post(`/api/groups/${slug}/moderation/actions`)
      .set('Authorization', member.bearer)
      .send({ action: 'warn', memberId: membership.memberId, reason: 'zomaar' });
    expect(byMember.status).toBe(403);
    const foreign = await app.http
      .post(`/api/groups/${slug}/moderation/actions`)
      .set('Authorization', other.moderator.bearer)
      .send({ action: 'warn', memberId: membership.memberId, reason: 'van een andere groep' });
    expect(foreign.status).toBe(403);
    const crossGroupTarget = await app.http
      .post(`/api/groups/${other.slug}/moderation/actions`)
      .set('Authorization', other.moderator.bearer)
      .send({ action: 'warn', memberId: membership.memberId, reason: 'lid van een andere groep' });
    expect(crossGroupTarget.status).toBe(404);
    expect(await auditCount()).toBe(before);
  });

  it('suspends a member, who can still read why and appeal once; another moderator decides', async () => {
    const { slug, moderator, second, member, membership } = await setup();
    const acted = await app.http
      .post(`/api/groups/${slug}/moderation/actions`)
      .set('Authorization', moderator.bearer)
      .send({ action: 'suspend', memberId: membership.memberId, days: 7, reason: 'Herhaaldelijk kwetsend.' });
    expect(acted.status).toBe(201);
    const blocked = await app.http.get(`/api/groups/${slug}/mutes`).set('Authorization', member.bearer);
    expect(blocked.status).toBe(403);
    expect(blocked.body.error).toBe('suspended');
    const appeal = await app.http
      .post(`/api/groups/${slug}/appeals/${acted.body.actionId}`)
      .set('Authorization', member.bearer)
      .send({ text: 'Ik was boos, het spijt me.' });
    expect(appeal.status).toBe(201);
    const twice = await app.http
      .post(`/api/groups/${slug}/appeals/${acted.body.actionId}`)
      .set('Authorization', member.bearer)
      .send({ text: 'Nog eens.' });
    expect(twice.status).toBe(409);

    const ownView = await app.http.get(`/api/groups/${slug}/moderation/appeals`).set('Authorization', moderator.bearer);
    expect(ownView.body).toEqual([]);
    const selfDecide = await app.http
      .post(`/api/groups/${slug}/moderation/appeals/${appeal.body.appealId}/decision`)
      .set('Authorization', moderator.bearer)
      .send({ decision: 'overturned', reason: 'zelf' });
    expect(selfDecide.status).toBe(403);
    const otherView = await app.http.get(`/api/groups/${slug}/moderation/appeals`).set('Authorization', second.bearer);
    expect(otherView.body).toHaveLength(1);
    await app.http
      .post(`/api/groups/${slug}/moderation/appeals/${appeal.body.appealId}/decision`)
      .set('Authorization', second.bearer)
      .send({ decision: 'overturned', reason: 'Eerste keer; excuses aanvaard.' })
      .expect(204);
    const back = await app.http.get(`/api/groups/${slug}/mutes`).set('Authorization', member.bearer);
    expect(back.status).toBe(200);
    const audit = await app.http.get(`/api/groups/${slug}/moderation/audit`).set('Authorization', second.bearer);
    expect(audit.body.map((entry: { action: string }) => entry.action).slice(0, 2)).toEqual([
      'appeal-overturned',
      'suspend',
    ]);
  });

  it('lets an admin ban the account behind an alias: it cannot log in, and its tokens stop working', async () => {
    const { slug, moderator, member, membership } = await setup();
    const byModerator = await app.http
      .post('/api/admin/bans')
      .set('Authorization', moderator.bearer)
      .send({ group: slug, memberId: membership.memberId, reason: 'Doxing van andere leden.' });
    expect(byModerator.status).toBe(403);
    const banned = await app.http
      .post('/api/admin/bans')
      .set('Authorization', admin.bearer)
      .send({ group: slug, memberId: membership.memberId, reason: 'Doxing van andere leden.' });
    expect(banned.status).toBe(204);
    expect(banned.text).toBe('');
    const me = await app.http.get('/api/me').set('Authorization', member.bearer);
    expect(me.status).toBe(401);
    const login = await app.http
      .post('/api/auth/login')
      .send({ loginName: member.loginName, password: member.password });
    expect(login.status).toBe(403);
    expect(login.body.error).toBe('account_banned');
    const audit = await app.http.get(`/api/groups/${slug}/moderation/audit`).set('Authorization', admin.bearer);
    expect(audit.body[0]).toMatchObject({ action: 'ban', moderator: { admin: true } });
  });

  it('sends a caring check to a member someone worries about, never saying who asked', async () => {
    const { slug, moderator, second, member, membership } = await setup();
    const asked = await app.http
      .post(`/api/groups/${slug}/worries`)
      .set('Authorization', second.bearer)
      .send({ memberId: membership.memberId, note: 'Klinkt heel somber de laatste dagen' });
    expect(asked.status).toBe(202);
    const notices = await app.http.get(`/api/groups/${slug}/notices`).set('Authorization', member.bearer);
    expect(notices.body[0].kind).toBe('worry');
    expect(JSON.stringify(notices.body)).not.toContain(second.loginName);
    expect(notices.body[0].crisisLines).toBeDefined();
    const queue = await app.http.get(`/api/groups/${slug}/moderation/queue`).set('Authorization', moderator.bearer);
    expect(queue.body[0]).toMatchObject({ kind: 'worry', subject: { memberId: membership.memberId } });
  });

  it('keeps watched words per group for its moderators and site-wide for admins', async () => {
    const { slug, moderator, member } = await setup();
    const added = await app.http
      .post(`/api/groups/${slug}/watched-words`)
      .set('Authorization', moderator.bearer)
      .send({ phrase: 'sukkel', action: 'block' });
    expect(added.status).toBe(201);
    const byMember = await app.http
      .post(`/api/groups/${slug}/watched-words`)
      .set('Authorization', member.bearer)
      .send({ phrase: 'stomkop', action: 'block' });
    expect(byMember.status).toBe(403);
    const site = await app.http
      .post('/api/admin/watched-words')
      .set('Authorization', moderator.bearer)
      .send({ phrase: 'iets', action: 'crisis' });
    expect(site.status).toBe(403);
  });
});
