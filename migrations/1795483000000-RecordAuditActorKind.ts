import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The groups' audit log records who acted as a kind: a member of the group (named by the membership),
 * an admin or a crisis responder. A missing membership used to stand for "an admin", so a crisis
 * responder's support-conversation offers and closes were listed and labelled as an admin's.
 * Existing rows get their kind from what they say: a membership is a moderator's, a responder's
 * support entry says so in its code, and every other row without a membership was an admin's.
 */
export class RecordAuditActorKind1795483000000 implements MigrationInterface {
  name = 'RecordAuditActorKind1795483000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "moderation_action" ADD "actor_kind" character varying(12)');
    await queryRunner.query(
      `UPDATE "moderation_action" SET "actor_kind" = CASE
         WHEN "moderator_membership_id" IS NOT NULL THEN 'moderator'
         WHEN "reason_code" IN ('audit.support.offered.crisis_responder', 'audit.support.closed.crisis_responder')
           THEN 'responder'
         ELSE 'admin' END`,
    );
    await queryRunner.query('ALTER TABLE "moderation_action" ALTER COLUMN "actor_kind" SET NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "moderation_action" DROP COLUMN "actor_kind"');
  }
}
