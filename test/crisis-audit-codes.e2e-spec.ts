import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { CrisisAuditEntry } from '../src/contracts/crisis.js';
import { CodeCrisisAuditReasons1795482000000 } from '../migrations/1795482000000-CodeCrisisAuditReasons.js';
import { DropLoginFromCrisisAudit1795483100000 } from '../migrations/1795483100000-DropLoginFromCrisisAudit.js';
import { DataSource } from 'typeorm';
import { as, crisisSuite, groupWithoutModerator, sendCrisis } from './support/crisis.js';

/**
 * The crisis desk's audit log speaks as the groups' log does: the system's words as a code with
 * parameters (the client words them in nl or en), the actor's own words beside it as written; rows
 * written before codes get theirs from the migration, or keep their text when it is no known sentence.
 */
describe('crisis audit reasons as codes', () => {
  const { app, admin, responder } = crisisSuite();

  const audit = async () => {
    const response = await as(app, admin, 'get', '/api/admin/crisis/audit');
    expect(response.status).toBe(200);
    return response.body as CrisisAuditEntry[];
  };

  it("writes the desk's own sentences as codes and the actor's own words as written", async () => {
    const volunteer = await responder({ name: 'Vrijwilliger Codes' });
    const { ref, members } = await groupWithoutModerator(app, admin);
    const caseId = (await sendCrisis(members[0].socket, ref)).crisisStatus!.caseId;
    expect((await as(app, volunteer.member, 'post', `/api/crisis/desk/${caseId}/claim`)).status).toBe(200);
    expect((await as(app, volunteer.member, 'get', `/api/crisis/desk/${caseId}/context`)).status).toBe(200);
    expect((await as(app, volunteer.member, 'post', `/api/crisis/desk/${caseId}/release`)).status).toBe(200);
    const word = await as(app, admin, 'post', '/api/admin/watched-words', { phrase: 'codewoord test', action: 'hold' });
    expect(word.status).toBe(201);

    const entries = await audit();
    const ofCase = (action: string) =>
      entries.find(
        (entry) =>
          entry.action === action &&
          'caseId' in (entry.target ?? {}) &&
          (entry.target as { caseId: string }).caseId === caseId,
      );
    expect(
      [ofCase('case-claimed'), ofCase('context-opened'), ofCase('case-released')].map((entry) => [
        entry?.reason,
        entry?.reasonText,
      ]),
    ).toEqual([
      ['', { code: 'crisisAudit.claimed' }],
      ['', { code: 'crisisAudit.contextOpened' }],
      ['', { code: 'crisisAudit.released' }],
    ]);
    expect(entries.find((entry) => entry.action === 'site-word-added')).toMatchObject({
      reason: '',
      reasonText: { code: 'audit.word.hold', params: { phrase: 'codewoord test' } },
    });
    // The admin's reason for appointing is theirs: as written, with no code.
    expect(
      entries.find(
        (entry) =>
          entry.action === 'responder-appointed' &&
          JSON.stringify(entry.target) === JSON.stringify({ responder: 'Vrijwilliger Codes' }),
      ),
    ).toMatchObject({ reason: 'Opgeleid bij de Zelfmoordlijn; vrijwilliger op de crisisdesk.', reasonText: null });
    // No English sentence of the server left in a coded entry.
    expect(entries.filter((entry) => entry.reasonText !== null).map((entry) => entry.reason)).toEqual(
      entries.filter((entry) => entry.reasonText !== null).map(() => ''),
    );
  });

  it('records an admin being made one without her login name, which nobody else ever sees', async () => {
    // The suite's admin was made one through `grantAdmin`, as the admin:grant command does.
    const granted = (await audit()).filter((entry) => entry.action === 'admin-granted');
    expect(granted.length).toBeGreaterThan(0);
    expect(granted.map((entry) => [entry.reason, entry.reasonText])).toEqual(
      granted.map(() => ['', { code: 'crisisAudit.adminGranted' }]),
    );
    expect(JSON.stringify(await audit()).toLowerCase()).not.toContain(admin.loginName.toLowerCase());
  });

  it('gives rows from before codes their code, and shows an unknown sentence as it was written', async () => {
    const runner = app.app.get(DataSource).createQueryRunner();
    const migration = new CodeCrisisAuditReasons1795482000000();
    const withoutLogin = new DropLoginFromCrisisAudit1795483100000();
    const oldRows: [string, string, string][] = [
      ['case-released', 'responder', "Released automatically: the responder's account was banned."],
      [
        'case-released',
        'moderator',
        "Released automatically: the group's moderator who held it (the group's audit log names who claimed it) paused moderating.",
      ],
      ['case-claimed', 'responder', 'Claimed from the crisis desk'],
      ['case-asked', 'member', 'The member asked for a person to talk to'],
      ['offline-groups-imported', 'admin', 'Offline groups imported: 2 added, 0 updated, 1 removed'],
      ['group-proposal-approved', 'admin', 'Group "Samen sterk" made from a member\'s proposal'],
      ['site-word-removed', 'admin', 'block: oud woord'],
      ['admin-granted', 'server', 'Admin role granted to oude_beheerder'],
      ['responder-revoked', 'admin', 'Stopt ermee, met dank.'],
      ['case-released', 'responder', 'Released by an older server for a reason it named so.'],
    ];
    const ids = oldRows.map(() => randomUUID());
    let englishAgain: string | undefined;
    try {
      await withoutLogin.down(runner);
      await migration.down(runner);
      // What the server wrote before: the coded rows got their English back.
      // Through the migration's own connection: the embedded database has only the one.
      englishAgain = (
        (await runner.query(
          `SELECT reason FROM crisis_audit WHERE action = 'site-word-added' AND reason LIKE '%codewoord test'`,
        )) as { reason: string }[]
      )[0]?.reason;
      for (const [index, [action, actorKind, reason]] of oldRows.entries()) {
        await runner.query(
          `INSERT INTO crisis_audit (id, action, actor_kind, reason, created_at)
           VALUES ($1, $2, $3, $4, now() - make_interval(days => 400, secs => $5))`,
          [ids[index], action, actorKind, reason, index],
        );
      }
    } finally {
      try {
        await migration.up(runner);
        await withoutLogin.up(runner);
      } finally {
        await runner.release();
      }
    }
    expect(englishAgain).toBe('hold: codewoord test');

    const entries = await audit();
    const said = ids.map((id) => {
      const entry = entries.find((found) => found.id === id);
      return [entry?.reason, entry?.reasonText];
    });
    expect(said).toEqual([
      ['', { code: 'crisisAudit.autoReleased.responderBanned' }],
      ['', { code: 'crisisAudit.autoReleased.moderatorPaused' }],
      ['', { code: 'crisisAudit.claimed' }],
      ['', { code: 'crisisAudit.asked' }],
      ['', { code: 'crisisAudit.offlineImported', params: { created: 2, updated: 0, removed: 1 } }],
      ['', { code: 'crisisAudit.groupFromProposal', params: { group: 'Samen sterk' } }],
      ['', { code: 'audit.word.block', params: { phrase: 'oud woord' } }],
      // The login name is gone from the entry (1795483100000): nobody else ever sees it.
      ['', { code: 'crisisAudit.adminGranted' }],
      ['Stopt ermee, met dank.', null],
      ['Released by an older server for a reason it named so.', null],
    ]);
    // The rows the server wrote with codes came through down() and up() unchanged.
    expect(entries.find((entry) => entry.action === 'site-word-added')).toMatchObject({
      reason: '',
      reasonText: { code: 'audit.word.hold', params: { phrase: 'codewoord test' } },
    });
  });
});
