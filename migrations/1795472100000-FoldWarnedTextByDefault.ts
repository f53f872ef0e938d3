import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Warned text comes folded unless the member chooses otherwise: the author asked readers to be
 * protected, and a thread's warning always folded its text. The preference's default follows.
 */
export class FoldWarnedTextByDefault1795472100000 implements MigrationInterface {
  name = 'FoldWarnedTextByDefault1795472100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "content_preference" ALTER COLUMN "fold_warned" SET DEFAULT true');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "content_preference" ALTER COLUMN "fold_warned" SET DEFAULT false');
  }
}
