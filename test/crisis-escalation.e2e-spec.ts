import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { io } from 'socket.io-client';
import { CHAT_NAMESPACE, type MessageSent } from '../src/contracts/chat.js';
import {
  ChatPeer,
  type ChatSocket,
  clusterApi as api,
  createGroup as createClusterGroup,
  eventually as eventuallyWithin,
  joinGroup as joinClusterGroup,
  type KringProcess,
  register,
  sleep,
  twoProcesses,
} from './support/cluster.js';
import { afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Clock } from '../src/chat/clock.js';
import type { CrisisCaseEvent, CrisisDeskEntry, CrisisStatusEvent } from '../src/contracts/crisis.js';
import type { MyMembership } from '../src/contracts/groups.js';
import type { Notice } from '../src/contracts/moderation.js';
import { CrisisEscalation } from '../src/crisis/crisis-escalation.service.js';
import { registerMember, type TestMember } from './support/accounts.js';
import {
  as,
  CRISIS_TEXT,
  crisisSuite,
  groupWithoutModerator,
  personIn,
  sendCrisis,
  setDuty,
} from './support/crisis.js';
import { expectError } from './support/errors.js';
import { createGroup, joinGroup } from './support/groups.js';
import { call, type ChatClient, collect, eventually, joinRoom, waitForEvent } from './support/sockets.js';

/** The shortest escalation time the configuration allows: the processes' own clocks run here. */
const CLUSTER_ESCALATION_SECONDS = 10;

/**
 * The crisis desk across two real processes (`node dist/src/main.js`) on one PostgreSQL database
 * and one Redis: an alert raised on one process reaches a responder connected to the other, and
 * both processes' escalation rounds escalate a case exactly once. The embedded database belongs to
 * one process, so this runs on PostgreSQL only (the other crisis specs run on both).
 */
if (process.env.DATABASE_URL) {
  describe('the crisis desk across two processes', () => {
    const {
      a,
      b,
      sql,
      admin: clusterAdmin,
      sockets,
      peers,
    } = twoProcesses({ CRISIS_ESCALATION_SECONDS: String(CLUSTER_ESCALATION_SECONDS) });

    /** An on-duty responder connected to `on`, collecting every `crisis:case`. */
    async function responderOn(on: KringProcess): Promise<CrisisCaseEvent[]> {
      const home = await createClusterGroup(a, clusterAdmin);
      const member = await register(a);
      await joinClusterGroup(a, member, home);
      await api(a, 'POST', '/api/admin/crisis/responders', clusterAdmin, {
        group: home,
        memberId: member.memberId,
        name: 'Vrijwilliger Noor',
        reason: 'Opgeleid voor de crisisdesk.',
      });
      await api(a, 'PUT', '/api/crisis/duty', member, { onDuty: true });
      const socket: ChatSocket = io(`${on.baseUrl}${CHAT_NAMESPACE}`, {
        transports: ['websocket'],
        auth: { token: member.token },
        reconnection: false,
        forceNew: true,
      });
      sockets.push(socket);
      const events: CrisisCaseEvent[] = [];
      socket.on('crisis:case', (event) => events.push(event));
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      return events;
    }

    async function memberIn(slug: string, on: KringProcess): Promise<ChatPeer> {
      const member = await register(on);
      await joinClusterGroup(on, member, slug);
      const peer = new ChatPeer(member, { group: slug });
      peers.push(peer);
      await peer.connect(on);
      return peer;
    }

    async function sendThrough(peer: ChatPeer): Promise<MessageSent> {
      const answer = await peer.send(CRISIS_TEXT);
      if (!answer.ok) {
        throw new Error(`refused: ${answer.error.code}`);
      }
      return answer;
    }

    it('brings a crisis message sent through one process to an on-duty responder connected to the other within 5 s', async () => {
      const events = await responderOn(b);
      const slug = await createClusterGroup(a, clusterAdmin);
      const anna = await memberIn(slug, a);

      const started = Date.now();
      const answer = await sendThrough(anna);
      await eventuallyWithin(() => events.length > 0, 5000, 'the crisis case on the other process');

      expect(Date.now() - started).toBeLessThan(5000);
      expect(answer.crisisStatus?.state).toBe('notified');
      expect(events[0]).toMatchObject({
        reason: 'raised',
        entry: { id: answer.crisisStatus!.caseId, stage: 'responders' },
      });
    });

    it('escalates a case once although both processes run escalation rounds', async () => {
      const events = await responderOn(a);
      const slug = await createClusterGroup(a, clusterAdmin);
      const moderator = await memberIn(slug, b);
      await api(a, 'POST', `/api/groups/${slug}/moderators`, clusterAdmin, { memberId: moderator.member.memberId });
      const anna = await memberIn(slug, a);

      const caseId = (await sendThrough(anna)).crisisStatus!.caseId;
      // The moderator is online (on B): the responders hear nothing until the time is up.
      await sleep(2000);
      expect(events.filter((event) => event.entry.id === caseId)).toEqual([]);

      await eventuallyWithin(
        () => events.some((event) => event.entry.id === caseId && event.reason === 'escalated'),
        (CLUSTER_ESCALATION_SECONDS + 10) * 1000,
        'the escalation',
      );
      await sleep(3000);
      expect(events.filter((event) => event.entry.id === caseId).map((event) => event.reason)).toEqual(['escalated']);
      const { rows } = await sql.query<{ stage: string }>('SELECT stage FROM crisis_alert WHERE case_id = $1', [
        caseId,
      ]);
      expect(rows).toEqual([{ stage: 'responders' }]);
    });
  });
}

