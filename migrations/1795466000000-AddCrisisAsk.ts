import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A member can ask for a person themselves: such a crisis case remembers that, and their optional note. */
export class AddCrisisAsk1795466000000 implements MigrationInterface {
  name = 'AddCrisisAsk1795466000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "crisis_ask" ("case_id" uuid NOT NULL, "note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_crisis_ask" PRIMARY KEY ("case_id"),
        CONSTRAINT "fk_crisis_ask_case" FOREIGN KEY ("case_id") REFERENCES "moderation_case"("id") ON DELETE CASCADE)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "crisis_ask"');
  }
}
