import { describe, expect, it } from '@jest/globals';
import type { MyDataExport } from '../src/contracts/exports.js';
import type { GroupDetail } from '../src/contracts/groups.js';
import type {
  AnsweredHostQuestion,
  AskedHostQuestion,
  HostAskStatus,
  HostQuestionView,
  HostsView,
  MyHostQuestion,
} from '../src/contracts/hosts.js';
import type { AuditEntry, Notice, QueueEntry } from '../src/contracts/moderation.js';
import { DomainEvents } from '../src/events/domain-events.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { DUTCH_CRISIS_PHONES } from './support/crisis.js';
import { expectError } from './support/errors.js';
import { createGroup, joinGroup, makeModerator } from './support/groups.js';
import { connectChat, waitForEvent } from './support/sockets.js';
import { appSuite } from './support/suite.js';

/** The words the audit tried: a question to the hosts that must reach someone who can act. */
const CRISIS_QUESTION = 'Ik wil niet meer leven, ik ga vannacht een einde aan mijn leven maken';

describe('hosts and a newcomer’s one question (issue 14)', () => {
  const { app, admin, sql, as, memberOf } = appSuite();

  async function hostOf(group: GroupDetail, alias?: string) {
    const person = await memberOf(group, alias);
    const view = await as(person.member, 'post', `/groups/${group.slug}/hosts/me`);
    expect(view.status).toBe(200);
    expect((view.body as HostsView).me).toBe(true);
    return person;
  }

  it('a member volunteers as host and steps down, both in the audit log; guests see only a count', async () => {
    const group = await createGroup(app, admin);
    const moderator = await memberOf(group);
    await makeModerator(app, moderator.membership);
    const host = await hostOf(group, 'Warme Haven');
    const again = await as(host.member, 'post', `/groups/${group.slug}/hosts/me`);
    expect((again.body as HostsView).hosts).toEqual([
      { memberId: host.membership.memberId, alias: 'Warme Haven', since: expect.any(String) },
    ]);
    const guest = await registerMember(app);
    const status = (await as(guest, 'get', `/groups/${group.slug}/hosts/ask`)).body as HostAskStatus;
    expect(status).toEqual({ hosts: 1, state: 'newcomer', question: null });
    expectError(await as(guest, 'get', `/groups/${group.slug}/hosts`), 403, 'not_a_member');
    expectError(await as(null, 'get', `/groups/${group.slug}/hosts/ask`), 401, 'unauthorized');

    const down = await as(host.member, 'delete', `/groups/${group.slug}/hosts/me`);
    expect(down.status).toBe(200);
    expect((down.body as HostsView).hosts).toEqual([]);
    const log = (await as(moderator.member, 'get', `/groups/${group.slug}/moderation/audit`)).body as AuditEntry[];
    expect(log.filter((entry) => entry.action.startsWith('host-')).map((entry) => entry.action)).toEqual([
      'host-step-down',
      'host-volunteer',
    ]);
  });

  it('a guest asks one question; a host sees "Bezoeker n" and nothing of the account, answers, and the guest reads it', async () => {
    const group = await createGroup(app, admin);
    const other = await createGroup(app, admin);
    const host = await hostOf(group, 'Open Deur');
    const guest = await registerMember(app);
    // The guest is a member elsewhere under another alias: nothing of it may reach the host.
    const elsewhere = await joinGroup(app, guest, other.slug, { alias: 'Verre Kust' });
    const asked = await as(guest, 'post', `/groups/${group.slug}/hosts/ask`, {
      question: 'Mag ik eerst eens meelezen voor ik me aansluit?',
    });
    expect(asked.status).toBe(201);
    expect((asked.body as MyHostQuestion).answer).toBeNull();

    const inbox = await as(host.member, 'get', `/groups/${group.slug}/hosts/questions`);
    expect(inbox.status).toBe(200);
    const [question] = inbox.body as HostQuestionView[];
    expect(question).toEqual({
      id: expect.any(String),
      asker: { kind: 'guest', number: 1 },
      question: 'Mag ik eerst eens meelezen voor ik me aansluit?',
      askedAt: expect.any(String),
      answer: null,
      answeredBy: null,
      answeredAt: null,
      possibleCrisis: false,
    });
    expect(asked.body).not.toHaveProperty('crisis');
    const [account] = await sql<{ id: string }[]>('SELECT id FROM account WHERE login_name = $1', [guest.loginName]);
    const seen = JSON.stringify(inbox.body);
    for (const secret of [account.id, guest.loginName, elsewhere.alias, elsewhere.memberId]) {
      expect({ secret, found: seen.toLowerCase().includes(secret.toLowerCase()) }).toEqual({ secret, found: false });
    }

    const answered = await as(host.member, 'post', `/groups/${group.slug}/hosts/questions/${question.id}/answer`, {
      answer: 'Ja hoor, kijk gerust eerst rond.',
    });
    expect(answered.status).toBe(200);
    const answeredView = JSON.stringify(answered.body);
    expect(answeredView).not.toContain(account.id);
    expectError(
      await as(host.member, 'post', `/groups/${group.slug}/hosts/questions/${question.id}/answer`, {
        answer: 'Nog eens.',
      }),
      409,
      'already_handled',
    );
    const mine = (await as(guest, 'get', `/groups/${group.slug}/hosts/ask`)).body as HostAskStatus;
    expect(mine).toEqual({
      hosts: 1,
      state: 'asked',
      question: {
        question: 'Mag ik eerst eens meelezen voor ik me aansluit?',
        askedAt: expect.any(String),
        answer: 'Ja hoor, kijk gerust eerst rond.',
        answeredBy: 'Open Deur',
        answeredAt: expect.any(String),
      },
    });

    // A second guest is the next number; one who joins later stays a guest on the question asked before.
    const second = await registerMember(app);
    await as(second, 'post', `/groups/${group.slug}/hosts/ask`, { question: 'Hoe gaan de sessies in hun werk?' });
    await joinGroup(app, guest, group.slug, { alias: 'Later Lid' });
    const labels = (
      (await as(host.member, 'get', `/groups/${group.slug}/hosts/questions`)).body as HostQuestionView[]
    ).map((entry) => entry.asker);
    expect(labels).toEqual([
      { kind: 'guest', number: 2 },
      { kind: 'guest', number: 1 },
    ]);
  });

  it('refuses a second question, before or after joining', async () => {
    const group = await createGroup(app, admin);
    await hostOf(group);
    const guest = await registerMember(app);
    expect((await as(guest, 'post', `/groups/${group.slug}/hosts/ask`, { question: 'Een eerste vraag.' })).status).toBe(
      201,
    );
    expectError(
      await as(guest, 'post', `/groups/${group.slug}/hosts/ask`, { question: 'Een tweede vraag.' }),
      409,
      'already_handled',
    );
    await joinGroup(app, guest, group.slug);
    expectError(
      await as(guest, 'post', `/groups/${group.slug}/hosts/ask`, { question: 'Nu als lid gevraagd.' }),
      409,
      'already_handled',
    );
    expect(
      (
        await sql<{ n: number }[]>(
          'SELECT count(*)::int AS n FROM host_question q JOIN support_group g ON g.id = q.group_id WHERE g.slug = $1',
          [group.slug],
        )
      )[0].n,
    ).toBe(1);
  });

  it('a newcomer member asks under their alias; a member past the first weeks and a host cannot ask', async () => {
    const group = await createGroup(app, admin);
    const host = await hostOf(group);
    const newcomer = await memberOf(group, 'Nieuwe Maan');
    expect(
      (await as(newcomer.member, 'post', `/groups/${group.slug}/hosts/ask`, { question: 'Hoe stel ik me voor?' }))
        .status,
    ).toBe(201);
    const [question] = (await as(host.member, 'get', `/groups/${group.slug}/hosts/questions`))
      .body as HostQuestionView[];
    expect(question.asker).toEqual({ kind: 'member', alias: 'Nieuwe Maan' });

    const longer = await memberOf(group);
    await sql(`UPDATE membership SET active_since = now() - interval '60 days' WHERE id = $1`, [
      longer.membership.memberId,
    ]);
    expect(((await as(longer.member, 'get', `/groups/${group.slug}/hosts/ask`)).body as HostAskStatus).state).toBe(
      'not_newcomer',
    );
    expectError(
      await as(longer.member, 'post', `/groups/${group.slug}/hosts/ask`, { question: 'Mag ik toch iets vragen?' }),
      403,
      'not_allowed',
    );
    expectError(
      await as(host.member, 'post', `/groups/${group.slug}/hosts/ask`, { question: 'Vraag aan mezelf?' }),
      403,
      'not_allowed',
    );
  });

  it('a host of another group, a member who is no host, and a removed host cannot see or answer the questions', async () => {
    const group = await createGroup(app, admin);
    const other = await createGroup(app, admin);
    const moderator = await memberOf(group);
    await makeModerator(app, moderator.membership);
    const host = await hostOf(group);
    const otherHost = await hostOf(other);
    const plain = await memberOf(group);
    const guest = await registerMember(app);
    await as(guest, 'post', `/groups/${group.slug}/hosts/ask`, { question: 'Wie leest mijn vraag?' });
    const [question] = (await as(host.member, 'get', `/groups/${group.slug}/hosts/questions`))
      .body as HostQuestionView[];

    expectError(await as(otherHost.member, 'get', `/groups/${group.slug}/hosts/questions`), 403, 'not_a_member');
    expect((await as(otherHost.member, 'get', `/groups/${other.slug}/hosts/questions`)).body).toEqual([]);
    expectError(
      await as(otherHost.member, 'post', `/groups/${other.slug}/hosts/questions/${question.id}/answer`, {
        answer: 'Hallo daar.',
      }),
      404,
      'not_found',
    );
    expectError(await as(plain.member, 'get', `/groups/${group.slug}/hosts/questions`), 403, 'forbidden');
    // Only a moderator removes a host, with a reason, in the audit log.
    expectError(
      await as(plain.member, 'delete', `/groups/${group.slug}/hosts/${host.membership.memberId}`, {
        reason: 'Weg ermee.',
      }),
      403,
      'forbidden',
    );
    const removed = await as(moderator.member, 'delete', `/groups/${group.slug}/hosts/${host.membership.memberId}`, {
      reason: 'Reageerde niet meer.',
    });
    expect(removed.status).toBe(204);
    expectError(await as(host.member, 'get', `/groups/${group.slug}/hosts/questions`), 403, 'forbidden');
    expectError(
      await as(host.member, 'post', `/groups/${group.slug}/hosts/questions/${question.id}/answer`, {
        answer: 'Toch nog.',
      }),
      403,
      'forbidden',
    );
    expectError(
      await as(moderator.member, 'delete', `/groups/${group.slug}/hosts/${host.membership.memberId}`, {
        reason: 'Nog eens.',
      }),
      404,
      'not_found',
    );
    const log = (await as(moderator.member, 'get', `/groups/${group.slug}/moderation/audit`)).body as AuditEntry[];
    expect(log.find((entry) => entry.action === 'host-remove')).toEqual(
      expect.objectContaining({
        reason: 'Reageerde niet meer.',
        target: expect.objectContaining({ member: expect.objectContaining({ memberId: host.membership.memberId }) }),
      }),
    );
  });

  it('limits how many groups one account asks in a day', async () => {
    const asker = await registerMember(app);
    const answers: number[] = [];
    for (let index = 0; index < 6; index += 1) {
      const group = await createGroup(app, admin);
      await hostOf(group);
      answers.push(
        (await as(asker, 'post', `/groups/${group.slug}/hosts/ask`, { question: `Vraag nummer ${index}.` })).status,
      );
    }
    expect(answers).toEqual([201, 201, 201, 201, 201, 429]);
  });

  it('a host who leaves is no host when they rejoin under the same alias; leaving and removal step them down in the audit log', async () => {
    const group = await createGroup(app, admin);
    const moderator = await memberOf(group);
    await makeModerator(app, moderator.membership);
    const host = await hostOf(group, 'Terugkeer');
    const guest = await registerMember(app);
    await as(guest, 'post', `/groups/${group.slug}/hosts/ask`, { question: 'Is er iemand?' });

    expect((await as(host.member, 'post', `/groups/${group.slug}/leave`, { erase: false })).status).toBe(204);
    const rejoined = await joinGroup(app, host.member, group.slug, { alias: 'Terugkeer' });
    expect(rejoined.memberId).toBe(host.membership.memberId);
    expectError(await as(host.member, 'get', `/groups/${group.slug}/hosts/questions`), 403, 'forbidden');
    const view = (await as(host.member, 'get', `/groups/${group.slug}/hosts`)).body as HostsView;
    expect(view).toMatchObject({ hosts: [], me: false });
    const log = (await as(moderator.member, 'get', `/groups/${group.slug}/moderation/audit`)).body as AuditEntry[];
    expect(
      log
        .filter((entry) => entry.action.startsWith('host-'))
        .map((entry) => [entry.action, entry.target.member?.memberId]),
    ).toEqual([
      ['host-step-down', host.membership.memberId],
      ['host-volunteer', host.membership.memberId],
    ]);

    // A moderator's removal from the group ends the host role too, once (the event may come again).
    const removed = await hostOf(group, 'Weggestuurd');
    const acted = await as(moderator.member, 'post', `/groups/${group.slug}/moderation/actions`, {
      action: 'remove',
      memberId: removed.membership.memberId,
      reason: 'Herhaaldelijk grensoverschrijdend.',
    });
    expect(acted.status).toBe(201);
    // Another process relays the same event here: nothing more happens.
    const [ended] = await sql<{ group_id: string; account_id: string }[]>(
      'SELECT group_id, account_id FROM membership WHERE id = $1',
      [removed.membership.memberId],
    );
    await app.app.get(DomainEvents).dispatch('membership.ended', {
      membershipId: removed.membership.memberId,
      groupId: ended.group_id,
      accountId: ended.account_id,
    });
    expect(await sql('SELECT 1 FROM group_host WHERE membership_id = $1', [removed.membership.memberId])).toEqual([]);
    const after = (await as(moderator.member, 'get', `/groups/${group.slug}/moderation/audit`)).body as AuditEntry[];
    expect(
      after.filter(
        (entry) => entry.action === 'host-step-down' && entry.target.member?.memberId === removed.membership.memberId,
      ),
    ).toHaveLength(1);
  });

  it('exports the answers a host wrote under their alias there, never the question they answered', async () => {
    const group = await createGroup(app, admin);
    const host = await hostOf(group, 'Open Haard');
    const asker = await registerMember(app);
    await as(asker, 'post', `/groups/${group.slug}/hosts/ask`, { question: 'Een vraag die van mij is.' });
    const [question] = (await as(host.member, 'get', `/groups/${group.slug}/hosts/questions`))
      .body as HostQuestionView[];
    await as(host.member, 'post', `/groups/${group.slug}/hosts/questions/${question.id}/answer`, {
      answer: 'Het antwoord van de gastheer.',
    });
    const exported = (await as(host.member, 'get', '/me/export')).body as MyDataExport;
    expect(exported.hostAnswers).toEqual([
      {
        group: { slug: group.slug, name: group.name },
        alias: 'Open Haard',
        answer: 'Het antwoord van de gastheer.',
        answeredAt: expect.any(String),
      },
    ]);
    expect(JSON.stringify(exported)).not.toContain('Een vraag die van mij is.');
    const page = await as(host.member, 'get', '/me/export.html');
    expect(page.text).toContain('Het antwoord van de gastheer.');
    expect(page.text).not.toContain('Een vraag die van mij is.');
    const asked = (await as(asker, 'get', '/me/export')).body as MyDataExport;
    expect(asked.hostAnswers).toEqual([]);
  });

  it('exports the asker’s own questions, not the host’s answer; erase and account deletion purge them', async () => {
    const group = await createGroup(app, admin);
    const never = await createGroup(app, admin);
    const host = await hostOf(group);
    const neverHost = await hostOf(never);
    const asker = await registerMember(app);
    await as(asker, 'post', `/groups/${group.slug}/hosts/ask`, { question: 'Eerste vraag als bezoeker.' });
    await as(asker, 'post', `/groups/${never.slug}/hosts/ask`, { question: 'Vraag aan een groep die ik nooit join.' });
    const [question] = (await as(host.member, 'get', `/groups/${group.slug}/hosts/questions`))
      .body as HostQuestionView[];
    await as(host.member, 'post', `/groups/${group.slug}/hosts/questions/${question.id}/answer`, {
      answer: 'Antwoord van de gastvrouw.',
    });
    const exported = (await as(asker, 'get', '/me/export')).body as MyDataExport;
    expect(exported.hostQuestions).toEqual([
      {
        group: { slug: group.slug, name: group.name },
        askedAs: 'guest',
        question: 'Eerste vraag als bezoeker.',
        askedAt: expect.any(String),
        answered: true,
      },
      {
        group: { slug: never.slug, name: never.name },
        askedAs: 'guest',
        question: 'Vraag aan een groep die ik nooit join.',
        askedAt: expect.any(String),
        answered: false,
      },
    ]);
    expect(JSON.stringify(exported)).not.toContain('Antwoord van de gastvrouw.');

    // Leaving with erase removes the question asked in that group, as a guest before joining too.
    const questionsOf = (slug: string) =>
      sql<{ question: string; answer: string | null }[]>(
        `SELECT q.question, q.answer FROM host_question q JOIN support_group g ON g.id = q.group_id
          WHERE g.slug = $1 ORDER BY q.created_at`,
        [slug],
      );
    await joinGroup(app, asker, group.slug);
    expect((await as(asker, 'post', `/groups/${group.slug}/leave`, { erase: true })).status).toBe(204);
    expect(await questionsOf(group.slug)).toEqual([]);

    // Deleting the account removes the question asked in a group never joined.
    const other = await registerMember(app);
    await as(other, 'post', `/groups/${never.slug}/hosts/ask`, { question: 'Nog een bezoeker.' });
    const deleted = await as(asker, 'delete', '/me', { password: asker.password });
    expect(deleted.status).toBe(204);
    expect(await questionsOf(never.slug)).toEqual([{ question: 'Nog een bezoeker.', answer: null }]);

    // A host's erase empties the answers they gave; the asker's question stays theirs.
    const [open] = (await as(neverHost.member, 'get', `/groups/${never.slug}/hosts/questions`))
      .body as HostQuestionView[];
    await as(neverHost.member, 'post', `/groups/${never.slug}/hosts/questions/${open.id}/answer`, {
      answer: 'Een antwoord.',
    });
    expect(await questionsOf(never.slug)).toEqual([{ question: 'Nog een bezoeker.', answer: 'Een antwoord.' }]);
    expect((await as(neverHost.member, 'post', `/groups/${never.slug}/leave`, { erase: true })).status).toBe(204);
    expect(await questionsOf(never.slug)).toEqual([{ question: 'Nog een bezoeker.', answer: null }]);
  });
  describe('safety: crisis language and a group without hosts', () => {
    async function queue(who: TestMember, slug: string): Promise<QueueEntry[]> {
      const response = await as(who, 'get', `/groups/${slug}/moderation/queue`);
      expect(response.status).toBe(200);
      return response.body as QueueEntry[];
    }

    async function inbox(who: TestMember, slug: string): Promise<HostQuestionView[]> {
      const response = await as(who, 'get', `/groups/${slug}/hosts/questions`);
      expect(response.status).toBe(200);
      return response.body as HostQuestionView[];
    }

    const casesOf = async (slug: string) =>
      (
        await sql<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM moderation_case c JOIN support_group g ON g.id = c.group_id WHERE g.slug = $1`,
          [slug],
        )
      )[0].n;

    /** A Dutch group with a moderator online (connected to the chat) and one host. */
    async function watchedGroup() {
      const group = await createGroup(app, admin, { locale: 'nl' });
      const moderator = await memberOf(group, 'Waakzaam');
      await makeModerator(app, moderator.membership);
      const socket = await connectChat(app, moderator.member);
      const host = await hostOf(group, 'Open Armen');
      return { group, moderator, socket, host };
    }

    it('refuses a question to a group with no active host with `no_hosts`, and stores nothing', async () => {
      const group = await createGroup(app, admin);
      const guest = await registerMember(app);
      expect(((await as(guest, 'get', `/groups/${group.slug}/hosts/ask`)).body as HostAskStatus).hosts).toBe(0);
      const refused = expectError(
        await as(guest, 'post', `/groups/${group.slug}/hosts/ask`, { question: 'Is hier iemand die antwoordt?' }),
        409,
        'no_hosts',
      );
      expect(refused.message).toMatch(/no host/);

      // A host who stepped down leaves none: refused again; once one volunteers, the same guest may ask.
      const host = await hostOf(group);
      await as(host.member, 'delete', `/groups/${group.slug}/hosts/me`);
      const newcomer = await memberOf(group);
      expectError(
        await as(newcomer.member, 'post', `/groups/${group.slug}/hosts/ask`, { question: 'Iemand daar?' }),
        409,
        'no_hosts',
      );
      expect(
        await sql('SELECT 1 FROM host_question q JOIN support_group g ON g.id = q.group_id WHERE g.slug = $1', [
          group.slug,
        ]),
      ).toEqual([]);
      await hostOf(group);
      expect(
        (await as(guest, 'post', `/groups/${group.slug}/hosts/ask`, { question: 'Is hier iemand die antwoordt?' }))
          .status,
      ).toBe(201);
    });

    it('gives a member who asks in crisis language the lines at once and raises a crisis case to the online moderator', async () => {
      const { group, moderator, socket, host } = await watchedGroup();
      const newcomer = await memberOf(group, 'Nieuw Hier');
      const live = waitForEvent<{ group: string; entry: QueueEntry }>(socket, 'mod:queue');

      const asked = await as(newcomer.member, 'post', `/groups/${group.slug}/hosts/ask`, {
        question: CRISIS_QUESTION,
      });

      expect(asked.status).toBe(201);
      const body = asked.body as AskedHostQuestion;
      expect(body.question).toBe(CRISIS_QUESTION);
      expect(body.crisis?.lines.map((line) => line.phone)).toEqual(DUTCH_CRISIS_PHONES);
      expect(body.crisisStatus).toEqual({ caseId: expect.any(String), state: 'notified' });
      const event = await live;
      expect(event).toMatchObject({
        group: group.slug,
        entry: {
          id: body.crisisStatus!.caseId,
          kind: 'crisis',
          subject: { memberId: newcomer.membership.memberId, alias: 'Nieuw Hier' },
        },
      });
      const [top] = await queue(moderator.member, group.slug);
      expect(top).toMatchObject({ id: body.crisisStatus!.caseId, kind: 'crisis' });
      const told = (await as(newcomer.member, 'get', `/groups/${group.slug}/notices`)).body as Notice[];
      // Their words were read: not "you asked for someone".
      expect(told[0]).toMatchObject({ kind: 'crisis', text: { code: 'notice.crisisWords' } });
      expect(told[0].crisisLines?.lines.map((line) => line.phone)).toEqual(DUTCH_CRISIS_PHONES);
      // The host sees the question marked.
      expect((await inbox(host.member, group.slug))[0]).toMatchObject({
        asker: { kind: 'member', alias: 'Nieuw Hier' },
        possibleCrisis: true,
      });
    });

    it('tells a member with nobody online that nobody is on duty, never that someone knows', async () => {
      const group = await createGroup(app, admin, { locale: 'nl' });
      await hostOf(group);
      const newcomer = await memberOf(group);
      const body = (await as(newcomer.member, 'post', `/groups/${group.slug}/hosts/ask`, { question: CRISIS_QUESTION }))
        .body as AskedHostQuestion;
      expect(body.crisis?.lines.map((line) => line.phone)).toEqual(DUTCH_CRISIS_PHONES);
      expect(body.crisisStatus).toEqual({ caseId: expect.any(String), state: 'nobody_on_duty' });
      expect(await casesOf(group.slug)).toBe(1);
    });

    it('gives a guest who asks in crisis language the lines at once, and marks the question for the hosts', async () => {
      const { group, moderator, host } = await watchedGroup();
      const guest = await registerMember(app);

      const asked = await as(guest, 'post', `/groups/${group.slug}/hosts/ask`, { question: CRISIS_QUESTION });

      expect(asked.status).toBe(201);
      const body = asked.body as AskedHostQuestion;
      expect(body.crisis?.lines.map((line) => line.phone)).toEqual(DUTCH_CRISIS_PHONES);
      // No membership a case could be about: nobody is said to know.
      expect(body).not.toHaveProperty('crisisStatus');
      expect(await queue(moderator.member, group.slug)).toEqual([]);
      const [question] = await inbox(host.member, group.slug);
      expect(question).toMatchObject({ asker: { kind: 'guest', number: 1 }, possibleCrisis: true });
      // Unanswered questions in crisis language come first.
      const calm = await registerMember(app);
      await as(calm, 'post', `/groups/${group.slug}/hosts/ask`, { question: 'Hoe laat zijn de sessies?' });
      expect((await inbox(host.member, group.slug)).map((entry) => entry.possibleCrisis)).toEqual([true, false]);
    });

    it('gives a host whose answer is in crisis language the lines and raises a crisis case about them', async () => {
      const { group, moderator, host } = await watchedGroup();
      const guest = await registerMember(app);
      await as(guest, 'post', `/groups/${group.slug}/hosts/ask`, { question: 'Hoe gaat een eerste avond?' });
      const [question] = await inbox(host.member, group.slug);

      const answered = await as(host.member, 'post', `/groups/${group.slug}/hosts/questions/${question.id}/answer`, {
        answer: 'Eerlijk gezegd wil ik zelf ook niet meer leven. Ik ga vannacht een einde aan mijn leven maken.',
      });

      expect(answered.status).toBe(200);
      const body = answered.body as AnsweredHostQuestion;
      expect(body).toMatchObject({ id: question.id, possibleCrisis: false, answeredBy: 'Open Armen' });
      expect(body.crisis?.lines.map((line) => line.phone)).toEqual(DUTCH_CRISIS_PHONES);
      expect(body.crisisStatus).toEqual({ caseId: expect.any(String), state: 'notified' });
      expect((await queue(moderator.member, group.slug))[0]).toMatchObject({
        id: body.crisisStatus!.caseId,
        kind: 'crisis',
        subject: { memberId: host.membership.memberId, alias: 'Open Armen' },
      });
    });

    it('stays quiet for everyday words and a host who points to the crisis lines', async () => {
      const { group, moderator, host } = await watchedGroup();
      const newcomer = await memberOf(group);
      const asked = await as(newcomer.member, 'post', `/groups/${group.slug}/hosts/ask`, {
        question: 'Ik ga dood van de zenuwen voor de eerste bijeenkomst. Is dat normaal?',
      });
      expect(asked.status).toBe(201);
      expect(asked.body).not.toHaveProperty('crisis');
      expect(asked.body).not.toHaveProperty('crisisStatus');
      const [question] = await inbox(host.member, group.slug);
      expect(question.possibleCrisis).toBe(false);
      const answered = await as(host.member, 'post', `/groups/${group.slug}/hosts/questions/${question.id}/answer`, {
        answer: 'Heel normaal. Wil je niet meer leven? Bel 113, ze luisteren dag en nacht.',
      });
      expect(answered.status).toBe(200);
      expect(answered.body).not.toHaveProperty('crisis');
      expect(await queue(moderator.member, group.slug)).toEqual([]);
      expect(await casesOf(group.slug)).toBe(0);
    });

    it('applies the group’s watched words and the privacy guard, as to a post', async () => {
      const { group, moderator, host } = await watchedGroup();
      for (const [phrase, action] of [
        ['verboden woord', 'block'],
        ['alles opgeven', 'crisis'],
      ]) {
        expect(
          (await as(moderator.member, 'post', `/groups/${group.slug}/watched-words`, { phrase, action })).status,
        ).toBe(201);
      }
      const guest = await registerMember(app);
      expectError(
        await as(guest, 'post', `/groups/${group.slug}/hosts/ask`, { question: 'Mag ik een verboden woord zeggen?' }),
        400,
        'blocked_content',
      );
      const identifying = expectError(
        await as(guest, 'post', `/groups/${group.slug}/hosts/ask`, { question: 'Bel me op 0470 12 34 56 aub.' }),
        400,
        'identifying_details',
      );
      // The refusal names the form's own field, so the page can say where.
      expect(identifying.details?.map((detail) => detail.field)).toEqual(['question']);
      const asked = await as(guest, 'post', `/groups/${group.slug}/hosts/ask`, {
        question: 'Ik wil alles opgeven, heeft dat zin?',
      });
      expect(asked.status).toBe(201);
      expect((asked.body as AskedHostQuestion).crisis?.lines.map((line) => line.phone)).toEqual(DUTCH_CRISIS_PHONES);
      const [question] = await inbox(host.member, group.slug);
      expect(question.possibleCrisis).toBe(true);
      const inAnswer = expectError(
        await as(host.member, 'post', `/groups/${group.slug}/hosts/questions/${question.id}/answer`, {
          answer: 'Mail me op iemand@example.org.',
        }),
        400,
        'identifying_details',
      );
      expect(inAnswer.details?.map((detail) => detail.field)).toEqual(['answer']);
    });
  });
});
