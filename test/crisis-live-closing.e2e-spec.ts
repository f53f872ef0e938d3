import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AccountView } from '../src/contracts/auth.js';
import type { RoomRef } from '../src/contracts/chat.js';
import type { CrisisAuditEntry, CrisisCaseEvent } from '../src/contracts/crisis.js';
import type { GroupDetail } from '../src/contracts/groups.js';
import type { QueueEntry } from '../src/contracts/moderation.js';
import type { SupportChatView } from '../src/contracts/support-chats.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { appointResponder, as, crisisSuite, groupWithoutModerator, personIn, sendCrisis } from './support/crisis.js';
import { createGroup, joinGroup, makeModerator, registerAdmin } from './support/groups.js';
import { call, closeChatClients, connectChat, eventually, joinRoom, waitForEvent } from './support/sockets.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * What the crisis safety net must tell people live when someone goes away (an account deleted,
 * words erased, a claimer who lost their role), what it writes to the crisis audit log then, and
 * what `/api/me` tells the browser so a plain member's pages ask for nothing they are refused.
 */
describe('the crisis safety net when people go away', () => {
  const { app, admin } = crisisSuite();

  /** A crisis case in a group without moderators, claimed on the desk by a responder. */
  async function claimedByResponder() {
    const { group, ref, members } = await groupWithoutModerator(app, admin);
    const responder = await appointResponder(app, admin);
    const sent = await sendCrisis(members[0].socket, ref);
    const caseId = sent.crisisStatus!.caseId;
    expect((await as(app, responder.member, 'post', `/api/crisis/desk/${caseId}/claim`)).status).toBe(200);
    return { group, ref, member: members[0], responder, caseId };
  }

  /** A support conversation the member accepted, both sides in its room. */
  async function openConversation() {
    const claimed = await claimedByResponder();
    const base = `/api/groups/${claimed.group.slug}/support-chats`;
    const offer = (await as(app, claimed.responder.member, 'post', base, { caseId: claimed.caseId }))
      .body as SupportChatView;
    expect((await as(app, claimed.member.member, 'post', `${base}/${offer.id}/accept`)).status).toBe(200);
    const room: RoomRef = { group: claimed.group.slug, support: offer.id };
    await joinRoom(claimed.responder.socket, room);
    await joinRoom(claimed.member.socket, room);
    return { ...claimed, chatId: offer.id, room, base };
  }

  async function crisisAudit(): Promise<CrisisAuditEntry[]> {
    const response = await as(app, admin, 'get', '/api/admin/crisis/audit');
    expect(response.status).toBe(200);
    return response.body as CrisisAuditEntry[];
  }

  /** The crisis audit log's releases of one case, once there is one (the release follows the event). */
  async function releasesOf(caseId: string): Promise<CrisisAuditEntry[]> {
    for (let i = 0; ; i++) {
      const found = (await crisisAudit()).filter(
        (entry) => entry.action === 'case-released' && (entry.target as { caseId?: string } | null)?.caseId === caseId,
      );
      if (found.length > 0 || i === 50) {
        return found;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it("closes the support conversation live for the member when the volunteer's account is deleted", async () => {
    const { member, responder, chatId, room, base } = await openConversation();
    const closedOnMember = waitForEvent<{ room: RoomRef; reason: string }>(member.socket, 'room:closed');
    const toldMember = waitForEvent<SupportChatView>(member.socket, 'support:update');

    const deleted = await app.http
      .delete('/api/me')
      .set('Authorization', responder.member.bearer)
      .send({ password: responder.member.password });
    expect(deleted.status).toBe(204);

    expect(await closedOnMember).toEqual({ room: expect.objectContaining(room), reason: 'support_ended' });
    expect(await toldMember).toMatchObject({ id: chatId, status: 'closed', role: 'member' });
    expect((await as(app, member.member, 'get', base)).body).toEqual([]);
  });

  it('takes the volunteer out of the room live when the member leaves with erase and the conversation goes with their words', async () => {
    const { member, responder, room } = await openConversation();
    const closedOnVolunteer = waitForEvent<{ room: RoomRef; reason: string }>(responder.socket, 'room:closed');

    const left = await as(app, member.member, 'post', `/api/groups/${room.group}/leave`, { erase: true });
    expect(left.status).toBe(204);

    expect(await closedOnVolunteer).toEqual({ room: expect.objectContaining(room), reason: 'support_ended' });
    expect(await call(responder.socket, 'room:join', room)).toMatchObject({ ok: false });
  });

  it('takes a crisis case off an open desk live when its member leaves with erase, and when they delete their account', async () => {
    const { ref, members } = await groupWithoutModerator(app, admin, 2);
    const responder = await appointResponder(app, admin);
    const events: CrisisCaseEvent[] = [];
    responder.socket.on('crisis:case', (event) => events.push(event));
    const erased = (await sendCrisis(members[0].socket, ref)).crisisStatus!.caseId;
    const deleted = (await sendCrisis(members[1].socket, ref)).crisisStatus!.caseId;
    await eventually(() => events.filter((event) => event.reason === 'raised').length === 2, 5000, 'both cases');

    const left = await as(app, members[0].member, 'post', `/api/groups/${ref.group}/leave`, { erase: true });
    expect(left.status).toBe(204);
    await eventually(
      () => events.some((event) => event.entry.id === erased && event.reason === 'resolved'),
      5000,
      'the erased case resolved on the desk',
    );

    const gone = await app.http
      .delete('/api/me')
      .set('Authorization', members[1].member.bearer)
      .send({ password: members[1].member.password });
    expect(gone.status).toBe(204);
    await eventually(
      () => events.some((event) => event.entry.id === deleted && event.reason === 'resolved'),
      5000,
      'the deleted account case resolved on the desk',
    );
    const resolved = events.filter((event) => event.reason === 'resolved');
    expect(resolved.map((event) => event.entry.member)).toEqual([null, null]);
    const desk = (await as(app, responder.member, 'get', '/api/crisis/desk')).body as { id: string }[];
    expect(desk.map((entry) => entry.id)).not.toEqual(expect.arrayContaining([erased]));
    expect(desk.map((entry) => entry.id)).not.toEqual(expect.arrayContaining([deleted]));
  });

  it("writes an automatic release of a responder's claim to the crisis audit log, as a manual one: who held it and why", async () => {
    const { responder, caseId } = await claimedByResponder();
    const banned = await as(app, admin, 'post', '/api/admin/bans', {
      group: responder.home.slug,
      memberId: responder.homeMembership.memberId,
      reason: 'Misbruik van de crisisdesk.',
    });
    expect(banned.status).toBe(204);

    const [entry] = await releasesOf(caseId);
    expect(entry).toMatchObject({
      action: 'case-released',
      actor: { responder: responder.view.name },
      target: { caseId },
      reason: '',
      reasonText: { code: 'crisisAudit.autoReleased.responderBanned' },
    });
  });

  it('writes the claims a revocation or an account deletion takes back to the crisis audit log, one entry per case', async () => {
    const revoked = await claimedByResponder();
    const revocation = await as(
      app,
      admin,
      'post',
      `/api/admin/crisis/responders/${revoked.responder.view.id}/revoke`,
      {
        reason: 'Stopt als vrijwilliger, met dank.',
      },
    );
    expect(revocation.status).toBeLessThan(300);
    expect(await releasesOf(revoked.caseId)).toEqual([
      expect.objectContaining({
        actor: { responder: revoked.responder.view.name },
        target: { caseId: revoked.caseId, group: revoked.group.slug },
        reason: '',
        reasonText: { code: 'crisisAudit.autoReleased.responderRevoked' },
      }),
    ]);

    const deleted = await claimedByResponder();
    const gone = await app.http
      .delete('/api/me')
      .set('Authorization', deleted.responder.member.bearer)
      .send({ password: deleted.responder.member.password });
    expect(gone.status).toBe(204);
    expect(await releasesOf(deleted.caseId)).toEqual([
      expect.objectContaining({
        target: { caseId: deleted.caseId, group: deleted.group.slug },
        reason: '',
        reasonText: { code: 'crisisAudit.autoReleased.responderDeleted' },
      }),
    ]);
  });

  it("writes an automatic release of a moderator's claim to the crisis audit log, naming no account or alias", async () => {
    const group = await createGroup(app, admin, { locale: 'nl' });
    const ref: RoomRef = { group: group.slug };
    const moderator = await registerMember(app);
    const moderatorMembership = await joinGroup(app, moderator, group.slug, { alias: 'Vertrekkende Reiger' });
    await makeModerator(app, moderatorMembership);
    const member = await personIn(app, group, ref);
    const caseId = (await sendCrisis(member.socket, ref)).crisisStatus!.caseId;
    const queue = (await as(app, moderator, 'get', `/api/groups/${group.slug}/moderation/queue`)).body as QueueEntry[];
    expect(queue.some((entry) => entry.id === caseId)).toBe(true);
    const claimed = await as(app, moderator, 'post', `/api/groups/${group.slug}/moderation/queue/${caseId}/claim`);
    expect(claimed.status).toBe(200);

    expect((await as(app, moderator, 'post', `/api/groups/${group.slug}/leave`, { erase: false })).status).toBe(204);

    const entries = await releasesOf(caseId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: { moderator: expect.any(String) },
      target: { caseId, group: group.slug },
    });
    expect(entries[0]).toMatchObject({ reason: '', reasonText: { code: 'crisisAudit.autoReleased.moderatorLeft' } });
    expect(JSON.stringify(entries[0])).not.toContain('Vertrekkende Reiger');
  });

  it('tells the account in /api/me whether the crisis desk and duty are its to use', async () => {
    const me = async (who: TestMember) => {
      const response = await app.http.get('/api/me').set('Authorization', who.bearer);
      expect(response.status).toBe(200);
      return (response.body as AccountView).crisis;
    };
    const plain = await registerMember(app);
    expect(await me(plain)).toEqual({ responder: false, desk: false, duty: false });
    expect(await me(admin)).toEqual({ responder: false, desk: true, duty: false });
    const responder = await appointResponder(app, admin, { onDuty: false });
    expect(await me(responder.member)).toEqual({ responder: true, desk: true, duty: true });
    const group: GroupDetail = await createGroup(app, admin);
    const moderator = await registerMember(app);
    await makeModerator(app, await joinGroup(app, moderator, group.slug));
    expect(await me(moderator)).toEqual({ responder: false, desk: false, duty: true });

    // What the flags say matches what the routes answer.
    expect((await as(app, plain, 'get', '/api/crisis/desk')).status).toBe(403);
    expect((await as(app, plain, 'get', '/api/crisis/duty')).status).toBe(403);
    expect((await as(app, moderator, 'get', '/api/crisis/duty')).status).toBe(200);
    expect((await as(app, responder.member, 'get', '/api/crisis/desk')).status).toBe(200);
  });
});

/**
 * Two apps on one PostgreSQL database and one Redis (the embedded database belongs to one
 * process): the volunteer deletes their account through one, the member's socket is on the other.
 */
if (process.env.DATABASE_URL) {
  describe('closing a support conversation across two processes', () => {
    const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    let database: TestDatabase;
    let first: TestApp;
    let second: TestApp;

    beforeAll(async () => {
      database = await createTestDatabase();
      const env = { REDIS_URL, JWT_SECRET: `crisis-live-${Date.now()}-0123456789abcdef0123456789` };
      first = await startTestApp({ database, env });
      second = await startTestApp({ database, env });
    });

    afterAll(async () => {
      closeChatClients();
      // Let both apps finish handling the disconnects before their Redis connections close.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await first?.stop();
      await second?.stop();
      await database?.drop();
    });

    it("closes the member's room on the other process when the volunteer's account is deleted", async () => {
      const admin = await registerAdmin(first);
      const { group, ref, members } = await groupWithoutModerator(first, admin);
      const responder = await appointResponder(first, admin);
      const caseId = (await sendCrisis(members[0].socket, ref)).crisisStatus!.caseId;
      expect((await as(first, responder.member, 'post', `/api/crisis/desk/${caseId}/claim`)).status).toBe(200);
      const base = `/api/groups/${group.slug}/support-chats`;
      const offer = (await as(first, responder.member, 'post', base, { caseId })).body as SupportChatView;
      expect((await as(first, members[0].member, 'post', `${base}/${offer.id}/accept`)).status).toBe(200);
      const room: RoomRef = { group: group.slug, support: offer.id };
      const onSecond = await connectChat(second, members[0].member);
      await joinRoom(onSecond, room);
      const closed = waitForEvent<{ reason: string }>(onSecond, 'room:closed');
      const told = waitForEvent<SupportChatView>(onSecond, 'support:update');

      const deleted = await first.http
        .delete('/api/me')
        .set('Authorization', responder.member.bearer)
        .send({ password: responder.member.password });
      expect(deleted.status).toBe(204);
      expect(await closed).toMatchObject({ reason: 'support_ended' });
      expect(await told).toMatchObject({ id: offer.id, status: 'closed' });
    });
  });
}
