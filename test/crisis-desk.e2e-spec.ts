import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type {
  CrisisAuditEntry,
  CrisisCaseContext,
  CrisisCaseEvent,
  CrisisCoverage,
  CrisisDeskEntry,
  CrisisStatusEvent,
} from '../src/contracts/crisis.js';
import type { Notice } from '../src/contracts/moderation.js';
import { CrisisEscalation } from '../src/crisis/crisis-escalation.service.js';
import { CLOSED_ON_ERASE } from '../src/crisis/crisis-purge.js';
import { registerMember, type TestMember } from './support/accounts.js';
import {
  as,
  CRISIS_TEXT,
  crisisSuite,
  DUTCH_CRISIS_PHONES,
  groupWithoutModerator,
  personIn,
  sendCrisis,
  setDuty,
} from './support/crisis.js';
import { accountId } from './support/database-rows.js';
import { expectError } from './support/errors.js';
import { createGroup, joinGroup, registerAdmin } from './support/groups.js';
import { collect, eventually, sendMessage, waitForEvent } from './support/sockets.js';

describe('the crisis desk: an alert that always reaches a person (issue 12)', () => {
  const { app, admin, onDuty, responder, sql } = crisisSuite();

  async function desk(who: TestMember): Promise<CrisisDeskEntry[]> {
    const response = await as(app, who, 'get', '/api/crisis/desk');
    expect(response.status).toBe(200);
    return response.body as CrisisDeskEntry[];
  }

  it('brings a crisis message in a group without any moderator to an on-duty responder’s socket within 5 s, and tells its author that volunteers are notified', async () => {
    const volunteer = await responder();
    const { group, ref, members } = await groupWithoutModerator(app, admin);
    const [anna] = members;
    const live = waitForEvent<CrisisCaseEvent>(volunteer.socket, 'crisis:case', 5000);

    const started = Date.now();
    const answer = await sendCrisis(anna.socket, ref);
    const event = await live;

    expect(Date.now() - started).toBeLessThan(5000);
    expect(answer.crisis?.lines.map((line) => line.phone)).toEqual(DUTCH_CRISIS_PHONES);
    expect(answer.crisisStatus).toEqual({ caseId: event.entry.id, state: 'notified' });
    expect(event).toMatchObject({
      reason: 'raised',
      entry: {
        group: { slug: group.slug, name: group.name },
        member: { memberId: anna.membership.memberId, alias: anna.membership.alias },
        target: { kind: 'message', id: answer.message.id },
        stage: 'responders',
        memberState: 'notified',
        claimedBy: null,
        mine: false,
      },
    });
    expect((await desk(volunteer.member)).map((entry) => entry.id)).toContain(event.entry.id);
  });

  it('tells the author, with nobody on duty, to call a crisis line now, and never that the moderators know', async () => {
    await responder({ onDuty: false });
    const { ref, members } = await groupWithoutModerator(app, admin);
    const [anna] = members;
    const notice = waitForEvent<{ notice: Notice }>(anna.socket, 'notice');

    const answer = await sendCrisis(anna.socket, ref);

    expect(answer.crisisStatus).toEqual({ caseId: expect.any(String), state: 'nobody_on_duty' });
    expect(answer.crisis?.lines.map((line) => line.phone)).toEqual(DUTCH_CRISIS_PHONES);
    const told = (await notice).notice;
    expect(told.crisisLines?.lines.map((line) => line.phone)).toEqual(DUTCH_CRISIS_PHONES);
    expect(told.message).not.toMatch(/moderat/i);
  });

  it('tells the author live when a responder claims their case from the desk, and when one comes on duty', async () => {
    const volunteer = await responder({ onDuty: false });
    const { ref, members } = await groupWithoutModerator(app, admin);
    const [anna] = members;
    const answer = await sendCrisis(anna.socket, ref);
    expect(answer.crisisStatus?.state).toBe('nobody_on_duty');
    const caseId = answer.crisisStatus!.caseId;

    const backOnDuty = waitForEvent<CrisisStatusEvent>(anna.socket, 'crisis:status');
    await setDuty(app, volunteer.member, true);
    onDuty.push(volunteer.member);
    expect(await backOnDuty).toEqual({ group: ref.group, caseId, state: 'notified' });

    const claimedLive = waitForEvent<CrisisStatusEvent>(anna.socket, 'crisis:status');
    const claimed = await as(app, volunteer.member, 'post', `/api/crisis/desk/${caseId}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({
      id: caseId,
      claimedBy: { kind: 'responder', name: volunteer.view.name },
      mine: true,
    });
    expect(await claimedLive).toEqual({ group: ref.group, caseId, state: 'claimed' });

    // A second volunteer cannot take it over.
    const other = await responder();
    expectError(await as(app, other.member, 'post', `/api/crisis/desk/${caseId}/claim`), 409, 'already_handled');
  });

  it('answers a crisis thread in the forum with the same status, and gives the desk its title and opening post', async () => {
    const volunteer = await responder();
    const { ref, members } = await groupWithoutModerator(app, admin);
    const [anna] = members;
    const live = waitForEvent<CrisisCaseEvent>(volunteer.socket, 'crisis:case');

    const created = await as(app, anna.member, 'post', `/api/groups/${ref.group}/threads`, {
      title: 'Het wordt me te veel',
      body: CRISIS_TEXT,
    });

    expect(created.status).toBe(201);
    const body = created.body as { crisis?: { lines: { phone?: string }[] }; crisisStatus?: { caseId: string } };
    expect(body.crisis?.lines.map((line) => line.phone)).toEqual(DUTCH_CRISIS_PHONES);
    expect(body.crisisStatus).toEqual({ caseId: expect.any(String), state: 'notified' });
    expect((await live).entry).toMatchObject({ id: body.crisisStatus!.caseId, target: { kind: 'thread' } });
    const context = (await as(app, volunteer.member, 'get', `/api/crisis/desk/${body.crisisStatus!.caseId}/context`))
      .body as CrisisCaseContext;
    expect(context).toMatchObject({
      kind: 'forum',
      title: 'Het wordt me te veel',
      lines: [{ alias: anna.membership.alias, body: CRISIS_TEXT, flagged: true }],
    });
  });

  it('lists open cases unclaimed first and oldest first, and audits every opening of a case’s context and every claim', async () => {
    const volunteer = await responder();
    const { ref, members } = await groupWithoutModerator(app, admin, 2);
    const [anna, bram] = members;
    await sendMessage(bram.socket, ref, 'Hoe was jullie dag?');
    await sendMessage(anna.socket, ref, 'Zwaar. Ik kan niet meer.');
    const first = (await sendCrisis(anna.socket, ref)).crisisStatus!.caseId;
    const second = (await sendCrisis(bram.socket, ref, 'Ik wil dood, echt.')).crisisStatus!.caseId;
    await as(app, volunteer.member, 'post', `/api/crisis/desk/${second}/claim`).expect(200);

    const ids = (await desk(volunteer.member)).map((entry) => entry.id);
    expect(ids.indexOf(first)).toBeLessThan(ids.indexOf(second));

    const opened = await as(app, volunteer.member, 'get', `/api/crisis/desk/${first}/context`);
    expect(opened.status).toBe(200);
    const context = opened.body as CrisisCaseContext;
    expect(context.kind).toBe('chat');
    expect(context.lines.map((line) => [line.alias, line.body, line.flagged])).toEqual([
      [bram.membership.alias, 'Hoe was jullie dag?', false],
      [anna.membership.alias, 'Zwaar. Ik kan niet meer.', false],
      [anna.membership.alias, CRISIS_TEXT, true],
    ]);

    const audit = await as(app, admin, 'get', '/api/admin/crisis/audit');
    expect(audit.status).toBe(200);
    const entries = audit.body as { action: string; actor: object; target: object | null }[];
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'context-opened',
          actor: { responder: volunteer.view.name },
          target: { caseId: first, group: ref.group },
        }),
        expect.objectContaining({
          action: 'case-claimed',
          actor: { responder: volunteer.view.name },
          target: { caseId: second, group: ref.group },
        }),
        expect.objectContaining({
          action: 'responder-appointed',
          actor: { admin: true, adminId: expect.any(String) },
          target: { responder: volunteer.view.name },
        }),
      ]),
    );
  });

  it('audits a moderator’s claim of a group queue entry in the group’s audit log', async () => {
    const group = await createGroup(app, admin, { locale: 'nl' });
    const ref = { group: group.slug };
    const moderator = await personIn(app, group, ref);
    await as(app, admin, 'post', `/api/groups/${group.slug}/moderators`, {
      memberId: moderator.membership.memberId,
    }).expect(204);
    const anna = await personIn(app, group, ref);
    const caseId = (await sendCrisis(anna.socket, ref)).crisisStatus!.caseId;
    const claimedLive = waitForEvent<CrisisStatusEvent>(anna.socket, 'crisis:status');

    await as(app, moderator.member, 'post', `/api/groups/${group.slug}/moderation/queue/${caseId}/claim`).expect(200);

    expect(await claimedLive).toEqual({ group: group.slug, caseId, state: 'claimed' });
    const audit = await as(app, moderator.member, 'get', `/api/groups/${group.slug}/moderation/audit`);
    expect(audit.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'claim',
          moderator: { memberId: moderator.membership.memberId, alias: moderator.membership.alias },
        }),
      ]),
    );
  });

  it('counts a crisis case a moderator claimed through the group queue as claimed in the coverage’s longest waits', async () => {
    const group = await createGroup(app, admin, { locale: 'nl' });
    const ref = { group: group.slug };
    const moderator = await personIn(app, group, ref);
    await as(app, admin, 'post', `/api/groups/${group.slug}/moderators`, {
      memberId: moderator.membership.memberId,
    }).expect(204);
    const anna = await personIn(app, group, ref);
    const caseId = (await sendCrisis(anna.socket, ref)).crisisStatus!.caseId;
    await as(app, moderator.member, 'post', `/api/groups/${group.slug}/moderation/queue/${caseId}/claim`).expect(200);
    // Raised six days ago (still within the week coverage looks at), so it is among the longest waits.
    await sql(`UPDATE crisis_alert SET created_at = created_at - interval '6 days' WHERE case_id = $1`, [caseId]);

    const coverage = (await as(app, admin, 'get', '/api/admin/crisis/coverage').expect(200)).body as CrisisCoverage;

    const wait = coverage.longestWaits.find((entry) => entry.caseId === caseId);
    expect(wait).toMatchObject({ group: group.slug, claimed: true });
    expect(wait!.waitedSeconds).toBeGreaterThanOrEqual(6 * 86_400 - 5);
    expect(wait!.waitedSeconds).toBeLessThan(6 * 86_400 + 120);
  });

  it('names in the crisis audit log which admin appointed and revoked a responder and opened a case’s context', async () => {
    const otherAdmin = await registerAdmin(app);
    const volunteer = await responder({ onDuty: false });
    const { ref, members } = await groupWithoutModerator(app, admin);
    const caseId = (await sendCrisis(members[0].socket, ref)).crisisStatus!.caseId;
    await as(app, otherAdmin, 'get', `/api/crisis/desk/${caseId}/context`).expect(200);
    await as(app, otherAdmin, 'post', `/api/admin/crisis/responders/${volunteer.view.id}/revoke`, {
      reason: 'Gestopt als vrijwilliger.',
    }).expect(204);

    const audit = (await as(app, admin, 'get', '/api/admin/crisis/audit').expect(200)).body as CrisisAuditEntry[];
    const adminId = await accountId(app, admin.loginName);
    const otherAdminId = await accountId(app, otherAdmin.loginName);
    expect(adminId).toEqual(expect.any(String));
    const actorOf = (action: string, match: (entry: CrisisAuditEntry) => boolean) =>
      audit.find((entry) => entry.action === action && match(entry))?.actor;
    const names = (entry: CrisisAuditEntry, target: object) => JSON.stringify(entry.target) === JSON.stringify(target);
    expect(actorOf('responder-appointed', (entry) => names(entry, { responder: volunteer.view.name }))).toEqual({
      admin: true,
      adminId,
    });
    expect(actorOf('responder-revoked', (entry) => names(entry, { responder: volunteer.view.name }))).toEqual({
      admin: true,
      adminId: otherAdminId,
    });
    expect(actorOf('context-opened', (entry) => names(entry, { caseId, group: ref.group }))).toEqual({
      admin: true,
      adminId: otherAdminId,
    });
  });

  it('lets an admin appoint and revoke a responder with a reason; a revoked responder sees no desk and their claims go back to it', async () => {
    const volunteer = await responder({ onDuty: false });
    const { ref, members } = await groupWithoutModerator(app, admin);
    const [anna] = members;
    const caseId = (await sendCrisis(anna.socket, ref)).crisisStatus!.caseId;
    await as(app, volunteer.member, 'post', `/api/crisis/desk/${caseId}/claim`).expect(200);
    const listed = await as(app, admin, 'get', '/api/admin/crisis/responders');
    expect((listed.body as { id: string }[]).map((r) => r.id)).toContain(volunteer.view.id);
    expect(JSON.stringify(listed.body)).not.toContain(volunteer.member.loginName);

    expectError(
      await as(app, admin, 'post', `/api/admin/crisis/responders/${volunteer.view.id}/revoke`, {}),
      400,
      'validation_failed',
    );
    await as(app, admin, 'post', `/api/admin/crisis/responders/${volunteer.view.id}/revoke`, {
      reason: 'Stopt als vrijwilliger.',
    }).expect(204);

    expectError(await as(app, volunteer.member, 'get', '/api/crisis/desk'), 403, 'forbidden');
    const told = waitForEvent<CrisisStatusEvent>(anna.socket, 'crisis:status');
    await app.app.get(CrisisEscalation).tick();
    expect(await told).toEqual({ group: ref.group, caseId, state: 'nobody_on_duty' });
    expect((await desk(admin)).find((entry) => entry.id === caseId)).toMatchObject({ claimedBy: null });
    const audit = (await as(app, admin, 'get', '/api/admin/crisis/audit')).body as { action: string; reason: string }[];
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'responder-revoked', reason: 'Stopt als vrijwilliger.' }),
      ]),
    );
  });

  it('keeps a weekly rota in a stated timezone, and shows admins the hours nobody covers and groups without a moderator', async () => {
    const volunteer = await responder({ onDuty: false });
    const rota = await as(app, volunteer.member, 'put', '/api/crisis/rota', {
      timezone: 'Europe/Brussels',
      slots: [{ weekday: 1, from: 18, to: 22 }],
    });
    expect(rota.status).toBe(200);
    expect(rota.body).toMatchObject({
      responder: true,
      timezone: 'Europe/Brussels',
      rota: [{ weekday: 1, from: 18, to: 22 }],
    });
    expectError(
      await as(app, volunteer.member, 'put', '/api/crisis/rota', { timezone: 'Mars/Olympus', slots: [] }),
      400,
      'validation_failed',
    );
    expectError(
      await as(app, volunteer.member, 'put', '/api/crisis/rota', { slots: [{ weekday: 1, from: 22, to: 18 }] }),
      400,
      'validation_failed',
    );
    const { group } = await groupWithoutModerator(app, admin, 0);

    const response = await as(app, admin, 'get', '/api/admin/crisis/coverage');
    expect(response.status).toBe(200);
    const coverage = response.body as CrisisCoverage;
    expect(coverage.timezone).toBe('Europe/Brussels');
    expect(coverage.groupsWithoutModerator).toEqual(expect.arrayContaining([{ slug: group.slug, name: group.name }]));
    const uncovered = new Set(coverage.uncoveredHours.map(({ weekday, hour }) => `${weekday}:${hour}`));
    expect(uncovered.has('1:19')).toBe(false);
    expect(uncovered.has('1:22')).toBe(true);
    expect(uncovered.size).toBe(168 - 4);
    expect(coverage.longestWaits.length).toBeGreaterThan(0);
  });

  it('takes a member’s crisis cases off the desk, no longer linked to them, when they leave with erase or delete their account', async () => {
    const volunteer = await responder();
    const {
      group,
      ref,
      members: [leaver, deleter, stayer],
    } = await groupWithoutModerator(app, admin, 3);
    const leaverCase = (await sendCrisis(leaver.socket, ref)).crisisStatus!.caseId;
    const deleterCase = (await sendCrisis(deleter.socket, ref)).crisisStatus!.caseId;
    const stayerCase = (await sendCrisis(stayer.socket, ref)).crisisStatus!.caseId;
    await as(app, volunteer.member, 'post', `/api/crisis/desk/${deleterCase}/claim`).expect(200);

    await as(app, leaver.member, 'post', `/api/groups/${group.slug}/leave`, { erase: true }).expect(204);
    await app.http
      .delete('/api/me')
      .set('Authorization', deleter.member.bearer)
      .send({ password: deleter.member.password })
      .expect(204);

    const open = (await desk(volunteer.member)).map((entry) => entry.id);
    expect(open).toContain(stayerCase);
    expect(open).not.toContain(leaverCase);
    expect(open).not.toContain(deleterCase);
    // Not re-announced either: the escalation rounds only look at open cases.
    await app.app.get(CrisisEscalation).tick();
    expect((await desk(volunteer.member)).map((entry) => entry.id)).not.toContain(leaverCase);
    // The audit keeps the case, its group and who claimed it; nothing says whose it was.
    const rows = await sql<{ id: string; subject: string | null; resolution: string | null; claimed: string | null }[]>(
      `SELECT id, subject_membership_id AS subject, resolution, claimed_by_responder_id AS claimed
         FROM moderation_case WHERE id = ANY($1::uuid[]) AND resolved_at IS NOT NULL ORDER BY id`,
      [[leaverCase, deleterCase]],
    );
    expect(rows).toEqual(
      [
        { id: leaverCase, subject: null, resolution: CLOSED_ON_ERASE, claimed: null },
        { id: deleterCase, subject: null, resolution: CLOSED_ON_ERASE, claimed: volunteer.view.id },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(
      await sql(`SELECT 1 FROM crisis_audit WHERE case_id = $1 AND action = 'case-claimed'`, [deleterCase]),
    ).toHaveLength(1);
    expectError(await as(app, volunteer.member, 'get', `/api/crisis/desk/${leaverCase}/context`), 404, 'not_found');
  });

  it('refuses a resolution or a responder’s name holding a NUL or a control character with a validation error, changing nothing', async () => {
    const volunteer = await responder();
    const { ref, members } = await groupWithoutModerator(app, admin);
    const caseId = (await sendCrisis(members[0].socket, ref)).crisisStatus!.caseId;
    for (const resolution of ['Gebeld met\u0000 1813.', 'Gezien \u001b[2J', 'Gezien \ud800']) {
      expectError(
        await as(app, volunteer.member, 'post', `/api/crisis/desk/${caseId}/resolve`, { resolution }),
        400,
        'validation_failed',
      );
    }
    expect((await desk(volunteer.member)).map((entry) => entry.id)).toContain(caseId);
    const home = await createGroup(app, admin);
    const candidate = await joinGroup(app, await registerMember(app), home.slug);
    expectError(
      await as(app, admin, 'post', '/api/admin/crisis/responders', {
        group: home.slug,
        memberId: candidate.memberId,
        name: 'Vrij\u0000williger',
        reason: 'Opgeleid\u0007 bij de Zelfmoordlijn.',
      }),
      400,
      'validation_failed',
    );
    expectError(
      await as(app, volunteer.member, 'put', '/api/crisis/rota', { timezone: 'Europe/\u0000Brussels', slots: [] }),
      400,
      'validation_failed',
    );
  });

  describe('refuses the desk, coverage and responder routes', () => {
    const routes: [method: 'get' | 'post' | 'put', path: (caseId: string) => string, body?: object][] = [
      ['get', () => '/api/crisis/desk'],
      ['get', (id) => `/api/crisis/desk/${id}/context`],
      ['post', (id) => `/api/crisis/desk/${id}/claim`],
      ['post', (id) => `/api/crisis/desk/${id}/release`],
      ['post', (id) => `/api/crisis/desk/${id}/resolve`, { resolution: 'Gebeld met de Zelfmoordlijn.' }],
      ['get', () => '/api/crisis/appeals'],
      ['put', () => '/api/crisis/rota', { slots: [] }],
      ['get', () => '/api/admin/crisis/coverage'],
      ['get', () => '/api/admin/crisis/responders'],
      ['get', () => '/api/admin/crisis/audit'],
      [
        'post',
        () => '/api/admin/crisis/responders',
        { group: 'x', memberId: randomUUID(), name: 'Iemand', reason: 'Zomaar.' },
      ],
    ];

    async function openCase(): Promise<{ caseId: string; slug: string }> {
      const { ref, members } = await groupWithoutModerator(app, admin);
      return { caseId: (await sendCrisis(members[0].socket, ref)).crisisStatus!.caseId, slug: ref.group };
    }

    it('to a plain member and to a moderator of another group (403), changing nothing', async () => {
      const { caseId, slug } = await openCase();
      const plain = await registerMember(app);
      await joinGroup(app, plain, slug);
      const other = await createGroup(app, admin, { locale: 'nl' });
      const otherModerator = await registerMember(app);
      const membership = await joinGroup(app, otherModerator, other.slug);
      await as(app, admin, 'post', `/api/groups/${other.slug}/moderators`, { memberId: membership.memberId }).expect(
        204,
      );
      for (const who of [plain, otherModerator]) {
        for (const [method, path, body] of routes) {
          expectError(await as(app, who, method, path(caseId), body), 403, 'forbidden');
        }
      }
      const [row] = await sql<{ claimed: string | null; resolved: Date | null }[]>(
        'SELECT claimed_by_responder_id AS claimed, resolved_at AS resolved FROM moderation_case WHERE id = $1',
        [caseId],
      );
      expect(row).toEqual({ claimed: null, resolved: null });
      // Plain members cannot go on duty; moderators can (for their groups).
      expectError(await as(app, plain, 'put', '/api/crisis/duty', { onDuty: true }), 403, 'forbidden');
      await setDuty(app, otherModerator, true);
      onDuty.push(otherModerator);
    });

    it('to a guest and to a forged token (401)', async () => {
      const { caseId } = await openCase();
      const forged = { ...admin, bearer: `Bearer ${admin.tokens.accessToken.slice(0, -4)}AAAA` };
      for (const [method, path, body] of routes) {
        expectError(await as(app, null, method, path(caseId), body), 401, 'unauthorized');
        expectError(await as(app, forged, method, path(caseId), body), 401, 'unauthorized');
      }
    });

    it('lets an admin look at the desk and a case’s context but claim only as a responder', async () => {
      const { caseId } = await openCase();
      expect((await desk(admin)).map((entry) => entry.id)).toContain(caseId);
      await as(app, admin, 'get', `/api/crisis/desk/${caseId}/context`).expect(200);
      expectError(await as(app, admin, 'post', `/api/crisis/desk/${caseId}/claim`), 403, 'not_allowed');
    });
  });

  it('never shows a responder an account id or an alias of another group, in any response or live event', async () => {
    // Only this test's case on the desk: every alias on it must then be of this one group.
    await sql(`UPDATE moderation_case SET resolved_at = now() WHERE kind = 'crisis' AND resolved_at IS NULL`);
    const volunteer = await responder({ homeAlias: `Thuisnaam${randomUUID().slice(0, 4)}` });
    const { group, ref, members } = await groupWithoutModerator(app, admin);
    const [anna] = members;
    // Anna is known elsewhere under another alias, which must never reach the desk.
    const elsewhere = await createGroup(app, admin, { locale: 'nl' });
    const annaElsewhere = await joinGroup(app, anna.member, elsewhere.slug, {
      alias: `Anders${randomUUID().slice(0, 4)}`,
    });
    await sendMessage(anna.socket, ref, 'Het gaat niet goed vandaag.');
    const events = collect<unknown>(volunteer.socket, 'crisis:case');
    const statuses = collect<unknown>(volunteer.socket, 'crisis:status');
    const notices = collect<unknown>(volunteer.socket, 'notice');
    const queue = collect<unknown>(volunteer.socket, 'mod:queue');

    const caseId = (await sendCrisis(anna.socket, ref)).crisisStatus!.caseId;
    await eventually(() => events.length > 0, 5000, 'the live crisis case');
    const bodies: unknown[] = [];
    const keep = async (method: 'get' | 'post' | 'put', path: string, body?: object) => {
      const response = await as(app, volunteer.member, method, path, body);
      expect(response.status).toBeLessThan(300);
      bodies.push(response.body);
    };
    await keep('get', '/api/crisis/desk');
    await keep('get', `/api/crisis/desk/${caseId}/context`);
    await keep('post', `/api/crisis/desk/${caseId}/claim`);
    await keep('get', '/api/crisis/duty');
    await keep('get', '/api/crisis/appeals');
    await keep('post', `/api/crisis/desk/${caseId}/release`);
    await keep('post', `/api/crisis/desk/${caseId}/resolve`, { resolution: 'Met haar gepraat; ze belt 1813.' });
    await new Promise((resolve) => setTimeout(resolve, 300));

    const seen = JSON.stringify([bodies, events, statuses, notices, queue]);
    const accounts = await sql<{ id: string }[]>('SELECT id FROM account');
    for (const { id } of accounts) {
      expect(seen).not.toContain(id);
    }
    // Generated aliases may repeat across groups: an alias also used in this group proves nothing.
    const foreignAliases = await sql<{ alias: string }[]>(
      `SELECT m.alias FROM membership m JOIN support_group g ON g.id = m.group_id WHERE g.slug <> $1
          AND m.alias NOT IN (SELECT alias FROM membership o JOIN support_group og ON og.id = o.group_id WHERE og.slug = $1)`,
      [group.slug],
    );
    for (const { alias } of foreignAliases) {
      expect(seen).not.toContain(alias);
    }
    expect(seen).not.toContain(annaElsewhere.alias);
    expect(seen).toContain(anna.membership.alias);
    expect(events.length).toBeGreaterThanOrEqual(3);
  });
});
