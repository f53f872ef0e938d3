import { describe, expect, it } from '@jest/globals';
import type { CrisisAuditEntry, CrisisCoverage } from '../src/contracts/crisis.js';
import type {
  BuddyEligibility,
  GroupProposalView,
  GroupSettingsView,
  ModeratorStatusView,
  RuleProposalView,
} from '../src/contracts/group-proposals.js';
import type { GroupDetail, MyMembership } from '../src/contracts/groups.js';
import type { AuditEntry, QueueEntry } from '../src/contracts/moderation.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { personIn, sendCrisis } from './support/crisis.js';
import { expectError, fieldMessage } from './support/errors.js';
import { createGroup, makeModerator } from './support/groups.js';
import { collect, connectChat, waitForEvent } from './support/sockets.js';
import { appSuite } from './support/suite.js';

describe('groups that run themselves (issue 14)', () => {
  const { app, admin, sql, as, memberOf } = appSuite();

  async function moderatorOf(group: GroupDetail, alias?: string) {
    const person = await memberOf(group, alias);
    await makeModerator(app, person.membership);
    return person;
  }

  const proposal = (overrides: object = {}) => ({
    name: 'Rouw na een miskraam',
    purpose: 'Voor ouders die een kindje verloren tijdens de zwangerschap, en hun partners.',
    audience: 'peers',
    locale: 'nl',
    ...overrides,
  });

  describe('proposing a new group', () => {
    it('refuses a guest, an account in no group and a member under a running suspension', async () => {
      expectError(await as(null, 'post', '/group-proposals', proposal()), 401, 'unauthorized');
      const loner = await registerMember(app);
      expectError(await as(loner, 'post', '/group-proposals', proposal()), 403, 'not_a_member');

      const group = await createGroup(app, admin);
      const moderator = await moderatorOf(group);
      const suspended = await memberOf(group);
      const action = await as(moderator.member, 'post', `/groups/${group.slug}/moderation/actions`, {
        action: 'suspend',
        memberId: suspended.membership.memberId,
        days: 3,
        reason: 'Herhaaldelijk kwetsend na waarschuwing.',
      });
      expect(action.status).toBe(201);
      const refused = expectError(await as(suspended.member, 'post', '/group-proposals', proposal()), 403, 'suspended');
      expect(refused.message).toContain('suspension');
      const mine = await as(suspended.member, 'get', '/me/group-proposals');
      expect(mine.body).toEqual([]);
    });

    it('lets an admin decline only with a reason, which the proposer reads in their list; nobody decides twice', async () => {
      const group = await createGroup(app, admin);
      const { member } = await memberOf(group);
      const made = await as(member, 'post', '/group-proposals', proposal({ name: 'Hoogsensitief' }));
      expect(made.status).toBe(201);
      const view = made.body as GroupProposalView;
      expect(view).toMatchObject({ name: 'Hoogsensitief', status: 'open', reason: null, group: null, moderate: false });

      expectError(await as(member, 'get', '/admin/group-proposals'), 403, 'forbidden');
      expectError(
        await as(member, 'post', `/admin/group-proposals/${view.id}/decision`, { approve: true }),
        403,
        'forbidden',
      );
      const listed = (await as(admin, 'get', '/admin/group-proposals')).body as GroupProposalView[];
      const seen = listed.find((entry) => entry.id === view.id)!;
      // Admins see what is proposed, never who proposed it.
      expect(Object.keys(seen).sort()).toEqual(
        [
          'audience',
          'category',
          'createdAt',
          'decidedAt',
          'group',
          'id',
          'locale',
          'moderate',
          'name',
          'purpose',
          'reason',
          'status',
        ].sort(),
      );

      const noReason = expectError(
        await as(admin, 'post', `/admin/group-proposals/${view.id}/decision`, { approve: false }),
        400,
        'validation_failed',
      );
      expect(fieldMessage(noReason, 'reason')).toContain('reason');
      const declined = await as(admin, 'post', `/admin/group-proposals/${view.id}/decision`, {
        approve: false,
        reason: 'Er bestaat al een groep rond hoogsensitiviteit; sluit je daar aan.',
      });
      expect(declined.status).toBe(200);
      const mine = (await as(member, 'get', '/me/group-proposals')).body as GroupProposalView[];
      expect(mine).toEqual([
        expect.objectContaining({
          id: view.id,
          status: 'declined',
          reason: 'Er bestaat al een groep rond hoogsensitiviteit; sluit je daar aan.',
          decidedAt: expect.any(String),
          group: null,
        }),
      ]);
      expectError(
        await as(admin, 'post', `/admin/group-proposals/${view.id}/decision`, { approve: true }),
        409,
        'already_handled',
      );
      const audit = (await as(admin, 'get', '/admin/crisis/audit')).body as CrisisAuditEntry[];
      expect(audit).toContainEqual(
        expect.objectContaining({
          action: 'group-proposal-declined',
          reason: 'Er bestaat al een groep rond hoogsensitiviteit; sluit je daar aan.',
        }),
      );
    });

    it('makes the group on approval, with the proposer as its first moderator under the alias they chose', async () => {
      const home = await createGroup(app, admin);
      const { member, membership } = await memberOf(home, 'Oude Eik');
      // An alias that would link their groups, or their login name, is refused when proposing.
      const linking = expectError(
        await as(member, 'post', '/group-proposals', proposal({ moderate: true, alias: 'Oude Eik' })),
        400,
        'validation_failed',
      );
      expect(fieldMessage(linking, 'alias')).toContain('another group');
      expectError(
        await as(member, 'post', '/group-proposals', proposal({ moderate: true, alias: member.loginName })),
        400,
        'validation_failed',
      );

      const made = (
        await as(
          member,
          'post',
          '/group-proposals',
          proposal({ name: 'Stiefouders samen', moderate: true, alias: 'Zachte Wind' }),
        )
      ).body as GroupProposalView;
      const approved = await as(admin, 'post', `/admin/group-proposals/${made.id}/decision`, { approve: true });
      expect(approved.status).toBe(200);
      const slug = (approved.body as GroupProposalView).group!;
      expect(slug).toBe('stiefouders-samen');

      const detail = (await as(null, 'get', `/groups/${slug}`)).body as GroupDetail;
      expect(detail).toMatchObject({ name: 'Stiefouders samen', audience: 'peers', locale: 'nl', memberCount: 1 });
      const mine = (await as(member, 'get', '/me/group-proposals')).body as GroupProposalView[];
      expect(mine[0]).toMatchObject({ id: made.id, status: 'approved', group: slug });
      const memberships = (await as(member, 'get', '/me/groups')).body as MyMembership[];
      expect(memberships.find((entry) => entry.group === slug)).toMatchObject({
        alias: 'Zachte Wind',
        role: 'moderator',
        pledgeCurrent: true,
      });
      expect(memberships.find((entry) => entry.group === home.slug)?.memberId).toBe(membership.memberId);
      const log = (await as(member, 'get', `/groups/${slug}/moderation/audit`)).body as AuditEntry[];
      expect(log.map((entry) => entry.action)).toContain('appoint');
      const audit = (await as(admin, 'get', '/admin/crisis/audit')).body as CrisisAuditEntry[];
      expect(audit.map((entry) => entry.action)).toContain('group-proposal-approved');
    });

    it('gives a member who does not want to moderate a group with no moderator, and limits proposals to three a day', async () => {
      const group = await createGroup(app, admin);
      const { member } = await memberOf(group);
      const first = (
        await as(member, 'post', '/group-proposals', proposal({ name: 'Mantelzorg voor een ouder', locale: 'nl' }))
      ).body as GroupProposalView;
      await as(member, 'post', '/group-proposals', proposal({ name: 'Living with tinnitus', locale: 'en' })).expect(
        201,
      );
      await as(
        member,
        'post',
        '/group-proposals',
        proposal({ name: 'Partners van gokkers', audience: 'relatives' }),
      ).expect(201);
      const limited = expectError(
        await as(member, 'post', '/group-proposals', proposal({ name: 'Nog een groep' })),
        429,
        'rate_limited',
      );
      expect(limited.message).toContain('3 groups a day');

      const approved = (await as(admin, 'post', `/admin/group-proposals/${first.id}/decision`, { approve: true }))
        .body as GroupProposalView;
      const coverage = (await as(admin, 'get', '/admin/crisis/coverage')).body as CrisisCoverage;
      expect(coverage.groupsWithoutModerator.map((entry) => entry.slug)).toContain(approved.group);
      expectError(await as(member, 'get', `/groups/${approved.group}/membership`), 403, 'not_a_member');
    });

    it('holds three a day when six proposals arrive at once', async () => {
      const group = await createGroup(app, admin);
      const { member } = await memberOf(group);
      const sent = await Promise.all(
        [1, 2, 3, 4, 5, 6].map((n) => as(member, 'post', '/group-proposals', proposal({ name: `Samen verder ${n}` }))),
      );
      expect(sent.map((response) => response.status).sort()).toEqual([201, 201, 201, 429, 429, 429]);
    });

    it('makes a banned proposer no first moderator: the group is made without one', async () => {
      const group = await createGroup(app, admin);
      const { member, membership } = await memberOf(group);
      const proposed = (
        await as(member, 'post', '/group-proposals', proposal({ name: 'Na een burn-out', moderate: true })).expect(201)
      ).body as GroupProposalView;
      await as(admin, 'post', '/admin/bans', {
        group: group.slug,
        memberId: membership.memberId,
        reason: 'Herhaaldelijk grensoverschrijdend.',
      }).expect(204);
      const approved = (
        await as(admin, 'post', `/admin/group-proposals/${proposed.id}/decision`, { approve: true }).expect(200)
      ).body as GroupProposalView;
      const coverage = (await as(admin, 'get', '/admin/crisis/coverage')).body as CrisisCoverage;
      expect(coverage.groupsWithoutModerator.map((entry) => entry.slug)).toContain(approved.group);
      const [{ count }] = await sql<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM membership m JOIN support_group g ON g.id = m.group_id WHERE g.slug = $1`,
        [approved.group],
      );
      expect(count).toBe(0);
    });
  });

  describe('a moderator steps down or pauses', () => {
    it('refuses a member who is no moderator, and a moderator of another group', async () => {
      const group = await createGroup(app, admin);
      const other = await createGroup(app, admin);
      const { member } = await memberOf(group);
      const elsewhere = await moderatorOf(other);
      for (const action of ['step-down', 'pause', 'resume']) {
        expectError(await as(member, 'post', `/groups/${group.slug}/moderators/me/${action}`, {}), 403, 'forbidden');
        expectError(
          await as(elsewhere.member, 'post', `/groups/${group.slug}/moderators/me/${action}`, {}),
          403,
          'not_a_member',
        );
        expectError(await as(null, 'post', `/groups/${group.slug}/moderators/me/${action}`, {}), 401, 'unauthorized');
      }
    });

    it('takes a paused moderator out of the crisis cover until they resume, audited each time', async () => {
      const group = await createGroup(app, admin);
      const moderator = await moderatorOf(group, 'Rustige Baai');
      const uncovered = async () =>
        ((await as(admin, 'get', '/admin/crisis/coverage')).body as CrisisCoverage).groupsWithoutModerator.some(
          (entry) => entry.slug === group.slug,
        );
      expect(await uncovered()).toBe(false);

      const paused = await as(moderator.member, 'post', `/groups/${group.slug}/moderators/me/pause`, {
        reason: 'Twee weken met vakantie.',
      });
      expect({ status: paused.status, body: paused.body as unknown }).toEqual({
        status: 200,
        body: { role: 'moderator', paused: true },
      });
      expect(await uncovered()).toBe(true);
      expectError(
        await as(moderator.member, 'post', `/groups/${group.slug}/moderators/me/pause`, {}),
        409,
        'already_handled',
      );
      const status = (await as(moderator.member, 'get', `/groups/${group.slug}/moderators/me`))
        .body as ModeratorStatusView;
      expect(status).toEqual({ role: 'moderator', paused: true });

      // A crisis in the group while paused: the alert reaches the other moderator's socket, not the paused one's.
      const colleague = await moderatorOf(group);
      const pausedSocket = await connectChat(app, moderator.member);
      const colleagueSocket = await connectChat(app, colleague.member);
      const pausedHeard = collect<{ entry: { kind: string } }>(pausedSocket, 'mod:queue');
      const alert = waitForEvent<{ entry: { kind: string } }>(colleagueSocket, 'mod:queue');
      const member = await personIn(app, group, { group: group.slug });
      await sendCrisis(member.socket, { group: group.slug });
      expect((await alert).entry.kind).toBe('crisis');
      expect(pausedHeard).toEqual([]);
      await as(colleague.member, 'post', `/groups/${group.slug}/moderators/me/step-down`, {}).expect(200);
      expect(await uncovered()).toBe(true);

      await as(moderator.member, 'post', `/groups/${group.slug}/moderators/me/resume`, {}).expect(200);
      expect(await uncovered()).toBe(false);
      const log = (await as(moderator.member, 'get', `/groups/${group.slug}/moderation/audit`)).body as AuditEntry[];
      expect(log.map((entry) => [entry.action, entry.reasonText?.code, entry.reason])).toEqual(
        expect.arrayContaining([
          ['moderator-pause', 'audit.paused', 'Twee weken met vakantie.'],
          ['moderator-resume', 'audit.resumed', ''],
        ]),
      );
    });

    it('lets even the last moderator step down: they stay a member, and the group shows it has no moderator', async () => {
      const group = await createGroup(app, admin);
      const moderator = await moderatorOf(group, 'Laatste Licht');
      const stepped = await as(moderator.member, 'post', `/groups/${group.slug}/moderators/me/step-down`, {
        reason: 'Ik heb zelf even rust nodig.',
      });
      expect({ status: stepped.status, body: stepped.body as unknown }).toEqual({
        status: 200,
        body: { role: 'member', paused: false },
      });
      const membership = (await as(moderator.member, 'get', `/groups/${group.slug}/membership`)).body as MyMembership;
      expect(membership).toMatchObject({ status: 'active', role: 'member', alias: 'Laatste Licht' });
      expect((await as(moderator.member, 'get', `/groups/${group.slug}/threads`)).status).toBe(200);
      expectError(await as(moderator.member, 'get', `/groups/${group.slug}/moderation/queue`), 403, 'forbidden');
      expectError(
        await as(moderator.member, 'post', `/groups/${group.slug}/moderators/me/step-down`, {}),
        403,
        'forbidden',
      );
      const coverage = (await as(admin, 'get', '/admin/crisis/coverage')).body as CrisisCoverage;
      expect(coverage.groupsWithoutModerator.map((entry) => entry.slug)).toContain(group.slug);
      const log = (await as(moderator.member, 'get', `/groups/${group.slug}/moderation/audit`)).status;
      expect(log).toBe(403);
      const rows = await sql<{ action: string; reason: string }[]>(
        `SELECT action, reason FROM moderation_action a JOIN support_group g ON g.id = a.group_id WHERE g.slug = $1`,
        [group.slug],
      );
      expect(rows).toContainEqual({ action: 'step-down', reason: 'Ik heb zelf even rust nodig.' });
    });

    it('keeps a paused moderator off crisis cases: not in their queue, no claim, and their old claim no longer shown as taken', async () => {
      const group = await createGroup(app, admin);
      const moderator = await moderatorOf(group);
      const colleague = await moderatorOf(group, 'Wakkere Uil');
      const member = await personIn(app, group, { group: group.slug });
      await sendCrisis(member.socket, { group: group.slug });
      const queueOf = async (who: TestMember) =>
        (await as(who, 'get', `/groups/${group.slug}/moderation/queue`).expect(200)).body as QueueEntry[];
      const crisis = (await queueOf(moderator.member)).find((entry) => entry.kind === 'crisis')!;
      await as(moderator.member, 'post', `/groups/${group.slug}/moderation/queue/${crisis.id}/claim`, {}).expect(200);

      await as(moderator.member, 'post', `/groups/${group.slug}/moderators/me/pause`, {}).expect(200);
      expect((await queueOf(moderator.member)).map((entry) => entry.kind)).not.toContain('crisis');
      expectError(
        await as(moderator.member, 'post', `/groups/${group.slug}/moderation/queue/${crisis.id}/claim`, {}),
        403,
        'not_allowed',
      );
      const seen = (await queueOf(colleague.member)).find((entry) => entry.id === crisis.id)!;
      expect(seen.claimedBy).toBeNull();
      const claimed = await as(
        colleague.member,
        'post',
        `/groups/${group.slug}/moderation/queue/${crisis.id}/claim`,
        {},
      );
      expect((claimed.body as QueueEntry).claimedBy).toEqual({
        memberId: colleague.membership.memberId,
        alias: 'Wakkere Uil',
      });
    });
  });

  describe('members propose a change to the pledge or rules', () => {
    it('keeps one open proposal per member and part when three arrive at once', async () => {
      const group = await createGroup(app, admin);
      const { member } = await memberOf(group);
      const sent = await Promise.all(
        [1, 2, 3].map(() =>
          as(member, 'post', `/groups/${group.slug}/rule-proposals`, {
            field: 'pledge',
            text: 'Wat hier gezegd wordt, blijft hier.',
          }),
        ),
      );
      expect(sent.map((response) => response.status).sort()).toEqual([201, 409, 409]);
      for (const refused of sent.filter((response) => response.status === 409)) {
        expectError(refused, 409, 'already_handled');
      }
      const open = (await as(member, 'get', `/groups/${group.slug}/rule-proposals`)).body as RuleProposalView[];
      expect(open.filter((entry) => entry.status === 'open')).toHaveLength(1);
    });

    it('lets moderators accept (every member accepts the new pledge again) or decline with a reason', async () => {
      const group = await createGroup(app, admin);
      const other = await createGroup(app, admin);
      const moderator = await moderatorOf(group);
      const proposer = await memberOf(group, 'Heldere Bron');
      const reader = await memberOf(group);
      const elsewhere = await moderatorOf(other);
      const newPledge = 'Wat hier gezegd wordt, blijft hier. Ik citeer niemand buiten de groep, ook niet anoniem.';

      expectError(
        await as(null, 'post', `/groups/${group.slug}/rule-proposals`, { text: newPledge }),
        401,
        'unauthorized',
      );
      expectError(
        await as(elsewhere.member, 'post', `/groups/${group.slug}/rule-proposals`, { text: newPledge }),
        403,
        'not_a_member',
      );
      const made = await as(proposer.member, 'post', `/groups/${group.slug}/rule-proposals`, {
        text: newPledge,
        note: 'Citaten zonder naam zijn ook herkenbaar.',
      });
      expect(made.status).toBe(201);
      const view = made.body as RuleProposalView;
      expect(view).toMatchObject({
        field: 'pledge',
        status: 'open',
        proposer: { memberId: proposer.membership.memberId, alias: 'Heldere Bron' },
      });
      expectError(
        await as(proposer.member, 'post', `/groups/${group.slug}/rule-proposals`, { text: `${newPledge} Echt.` }),
        409,
        'already_handled',
      );
      const listed = (await as(reader.member, 'get', `/groups/${group.slug}/rule-proposals`))
        .body as RuleProposalView[];
      expect(listed.map((entry) => entry.id)).toEqual([view.id]);

      const decide = (who: TestMember, body: object, slug = group.slug) =>
        as(who, 'post', `/groups/${slug}/rule-proposals/${view.id}/decision`, body);
      expectError(await decide(reader.member, { approve: true }), 403, 'forbidden');
      expectError(await decide(elsewhere.member, { approve: true }), 403, 'not_a_member');
      expectError(await decide(elsewhere.member, { approve: true }, other.slug), 404, 'not_found');
      expectError(await decide(moderator.member, { approve: false }), 400, 'validation_failed');

      const accepted = await decide(moderator.member, { approve: true });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ status: 'accepted' });
      const detail = (await as(null, 'get', `/groups/${group.slug}`)).body as GroupDetail;
      expect(detail).toMatchObject({ pledge: newPledge, pledgeVersion: group.pledgeVersion + 1 });
      // The existing pledge flow: members accept the new pledge before they read on.
      expectError(await as(reader.member, 'get', `/groups/${group.slug}/threads`), 403, 'pledge_required');
      await as(reader.member, 'post', `/groups/${group.slug}/pledge`, { pledgeAccepted: true }).expect(200);
      expect((await as(reader.member, 'get', `/groups/${group.slug}/threads`)).status).toBe(200);
      await as(moderator.member, 'post', `/groups/${group.slug}/pledge`, { pledgeAccepted: true }).expect(200);
      expectError(await decide(moderator.member, { approve: true }), 409, 'already_handled');

      await as(proposer.member, 'post', `/groups/${group.slug}/pledge`, { pledgeAccepted: true }).expect(200);
      const second = (
        await as(proposer.member, 'post', `/groups/${group.slug}/rule-proposals`, {
          field: 'pledge',
          text: 'Alles wat hier staat, is van de groep. Niets gaat naar buiten.',
        })
      ).body as RuleProposalView;
      const declined = await as(
        moderator.member,
        'post',
        `/groups/${group.slug}/rule-proposals/${second.id}/decision`,
        {
          approve: false,
          reason: 'We hebben de belofte net aangepast; laten we dit eerst een maand proberen.',
        },
      );
      expect(declined.body).toMatchObject({
        status: 'declined',
        reason: 'We hebben de belofte net aangepast; laten we dit eerst een maand proberen.',
      });
      expect(((await as(null, 'get', `/groups/${group.slug}`)).body as GroupDetail).pledge).toBe(newPledge);
      const log = (await as(moderator.member, 'get', `/groups/${group.slug}/moderation/audit`)).body as AuditEntry[];
      expect(log.map((entry) => entry.action)).toEqual(
        expect.arrayContaining(['rule-proposal-accept', 'rule-proposal-decline', 'group-update']),
      );
    });

    it('removes what a member proposed when they leave with erase', async () => {
      const group = await createGroup(app, admin);
      const proposer = await memberOf(group);
      await as(proposer.member, 'post', `/groups/${group.slug}/rule-proposals`, {
        text: 'Een nieuwe belofte met genoeg woorden.',
      }).expect(201);
      await as(proposer.member, 'post', `/groups/${group.slug}/leave`, { erase: true }).expect(204);
      const rows = await sql<{ n: number }[]>(`SELECT count(*)::int AS n FROM rule_proposal WHERE membership_id = $1`, [
        proposer.membership.memberId,
      ]);
      expect(rows[0].n).toBe(0);
    });
  });

  describe("the group's newcomer settings", () => {
    it('lets only its moderators hold the first posts of newcomers, audited', async () => {
      const group = await createGroup(app, admin);
      const other = await createGroup(app, admin);
      const moderator = await moderatorOf(group);
      const { member } = await memberOf(group);
      const elsewhere = await moderatorOf(other);

      expectError(
        await as(null, 'patch', `/groups/${group.slug}/settings`, { holdFirstPosts: 2 }),
        401,
        'unauthorized',
      );
      expectError(await as(member, 'patch', `/groups/${group.slug}/settings`, { holdFirstPosts: 2 }), 403, 'forbidden');
      expectError(await as(member, 'get', `/groups/${group.slug}/settings`), 403, 'forbidden');
      expectError(
        await as(elsewhere.member, 'patch', `/groups/${group.slug}/settings`, { holdFirstPosts: 2 }),
        403,
        'not_a_member',
      );
      expectError(await as(moderator.member, 'patch', `/groups/${group.slug}/settings`, {}), 400, 'validation_failed');
      expectError(
        await as(moderator.member, 'patch', `/groups/${group.slug}/settings`, { holdFirstPosts: -1 }),
        400,
        'validation_failed',
      );

      const set = await as(moderator.member, 'patch', `/groups/${group.slug}/settings`, { holdFirstPosts: 1 });
      expect(set.body).toEqual({ holdFirstPosts: 1, buddyMinDays: 0 } satisfies GroupSettingsView);
      const newcomer = await memberOf(group);
      const first = await as(newcomer.member, 'post', `/groups/${group.slug}/threads`, {
        title: 'Hallo, ik ben nieuw',
        body: 'Ik lees al een tijdje mee.',
      });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ state: 'pending_review' });
      const log = (await as(moderator.member, 'get', `/groups/${group.slug}/moderation/audit`)).body as AuditEntry[];
      expect(log).toContainEqual(
        expect.objectContaining({
          action: 'group-settings',
          reasonText: { code: 'audit.groupSettings', params: { settings: 'holdFirstPosts: 1' } },
        }),
      );
    });
  });

  describe('offering to be a buddy', () => {
    it('waits the group’s minimum time in the group, and says until when', async () => {
      const group = await createGroup(app, admin, { buddyMinDays: 30 });
      const moderator = await moderatorOf(group);
      const { member, membership } = await memberOf(group);

      const early = expectError(
        await as(member, 'put', `/groups/${group.slug}/buddies/me`, { capacity: 1 }),
        403,
        'buddy_too_soon',
      );
      const eligibility = (await as(member, 'get', `/groups/${group.slug}/buddies/eligibility`))
        .body as BuddyEligibility;
      expect(eligibility).toMatchObject({ canOffer: false, minDays: 30, refusal: { code: 'buddy_too_soon' } });
      const from = new Date(eligibility.refusal!.possibleFrom!);
      const [{ joined }] = await sql<{ joined: Date }[]>(
        `SELECT active_since AS joined FROM membership WHERE id = $1`,
        [membership.memberId],
      );
      expect(from.getTime() - new Date(joined).getTime()).toBe(30 * 24 * 3_600_000);
      expect(early.message).toContain(from.toISOString().slice(0, 10));
      expect(fieldMessage(early, 'possibleFrom')).toBe(from.toISOString());

      // The group's moderators shorten the wait to a week; a member of 8 days may offer.
      await sql(`UPDATE membership SET active_since = now() - interval '8 days' WHERE id = $1`, [membership.memberId]);
      expectError(await as(member, 'put', `/groups/${group.slug}/buddies/me`, {}), 403, 'buddy_too_soon');
      await as(moderator.member, 'patch', `/groups/${group.slug}/settings`, { buddyMinDays: 7 }).expect(200);
      const offered = await as(member, 'put', `/groups/${group.slug}/buddies/me`, { capacity: 1 });
      expect(offered.status).toBe(200);
      expect(
        ((await as(member, 'get', `/groups/${group.slug}/buddies/eligibility`)).body as BuddyEligibility).canOffer,
      ).toBe(true);
    });

    it('counts from approval: weeks waiting on a join request do not count towards the minimum', async () => {
      const group = await createGroup(app, admin, { buddyMinDays: 30 });
      const moderator = await moderatorOf(group);
      await sql(`UPDATE support_group SET kind = 'closed' WHERE slug = $1`, [group.slug]);
      const member = await registerMember(app);
      const request = (await as(member, 'post', `/groups/${group.slug}/join`, { pledgeAccepted: true }).expect(202))
        .body as MyMembership;
      expect(request.status).toBe('pending');
      await sql(`UPDATE membership SET joined_at = now() - interval '40 days' WHERE id = $1`, [request.memberId]);
      const approvedAt = Date.now();
      await as(moderator.member, 'post', `/groups/${group.slug}/join-requests/${request.memberId}`, {
        approve: true,
      }).expect(204);
      const refused = expectError(
        await as(member, 'put', `/groups/${group.slug}/buddies/me`, { capacity: 1 }),
        403,
        'buddy_too_soon',
      );
      const from = new Date(fieldMessage(refused, 'possibleFrom')).getTime();
      expect(Math.abs(from - approvedAt - 30 * 24 * 3_600_000)).toBeLessThan(60_000);
    });

    it('is not possible with an open crisis case of one’s own, and such a buddy is not offered to newcomers', async () => {
      const group = await createGroup(app, admin);
      const ref = { group: group.slug };
      const buddy = await personIn(app, group, ref);
      const later = await personIn(app, group, ref);
      const newcomer = await memberOf(group);
      await as(buddy.member, 'put', `/groups/${group.slug}/buddies/me`, {}).expect(200);

      await sendCrisis(later.socket, ref);
      const refused = expectError(
        await as(later.member, 'put', `/groups/${group.slug}/buddies/me`, {}),
        403,
        'buddy_own_crisis',
      );
      expect(refused.message).toContain('crisis');
      const eligibility = (await as(later.member, 'get', `/groups/${group.slug}/buddies/eligibility`))
        .body as BuddyEligibility;
      expect(eligibility).toMatchObject({ canOffer: false, refusal: { code: 'buddy_own_crisis', possibleFrom: null } });

      const listed = async () =>
        ((await as(newcomer.member, 'get', `/groups/${group.slug}/buddies`)).body as { memberId: string }[]).map(
          (entry) => entry.memberId,
        );
      expect(await listed()).toEqual([buddy.membership.memberId]);
      await sendCrisis(buddy.socket, ref);
      expect(await listed()).toEqual([]);
    });
  });
});