const ESCALATION_SECONDS = 180;

describe('escalation of crisis alerts and appeals nobody in the group may decide (issue 12)', () => {
  // Before the suite's own afterEach, which takes the responders off duty on the real clock again.
  afterEach(() => {
    jest.restoreAllMocks();
  });
  const { app, admin, onDuty, responder } = crisisSuite({
    env: { CRISIS_ESCALATION_SECONDS: String(ESCALATION_SECONDS) },
  });
  let clock: Clock;
  let escalation: CrisisEscalation;

  beforeAll(() => {
    clock = app.app.get(Clock);
    escalation = app.app.get(CrisisEscalation);
  });

  /** Moves the injected clock forward and runs an escalation round, as every process's timer does. */
  async function later(seconds: number): Promise<void> {
    const now = clock.now().getTime() + seconds * 1000;
    jest.spyOn(clock, 'now').mockImplementation(() => new Date(now));
    await escalation.tick();
  }

  /** A group with one appointed moderator, connected to `/chat`. */
  async function moderatedGroup() {
    const group = await createGroup(app, admin, { locale: 'nl' });
    const ref = { group: group.slug };
    const moderator = await personIn(app, group, ref);
    await as(app, admin, 'post', `/api/groups/${group.slug}/moderators`, {
      memberId: moderator.membership.memberId,
    }).expect(204);
    return { group, ref, moderator };
  }

  it('gives a crisis alert to the group’s online moderator first, and to on-duty responders once nobody claimed it within the configured time', async () => {
    const volunteer = await responder();
    const { group, ref, moderator } = await moderatedGroup();
    const anna = await personIn(app, group, ref);
    const toResponder = collect<CrisisCaseEvent>(volunteer.socket, 'crisis:case');
    const toModerator = waitForEvent<CrisisCaseEvent>(moderator.socket, 'crisis:case');

    const answer = await sendCrisis(anna.socket, ref);
    const caseId = answer.crisisStatus!.caseId;

    expect(answer.crisisStatus).toEqual({ caseId, state: 'notified' });
    expect(await toModerator).toMatchObject({ reason: 'raised', entry: { id: caseId, stage: 'moderators' } });
    await later(ESCALATION_SECONDS - 10);

    await later(11);
    await eventually(() => toResponder.length > 0, 5000, 'the escalated case');
    // The first event the responder got about it is the escalation: nothing came before the timeout.
    expect(toResponder[0]).toMatchObject({
      reason: 'escalated',
      entry: { id: caseId, stage: 'responders', memberState: 'notified', claimedBy: null },
    });

    // Still unclaimed after another period: announced again, at the top of the desk.
    await later(ESCALATION_SECONDS + 1);
    await eventually(() => toResponder.some((event) => event.reason === 'reannounced'), 5000, 'the re-announcement');
    const desk = (await as(app, volunteer.member, 'get', '/api/crisis/desk')).body as { id: string }[];
    expect(desk[0].id).toBe(caseId);
  });

  it('does not escalate a case the group’s moderator claimed in time, and tells the author it is claimed', async () => {
    const volunteer = await responder();
    const { group, ref, moderator } = await moderatedGroup();
    const anna = await personIn(app, group, ref);
    const toResponder = collect<CrisisCaseEvent>(volunteer.socket, 'crisis:case');
    const caseId = (await sendCrisis(anna.socket, ref)).crisisStatus!.caseId;
    const claimed = waitForEvent<CrisisStatusEvent>(anna.socket, 'crisis:status');

    await as(app, moderator.member, 'post', `/api/groups/${ref.group}/moderation/queue/${caseId}/claim`).expect(200);
    expect(await claimed).toEqual({ group: ref.group, caseId, state: 'claimed' });
    await later(ESCALATION_SECONDS * 3);
    // A later alert of a group nobody moderates reaches the responder's socket: whatever the rounds
    // above sent about the claimed case would have come before it.
    const other = await groupWithoutModerator(app, admin);
    const otherCaseId = (await sendCrisis(other.members[0].socket, other.ref)).crisisStatus!.caseId;
    await eventually(() => toResponder.some((event) => event.entry.id === otherCaseId), 5000, 'the later alert');

    expect(toResponder.filter((event) => event.entry.id === caseId && event.reason !== 'claimed')).toEqual([]);
    // The responder cannot take a case a moderator holds.
    expectError(await as(app, volunteer.member, 'post', `/api/crisis/desk/${caseId}/claim`), 409, 'already_handled');
  });

  it('tells the author live that nobody is on duty when the alert escalates with no responder on duty', async () => {
    const { group, ref, moderator } = await moderatedGroup();
    const anna = await personIn(app, group, ref);
    const caseId = (await sendCrisis(anna.socket, ref)).crisisStatus!.caseId;
    expect(moderator.socket.connected).toBe(true);
    const told = waitForEvent<CrisisStatusEvent>(anna.socket, 'crisis:status');

    await later(ESCALATION_SECONDS + 1);

    expect(await told).toEqual({ group: ref.group, caseId, state: 'nobody_on_duty' });
  });

  it('goes to responders at once when none of the group’s moderators is online', async () => {
    const volunteer = await responder();
    const group = await createGroup(app, admin, { locale: 'nl' });
    const ref = { group: group.slug };
    const offline = await registerMember(app);
    const membership = await joinGroup(app, offline, group.slug);
    await as(app, admin, 'post', `/api/groups/${group.slug}/moderators`, { memberId: membership.memberId }).expect(204);
    const anna = await personIn(app, group, ref);
    const live = waitForEvent<CrisisCaseEvent>(volunteer.socket, 'crisis:case');

    const caseId = (await sendCrisis(anna.socket, ref)).crisisStatus!.caseId;

    expect(await live).toMatchObject({ reason: 'raised', entry: { id: caseId, stage: 'responders' } });
  });

  describe('appeals', () => {
    async function mute(moderator: TestMember, slug: string, memberId: string): Promise<string> {
      const acted = await as(app, moderator, 'post', `/api/groups/${slug}/moderation/actions`, {
        action: 'mute',
        memberId,
        minutes: 60,
        reason: 'Even afkoelen na een ruzie.',
      });
      expect(acted.status).toBe(201);
      return (acted.body as { actionId: string }).actionId;
    }

    it('sends an appeal against a group’s only moderator to the crisis responders, who decide it', async () => {
      const volunteer = await responder({ onDuty: false });
      const { group, ref, moderator } = await moderatedGroup();
      const anna = await personIn(app, group, ref);
      const actionId = await mute(moderator.member, ref.group, anna.membership.memberId);
      const told = await as(app, anna.member, 'get', `/api/groups/${ref.group}/notices`);
      expect((told.body as { actionId: string | null }[]).find((notice) => notice.actionId === actionId)).toMatchObject(
        {
          kind: 'action',
          appealDecidedBy: 'crisis_responders',
        },
      );

      const appealed = await as(app, anna.member, 'post', `/api/groups/${ref.group}/appeals/${actionId}`, {
        text: 'Ik werd uitgelokt, kijk het gesprek na.',
      });
      expect(appealed.status).toBe(201);
      expect(appealed.body).toEqual({ appealId: expect.any(String), decidedBy: 'crisis_responders' });
      const { appealId } = appealed.body as { appealId: string };

      // The moderator who acted neither sees it nor decides it.
      const theirs = await as(app, moderator.member, 'get', `/api/groups/${ref.group}/moderation/appeals`);
      expect((theirs.body as { id: string }[]).map((appeal) => appeal.id)).not.toContain(appealId);
      expectError(
        await as(app, moderator.member, 'post', `/api/groups/${ref.group}/moderation/appeals/${appealId}/decision`, {
          decision: 'overturned',
          reason: 'Toch maar niet.',
        }),
        403,
        'not_allowed',
      );

      const waiting = await as(app, volunteer.member, 'get', '/api/crisis/appeals');
      expect(waiting.status).toBe(200);
      expect(waiting.body).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            id: appealId,
            group: ref.group,
            member: { memberId: anna.membership.memberId, alias: anna.membership.alias },
            decidedBy: 'crisis_responders',
          }),
        ]),
      );
      await as(app, volunteer.member, 'post', `/api/crisis/appeals/${appealId}/decision`, {
        decision: 'overturned',
        reason: 'Het gesprek toont dat Anna werd uitgelokt.',
      }).expect(204);
      const notices = await as(app, anna.member, 'get', `/api/groups/${ref.group}/notices`);
      expect((notices.body as Notice[])[0]).toMatchObject({
        kind: 'appeal-decided',
        text: { code: 'notice.appealGranted.responder' },
        message: 'Het gesprek toont dat Anna werd uitgelokt.',
      });
      // Unmuted: she can chat again.
      await sendCrisis(anna.socket, ref, 'Dank je, het gaat wat beter.');
    });

    it('never lets a moderator decide the appeal against their own sanction (M2 muted by M1)', async () => {
      const { group, ref, moderator: first } = await moderatedGroup();
      const second = await personIn(app, group, ref);
      await as(app, admin, 'post', `/api/groups/${group.slug}/moderators`, {
        memberId: second.membership.memberId,
      }).expect(204);
      const actionId = await mute(first.member, group.slug, second.membership.memberId);
      const appealed = await as(app, second.member, 'post', `/api/groups/${group.slug}/appeals/${actionId}`, {
        text: 'Dit was onterecht.',
      });
      expect(appealed.body).toEqual({ appealId: expect.any(String), decidedBy: 'crisis_responders' });
      const { appealId } = appealed.body as { appealId: string };

      const own = await as(app, second.member, 'get', `/api/groups/${group.slug}/moderation/appeals`);
      expect((own.body as { id: string }[]).map((appeal) => appeal.id)).not.toContain(appealId);
      expectError(
        await as(app, second.member, 'post', `/api/groups/${group.slug}/moderation/appeals/${appealId}/decision`, {
          decision: 'overturned',
          reason: 'Ik vind het onterecht.',
        }),
        403,
        'not_allowed',
      );
      const [row] = await app.app
        .get((await import('typeorm')).DataSource)
        .query<{ status: string }[]>('SELECT status FROM appeal WHERE id = $1', [appealId]);
      expect(row.status).toBe('open');
    });

    it('leaves an appeal to the group’s other moderator when there is one, and refuses it to responders', async () => {
      const volunteer = await responder({ onDuty: false });
      const { group, ref, moderator: first } = await moderatedGroup();
      const second = await personIn(app, group, ref);
      await as(app, admin, 'post', `/api/groups/${group.slug}/moderators`, {
        memberId: second.membership.memberId,
      }).expect(204);
      const anna: { membership: MyMembership; member: TestMember } = await personIn(app, group, ref);
      const actionId = await mute(first.member, group.slug, anna.membership.memberId);
      const told = await as(app, anna.member, 'get', `/api/groups/${group.slug}/notices`);
      expect((told.body as { actionId: string | null }[]).find((notice) => notice.actionId === actionId)).toMatchObject(
        {
          appealDecidedBy: 'group_moderators',
        },
      );
      const appealed = await as(app, anna.member, 'post', `/api/groups/${group.slug}/appeals/${actionId}`, {
        text: 'Onterecht.',
      });
      expect(appealed.body).toEqual({ appealId: expect.any(String), decidedBy: 'group_moderators' });
      const { appealId } = appealed.body as { appealId: string };
      expectError(
        await as(app, volunteer.member, 'post', `/api/crisis/appeals/${appealId}/decision`, {
          decision: 'upheld',
          reason: 'Terecht.',
        }),
        403,
        'not_allowed',
      );
      await as(app, second.member, 'post', `/api/groups/${group.slug}/moderation/appeals/${appealId}/decision`, {
        decision: 'upheld',
        reason: 'De mute was terecht.',
      }).expect(204);
    });

    it('shows responders an appeal waiting for them however many older appeals the groups’ own moderators decide', async () => {
      const volunteer = await responder({ onDuty: false });
      // A group whose moderators decide its appeals, with 200 open appeals older than any other.
      const busy = await moderatedGroup();
      const other = await personIn(app, busy.group, busy.ref);
      await as(app, admin, 'post', `/api/groups/${busy.group.slug}/moderators`, {
        memberId: other.membership.memberId,
      }).expect(204);
      const appellant = await personIn(app, busy.group, busy.ref);
      const sql = app.app.get((await import('typeorm')).DataSource);
      await sql.query(
        `WITH acted AS (
           INSERT INTO moderation_action (group_id, action, moderator_membership_id, actor_kind, target_membership_id, reason, created_at)
           SELECT m.group_id, 'warn', $1, 'moderator', m.id, 'Waarschuwing ' || n, now() - interval '1 day'
             FROM membership m, generate_series(1, 200) n WHERE m.id = $2
           RETURNING id, target_membership_id)
         INSERT INTO appeal (action_id, membership_id, text, created_at)
         SELECT id, target_membership_id, 'Onterecht.', now() - interval '1 day' FROM acted`,
        [busy.moderator.membership.memberId, appellant.membership.memberId],
      );
      // The newest appeal of all: against a group's only moderator.
      const { group, ref, moderator } = await moderatedGroup();
      const anna = await personIn(app, group, ref);
      const actionId = await mute(moderator.member, ref.group, anna.membership.memberId);
      const appealed = await as(app, anna.member, 'post', `/api/groups/${ref.group}/appeals/${actionId}`, {
        text: 'Ik werd uitgelokt.',
      });
      expect(appealed.body).toEqual({ appealId: expect.any(String), decidedBy: 'crisis_responders' });
      const { appealId } = appealed.body as { appealId: string };

      const waiting = await as(app, volunteer.member, 'get', '/api/crisis/appeals');
      expect(waiting.status).toBe(200);
      const listed = waiting.body as { id: string; decidedBy: string }[];
      expect(listed.map((appeal) => appeal.id)).toContain(appealId);
      expect(listed.filter((appeal) => appeal.decidedBy !== 'crisis_responders')).toEqual([]);
      await as(app, volunteer.member, 'post', `/api/crisis/appeals/${appealId}/decision`, {
        decision: 'upheld',
        reason: 'De mute was terecht.',
      }).expect(204);
    });

    it('hides from a moderator who left and rejoined the appeals against their own sanctions, under the former membership and the current one', async () => {
      const { group, ref, moderator: first } = await moderatedGroup();
      const third = await personIn(app, group, ref);
      await as(app, admin, 'post', `/api/groups/${group.slug}/moderators`, {
        memberId: third.membership.memberId,
      }).expect(204);
      const appeal = async (who: TestMember, actionId: string) => {
        const appealed = await as(app, who, 'post', `/api/groups/${group.slug}/appeals/${actionId}`, {
          text: 'Dit was onterecht.',
        });
        expect(appealed.body).toEqual({ appealId: expect.any(String), decidedBy: 'group_moderators' });
        return (appealed.body as { appealId: string }).appealId;
      };
      // Bo appeals a mute as a member (the former membership), leaves, rejoins (a new membership),
      // becomes a moderator, and appeals a second mute.
      const bo = await personIn(app, group, ref);
      const former = await appeal(bo.member, await mute(first.member, group.slug, bo.membership.memberId));
      await as(app, bo.member, 'post', `/api/groups/${group.slug}/leave`, { erase: false }).expect(204);
      const rejoined = await joinGroup(app, bo.member, group.slug);
      expect(rejoined.memberId).not.toBe(bo.membership.memberId);
      await as(app, admin, 'post', `/api/groups/${group.slug}/moderators`, { memberId: rejoined.memberId }).expect(204);
      const current = await appeal(bo.member, await mute(first.member, group.slug, rejoined.memberId));

      const own = await as(app, bo.member, 'get', `/api/groups/${group.slug}/moderation/appeals`);
      expect(own.status).toBe(200);
      const ownIds = (own.body as { id: string }[]).map((listed) => listed.id);
      expect(ownIds).not.toContain(former);
      expect(ownIds).not.toContain(current);
      const theirs = await as(app, third.member, 'get', `/api/groups/${group.slug}/moderation/appeals`);
      expect((theirs.body as { id: string }[]).map((listed) => listed.id)).toEqual(
        expect.arrayContaining([former, current]),
      );
    });
  });

  it('releases a moderator’s claim when they leave the group: the author hears it live, the case goes to the responders, and a responder takes it over', async () => {
    const volunteer = await responder();
    const { group, ref, moderator } = await moderatedGroup();
    const anna = await personIn(app, group, ref);
    const caseId = (await sendCrisis(anna.socket, ref)).crisisStatus!.caseId;
    const claimed = waitForEvent<CrisisStatusEvent>(anna.socket, 'crisis:status');
    await as(app, moderator.member, 'post', `/api/groups/${ref.group}/moderation/queue/${caseId}/claim`).expect(200);
    expect(await claimed).toMatchObject({ caseId, state: 'claimed' });
    const toAnna = waitForEvent<CrisisStatusEvent>(anna.socket, 'crisis:status');
    const toResponder = firstCaseEvent(volunteer.socket, caseId, 'released');

    await as(app, moderator.member, 'post', `/api/groups/${ref.group}/leave`, {}).expect(204);

    expect(await toAnna).toEqual({ group: ref.group, caseId, state: 'notified' });
    expect(await toResponder).toMatchObject({
      entry: { id: caseId, stage: 'responders', memberState: 'notified', claimedBy: null },
    });
    const toldClaimed = waitForEvent<CrisisStatusEvent>(anna.socket, 'crisis:status');
    await as(app, volunteer.member, 'post', `/api/crisis/desk/${caseId}/claim`).expect(200);
    expect(await toldClaimed).toMatchObject({ caseId, state: 'claimed' });
  });

  it('releases a dismissed moderator’s claim at once, so the case is not claimed by someone who cannot act', async () => {
    const volunteer = await responder();
    const { group, ref, moderator } = await moderatedGroup();
    const anna = await personIn(app, group, ref);
    const caseId = (await sendCrisis(anna.socket, ref)).crisisStatus!.caseId;
    const claimed = waitForEvent<CrisisStatusEvent>(anna.socket, 'crisis:status');
    await as(app, moderator.member, 'post', `/api/groups/${ref.group}/moderation/queue/${caseId}/claim`).expect(200);
    expect(await claimed).toMatchObject({ caseId, state: 'claimed' });
    const toAnna = waitForEvent<CrisisStatusEvent>(anna.socket, 'crisis:status');
    await app.http
      .delete(`/api/groups/${ref.group}/moderators/${moderator.membership.memberId}`)
      .set('Authorization', admin.bearer)
      .expect(204);

    expect(await toAnna).toEqual({ group: ref.group, caseId, state: 'notified' });
    const [entry] = ((await as(app, volunteer.member, 'get', '/api/crisis/desk')).body as CrisisDeskEntry[]).filter(
      (found) => found.id === caseId,
    );
    expect(entry).toMatchObject({ stage: 'responders', memberState: 'notified', claimedBy: null });
  });

  it('releases a banned responder’s claim: another responder is told and takes the case over', async () => {
    const first = await responder();
    const second = await responder();
    const { ref, members } = await groupWithoutModerator(app, admin);
    const [anna] = members;
    const caseId = (await sendCrisis(anna.socket, ref)).crisisStatus!.caseId;
    const claimed = waitForEvent<CrisisStatusEvent>(anna.socket, 'crisis:status');
    await as(app, first.member, 'post', `/api/crisis/desk/${caseId}/claim`).expect(200);
    expect(await claimed).toMatchObject({ caseId, state: 'claimed' });
    expectError(await as(app, second.member, 'post', `/api/crisis/desk/${caseId}/claim`), 409, 'already_handled');
    const toAnna = waitForEvent<CrisisStatusEvent>(anna.socket, 'crisis:status');
    const toSecond = firstCaseEvent(second.socket, caseId, 'released');

    await as(app, admin, 'post', '/api/admin/bans', {
      group: first.home.slug,
      memberId: first.homeMembership.memberId,
      reason: 'Misbruik van de crisisdesk.',
    }).expect(204);
    // A banned account cannot sign in to go off duty afterwards (it counts for nobody anyway).
    onDuty.splice(onDuty.indexOf(first.member), 1);

    expect(await toAnna).toEqual({ group: ref.group, caseId, state: 'notified' });
    expect(await toSecond).toMatchObject({ entry: { id: caseId, claimedBy: null } });
    await as(app, second.member, 'post', `/api/crisis/desk/${caseId}/claim`).expect(200);
  });

  it('never counts a moderator in crisis as the online moderator of their own alert, and refuses them their own case', async () => {
    const volunteer = await responder();
    const { group, ref, moderator } = await moderatedGroup();
    const toModerator = collect<CrisisCaseEvent>(moderator.socket, 'crisis:case');
    const toResponder = waitForEvent<CrisisCaseEvent>(volunteer.socket, 'crisis:case');

    const answer = await sendCrisis(moderator.socket, ref);
    const caseId = answer.crisisStatus!.caseId;

    // Nobody else moderates the group: the responders have it at once.
    expect(answer.crisisStatus).toEqual({ caseId, state: 'notified' });
    expect(await toResponder).toMatchObject({ reason: 'raised', entry: { id: caseId, stage: 'responders' } });
    expectError(
      await as(app, moderator.member, 'post', `/api/groups/${ref.group}/moderation/queue/${caseId}/claim`),
      403,
      'not_allowed',
    );
    expectError(
      await as(app, moderator.member, 'post', `/api/groups/${ref.group}/moderation/queue/${caseId}/dismiss`, {
        resolution: 'Gaat wel.',
      }),
      403,
      'not_allowed',
    );
    // A later alert of another member reaches the moderator; nothing about their own came before it.
    const anna = await personIn(app, group, ref);
    const annaCase = (await sendCrisis(anna.socket, ref)).crisisStatus!.caseId;
    await eventually(() => toModerator.some((event) => event.entry.id === annaCase), 5000, 'the other alert');
    expect(toModerator.filter((event) => event.entry.id === caseId)).toEqual([]);
  });

  it('never counts a responder in crisis as the on-duty responder of their own alert, and refuses them their own case', async () => {
    const volunteer = await responder();
    const homeRef = { group: volunteer.home.slug };
    await joinRoom(volunteer.socket, homeRef);

    const answer = await sendCrisis(volunteer.socket, homeRef);
    const caseId = answer.crisisStatus!.caseId;

    expect(answer.crisisStatus).toEqual({ caseId, state: 'nobody_on_duty' });
    expectError(await as(app, volunteer.member, 'post', `/api/crisis/desk/${caseId}/claim`), 403, 'not_allowed');
    expectError(
      await as(app, volunteer.member, 'post', `/api/crisis/desk/${caseId}/resolve`, { resolution: 'Opgelost.' }),
      403,
      'not_allowed',
    );
  });

  it('answers a crisis message with the crisis lines and the honest state when announcing it fails, and a retry with them again', async () => {
    const volunteer = await responder();
    const { ref, members } = await groupWithoutModerator(app, admin);
    const [anna] = members;
    const dataSource = app.app.get(DataSource);
    const query = dataSource.query.bind(dataSource) as (...args: unknown[]) => Promise<unknown>;
    // The database fails while the member's state is worked out (after the message and case are stored).
    jest
      .spyOn(dataSource, 'query')
      .mockImplementation(((sql: string, ...rest: unknown[]) =>
        sql.includes('SET member_state')
          ? Promise.reject(new Error('connection lost'))
          : query(sql, ...rest)) as typeof dataSource.query);
    const toResponder = waitForEvent<CrisisCaseEvent>(volunteer.socket, 'crisis:case');
    const clientMsgId = randomUUID();

    const first = await call<MessageSent>(anna.socket, 'message:send', { ...ref, clientMsgId, body: CRISIS_TEXT });

    expect(first.ok).toBe(true);
    const sent = first as MessageSent & { ok: true };
    expect(sent.crisis?.lines.length).toBeGreaterThan(0);
    const caseId = sent.crisisStatus!.caseId;
    // Nobody is surely told: the member is sent to a crisis line now; the responders have it at once.
    expect(sent.crisisStatus).toEqual({ caseId, state: 'nobody_on_duty' });
    expect(await toResponder).toMatchObject({ entry: { id: caseId, stage: 'responders' } });

    jest.restoreAllMocks();
    const again = await call<MessageSent>(anna.socket, 'message:send', { ...ref, clientMsgId, body: CRISIS_TEXT });
    expect(again.ok).toBe(true);
    const retried = again as MessageSent & { ok: true };
    expect(retried.message.id).toBe(sent.message.id);
    expect(retried.crisis?.lines.length).toBeGreaterThan(0);
    expect(retried.crisisStatus).toEqual({ caseId, state: 'notified' });
  });

  it('does not tell the author volunteers are notified when the only on-duty responder is not connected', async () => {
    const volunteer = await responder();
    volunteer.socket.disconnect();
    const { ref, members } = await groupWithoutModerator(app, admin);

    const answer = await sendCrisis(members[0].socket, ref);

    expect(answer.crisisStatus).toEqual({ caseId: answer.crisisStatus!.caseId, state: 'nobody_on_duty' });
  });

  it('ends marking oneself on duty after CRISIS_DUTY_HOURS (8 by default), so a forgotten duty tells nobody a volunteer will look', async () => {
    const volunteer = await responder();
    await later(8 * 3600 + 1);

    const duty = (await as(app, volunteer.member, 'get', '/api/crisis/duty')).body as { onDuty: boolean };
    expect(duty.onDuty).toBe(false);
    const { ref, members } = await groupWithoutModerator(app, admin);
    const answer = await sendCrisis(members[0].socket, ref);
    expect(answer.crisisStatus).toEqual({ caseId: answer.crisisStatus!.caseId, state: 'nobody_on_duty' });
  });

  it('counts a moderator who marked themselves on duty, and refuses duty to a plain member', async () => {
    const { group, ref, moderator } = await moderatedGroup();
    await setDuty(app, moderator.member, true);
    onDuty.push(moderator.member);
    const plain = await registerMember(app);
    expectError(await as(app, plain, 'put', '/api/crisis/duty', { onDuty: true }), 403, 'forbidden');
    expectError(
      await as(app, moderator.member, 'put', '/api/crisis/duty', { onDuty: 'yes' }),
      400,
      'validation_failed',
    );
    const anna = await personIn(app, group, ref);
    const caseId = (await sendCrisis(anna.socket, ref)).crisisStatus!.caseId;

    // Unclaimed past the timeout, with no responder on duty: the connected on-duty moderator still looks.
    await later(ESCALATION_SECONDS + 1);
    const [entry] = (
      (await as(app, admin, 'get', '/api/crisis/desk')).body as { id: string; stage: string; memberState: string }[]
    ).filter((found) => found.id === caseId);
    expect(entry).toMatchObject({ stage: 'responders', memberState: 'notified' });
  });
});

/** The first `crisis:case` event about `caseId` with `reason` on the socket. */
function firstCaseEvent(
  socket: ChatClient,
  caseId: string,
  reason: CrisisCaseEvent['reason'],
): Promise<CrisisCaseEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${reason} event for ${caseId}`)), 5000);
    const listener = (event: CrisisCaseEvent) => {
      if (event.entry.id === caseId && event.reason === reason) {
        clearTimeout(timer);
        socket.off('crisis:case', listener);
        resolve(event);
      }
    };
    socket.on('crisis:case', listener);
  });
}
