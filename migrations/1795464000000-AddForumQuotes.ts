import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A reply may answer one post of its thread (a quote). The quote keeps only the id: its excerpt
 * is read from the quoted post each time, so a removed or purged post is never quoted again.
 */
export class AddForumQuotes1795464000000 implements MigrationInterface {
  name = 'AddForumQuotes1795464000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "forum_post" ADD "quote_post_id" uuid');
    await queryRunner.query(
      `ALTER TABLE "forum_post" ADD CONSTRAINT "fk_forum_post_quote" FOREIGN KEY ("quote_post_id")
       REFERENCES "forum_post"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query('CREATE INDEX "ix_forum_post_quote" ON "forum_post" ("quote_post_id")');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."ix_forum_post_quote"');
    await queryRunner.query('ALTER TABLE "forum_post" DROP CONSTRAINT "fk_forum_post_quote"');
    await queryRunner.query('ALTER TABLE "forum_post" DROP COLUMN "quote_post_id"');
  }
}
