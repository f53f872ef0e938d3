import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateGroups1795437779860 implements MigrationInterface {
  name = 'CreateGroups1795437779860';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "support_group" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" character varying(60) NOT NULL, "name" character varying(80) NOT NULL, "description" text NOT NULL, "pledge" text NOT NULL, "pledge_version" integer NOT NULL DEFAULT \'1\', "locale" character varying(2) NOT NULL, "kind" character varying(8) NOT NULL DEFAULT \'open\', "audience" character varying(16) NOT NULL DEFAULT \'peers\', "chat_retention_days" integer NOT NULL DEFAULT \'30\', "archived_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_support_group" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_support_group_slug" ON "support_group"  ("slug") ');
    await queryRunner.query(
      'CREATE TABLE "group_invite" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "code_hash" character varying(64) NOT NULL, "uses_left" integer NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_group_invite" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_group_invite_code_hash" ON "group_invite"  ("code_hash") ');
    await queryRunner.query(
      'CREATE TABLE "membership" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "account_id" uuid NOT NULL, "alias" character varying(24) NOT NULL, "alias_key" character varying(24) NOT NULL, "status" character varying(16) NOT NULL DEFAULT \'active\', "role" character varying(16) NOT NULL DEFAULT \'member\', "pledge_version" integer NOT NULL, "pledge_accepted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "left_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_membership" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_membership_account" ON "membership"  ("account_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_membership_group_alias" ON "membership"  ("group_id", "alias_key") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_membership_group_account" ON "membership"  ("group_id", "account_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "member_mute" ("membership_id" uuid NOT NULL, "muted_membership_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_member_mute" PRIMARY KEY ("membership_id", "muted_membership_id"))',
    );
    await queryRunner.query(
      'ALTER TABLE "group_invite" ADD CONSTRAINT "fk_group_invite_group" FOREIGN KEY ("group_id") REFERENCES "support_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "membership" ADD CONSTRAINT "fk_membership_group" FOREIGN KEY ("group_id") REFERENCES "support_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "membership" ADD CONSTRAINT "fk_membership_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "member_mute" ADD CONSTRAINT "fk_member_mute_membership" FOREIGN KEY ("membership_id") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "member_mute" ADD CONSTRAINT "fk_member_mute_muted" FOREIGN KEY ("muted_membership_id") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "member_mute" DROP CONSTRAINT "fk_member_mute_muted"');
    await queryRunner.query('ALTER TABLE "member_mute" DROP CONSTRAINT "fk_member_mute_membership"');
    await queryRunner.query('ALTER TABLE "membership" DROP CONSTRAINT "fk_membership_account"');
    await queryRunner.query('ALTER TABLE "membership" DROP CONSTRAINT "fk_membership_group"');
    await queryRunner.query('ALTER TABLE "group_invite" DROP CONSTRAINT "fk_group_invite_group"');
    await queryRunner.query('DROP TABLE "member_mute"');
    await queryRunner.query('DROP INDEX "public"."uq_membership_group_account"');
    await queryRunner.query('DROP INDEX "public"."uq_membership_group_alias"');
    await queryRunner.query('DROP INDEX "public"."ix_membership_account"');
    await queryRunner.query('DROP TABLE "membership"');
    await queryRunner.query('DROP INDEX "public"."uq_group_invite_code_hash"');
    await queryRunner.query('DROP TABLE "group_invite"');
    await queryRunner.query('DROP INDEX "public"."uq_support_group_slug"');
    await queryRunner.query('DROP TABLE "support_group"');
  }
}
