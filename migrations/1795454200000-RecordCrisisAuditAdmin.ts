import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The crisis audit log names which admin acted (appointed or revoked a responder, opened a case's
 * context, decided an appeal), not just that an admin did. The log is admins' own; the id goes
 * with the admin's account.
 */
export class RecordCrisisAuditAdmin1795454200000 implements MigrationInterface {
  name = 'RecordCrisisAuditAdmin1795454200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "crisis_audit" ADD "actor_account_id" uuid');
    await queryRunner.query(
      'ALTER TABLE "crisis_audit" ADD CONSTRAINT "fk_crisis_audit_actor_account" FOREIGN KEY ("actor_account_id") REFERENCES "account"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "crisis_audit" DROP CONSTRAINT "fk_crisis_audit_actor_account"');
    await queryRunner.query('ALTER TABLE "crisis_audit" DROP COLUMN "actor_account_id"');
  }
}
