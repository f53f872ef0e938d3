import type { MigrationInterface, QueryRunner } from 'typeorm';

export class HoldForumItemsForReview1795440291264 implements MigrationInterface {
  name = 'HoldForumItemsForReview1795440291264';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "forum_thread" ADD "held_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "forum_post" ADD "held_at" TIMESTAMP WITH TIME ZONE');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "forum_post" DROP COLUMN "held_at"');
    await queryRunner.query('ALTER TABLE "forum_thread" DROP COLUMN "held_at"');
  }
}
