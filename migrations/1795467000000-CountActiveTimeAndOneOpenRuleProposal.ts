import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A membership remembers since when it is active (joined an open group, approved, invite used,
 * resumed): time spent waiting on a join request does not count towards the buddy minimum.
 * Existing memberships count from when they were made, as before. And one open rule proposal per
 * member and field is kept by the database, so parallel requests cannot open two (older duplicates,
 * if any, are declined first, saying why).
 */
export class CountActiveTimeAndOneOpenRuleProposal1795467000000 implements MigrationInterface {
  name = 'CountActiveTimeAndOneOpenRuleProposal1795467000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "membership" ADD "active_since" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()',
    );
    await queryRunner.query('UPDATE "membership" SET "active_since" = "joined_at"');
    await queryRunner.query(
      `UPDATE "rule_proposal" p
          SET "status" = 'declined', "decided_at" = now(),
              "decision_reason" = 'A newer open proposal for the same part replaces this one.'
        WHERE p."status" = 'open' AND EXISTS (
          SELECT 1 FROM "rule_proposal" n WHERE n."status" = 'open' AND n."membership_id" = p."membership_id"
            AND n."field" = p."field" AND (n."created_at", n."id") > (p."created_at", p."id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_rule_proposal_open" ON "rule_proposal" ("membership_id", "field") WHERE status = 'open'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uq_rule_proposal_open"');
    await queryRunner.query('ALTER TABLE "membership" DROP COLUMN "active_since"');
  }
}
