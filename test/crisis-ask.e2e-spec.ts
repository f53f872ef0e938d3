import { describe, expect, it } from '@jest/globals';
import type {
  AskedForPerson,
  CrisisAuditEntry,
  CrisisCaseEvent,
  CrisisDeskEntry,
  CrisisStatusEvent,
} from '../src/contracts/crisis.js';
import type { ChatMessage, RoomRef } from '../src/contracts/chat.js';
import type { Notice } from '../src/contracts/moderation.js';
import type { SupportChatView } from '../src/contracts/support-chats.js';
import type { TestMember } from './support/accounts.js';
import { as, crisisSuite, DUTCH_CRISIS_PHONES, groupWithoutModerator, setDuty } from './support/crisis.js';
import { expectError, fieldMessage } from './support/errors.js';
import { joinGroup } from './support/groups.js';
import { call, collect, eventually, joinRoom, sendMessage, waitForEvent } from './support/sockets.js';

/** "I want to talk to someone now": a member asks for a person without depending on the detector (issue 12). */
describe('asking for a person (issue 12)', () => {
  const { app, admin, onDuty, responder, sql } = crisisSuite();

  const ask = (who: TestMember | null, slug: string, body: object = {}) =>
    as(app, who, 'post', `/api/groups/${slug}/crisis/ask`, body);

  it('brings the request of a member of a group without moderators to an on-duty responder within 5 s, under that group’s alias only, and tells the member volunteers are notified', async () => {
    const volunteer = await responder();
    const { group, members } = await groupWithoutModerator(app, admin);
    const [anna] = members;
    // Anna's alias elsewhere must never reach the desk.
    const elsewhere = await groupWithoutModerator(app, admin);
    const otherAlias = (await joinGroup(app, anna.member, elsewhere.group.slug, { alias: 'Anders Genoemd' })).alias;
    const live = waitForEvent<CrisisCaseEvent>(volunteer.socket, 'crisis:case', 5000);
    const notice = waitForEvent<{ notice: Notice }>(anna.socket, 'notice');

    const started = Date.now();
    const response = await ask(anna.member, group.slug, { note: '  Ik kan niet slapen en het wordt te veel.  ' });
    const event = await live;

    expect(Date.now() - started).toBeLessThan(5000);
    expect(response.status).toBe(200);
    const answer = response.body as AskedForPerson;
    expect(answer).toMatchObject({ caseId: event.entry.id, state: 'notified', created: true });
    expect(answer.crisis.lines.map((line) => line.phone)).toEqual(DUTCH_CRISIS_PHONES);
    // The lines follow the group; the sentence above them is a code, said in each reader's language.
    expect(answer.crisis.introText).toEqual({ code: 'crisis.help' });
    expect(event).toMatchObject({
      reason: 'raised',
      entry: {
        group: { slug: group.slug },
        member: { memberId: anna.membership.memberId, alias: anna.membership.alias },
        target: null,
        excerpt: null,
        asked: { note: 'Ik kan niet slapen en het wordt te veel.' },
        stage: 'responders',
        memberState: 'notified',
        claimedBy: null,
      },
    });
    expect(JSON.stringify(event)).not.toContain(otherAlias);
    const desk = (await as(app, volunteer.member, 'get', '/api/crisis/desk')).body as CrisisDeskEntry[];
    const onDesk = desk.find((entry) => entry.id === answer.caseId);
    expect(onDesk).toMatchObject({ asked: { note: 'Ik kan niet slapen en het wordt te veel.' } });
    expect(JSON.stringify(onDesk)).not.toContain(otherAlias);
    expect((await notice).notice.crisisLines?.lines.map((line) => line.phone)).toEqual(DUTCH_CRISIS_PHONES);
    expect((await notice).notice.crisisLines?.introText).toEqual({ code: 'crisis.help' });

    // Audited as a member's request: no note, no alias.
    const audit = (await as(app, admin, 'get', '/api/admin/crisis/audit')).body as CrisisAuditEntry[];
    const asked = audit.find(
      (entry) => entry.target && 'caseId' in entry.target && entry.target.caseId === answer.caseId,
    );
    expect(asked).toMatchObject({ action: 'case-asked', actor: { member: expect.any(String) } });
    expect(JSON.stringify(asked)).not.toMatch(/slapen|te veel/);
    expect(JSON.stringify(asked)).not.toContain(anna.membership.alias);
  });

  it('tells the member, with nobody on duty, to call a crisis line now; a responder’s claim changes it live; pressing again returns the same case', async () => {
    const volunteer = await responder({ onDuty: false });
    const { group, members } = await groupWithoutModerator(app, admin);
    const [anna] = members;

    const first = await ask(anna.member, group.slug);
    expect(first.status).toBe(200);
    const answer = first.body as AskedForPerson;
    expect(answer).toMatchObject({ state: 'nobody_on_duty', created: true });
    expect(answer.crisis.lines.map((line) => line.phone)).toEqual(DUTCH_CRISIS_PHONES);

    const again = await ask(anna.member, group.slug, { note: 'Nog steeds.' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ caseId: answer.caseId, state: 'nobody_on_duty', created: false });
    expect(
      await sql<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM moderation_case WHERE kind = 'crisis' AND subject_membership_id = $1`,
        [anna.membership.memberId],
      ),
    ).toEqual([{ n: 1 }]);

    const notified = waitForEvent<CrisisStatusEvent>(anna.socket, 'crisis:status');
    await setDuty(app, volunteer.member, true);
    onDuty.push(volunteer.member);
    expect(await notified).toEqual({ group: group.slug, caseId: answer.caseId, state: 'notified' });

    const claimedLive = waitForEvent<CrisisStatusEvent>(anna.socket, 'crisis:status');
    const claimed = await as(app, volunteer.member, 'post', `/api/crisis/desk/${answer.caseId}/claim`);
    expect(claimed.status).toBe(200);
    expect(await claimedLive).toEqual({ group: group.slug, caseId: answer.caseId, state: 'claimed' });
    expect((await ask(anna.member, group.slug)).body).toMatchObject({ caseId: answer.caseId, state: 'claimed' });

    // Once resolved, asking again opens a new case.
    const resolved = await as(app, volunteer.member, 'post', `/api/crisis/desk/${answer.caseId}/resolve`, {
      resolution: 'Gesproken; ze belt morgen haar huisarts.',
    });
    expect(resolved.status).toBe(200);
    const next = (await ask(anna.member, group.slug)).body as AskedForPerson;
    expect(next.created).toBe(true);
    expect(next.caseId).not.toBe(answer.caseId);
  });

  it('empties the note when the member leaves with erase', async () => {
    const { group, members } = await groupWithoutModerator(app, admin);
    const [anna] = members;
    const answer = (await ask(anna.member, group.slug, { note: 'Alleen voor de vrijwilliger.' }))
      .body as AskedForPerson;
    expect(await sql(`SELECT note FROM crisis_ask WHERE case_id = $1`, [answer.caseId])).toEqual([
      { note: 'Alleen voor de vrijwilliger.' },
    ]);

    const left = await as(app, anna.member, 'post', `/api/groups/${group.slug}/leave`, { erase: true });
    expect(left.status).toBeLessThan(300);

    expect(await sql(`SELECT note FROM crisis_ask WHERE case_id = $1`, [answer.caseId])).toEqual([{ note: null }]);
  });

  it('refuses a member of another group, a guest, a forged token and a note that is too long', async () => {
    const { group, members } = await groupWithoutModerator(app, admin);
    const [anna] = members;
    const other = await groupWithoutModerator(app, admin);
    const outsider = other.members[0];

    expectError(await ask(outsider.member, group.slug), 403, 'not_a_member');
    expectError(await ask(null, group.slug), 401, 'unauthorized');
    const forged = { ...anna.member, bearer: `Bearer ${anna.member.tokens.accessToken.slice(0, -4)}AAAA` };
    expectError(await ask(forged, group.slug), 401, 'unauthorized');
    fieldMessage(
      expectError(await ask(anna.member, group.slug, { note: 'x'.repeat(501) }), 400, 'validation_failed'),
      'note',
    );
    expectError(await ask(anna.member, 'no-such-group-here'), 404, 'not_found');

    expect(
      await sql<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM moderation_case WHERE group_id = (SELECT id FROM support_group WHERE slug = $1)`,
        [group.slug],
      ),
    ).toEqual([{ n: 0 }]);
  });

  it('lets a suspended member, and one who has not yet re-accepted a changed pledge, still reach a person; a removed member cannot', async () => {
    const volunteer = await responder();
    const { group, members } = await groupWithoutModerator(app, admin, 3);
    const [suspended, pledgePending, removed] = members;
    await sql(`UPDATE membership SET suspended_until = now() + interval '3 days' WHERE id = $1`, [
      suspended.membership.memberId,
    ]);
    // A suspension still keeps the group's content closed to her; only the way to a person stays open.
    expectError(await as(app, suspended.member, 'get', `/api/groups/${group.slug}/threads`), 403, 'suspended');
    const suspendedAsk = await ask(suspended.member, group.slug, { note: 'Ik ben geschorst maar het gaat niet.' });
    expect(suspendedAsk.status).toBe(200);
    const suspendedCase = (suspendedAsk.body as AskedForPerson).caseId;

    await sql(`UPDATE support_group SET pledge_version = pledge_version + 1 WHERE slug = $1`, [group.slug]);
    expectError(
      await as(app, pledgePending.member, 'get', `/api/groups/${group.slug}/threads`),
      403,
      'pledge_required',
    );
    const pledgeAsk = await ask(pledgePending.member, group.slug);
    expect(pledgeAsk.status).toBe(200);

    await sql(`UPDATE membership SET status = 'removed' WHERE id = $1`, [removed.membership.memberId]);
    expectError(await ask(removed.member, group.slug), 403, 'not_a_member');

    const desk = (await as(app, volunteer.member, 'get', '/api/crisis/desk')).body as CrisisDeskEntry[];
    const deskIds = desk.map((entry) => entry.id);
    expect(deskIds).toEqual(expect.arrayContaining([suspendedCase, (pledgeAsk.body as AskedForPerson).caseId]));
  });

  it('lets a suspended member reach the support conversation a responder offers her: the offer, accepting, its room; the group stays closed', async () => {
    const volunteer = await responder();
    const { group, members } = await groupWithoutModerator(app, admin);
    const [anna] = members;
    await sql(`UPDATE membership SET suspended_until = now() + interval '3 days' WHERE id = $1`, [
      anna.membership.memberId,
    ]);
    const asked = await ask(anna.member, group.slug, { note: 'Ik ben geschorst maar ik wil iemand spreken.' });
    expect(asked.status).toBe(200);
    const { caseId } = asked.body as AskedForPerson;
    expect((await as(app, volunteer.member, 'post', `/api/crisis/desk/${caseId}/claim`)).status).toBe(200);

    const base = `/api/groups/${group.slug}/support-chats`;
    const offered = await as(app, volunteer.member, 'post', base, { caseId });
    expect(offered.status).toBe(201);
    const offer = offered.body as SupportChatView;
    const listed = await as(app, anna.member, 'get', base);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([{ ...offer, role: 'member' }]);
    const accepted = await as(app, anna.member, 'post', `${base}/${offer.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ id: offer.id, status: 'active', role: 'member' });

    const room: RoomRef = { group: group.slug, support: offer.id };
    expect((await joinRoom(anna.socket, room)).room).toMatchObject({ memberId: anna.membership.memberId });
    await joinRoom(volunteer.socket, room);
    const toAnna = collect<ChatMessage>(anna.socket, 'message:new');
    const toVolunteer = collect<ChatMessage>(volunteer.socket, 'message:new');
    await sendMessage(volunteer.socket, room, 'Ik ben er. Vertel maar wat er speelt.');
    await sendMessage(anna.socket, room, 'Dank je dat je er bent.');
    await eventually(() => toAnna.length >= 2 && toVolunteer.length >= 2, 10_000, 'both messages on both sides');
    for (const received of [toAnna, toVolunteer]) {
      expect(received.map((message) => [message.seq, message.body])).toEqual([
        [1, 'Ik ben er. Vertel maar wat er speelt.'],
        [2, 'Dank je dat je er bent.'],
      ]);
    }

    // Only the way to a person is open: the group's content stays closed to her.
    expectError(await as(app, anna.member, 'get', `/api/groups/${group.slug}/threads`), 403, 'suspended');
    expect(await call(anna.socket, 'room:join', { group: group.slug })).toMatchObject({
      ok: false,
      error: { code: 'suspended' },
    });
  });

  it('limits how many new requests one member can make', async () => {
    const volunteer = await responder();
    const { group, members } = await groupWithoutModerator(app, admin);
    const [anna] = members;
    for (let i = 0; i < 5; i++) {
      const answer = (await ask(anna.member, group.slug)).body as AskedForPerson;
      expect(answer.created).toBe(true);
      await as(app, volunteer.member, 'post', `/api/crisis/desk/${answer.caseId}/resolve`, {
        resolution: 'Gesproken; het gaat weer.',
      });
    }
    expectError(await ask(anna.member, group.slug), 429, 'rate_limited');
  });
});
