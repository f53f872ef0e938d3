import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The crisis audit no longer names a new admin's login name: nobody else ever sees a login name
 * (BRIEF rule 1), and a deleted account's name would stay here and seem to name its next holder.
 * Existing entries keep the code, without the name, whether it sat in the parameters or was still
 * the English sentence.
 */
export class DropLoginFromCrisisAudit1795483100000 implements MigrationInterface {
  name = 'DropLoginFromCrisisAudit1795483100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "crisis_audit" SET "reason_code" = 'crisisAudit.adminGranted', "reason_params" = NULL, "reason" = ''
       WHERE "reason_code" = 'crisisAudit.adminGranted'
          OR ("action" = 'admin-granted' AND "reason" LIKE 'Admin role granted to %')`,
    );
  }

  /** The names are gone; the entries go back to an English sentence without one. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "crisis_audit" SET "reason_code" = NULL, "reason" = 'Admin role granted to an account'
       WHERE "reason_code" = 'crisisAudit.adminGranted'`,
    );
  }
}
