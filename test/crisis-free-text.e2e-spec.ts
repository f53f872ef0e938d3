import { describe, expect, it } from '@jest/globals';
import type { CrisisStatus } from '../src/contracts/crisis.js';
import type { CrisisHelp } from '../src/contracts/forums.js';
import type { GroupProposalView, RuleProposalView } from '../src/contracts/group-proposals.js';
import type { GroupDetail } from '../src/contracts/groups.js';
import type { Notice, QueueEntry } from '../src/contracts/moderation.js';
import type { TestMember } from './support/accounts.js';
import { CRISIS_TEXT, DUTCH_CRISIS_PHONES } from './support/crisis.js';
import { expectError, fieldMessage } from './support/errors.js';
import { createGroup, makeModerator } from './support/groups.js';
import { appSuite } from './support/suite.js';

interface WriterNote {
  crisis?: CrisisHelp;
  crisisStatus?: CrisisStatus;
}

/**
 * Free text outside the forums and chat is screened as a post is: crisis language in an appeal or a
 * proposal gives its writer the crisis lines and raises a crisis case, and what other members read
 * passes the watched words and the privacy guard.
 */
describe('crisis language and the privacy guard in appeals and proposals', () => {
  const { app, admin, sql, as, memberOf } = appSuite();

  async function moderatedGroup(): Promise<{ group: GroupDetail; moderators: TestMember[] }> {
    const group = await createGroup(app, admin, { locale: 'nl' });
    const moderators: TestMember[] = [];
    for (let i = 0; i < 2; i++) {
      const person = await memberOf(group);
      await makeModerator(app, person.membership);
      moderators.push(person.member);
    }
    return { group, moderators };
  }

  const queue = async (moderator: TestMember, group: GroupDetail) =>
    (await as(moderator, 'get', `/groups/${group.slug}/moderation/queue`)).body as QueueEntry[];

  const crisisCases = async (memberId: string) =>
    sql<{ id: string }[]>(`SELECT id FROM moderation_case WHERE kind = 'crisis' AND subject_membership_id = $1`, [
      memberId,
    ]);

  async function suspended(group: GroupDetail, moderator: TestMember, action: 'suspend' | 'remove' = 'suspend') {
    const person = await memberOf(group);
    const acted = await as(moderator, 'post', `/groups/${group.slug}/moderation/actions`, {
      action,
      memberId: person.membership.memberId,
      ...(action === 'suspend' ? { days: 7 } : {}),
      reason: 'Herhaaldelijk kwetsend na waarschuwing.',
    });
    expect(acted.status).toBe(201);
    return { ...person, actionId: (acted.body as { actionId: string }).actionId };
  }

  describe('appeals', () => {
    it('gives a suspended member whose appeal signals crisis the lines and who knows, raises a case, and keeps the appeal', async () => {
      const { group, moderators } = await moderatedGroup();
      const { member, membership, actionId } = await suspended(group, moderators[0]);
      const text = 'Niemand luistert naar mij. Als dit zo blijft maak ik er vannacht een einde aan.';

      const appealed = await as(member, 'post', `/groups/${group.slug}/appeals/${actionId}`, { text });

      expect(appealed.status).toBe(201);
      const answer = appealed.body as { appealId: string } & WriterNote;
      expect(answer.crisis?.lines.map((line) => line.phone)).toEqual(DUTCH_CRISIS_PHONES);
      // No moderator or responder is connected: nobody is on duty, and she is told so.
      expect(answer.crisisStatus).toEqual({ caseId: expect.any(String), state: 'nobody_on_duty' });
      const cases = await crisisCases(membership.memberId);
      expect(cases.map((found) => found.id)).toEqual([answer.crisisStatus!.caseId]);
      const entry = (await queue(moderators[1], group)).find((found) => found.id === answer.crisisStatus!.caseId);
      expect(entry).toMatchObject({ kind: 'crisis', subject: { memberId: membership.memberId } });
      // Stored all the same: the moderators read it and decide.
      const appeals = (await as(moderators[1], 'get', `/groups/${group.slug}/moderation/appeals`)).body as {
        id: string;
        text: string;
      }[];
      expect(appeals).toEqual([expect.objectContaining({ id: answer.appealId, text })]);
      // The member's notice says their words were read, with the lines; not that they asked for someone.
      const notices = (await as(member, 'get', `/groups/${group.slug}/notices`)).body as Notice[];
      const crisisNotice = notices.find((notice) => notice.kind === 'crisis');
      expect(crisisNotice?.text).toEqual({ code: 'notice.crisisWords' });
      expect(crisisNotice?.crisisLines?.lines.map((line) => line.phone)).toEqual(DUTCH_CRISIS_PHONES);
    });

    it('gives a removed member whose appeal signals crisis the lines, and promises no volunteer who could not reach her', async () => {
      const { group, moderators } = await moderatedGroup();
      const { member, membership, actionId } = await suspended(group, moderators[0], 'remove');

      const appealed = await as(member, 'post', `/groups/${group.slug}/appeals/${actionId}`, {
        text: 'Niemand luistert naar mij. Als dit zo blijft maak ik er vannacht een einde aan.',
      });

      expect(appealed.status).toBe(201);
      const answer = appealed.body as WriterNote;
      expect(answer.crisis?.lines.map((line) => line.phone)).toEqual(DUTCH_CRISIS_PHONES);
      expect(answer).not.toHaveProperty('crisisStatus');
      expect(await crisisCases(membership.memberId)).toEqual([]);
    });

    it('keeps an everyday appeal quiet, and never refuses an appeal for its words', async () => {
      const { group, moderators } = await moderatedGroup();
      const { member, membership, actionId } = await suspended(group, moderators[0]);

      const appealed = await as(member, 'post', `/groups/${group.slug}/appeals/${actionId}`, {
        text: 'Ik was boos, het spijt me. Mijn nummer is 06-12345678 als je wilt bellen.',
      });

      expect(appealed.status).toBe(201);
      expect(appealed.body).not.toHaveProperty('crisis');
      expect(appealed.body).not.toHaveProperty('crisisStatus');
      expect(await crisisCases(membership.memberId)).toEqual([]);
    });
  });

  describe('pledge and rule proposals', () => {
    it('answers a crisis proposal with the lines and who knows, raises a case, and stores the proposal', async () => {
      const { group, moderators } = await moderatedGroup();
      const { member, membership } = await memberOf(group);

      const made = await as(member, 'post', `/groups/${group.slug}/rule-proposals`, {
        text: 'Wat hier gezegd wordt, blijft hier. Wij luisteren zonder oordeel naar elkaar.',
        note: CRISIS_TEXT,
      });

      expect(made.status).toBe(201);
      const answer = made.body as RuleProposalView & WriterNote;
      expect(answer.crisis?.lines.map((line) => line.phone)).toEqual(DUTCH_CRISIS_PHONES);
      expect(answer.crisisStatus?.caseId).toEqual(expect.any(String));
      expect((await crisisCases(membership.memberId)).map((found) => found.id)).toEqual([answer.crisisStatus!.caseId]);
      const entry = (await queue(moderators[0], group)).find((found) => found.id === answer.crisisStatus!.caseId);
      expect(entry).toMatchObject({ kind: 'crisis', subject: { memberId: membership.memberId } });
      const listed = (await as(member, 'get', `/groups/${group.slug}/rule-proposals`)).body as RuleProposalView[];
      expect(listed).toEqual([expect.objectContaining({ id: answer.id, note: CRISIS_TEXT })]);
      // Other members never learn of it: the lines are in the writer's answer only.
      expect(listed[0]).not.toHaveProperty('crisis');
    });

    it('refuses identifying details and a blocked watched word, naming the field, and stores nothing', async () => {
      const { group, moderators } = await moderatedGroup();
      const { member } = await memberOf(group);
      const added = await as(moderators[0], 'post', `/groups/${group.slug}/watched-words`, {
        phrase: 'sukkel',
        action: 'block',
      });
      expect(added.status).toBe(201);

      const withPhone = expectError(
        await as(member, 'post', `/groups/${group.slug}/rule-proposals`, {
          text: 'Wie hulp nodig heeft, belt Anja de Vries op 06-12345678, dag en nacht.',
        }),
        400,
        'identifying_details',
      );
      expect(fieldMessage(withPhone, 'text').length).toBeGreaterThan(0);
      const blocked = expectError(
        await as(member, 'post', `/groups/${group.slug}/rule-proposals`, {
          text: 'Wij luisteren zonder oordeel naar elkaar, altijd.',
          note: 'Want de vorige tekst was van een sukkel.',
        }),
        400,
        'blocked_content',
      );
      expect(fieldMessage(blocked, 'note').length).toBeGreaterThan(0);
      expect((await as(member, 'get', `/groups/${group.slug}/rule-proposals`)).body).toEqual([]);
    });

    it('keeps an everyday proposal quiet', async () => {
      const { group } = await moderatedGroup();
      const { member, membership } = await memberOf(group);

      const made = await as(member, 'post', `/groups/${group.slug}/rule-proposals`, {
        text: 'Wat hier gezegd wordt, blijft hier. Wij luisteren zonder oordeel naar elkaar.',
        note: 'Korter en warmer, vind ik.',
      });

      expect(made.status).toBe(201);
      expect(made.body).not.toHaveProperty('crisis');
      expect(made.body).not.toHaveProperty('crisisStatus');
      expect(await crisisCases(membership.memberId)).toEqual([]);
    });
  });

  describe('group proposals', () => {
    const proposal = (purpose: string) => ({
      name: 'Rouw na een miskraam',
      purpose,
      audience: 'peers',
      locale: 'nl',
    });

    it('gives the crisis lines to a proposer whose purpose signals crisis, and stores the proposal', async () => {
      const { group } = await moderatedGroup();
      const { member } = await memberOf(group);

      const made = await as(member, 'post', '/group-proposals', proposal(`Voor mensen zoals ik. ${CRISIS_TEXT}`));

      expect(made.status).toBe(201);
      const answer = made.body as GroupProposalView & WriterNote;
      expect(answer.crisis?.lines.map((line) => line.phone)).toEqual(DUTCH_CRISIS_PHONES);
      const mine = (await as(member, 'get', '/me/group-proposals')).body as GroupProposalView[];
      expect(mine.map((entry) => entry.id)).toEqual([answer.id]);
      expect(mine[0]).not.toHaveProperty('crisis');
    });

    it('refuses identifying details in the purpose, and keeps an everyday proposal quiet', async () => {
      const { group } = await moderatedGroup();
      const { member } = await memberOf(group);

      const refused = expectError(
        await as(
          member,
          'post',
          '/group-proposals',
          proposal('Voor ouders rond Utrecht. Mail mij: anja.devries@example.nl'),
        ),
        400,
        'identifying_details',
      );
      expect(fieldMessage(refused, 'purpose').length).toBeGreaterThan(0);
      const made = await as(
        member,
        'post',
        '/group-proposals',
        proposal('Voor ouders die een kindje verloren tijdens de zwangerschap, en hun partners.'),
      );
      expect(made.status).toBe(201);
      expect(made.body).not.toHaveProperty('crisis');
    });
  });
});
