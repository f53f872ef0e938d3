import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A client-made key on a new thread and a new reply, unique per author (membership): a retry of
 * a post whose answer was lost returns the first one instead of posting it twice.
 */
export class AddForumClientKeys1795453100000 implements MigrationInterface {
  name = 'AddForumClientKeys1795453100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "forum_thread" ADD "client_key" uuid');
    await queryRunner.query('ALTER TABLE "forum_post" ADD "client_key" uuid');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_forum_thread_author_client_key" ON "forum_thread" ("author_id", "client_key")',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_forum_post_author_client_key" ON "forum_post" ("author_id", "client_key")',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."uq_forum_post_author_client_key"');
    await queryRunner.query('DROP INDEX "public"."uq_forum_thread_author_client_key"');
    await queryRunner.query('ALTER TABLE "forum_post" DROP COLUMN "client_key"');
    await queryRunner.query('ALTER TABLE "forum_thread" DROP COLUMN "client_key"');
  }
}
