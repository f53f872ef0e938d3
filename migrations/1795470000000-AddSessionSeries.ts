import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recurring sessions and facilitation: a series of meetings (each one an ordinary `chat_session`
 * with `series_id`), sign-ups for a whole series with who volunteers to facilitate, a cancelled
 * meeting that stays listed, and a session's live facilitation (phase, round, raised hands).
 */
export class AddSessionSeries1795470000000 implements MigrationInterface {
  name = 'AddSessionSeries1795470000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "chat_session_series" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "title" character varying(120) NOT NULL, "every_weeks" smallint NOT NULL, "time_zone" character varying(40) NOT NULL, "first_date" character varying(10) NOT NULL, "local_time" character varying(5) NOT NULL, "duration_minutes" integer NOT NULL, "count" integer NOT NULL, "capacity" integer NOT NULL, "closed_cohort" boolean NOT NULL, "opening_text" text NOT NULL, "closing_text" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_chat_session_series_every" CHECK (every_weeks IN (1, 2)), CONSTRAINT "ck_chat_session_series_capacity" CHECK (capacity BETWEEN 2 AND 20), CONSTRAINT "pk_chat_session_series" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_chat_session_series_group" ON "chat_session_series" ("group_id")');
    await queryRunner.query(
      'CREATE TABLE "chat_session_series_signup" ("series_id" uuid NOT NULL, "membership_id" uuid NOT NULL, "volunteer" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_chat_session_series_signup" PRIMARY KEY ("series_id", "membership_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_chat_session_series_signup_membership" ON "chat_session_series_signup" ("membership_id")',
    );
    await queryRunner.query(
      'CREATE TABLE "chat_session_hand" ("session_id" uuid NOT NULL, "membership_id" uuid NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_chat_session_hand" PRIMARY KEY ("session_id", "membership_id"))',
    );
    await queryRunner.query('ALTER TABLE "chat_session" ADD "series_id" uuid');
    await queryRunner.query('ALTER TABLE "chat_session" ADD "cancelled_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query(
      `ALTER TABLE "chat_session" ADD "phase" character varying(10) NOT NULL DEFAULT 'gathering'`,
    );
    await queryRunner.query('ALTER TABLE "chat_session" ADD "round_order" jsonb');
    await queryRunner.query('ALTER TABLE "chat_session" ADD "live_version" integer NOT NULL DEFAULT 0');
    await queryRunner.query('CREATE INDEX "ix_chat_session_series" ON "chat_session" ("series_id")');
    await queryRunner.query(
      'ALTER TABLE "chat_session_series" ADD CONSTRAINT "fk_chat_session_series_group" FOREIGN KEY ("group_id") REFERENCES "support_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "chat_session_series_signup" ADD CONSTRAINT "fk_chat_session_series_signup_series" FOREIGN KEY ("series_id") REFERENCES "chat_session_series"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "chat_session_series_signup" ADD CONSTRAINT "fk_chat_session_series_signup_membership" FOREIGN KEY ("membership_id") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "chat_session_hand" ADD CONSTRAINT "fk_chat_session_hand_session" FOREIGN KEY ("session_id") REFERENCES "chat_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "chat_session_hand" ADD CONSTRAINT "fk_chat_session_hand_membership" FOREIGN KEY ("membership_id") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "chat_session" ADD CONSTRAINT "fk_chat_session_series" FOREIGN KEY ("series_id") REFERENCES "chat_session_series"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "chat_session" DROP CONSTRAINT "fk_chat_session_series"');
    await queryRunner.query('ALTER TABLE "chat_session_hand" DROP CONSTRAINT "fk_chat_session_hand_membership"');
    await queryRunner.query('ALTER TABLE "chat_session_hand" DROP CONSTRAINT "fk_chat_session_hand_session"');
    await queryRunner.query(
      'ALTER TABLE "chat_session_series_signup" DROP CONSTRAINT "fk_chat_session_series_signup_membership"',
    );
    await queryRunner.query(
      'ALTER TABLE "chat_session_series_signup" DROP CONSTRAINT "fk_chat_session_series_signup_series"',
    );
    await queryRunner.query('ALTER TABLE "chat_session_series" DROP CONSTRAINT "fk_chat_session_series_group"');
    await queryRunner.query('DROP INDEX "public"."ix_chat_session_series"');
    await queryRunner.query('ALTER TABLE "chat_session" DROP COLUMN "live_version"');
    await queryRunner.query('ALTER TABLE "chat_session" DROP COLUMN "round_order"');
    await queryRunner.query('ALTER TABLE "chat_session" DROP COLUMN "phase"');
    await queryRunner.query('ALTER TABLE "chat_session" DROP COLUMN "cancelled_at"');
    await queryRunner.query('ALTER TABLE "chat_session" DROP COLUMN "series_id"');
    await queryRunner.query('DROP TABLE "chat_session_hand"');
    await queryRunner.query('DROP INDEX "public"."ix_chat_session_series_signup_membership"');
    await queryRunner.query('DROP TABLE "chat_session_series_signup"');
    await queryRunner.query('DROP INDEX "public"."ix_chat_session_series_group"');
    await queryRunner.query('DROP TABLE "chat_session_series"');
  }
}
