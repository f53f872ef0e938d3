import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A login remembers what a member needs to recognise it in their list of devices: a coarse
 * browser and system name from the User-Agent (never the whole string, never an IP address), when
 * its tokens were last renewed, and whether it keeps the member signed in through a cookie.
 */
export class AddAuthSessionDevice1795465000000 implements MigrationInterface {
  name = 'AddAuthSessionDevice1795465000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "auth_session" ADD "device_browser" character varying(16)');
    await queryRunner.query('ALTER TABLE "auth_session" ADD "device_os" character varying(16)');
    await queryRunner.query('ALTER TABLE "auth_session" ADD "last_used_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "auth_session" ADD "keep_signed_in" boolean NOT NULL DEFAULT false');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "auth_session" DROP COLUMN "keep_signed_in"');
    await queryRunner.query('ALTER TABLE "auth_session" DROP COLUMN "last_used_at"');
    await queryRunner.query('ALTER TABLE "auth_session" DROP COLUMN "device_os"');
    await queryRunner.query('ALTER TABLE "auth_session" DROP COLUMN "device_browser"');
  }
}
