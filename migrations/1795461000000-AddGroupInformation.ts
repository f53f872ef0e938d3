import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A group's information page (purpose, who it is for, how sessions go, rules), its directory
 * category and topic words, the pairing of a peer group with its relatives' group, and the pinned
 * welcome thread a newcomer is pointed to. Existing groups get empty texts and a category from their
 * audience; existing members have been welcomed already; existing threads were written by members.
 */
export class AddGroupInformation1795461000000 implements MigrationInterface {
  name = 'AddGroupInformation1795461000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "support_group" ADD "category" character varying(16) NOT NULL DEFAULT 'psychological'`,
    );
    await queryRunner.query(`ALTER TABLE "support_group" ADD "topics" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "support_group" ADD "purpose" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "support_group" ADD "who_for" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "support_group" ADD "session_format" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "support_group" ADD "rules" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "support_group" ADD "paired_group_id" uuid`);
    await queryRunner.query(`ALTER TABLE "support_group" ADD "welcome_thread_id" uuid`);
    await queryRunner.query(`UPDATE "support_group" SET "category" = 'relatives' WHERE "audience" = 'relatives'`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_support_group_paired" ON "support_group" ("paired_group_id") WHERE "paired_group_id" IS NOT NULL',
    );
    await queryRunner.query(
      'ALTER TABLE "support_group" ADD CONSTRAINT "fk_support_group_paired" FOREIGN KEY ("paired_group_id") REFERENCES "support_group"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "support_group" ADD CONSTRAINT "fk_support_group_welcome_thread" FOREIGN KEY ("welcome_thread_id") REFERENCES "forum_thread"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query('ALTER TABLE "membership" ADD "welcomed_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('UPDATE "membership" SET "welcomed_at" = "joined_at"');
    await queryRunner.query('ALTER TABLE "forum_thread" ADD "site_voice" boolean NOT NULL DEFAULT false');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "forum_thread" DROP COLUMN "site_voice"');
    await queryRunner.query('ALTER TABLE "membership" DROP COLUMN "welcomed_at"');
    await queryRunner.query('ALTER TABLE "support_group" DROP CONSTRAINT "fk_support_group_welcome_thread"');
    await queryRunner.query('ALTER TABLE "support_group" DROP CONSTRAINT "fk_support_group_paired"');
    await queryRunner.query('DROP INDEX "public"."uq_support_group_paired"');
    for (const column of [
      'welcome_thread_id',
      'paired_group_id',
      'rules',
      'session_format',
      'who_for',
      'purpose',
      'topics',
      'category',
    ]) {
      await queryRunner.query(`ALTER TABLE "support_group" DROP COLUMN "${column}"`);
    }
  }
}
