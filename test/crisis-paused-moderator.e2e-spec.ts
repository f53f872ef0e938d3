import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { RoomRef } from '../src/contracts/chat.js';
import type { CrisisCaseEvent, CrisisStatusEvent } from '../src/contracts/crisis.js';
import type { GroupDetail } from '../src/contracts/groups.js';
import type { QueueEntry } from '../src/contracts/moderation.js';
import type { SupportChatView } from '../src/contracts/support-chats.js';
import type { TestMember } from './support/accounts.js';
import { as, crisisSuite, type Person, personIn, sendCrisis } from './support/crisis.js';
import { createGroup, makeModerator } from './support/groups.js';
import { call, collect, eventually, joinRoom, waitForEvent } from './support/sockets.js';

/**
 * A moderator who pauses or steps down leaves the crisis safety net through one door: their support
 * conversations close, claims they held go back, and a crisis case only they could see goes to the
 * responders at once, its member told what is true then. A moderator's own crisis never reaches
 * their own queue.
 */
describe('a moderator who pauses or steps down, and a moderator in crisis', () => {
  const { app, admin, responder, sql } = crisisSuite({ env: { CRISIS_ESCALATION_SECONDS: '180' } });

  /** A group with one connected moderator in its room, and a connected member in it. */
  async function moderatedGroup(): Promise<{ group: GroupDetail; ref: RoomRef; moderator: Person; member: Person }> {
    const group = await createGroup(app, admin, { locale: 'nl' });
    const ref: RoomRef = { group: group.slug };
    const moderator = await personIn(app, group, ref);
    await makeModerator(app, moderator.membership);
    const member = await personIn(app, group, ref);
    return { group, ref, moderator, member };
  }

  const leave = (who: TestMember, slug: string, how: 'pause' | 'step-down') =>
    as(app, who, 'post', `/api/groups/${slug}/moderators/me/${how}`, { reason: 'Even niet.' });

  async function queueOf(who: TestMember, slug: string): Promise<QueueEntry[]> {
    const response = await as(app, who, 'get', `/api/groups/${slug}/moderation/queue`);
    expect(response.status).toBe(200);
    return response.body as QueueEntry[];
  }

  async function supportChatStatus(id: string): Promise<string> {
    const [row] = await sql<{ status: string }[]>('SELECT status FROM support_chat WHERE id = $1', [id]);
    return row.status;
  }

  it('closes the support conversation of a moderator who pauses, live for both; the paused moderator can no longer write in it, and the claim goes back at once', async () => {
    const { group, ref, moderator, member } = await moderatedGroup();
    const caseId = (await sendCrisis(member.socket, ref)).crisisStatus!.caseId;
    await as(app, moderator.member, 'post', `/api/groups/${group.slug}/moderation/queue/${caseId}/claim`).expect(200);
    const base = `/api/groups/${group.slug}/support-chats`;
    const offer = (await as(app, moderator.member, 'post', base, { caseId }).expect(201)).body as SupportChatView;
    await as(app, member.member, 'post', `${base}/${offer.id}/accept`).expect(200);
    const room: RoomRef = { group: group.slug, support: offer.id };
    await joinRoom(moderator.socket, room);
    await joinRoom(member.socket, room);
    const closedOnModerator = waitForEvent<{ reason: string }>(moderator.socket, 'room:closed');
    const closedOnMember = waitForEvent<{ reason: string }>(member.socket, 'room:closed');
    const toldMember = waitForEvent<SupportChatView>(member.socket, 'support:update');
    const statuses = collect<CrisisStatusEvent>(member.socket, 'crisis:status');

    const paused = await leave(moderator.member, group.slug, 'pause');

    expect(paused.body).toEqual({ role: 'moderator', paused: true });
    expect(await supportChatStatus(offer.id)).toBe('closed');
    expect(await closedOnModerator).toMatchObject({ reason: 'support_ended' });
    expect(await closedOnMember).toMatchObject({ reason: 'support_ended' });
    expect(await toldMember).toMatchObject({ id: offer.id, status: 'closed' });
    for (const side of [moderator, member]) {
      expect(await call(side.socket, 'room:join', room)).toMatchObject({ ok: false, error: { code: 'room_closed' } });
      expect(
        await call(side.socket, 'message:send', { ...room, clientMsgId: randomUUID(), body: 'Ben je er nog?' }),
      ).toMatchObject({ ok: false, error: { code: 'room_closed' } });
      expect((await as(app, side.member, 'get', base).expect(200)).body).toEqual([]);
    }
    const [written] = await sql<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM chat_message WHERE support_chat_id = $1',
      [offer.id],
    );
    expect(written.n).toBe(0);
    // Nobody else is on duty: the member hears at once that nobody holds her case now.
    await eventually(() => statuses.length > 0, 5000, 'the member’s new status');
    expect(statuses).toEqual([{ group: group.slug, caseId, state: 'nobody_on_duty' }]);
  });

  for (const how of ['pause', 'step-down'] as const) {
    it(`tells the member at once that nobody is on duty when the only moderator online takes a ${how} while her case waits with the moderators`, async () => {
      const { group, ref, moderator, member } = await moderatedGroup();
      const toModerator = waitForEvent<CrisisCaseEvent>(moderator.socket, 'crisis:case');
      const answer = await sendCrisis(member.socket, ref);
      const caseId = answer.crisisStatus!.caseId;
      expect(answer.crisisStatus).toEqual({ caseId, state: 'notified' });
      expect(await toModerator).toMatchObject({ reason: 'raised', entry: { id: caseId, stage: 'moderators' } });
      const statuses = collect<CrisisStatusEvent>(member.socket, 'crisis:status');

      await leave(moderator.member, group.slug, how).expect(200);

      await eventually(() => statuses.length > 0, 5000, 'the member’s new status');
      expect(statuses).toEqual([{ group: group.slug, caseId, state: 'nobody_on_duty' }]);
      const [alert] = await sql<{ stage: string; memberState: string }[]>(
        'SELECT stage, member_state AS "memberState" FROM crisis_alert WHERE case_id = $1',
        [caseId],
      );
      expect(alert).toEqual({ stage: 'responders', memberState: 'nobody_on_duty' });
    });

    it(`gives a connected on-duty responder the case at once when the only moderator online takes a ${how}`, async () => {
      const volunteer = await responder();
      const { group, ref, moderator, member } = await moderatedGroup();
      const toResponder = collect<CrisisCaseEvent>(volunteer.socket, 'crisis:case');
      const statuses = collect<CrisisStatusEvent>(member.socket, 'crisis:status');
      const caseId = (await sendCrisis(member.socket, ref)).crisisStatus!.caseId;
      await new Promise((resolve) => setTimeout(resolve, 300));
      // With the moderator online, the case is theirs first: the responder hears nothing yet.
      expect(toResponder.filter((event) => event.entry.id === caseId)).toEqual([]);

      await leave(moderator.member, group.slug, how).expect(200);

      await eventually(
        () => toResponder.some((event) => event.entry.id === caseId),
        5000,
        'the case on the responder’s desk',
      );
      expect(toResponder.filter((event) => event.entry.id === caseId)).toMatchObject([
        { reason: 'escalated', entry: { id: caseId, stage: 'responders' } },
      ]);
      // Someone is on duty and connected: "notified" is still true, so nothing new to tell her.
      expect(statuses).toEqual([]);
      const [alert] = await sql<{ memberState: string }[]>(
        'SELECT member_state AS "memberState" FROM crisis_alert WHERE case_id = $1',
        [caseId],
      );
      expect(alert.memberState).toBe('notified');
      if (how === 'pause') {
        expect((await queueOf(moderator.member, group.slug)).filter((entry) => entry.kind === 'crisis')).toEqual([]);
      }
    });
  }

  it('leaves the case with the moderators when another moderator of the group is still online', async () => {
    const { group, ref, moderator, member } = await moderatedGroup();
    const other = await personIn(app, group, ref);
    await makeModerator(app, other.membership);
    const caseId = (await sendCrisis(member.socket, ref)).crisisStatus!.caseId;
    const statuses = collect<CrisisStatusEvent>(member.socket, 'crisis:status');

    await leave(moderator.member, group.slug, 'pause').expect(200);

    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(statuses).toEqual([]);
    const [alert] = await sql<{ stage: string; memberState: string }[]>(
      'SELECT stage, member_state AS "memberState" FROM crisis_alert WHERE case_id = $1',
      [caseId],
    );
    expect(alert).toEqual({ stage: 'moderators', memberState: 'notified' });
    expect((await queueOf(other.member, group.slug)).map((entry) => entry.id)).toContain(caseId);
  });

  it('takes the case to the responders at once, long before the timeout, when an admin dismisses the only moderator', async () => {
    const { group, ref, moderator, member } = await moderatedGroup();
    const caseId = (await sendCrisis(member.socket, ref)).crisisStatus!.caseId;
    const statuses = collect<CrisisStatusEvent>(member.socket, 'crisis:status');

    await app.http
      .delete(`/api/groups/${group.slug}/moderators/${moderator.membership.memberId}`)
      .set('Authorization', admin.bearer)
      .expect(204);

    await eventually(() => statuses.length > 0, 5000, 'the member’s new status');
    expect(statuses).toEqual([{ group: group.slug, caseId, state: 'nobody_on_duty' }]);
    const [alert] = await sql<{ stage: string }[]>('SELECT stage FROM crisis_alert WHERE case_id = $1', [caseId]);
    expect(alert.stage).toBe('responders');
  });

  it('takes the case to the responders at once when the only moderator online is banned, though another moderator of the group is offline', async () => {
    const { group, ref, moderator, member } = await moderatedGroup();
    const offline = await personIn(app, group, ref);
    await makeModerator(app, offline.membership);
    offline.socket.disconnect();
    const caseId = (await sendCrisis(member.socket, ref)).crisisStatus!.caseId;
    const statuses = collect<CrisisStatusEvent>(member.socket, 'crisis:status');

    await as(app, admin, 'post', '/api/admin/bans', {
      group: group.slug,
      memberId: moderator.membership.memberId,
      reason: 'Misbruik van de moderatorrol.',
    }).expect(204);

    await eventually(() => statuses.length > 0, 5000, 'the member’s new status');
    expect(statuses).toEqual([{ group: group.slug, caseId, state: 'nobody_on_duty' }]);
    const [alert] = await sql<{ stage: string }[]>('SELECT stage FROM crisis_alert WHERE case_id = $1', [caseId]);
    expect(alert.stage).toBe('responders');
  });

  it("keeps a moderator's own crisis case out of their own queue, listed and live, while another moderator sees it", async () => {
    const { group, ref, moderator } = await moderatedGroup();
    const other = await personIn(app, group, ref);
    await makeModerator(app, other.membership);
    const toAuthor = collect<{ group: string; entry: QueueEntry }>(moderator.socket, 'mod:queue');
    const toOther = collect<{ group: string; entry: QueueEntry }>(other.socket, 'mod:queue');

    const caseId = (await sendCrisis(moderator.socket, ref)).crisisStatus!.caseId;

    await eventually(() => toOther.some((event) => event.entry.id === caseId), 3000, 'the live entry');
    expect(toOther.find((event) => event.entry.id === caseId)).toMatchObject({
      group: group.slug,
      entry: { id: caseId, kind: 'crisis', subject: { memberId: moderator.membership.memberId } },
    });
    expect((await queueOf(other.member, group.slug)).map((entry) => entry.id)).toContain(caseId);
    expect((await queueOf(moderator.member, group.slug)).map((entry) => entry.id)).not.toContain(caseId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(toAuthor.filter((event) => event.entry.id === caseId)).toEqual([]);
  });
});
