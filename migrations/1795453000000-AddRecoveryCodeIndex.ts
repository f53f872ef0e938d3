import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A keyed index (`<key id>:<HMAC-SHA256>` under a key derived from JWT_SECRET) beside each
 * recovery code's bcrypt hash, so recovery compares one hash instead of ten. Existing codes are
 * stored only as bcrypt hashes and cannot be re-keyed: their index stays null and recovery still
 * tries them one by one (re-issuing them would lock out members who kept only their printed codes).
 */
export class AddRecoveryCodeIndex1795453000000 implements MigrationInterface {
  name = 'AddRecoveryCodeIndex1795453000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "recovery_code" ADD "code_index" character varying(80)');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_recovery_code_index" ON "recovery_code" ("code_index")');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."uq_recovery_code_index"');
    await queryRunner.query('ALTER TABLE "recovery_code" DROP COLUMN "code_index"');
  }
}
