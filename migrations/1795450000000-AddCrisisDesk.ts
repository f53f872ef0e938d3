import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Crisis responders, duty and rota, the escalation of crisis alerts, and the desk's site-wide audit log. */
export class AddCrisisDesk1795450000000 implements MigrationInterface {
  name = 'AddCrisisDesk1795450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "crisis_responder" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "name" character varying(40) NOT NULL, "timezone" character varying(64) NOT NULL DEFAULT \'Europe/Brussels\', "appointed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_crisis_responder" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_crisis_responder_account" ON "crisis_responder"  ("account_id") ');
    await queryRunner.query(
      'CREATE TABLE "crisis_rota_slot" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "responder_id" uuid NOT NULL, "weekday" smallint NOT NULL, "from_hour" smallint NOT NULL, "to_hour" smallint NOT NULL, CONSTRAINT "pk_crisis_rota_slot" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_crisis_rota_slot_responder" ON "crisis_rota_slot"  ("responder_id") ');
    await queryRunner.query(
      'CREATE TABLE "crisis_duty" ("account_id" uuid NOT NULL, "on_duty_since" TIMESTAMP WITH TIME ZONE, "off_duty_until" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_crisis_duty" PRIMARY KEY ("account_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "crisis_alert" ("case_id" uuid NOT NULL, "stage" character varying(12) NOT NULL, "member_state" character varying(16) NOT NULL, "escalate_at" TIMESTAMP WITH TIME ZONE NOT NULL, "escalated_at" TIMESTAMP WITH TIME ZONE, "announced_at" TIMESTAMP WITH TIME ZONE NOT NULL, "claimed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_crisis_alert" PRIMARY KEY ("case_id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_crisis_alert_escalate" ON "crisis_alert"  ("escalate_at") ');
    await queryRunner.query(
      'CREATE TABLE "crisis_audit" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "action" character varying(24) NOT NULL, "actor_kind" character varying(12) NOT NULL, "actor_responder_id" uuid, "target_responder_id" uuid, "case_id" uuid, "group_id" uuid, "reason" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_crisis_audit" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_crisis_audit_created" ON "crisis_audit"  ("created_at") ');
    await queryRunner.query('ALTER TABLE "moderation_case" ADD "claimed_by_responder_id" uuid');
    await queryRunner.query('ALTER TABLE "moderation_case" ADD "resolved_by_responder_id" uuid');
    await queryRunner.query(
      'ALTER TABLE "crisis_responder" ADD CONSTRAINT "fk_crisis_responder_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "crisis_rota_slot" ADD CONSTRAINT "fk_crisis_rota_slot_responder" FOREIGN KEY ("responder_id") REFERENCES "crisis_responder"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "crisis_duty" ADD CONSTRAINT "fk_crisis_duty_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "crisis_alert" ADD CONSTRAINT "fk_crisis_alert_case" FOREIGN KEY ("case_id") REFERENCES "moderation_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "crisis_alert" DROP CONSTRAINT "fk_crisis_alert_case"');
    await queryRunner.query('ALTER TABLE "crisis_duty" DROP CONSTRAINT "fk_crisis_duty_account"');
    await queryRunner.query('ALTER TABLE "crisis_rota_slot" DROP CONSTRAINT "fk_crisis_rota_slot_responder"');
    await queryRunner.query('ALTER TABLE "crisis_responder" DROP CONSTRAINT "fk_crisis_responder_account"');
    await queryRunner.query('ALTER TABLE "moderation_case" DROP COLUMN "resolved_by_responder_id"');
    await queryRunner.query('ALTER TABLE "moderation_case" DROP COLUMN "claimed_by_responder_id"');
    await queryRunner.query('DROP INDEX "public"."ix_crisis_audit_created"');
    await queryRunner.query('DROP TABLE "crisis_audit"');
    await queryRunner.query('DROP INDEX "public"."ix_crisis_alert_escalate"');
    await queryRunner.query('DROP TABLE "crisis_alert"');
    await queryRunner.query('DROP TABLE "crisis_duty"');
    await queryRunner.query('DROP INDEX "public"."ix_crisis_rota_slot_responder"');
    await queryRunner.query('DROP TABLE "crisis_rota_slot"');
    await queryRunner.query('DROP INDEX "public"."uq_crisis_responder_account"');
    await queryRunner.query('DROP TABLE "crisis_responder"');
  }
}
