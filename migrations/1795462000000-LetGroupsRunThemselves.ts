import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Groups that run themselves (issue 14): members propose new groups and pledge changes, moderators
 * step down or pause, each group sets how long a member waits before offering to be a buddy, and
 * invite codes become referral codes with their own expiry and number of uses (for open groups too).
 */
export class LetGroupsRunThemselves1795462000000 implements MigrationInterface {
  name = 'LetGroupsRunThemselves1795462000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "group_proposal" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposer_account_id" uuid NOT NULL, "name" character varying(80) NOT NULL, "purpose" text NOT NULL, "audience" character varying(16) NOT NULL, "locale" character varying(2) NOT NULL, "moderate" boolean NOT NULL DEFAULT false, "alias" character varying(24), "status" character varying(10) NOT NULL DEFAULT \'open\', "decision_reason" text, "decided_at" TIMESTAMP WITH TIME ZONE, "group_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_group_proposal" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_group_proposal_proposer" ON "group_proposal" ("proposer_account_id", "created_at") ',
    );
    await queryRunner.query('CREATE INDEX "ix_group_proposal_status" ON "group_proposal" ("status", "created_at") ');
    await queryRunner.query(
      'ALTER TABLE "group_proposal" ADD CONSTRAINT "fk_group_proposal_account" FOREIGN KEY ("proposer_account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "group_proposal" ADD CONSTRAINT "fk_group_proposal_group" FOREIGN KEY ("group_id") REFERENCES "support_group"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );

    await queryRunner.query(
      'CREATE TABLE "rule_proposal" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "membership_id" uuid NOT NULL, "field" character varying(10) NOT NULL, "text" text NOT NULL, "note" text, "status" character varying(10) NOT NULL DEFAULT \'open\', "decided_by_membership_id" uuid, "decision_reason" text, "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_rule_proposal" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_rule_proposal_group" ON "rule_proposal" ("group_id", "status") ');
    await queryRunner.query('CREATE INDEX "ix_rule_proposal_membership" ON "rule_proposal" ("membership_id") ');
    await queryRunner.query(
      'ALTER TABLE "rule_proposal" ADD CONSTRAINT "fk_rule_proposal_group" FOREIGN KEY ("group_id") REFERENCES "support_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "rule_proposal" ADD CONSTRAINT "fk_rule_proposal_membership" FOREIGN KEY ("membership_id") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "rule_proposal" ADD CONSTRAINT "fk_rule_proposal_decided_by" FOREIGN KEY ("decided_by_membership_id") REFERENCES "membership"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );

    await queryRunner.query('ALTER TABLE "support_group" ADD "buddy_min_days" integer NOT NULL DEFAULT \'30\'');
    await queryRunner.query('ALTER TABLE "membership" ADD "moderator_paused_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "group_invite" ADD "max_uses" integer');
    await queryRunner.query('UPDATE "group_invite" SET "max_uses" = "uses_left"');
    await queryRunner.query('ALTER TABLE "group_invite" ALTER COLUMN "max_uses" SET NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "group_invite" DROP COLUMN "max_uses"');
    await queryRunner.query('ALTER TABLE "membership" DROP COLUMN "moderator_paused_at"');
    await queryRunner.query('ALTER TABLE "support_group" DROP COLUMN "buddy_min_days"');
    await queryRunner.query('ALTER TABLE "rule_proposal" DROP CONSTRAINT "fk_rule_proposal_decided_by"');
    await queryRunner.query('ALTER TABLE "rule_proposal" DROP CONSTRAINT "fk_rule_proposal_membership"');
    await queryRunner.query('ALTER TABLE "rule_proposal" DROP CONSTRAINT "fk_rule_proposal_group"');
    await queryRunner.query('DROP INDEX "ix_rule_proposal_membership"');
    await queryRunner.query('DROP INDEX "ix_rule_proposal_group"');
    await queryRunner.query('DROP TABLE "rule_proposal"');
    await queryRunner.query('ALTER TABLE "group_proposal" DROP CONSTRAINT "fk_group_proposal_group"');
    await queryRunner.query('ALTER TABLE "group_proposal" DROP CONSTRAINT "fk_group_proposal_account"');
    await queryRunner.query('DROP INDEX "ix_group_proposal_status"');
    await queryRunner.query('DROP INDEX "ix_group_proposal_proposer"');
    await queryRunner.query('DROP TABLE "group_proposal"');
  }
}
