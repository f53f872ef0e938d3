import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications in the app (issue 15): one row per member and group (grouped per thread while
 * unread), per-kind settings, the claims that let one process of a cluster write each, and the
 * devices that opted in to a content-free Web Push.
 */
export class AddNotifications1795463000000 implements MigrationInterface {
  name = 'AddNotifications1795463000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "membership_id" uuid NOT NULL, "group_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "what" character varying(16) NOT NULL, "group_key" character varying(120) NOT NULL, "target_id" uuid, "actor_membership_id" uuid, "count" integer NOT NULL DEFAULT 1, "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_notification" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_notification_account" ON "notification" ("account_id", "updated_at") ');
    await queryRunner.query('CREATE INDEX "ix_notification_membership" ON "notification" ("membership_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_notification_unread_key" ON "notification" ("membership_id", "group_key") WHERE "read_at" IS NULL',
    );
    await queryRunner.query(
      'ALTER TABLE "notification" ADD CONSTRAINT "fk_notification_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "notification" ADD CONSTRAINT "fk_notification_membership" FOREIGN KEY ("membership_id") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "notification" ADD CONSTRAINT "fk_notification_group" FOREIGN KEY ("group_id") REFERENCES "support_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "notification" ADD CONSTRAINT "fk_notification_actor" FOREIGN KEY ("actor_membership_id") REFERENCES "membership"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );

    await queryRunner.query(
      'CREATE TABLE "notification_setting" ("account_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "enabled" boolean NOT NULL, CONSTRAINT "pk_notification_setting" PRIMARY KEY ("account_id", "kind"))',
    );
    await queryRunner.query(
      'ALTER TABLE "notification_setting" ADD CONSTRAINT "fk_notification_setting_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );

    await queryRunner.query(
      'CREATE TABLE "notification_claim" ("key" character varying(160) NOT NULL, "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_notification_claim" PRIMARY KEY ("key"))',
    );
    await queryRunner.query('CREATE INDEX "ix_notification_claim_at" ON "notification_claim" ("claimed_at") ');

    await queryRunner.query(
      'CREATE TABLE "push_subscription" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "endpoint" text NOT NULL, "public_key" character varying(100) NOT NULL, "auth" character varying(32) NOT NULL, "language" character varying(2) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_push_subscription" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_push_subscription_endpoint" ON "push_subscription" ("endpoint") ');
    await queryRunner.query('CREATE INDEX "ix_push_subscription_account" ON "push_subscription" ("account_id") ');
    await queryRunner.query(
      'ALTER TABLE "push_subscription" ADD CONSTRAINT "fk_push_subscription_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "push_subscription"');
    await queryRunner.query('DROP TABLE "notification_claim"');
    await queryRunner.query('DROP TABLE "notification_setting"');
    await queryRunner.query('DROP TABLE "notification"');
  }
}
