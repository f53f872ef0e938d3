import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Clock } from '../src/chat/clock.js';
import type { CrisisCaseEvent, CrisisStatusEvent } from '../src/contracts/crisis.js';
import type { MyMembership } from '../src/contracts/groups.js';
import { CrisisEscalation } from '../src/crisis/crisis-escalation.service.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { appointResponder, as, personIn, sendCrisis, setDuty } from './support/crisis.js';
import { expectError } from './support/errors.js';
import { createGroup, joinGroup, registerAdmin } from './support/groups.js';
import { closeChatClients, collect, connectChat, eventually, waitForEvent } from './support/sockets.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const ESCALATION_SECONDS = 180;

describe('escalation of crisis alerts and appeals nobody in the group may decide (issue 12)', () => {
  let app: TestApp;
  let admin: TestMember;
  let clock: Clock;
  let escalation: CrisisEscalation;
  const onDuty: TestMember[] = [];

  beforeAll(async () => {
    app = await startTestApp({ env: { CRISIS_ESCALATION_SECONDS: String(ESCALATION_SECONDS) } });
    admin = await registerAdmin(app);
    clock = app.app.get(Clock);
    escalation = app.app.get(CrisisEscalation);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    for (const member of onDuty.splice(0)) {
      await setDuty(app, member, false);
    }
  });

  afterAll(async () => {
    closeChatClients();
    await app.close();
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

  async function responder(onDutyNow = true) {
    const appointed = await appointResponder(app, admin, { onDuty: onDutyNow });
    if (onDutyNow) {
      onDuty.push(appointed.member);
    }
    return appointed;
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
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(toResponder).toEqual([]);

    await later(11);
    await eventually(() => toResponder.length > 0, 5000, 'the escalated case');
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
    await new Promise((resolve) => setTimeout(resolve, 200));

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
      const volunteer = await responder(false);
      const { group, ref, moderator } = await moderatedGroup();
      const anna = await personIn(app, group, ref);
      const actionId = await mute(moderator.member, ref.group, anna.membership.memberId);

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
      expect((notices.body as { kind: string; message: string }[])[0]).toMatchObject({
        kind: 'appeal-decided',
        message: expect.stringContaining('crisis responder'),
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
      const volunteer = await responder(false);
      const { group, ref, moderator: first } = await moderatedGroup();
      const second = await personIn(app, group, ref);
      await as(app, admin, 'post', `/api/groups/${group.slug}/moderators`, {
        memberId: second.membership.memberId,
      }).expect(204);
      const anna: { membership: MyMembership; member: TestMember } = await personIn(app, group, ref);
      const actionId = await mute(first.member, group.slug, anna.membership.memberId);
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
    moderator.socket.disconnect();
    const caseId = (await sendCrisis(anna.socket, ref)).crisisStatus!.caseId;
    // Not online, so it goes to the responders at once; with the moderator on duty the author is told someone will look.
    const [entry] = (
      (await as(app, admin, 'get', '/api/crisis/desk')).body as { id: string; stage: string; memberState: string }[]
    ).filter((found) => found.id === caseId);
    expect(entry).toMatchObject({ stage: 'responders', memberState: 'notified' });
    await connectChat(app, moderator.member);
  });
});
