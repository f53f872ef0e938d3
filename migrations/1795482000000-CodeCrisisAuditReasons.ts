import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The crisis desk's audit log carries the system's words as a code with parameters, as the groups'
 * audit log does (1795474000000-CarryServerTextsAsCodes); the actor's own words stay in `reason`.
 * Existing rows whose reason is one of the server's known English sentences get their code; any
 * other row keeps its text and is shown as it is. The sentences are copied here as they were
 * written before this migration, so the migration never changes with them.
 */
export class CodeCrisisAuditReasons1795482000000 implements MigrationInterface {
  name = 'CodeCrisisAuditReasons1795482000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "crisis_audit" ADD "reason_code" character varying(64)');
    await queryRunner.query('ALTER TABLE "crisis_audit" ADD "reason_params" jsonb');
    const rows = (await queryRunner.query('SELECT id, action, reason FROM "crisis_audit"')) as {
      id: string;
      action: string;
      reason: string;
    }[];
    for (const row of rows) {
      const coded = crisisAuditCode(row.action, row.reason);
      if (coded) {
        await queryRunner.query(
          'UPDATE "crisis_audit" SET "reason_code" = $2, "reason_params" = $3, "reason" = \'\' WHERE id = $1',
          [row.id, coded.code, coded.params ? JSON.stringify(coded.params) : null],
        );
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const rows = (await queryRunner.query(
      'SELECT id, reason_code, reason_params FROM "crisis_audit" WHERE reason_code IS NOT NULL',
    )) as { id: string; reason_code: string; reason_params: Record<string, string | number> | null }[];
    for (const row of rows) {
      await queryRunner.query('UPDATE "crisis_audit" SET "reason" = $2 WHERE id = $1', [
        row.id,
        english(row.reason_code, row.reason_params ?? {}),
      ]);
    }
    await queryRunner.query('ALTER TABLE "crisis_audit" DROP COLUMN "reason_params"');
    await queryRunner.query('ALTER TABLE "crisis_audit" DROP COLUMN "reason_code"');
  }
}

/** Whole reasons the server wrote before codes. */
const WHOLE: Record<string, string> = {
  'The member asked for a person to talk to': 'crisisAudit.asked',
  'Opened the context of a crisis case': 'crisisAudit.contextOpened',
  'Claimed from the crisis desk': 'crisisAudit.claimed',
  'Released the claim': 'crisisAudit.released',
};

const HOLDER = "the group's moderator who held it (the group's audit log names who claimed it)";

/** What followed "Released automatically: " (src/crisis/crisis-escalation.service.ts, responders.service.ts, crisis.module.ts). */
const RELEASED: Record<string, string> = {
  "the responder's account was banned.": 'crisisAudit.autoReleased.responderBanned',
  'the responder was revoked.': 'crisisAudit.autoReleased.responderRevoked',
  'the responder is no longer active.': 'crisisAudit.autoReleased.responderInactive',
  "the responder's account was deleted.": 'crisisAudit.autoReleased.responderDeleted',
  [`${HOLDER} was banned.`]: 'crisisAudit.autoReleased.moderatorBanned',
  [`${HOLDER} is no longer a member.`]: 'crisisAudit.autoReleased.moderatorNotMember',
  [`${HOLDER} left or was removed from the group.`]: 'crisisAudit.autoReleased.moderatorLeft',
  [`${HOLDER} is no longer a moderator.`]: 'crisisAudit.autoReleased.moderatorDismissed',
  [`${HOLDER} was suspended.`]: 'crisisAudit.autoReleased.moderatorSuspended',
  [`${HOLDER} paused moderating.`]: 'crisisAudit.autoReleased.moderatorPaused',
  [`${HOLDER} is no longer an active moderator.`]: 'crisisAudit.autoReleased.moderatorInactive',
};

const RELEASED_PREFIX = 'Released automatically: ';

function crisisAuditCode(
  action: string,
  reason: string,
): { code: string; params?: Record<string, string | number> } | null {
  if (Object.hasOwn(WHOLE, reason)) {
    return { code: WHOLE[reason] };
  }
  if (reason.startsWith(RELEASED_PREFIX) && Object.hasOwn(RELEASED, reason.slice(RELEASED_PREFIX.length))) {
    return { code: RELEASED[reason.slice(RELEASED_PREFIX.length)] };
  }
  const word = /^(block|hold|crisis): ([\s\S]+)$/.exec(reason);
  if (word && (action === 'site-word-added' || action === 'site-word-removed')) {
    return { code: `audit.word.${word[1]}`, params: { phrase: word[2] } };
  }
  const imported = /^Offline groups imported: (\d+) added, (\d+) updated, (\d+) removed$/.exec(reason);
  if (imported && action === 'offline-groups-imported') {
    return {
      code: 'crisisAudit.offlineImported',
      params: { created: Number(imported[1]), updated: Number(imported[2]), removed: Number(imported[3]) },
    };
  }
  const made = /^Group "([\s\S]*)" made from a member's proposal$/.exec(reason);
  if (made && action === 'group-proposal-approved') {
    return { code: 'crisisAudit.groupFromProposal', params: { group: made[1] } };
  }
  const granted = /^Admin role granted to (\S+)$/.exec(reason);
  if (granted && action === 'admin-granted') {
    return { code: 'crisisAudit.adminGranted', params: { login: granted[1] } };
  }
  return null;
}

function english(code: string, params: Record<string, string | number>): string {
  const whole = Object.entries(WHOLE).find(([, known]) => known === code);
  if (whole) {
    return whole[0];
  }
  const released = Object.entries(RELEASED).find(([, known]) => known === code);
  if (released) {
    return `${RELEASED_PREFIX}${released[0]}`;
  }
  const word = /^audit\.word\.(\w+)$/.exec(code);
  if (word) {
    return `${word[1]}: ${params.phrase}`;
  }
  switch (code) {
    case 'crisisAudit.offlineImported':
      return `Offline groups imported: ${params.created} added, ${params.updated} updated, ${params.removed} removed`;
    case 'crisisAudit.groupFromProposal':
      return `Group "${params.group}" made from a member's proposal`;
    case 'crisisAudit.adminGranted':
      return `Admin role granted to ${params.login}`;
    default:
      return code;
  }
}
