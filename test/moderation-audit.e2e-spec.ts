import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SessionView } from '../src/contracts/chat.js';
import type { MyMembership } from '../src/contracts/groups.js';
import type { CrisisAuditEntry } from '../src/contracts/crisis.js';
import type { AuditEntry } from '../src/contracts/moderation.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { expectError, fieldMessage } from './support/errors.js';
import { createGroup, joinGroup, makeModerator, registerAdmin } from './support/groups.js';
import { call, closeChatClients, connectChat } from './support/sockets.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Every moderator or admin action that changes what members can see or do leaves an entry in the
 * group's audit log: who (an alias, or an admin), what, on whom or which thing, and why.
 */
describe('the audit log', () => {
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
    post: (path: string, body?: object) => {
      const request = app.http.post(path).set('Authorization', who.bearer);
      return body === undefined ? request : request.send(body);
    },
    patch: (path: string, body: object) => app.http.patch(path).set('Authorization', who.bearer).send(body),
    delete: (path: string, body?: object) => {
      const request = app.http.delete(path).set('Authorization', who.bearer);
      return body === undefined ? request : request.send(body);
    },
  });

  async function moderatedGroup(kind: 'open' | 'closed' = 'closed') {
    const group = await createGroup(app, admin);
    const moderator = await registerMember(app);
    const membership = await joinGroup(app, moderator, group.slug, { alias: 'Moderator Mila' });
    await makeModerator(app, membership);
    if (kind === 'closed') {
      expect((await as(admin).patch(`/api/groups/${group.slug}`, { kind })).status).toBe(200);
    }
    return { group, base: `/api/groups/${group.slug}`, moderator, membership };
  }

  const audit = async (who: TestMember, base: string) => {
    const response = await as(who).get(`${base}/moderation/audit`);
    expect(response.status).toBe(200);
    return response.body as AuditEntry[];
  };

  it('records deciding join requests, with the reason a decline needs, and making an invite', async () => {
    const { base, moderator } = await moderatedGroup('closed');
    const asking = async (alias: string) => {
      const who = await registerMember(app);
      const response = await as(who).post(`${base}/join`, { pledgeAccepted: true, alias });
      expect(response.status).toBe(202);
      return response.body as MyMembership;
    };
    const welcome = await asking('Welkome Wim');
    const refused = await asking('Afgewezen Ans');

    const noReason = expectError(
      await as(moderator).post(`${base}/join-requests/${refused.memberId}`, { approve: false }),
      400,
      'validation_failed',
    );
    expect(fieldMessage(noReason, 'reason')).toMatch(/reason/);
    expect((await audit(moderator, base)).filter((entry) => entry.action === 'join-decline')).toEqual([]);

    expect((await as(moderator).post(`${base}/join-requests/${welcome.memberId}`, { approve: true })).status).toBe(204);
    expect(
      (
        await as(moderator).post(`${base}/join-requests/${refused.memberId}`, {
          approve: false,
          reason: 'Deze groep is voor ouders.',
        })
      ).status,
    ).toBe(204);
    expect((await as(moderator).post(`${base}/invites`)).status).toBe(201);
    expect((await as(admin).post(`${base}/invites`)).status).toBe(201);

    const entries = await audit(moderator, base);
    const mila = { memberId: expect.any(String), alias: 'Moderator Mila' };
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'join-approve',
          moderator: mila,
          target: { member: { memberId: welcome.memberId, alias: 'Welkome Wim' }, item: null },
          reason: '',
        }),
        expect.objectContaining({
          action: 'join-decline',
          moderator: mila,
          target: { member: { memberId: refused.memberId, alias: 'Afgewezen Ans' }, item: null },
          reason: 'Deze groep is voor ouders.',
        }),
        expect.objectContaining({
          action: 'invite',
          moderator: mila,
          target: { member: null, item: { kind: 'invite', id: expect.any(String) } },
        }),
        expect.objectContaining({
          action: 'invite',
          moderator: { admin: true },
          target: { member: null, item: { kind: 'invite', id: expect.any(String) } },
        }),
      ]),
    );
    // No invite code reaches the log (a server text's own code, audit.*, is not one).
    expect(JSON.stringify(entries).replace(/"code":"audit\.[\w.]+"/g, '')).not.toMatch(/code/i);
  });

  it('records scheduling and cancelling a session (with its required reason), slow mode and the floor', async () => {
    const { base, group, moderator, membership } = await moderatedGroup('open');
    const now = Date.now();
    const created = await as(moderator).post(`${base}/sessions`, {
      title: 'Avondgroep',
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
      capacity: 10,
      facilitatorMemberId: membership.memberId,
    });
    expect(created.status).toBe(201);
    const session = created.body as SessionView;

    // A member in the session to give the word to: a facilitator never gives it to herself.
    const speaker = await registerMember(app);
    const speakerMembership = await joinGroup(app, speaker, group.slug, { alias: 'Sprekende Sam' });
    expect((await as(speaker).post(`${base}/sessions/${session.id}/signup`, {})).status).toBe(200);
    const speakerSocket = await connectChat(app, speaker);
    expect(await call(speakerSocket, 'room:join', { group: group.slug, session: session.id })).toMatchObject({
      ok: true,
    });

    const socket = await connectChat(app, moderator);
    expect(await call(socket, 'room:slow-mode', { group: group.slug, seconds: 30 })).toMatchObject({ ok: true });
    expect(await call(socket, 'room:join', { group: group.slug, session: session.id })).toMatchObject({ ok: true });
    expect(
      await call(socket, 'session:floor', {
        group: group.slug,
        session: session.id,
        memberId: speakerMembership.memberId,
      }),
    ).toMatchObject({ ok: true });

    const noReason = expectError(
      await as(moderator).delete(`${base}/sessions/${session.id}`, {}),
      400,
      'validation_failed',
    );
    expect(fieldMessage(noReason, 'reason')).toMatch(/reason/);
    expect((await as(moderator).get(`${base}/sessions/${session.id}`)).status).toBe(200);
    expect(
      (await as(moderator).delete(`${base}/sessions/${session.id}`, { reason: 'De begeleider is ziek.' })).status,
    ).toBe(204);

    const entries = await audit(moderator, base);
    const mila = { memberId: membership.memberId, alias: 'Moderator Mila' };
    const sessionItem = { kind: 'session', id: session.id };
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'session-create',
          moderator: mila,
          target: { member: mila, item: sessionItem },
        }),
        expect.objectContaining({
          action: 'slow-mode',
          moderator: mila,
          target: { member: null, item: null },
          reason: '30 s',
        }),
        expect.objectContaining({
          action: 'floor',
          moderator: mila,
          target: { member: { memberId: speakerMembership.memberId, alias: 'Sprekende Sam' }, item: sessionItem },
        }),
        expect.objectContaining({
          action: 'session-cancel',
          moderator: mila,
          target: { member: null, item: sessionItem },
          reason: 'De begeleider is ziek.',
        }),
      ]),
    );
  });

  it('records watched-word changes and an admin’s changes to the group', async () => {
    const { base, group, moderator, membership } = await moderatedGroup('open');
    const added = await as(moderator).post(`${base}/watched-words`, { phrase: 'pillen sparen', action: 'crisis' });
    expect(added.status).toBe(201);
    const wordId = (added.body as { id: string }).id;
    expect((await as(moderator).delete(`${base}/watched-words/${wordId}`)).status).toBe(204);
    expect((await as(admin).patch(`/api/groups/${group.slug}`, { description: 'Nieuw.' })).status).toBe(200);
    expect((await as(admin).post(`/api/groups/${group.slug}/archive`)).status).toBe(204);

    const entries = await audit(moderator, base);
    const mila = { memberId: membership.memberId, alias: 'Moderator Mila' };
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'word-add',
          moderator: mila,
          target: { member: null, item: { kind: 'word', id: wordId } },
          reason: '',
          reasonText: { code: 'audit.word.crisis', params: { phrase: 'pillen sparen' } },
        }),
        expect.objectContaining({
          action: 'word-remove',
          moderator: mila,
          target: { member: null, item: { kind: 'word', id: wordId } },
          reason: '',
          reasonText: { code: 'audit.word.crisis', params: { phrase: 'pillen sparen' } },
        }),
        expect.objectContaining({
          action: 'group-update',
          moderator: { admin: true },
          reason: '',
          reasonText: { code: 'audit.groupFields', params: { fields: 'description' } },
        }),
        expect.objectContaining({ action: 'group-archive', moderator: { admin: true } }),
      ]),
    );
  });

  it('records an admin’s changes to the site-wide watched words in the site-wide audit log, naming the admin', async () => {
    const added = await as(admin).post('/api/admin/watched-words', {
      phrase: 'afscheidsbrief klaar',
      action: 'crisis',
    });
    expect(added.status).toBe(201);
    const wordId = (added.body as { id: string }).id;
    expect((await as(admin).delete(`/api/admin/watched-words/${wordId}`)).status).toBe(204);
    expectError(await as(admin).delete(`/api/admin/watched-words/${wordId}`), 404, 'not_found');

    const response = await as(admin).get('/api/admin/crisis/audit');
    expect(response.status).toBe(200);
    const entries = response.body as CrisisAuditEntry[];
    const site = entries.filter((entry) => entry.action.startsWith('site-word'));
    expect(site).toEqual([
      expect.objectContaining({
        action: 'site-word-removed',
        reason: '',
        reasonText: { code: 'audit.word.crisis', params: { phrase: 'afscheidsbrief klaar' } },
      }),
      expect.objectContaining({
        action: 'site-word-added',
        reason: '',
        reasonText: { code: 'audit.word.crisis', params: { phrase: 'afscheidsbrief klaar' } },
      }),
    ]);
    expect(site[0].actor).toEqual(site[1].actor);
    expect(site[0].actor).toMatchObject({ admin: true, adminId: expect.any(String) });
  });

  it('records an admin declining an application to moderate, against the applicant, as an admin', async () => {
    const { base, group } = await moderatedGroup('open');
    const applicant = await registerMember(app);
    const applicantMs = await joinGroup(app, applicant, group.slug, { alias: 'Wil Helpen' });
    const applied = await as(applicant).post(`${base}/moderator-applications`, {
      motivation: 'Ik wil graag helpen modereren in deze groep.',
    });
    expect(applied.status).toBe(201);
    const { applicationId } = applied.body as { applicationId: string };
    const decided = await as(admin).post(`/api/admin/moderator-applications/${applicationId}/decision`, {
      approve: false,
    });
    expect(decided.status).toBeLessThan(300);
    const entries = await audit(admin, base);
    const declines = entries.filter((entry) => entry.action === 'application-decline');
    expect(declines).toEqual([
      expect.objectContaining({
        moderator: { admin: true },
        target: { member: { memberId: applicantMs.memberId, alias: 'Wil Helpen' }, item: null },
        reason: expect.any(String),
      }),
    ]);
    // Deciding it again is refused and logs nothing more.
    const again = await as(admin).post(`/api/admin/moderator-applications/${applicationId}/decision`, {
      approve: false,
    });
    expect(again.status).toBe(409);
    expect((await audit(admin, base)).filter((entry) => entry.action === 'application-decline')).toHaveLength(1);
  });
});
