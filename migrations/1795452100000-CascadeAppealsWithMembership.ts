import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An appeal belongs to the membership that wrote it: deleting the membership (with the account)
 * deletes the appeal. Appeals whose membership is gone already (they broke the appeals queue)
 * are deleted first.
 */
export class CascadeAppealsWithMembership1795452100000 implements MigrationInterface {
  name = 'CascadeAppealsWithMembership1795452100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DELETE FROM "appeal" a WHERE NOT EXISTS (SELECT 1 FROM "membership" m WHERE m.id = a.membership_id)',
    );
    await queryRunner.query(
      'ALTER TABLE "appeal" ADD CONSTRAINT "fk_appeal_membership" FOREIGN KEY ("membership_id") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "appeal" DROP CONSTRAINT "fk_appeal_membership"');
  }
}
