import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Content warnings on replies and chat messages (a thread's opening post keeps its warning on the
 * thread), and each account's own content preferences: fold every warned text by default, and
 * personal hidden words that fold a post or message for that member alone.
 */
export class AddContentWarningsEverywhere1795472000000 implements MigrationInterface {
  name = 'AddContentWarningsEverywhere1795472000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "forum_post" ADD "content_warning" character varying(100)');
    await queryRunner.query('ALTER TABLE "chat_message" ADD "content_warning" character varying(100)');
    await queryRunner.query(
      `CREATE TABLE "content_preference" ("account_id" uuid NOT NULL, "fold_warned" boolean NOT NULL DEFAULT false,
       "hidden_words" text NOT NULL DEFAULT '', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
       CONSTRAINT "pk_content_preference" PRIMARY KEY ("account_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "content_preference" ADD CONSTRAINT "fk_content_preference_account" FOREIGN KEY ("account_id")
       REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "content_preference" DROP CONSTRAINT "fk_content_preference_account"');
    await queryRunner.query('DROP TABLE "content_preference"');
    await queryRunner.query('ALTER TABLE "chat_message" DROP COLUMN "content_warning"');
    await queryRunner.query('ALTER TABLE "forum_post" DROP COLUMN "content_warning"');
  }
}
