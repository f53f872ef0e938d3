import type { MigrationInterface, QueryRunner } from 'typeorm';

export class HideChatMessages1795442510479 implements MigrationInterface {
  name = 'HideChatMessages1795442510479';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "chat_message" ADD "hidden_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "chat_message" ADD "held_at" TIMESTAMP WITH TIME ZONE');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "chat_message" DROP COLUMN "held_at"');
    await queryRunner.query('ALTER TABLE "chat_message" DROP COLUMN "hidden_at"');
  }
}
