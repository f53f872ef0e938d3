import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddModeration1795438938598 implements MigrationInterface {
  name = 'AddModeration1795438938598';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "moderation_action" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "action" character varying(24) NOT NULL, "moderator_membership_id" uuid, "target_membership_id" uuid, "target_kind" character varying(8), "target_id" uuid, "reason" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_moderation_action" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_moderation_action_group" ON "moderation_action"  ("group_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "appeal" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "action_id" uuid NOT NULL, "membership_id" uuid NOT NULL, "text" text NOT NULL, "status" character varying(12) NOT NULL DEFAULT \'open\', "decided_by_membership_id" uuid, "decision_reason" text, "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_appeal" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_appeal_action" ON "appeal"  ("action_id") ');
    await queryRunner.query(
      'CREATE TABLE "moderation_case" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "kind" character varying(8) NOT NULL, "priority" smallint NOT NULL, "target_kind" character varying(8), "target_id" uuid, "subject_membership_id" uuid, "report_count" integer NOT NULL DEFAULT \'0\', "claimed_by_membership_id" uuid, "resolved_at" TIMESTAMP WITH TIME ZONE, "resolved_by_membership_id" uuid, "resolution" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_moderation_case" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_moderation_case_open_target" ON "moderation_case"  ("group_id", "kind", "target_kind", "target_id") WHERE "resolved_at" IS NULL AND "target_id" IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_moderation_case_queue" ON "moderation_case"  ("group_id", "resolved_at", "priority") ',
    );
    await queryRunner.query(
      'CREATE TABLE "moderator_application" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "membership_id" uuid NOT NULL, "motivation" text NOT NULL, "status" character varying(12) NOT NULL DEFAULT \'open\', "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_moderator_application" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_moderator_application_membership" ON "moderator_application"  ("membership_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "notice" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "membership_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "message" text NOT NULL, "action_id" uuid, "with_crisis_lines" boolean NOT NULL DEFAULT false, "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_notice" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_notice_membership" ON "notice"  ("membership_id", "created_at") ');
    await queryRunner.query(
      'CREATE TABLE "report" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "reporter_membership_id" uuid NOT NULL, "target_kind" character varying(8) NOT NULL, "target_id" uuid NOT NULL, "reason" character varying(16) NOT NULL, "note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_report" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_report_case" ON "report"  ("case_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_report_reporter_target" ON "report"  ("reporter_membership_id", "target_kind", "target_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "watched_word" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid, "phrase" character varying(100) NOT NULL, "action" character varying(8) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_watched_word" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_watched_word_group" ON "watched_word"  ("group_id") ');
    await queryRunner.query('ALTER TABLE "account" ADD "banned_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "support_group" ADD "hold_first_posts" integer NOT NULL DEFAULT \'0\'');
    await queryRunner.query('ALTER TABLE "membership" ADD "muted_until" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "membership" ADD "suspended_until" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query(
      'ALTER TABLE "moderation_action" ADD CONSTRAINT "fk_moderation_action_group" FOREIGN KEY ("group_id") REFERENCES "support_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "appeal" ADD CONSTRAINT "fk_appeal_action" FOREIGN KEY ("action_id") REFERENCES "moderation_action"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "moderation_case" ADD CONSTRAINT "fk_moderation_case_group" FOREIGN KEY ("group_id") REFERENCES "support_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "moderator_application" ADD CONSTRAINT "fk_moderator_application_membership" FOREIGN KEY ("membership_id") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "notice" ADD CONSTRAINT "fk_notice_membership" FOREIGN KEY ("membership_id") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "report" ADD CONSTRAINT "fk_report_case" FOREIGN KEY ("case_id") REFERENCES "moderation_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "report" ADD CONSTRAINT "fk_report_reporter" FOREIGN KEY ("reporter_membership_id") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "watched_word" ADD CONSTRAINT "fk_watched_word_group" FOREIGN KEY ("group_id") REFERENCES "support_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "watched_word" DROP CONSTRAINT "fk_watched_word_group"');
    await queryRunner.query('ALTER TABLE "report" DROP CONSTRAINT "fk_report_reporter"');
    await queryRunner.query('ALTER TABLE "report" DROP CONSTRAINT "fk_report_case"');
    await queryRunner.query('ALTER TABLE "notice" DROP CONSTRAINT "fk_notice_membership"');
    await queryRunner.query(
      'ALTER TABLE "moderator_application" DROP CONSTRAINT "fk_moderator_application_membership"',
    );
    await queryRunner.query('ALTER TABLE "moderation_case" DROP CONSTRAINT "fk_moderation_case_group"');
    await queryRunner.query('ALTER TABLE "appeal" DROP CONSTRAINT "fk_appeal_action"');
    await queryRunner.query('ALTER TABLE "moderation_action" DROP CONSTRAINT "fk_moderation_action_group"');
    await queryRunner.query('ALTER TABLE "membership" DROP COLUMN "suspended_until"');
    await queryRunner.query('ALTER TABLE "membership" DROP COLUMN "muted_until"');
    await queryRunner.query('ALTER TABLE "support_group" DROP COLUMN "hold_first_posts"');
    await queryRunner.query('ALTER TABLE "account" DROP COLUMN "banned_at"');
    await queryRunner.query('DROP INDEX "public"."ix_watched_word_group"');
    await queryRunner.query('DROP TABLE "watched_word"');
    await queryRunner.query('DROP INDEX "public"."uq_report_reporter_target"');
    await queryRunner.query('DROP INDEX "public"."ix_report_case"');
    await queryRunner.query('DROP TABLE "report"');
    await queryRunner.query('DROP INDEX "public"."ix_notice_membership"');
    await queryRunner.query('DROP TABLE "notice"');
    await queryRunner.query('DROP INDEX "public"."ix_moderator_application_membership"');
    await queryRunner.query('DROP TABLE "moderator_application"');
    await queryRunner.query('DROP INDEX "public"."ix_moderation_case_queue"');
    await queryRunner.query('DROP INDEX "public"."uq_moderation_case_open_target"');
    await queryRunner.query('DROP TABLE "moderation_case"');
    await queryRunner.query('DROP INDEX "public"."uq_appeal_action"');
    await queryRunner.query('DROP TABLE "appeal"');
    await queryRunner.query('DROP INDEX "public"."ix_moderation_action_group"');
    await queryRunner.query('DROP TABLE "moderation_action"');
  }
}
