import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A group proposal carries the directory category its group gets (an admin may change it when
 * approving). Open and decided proposals get the category their audience implies: a relatives'
 * group is `relatives`. Groups already made from a relatives' proposal were all stored as
 * `psychological`, which no one chose: those still so are put under `relatives`.
 */
export class AddGroupProposalCategory1795484300000 implements MigrationInterface {
  name = 'AddGroupProposalCategory1795484300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "group_proposal" ADD "category" character varying(16) NOT NULL DEFAULT 'psychological'`,
    );
    await queryRunner.query(`UPDATE "group_proposal" SET "category" = 'relatives' WHERE "audience" = 'relatives'`);
    await queryRunner.query(
      `UPDATE "support_group" SET "category" = 'relatives'
        WHERE "category" = 'psychological' AND "audience" = 'relatives'
          AND "id" IN (SELECT "group_id" FROM "group_proposal" WHERE "group_id" IS NOT NULL)`,
    );
  }

  /** The groups keep their category: it is what the directory has shown since. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "group_proposal" DROP COLUMN "category"`);
  }
}
