import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAccounts1795437496436 implements MigrationInterface {
  name = 'CreateAccounts1795437496436';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "account" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "login_name" character varying(32) NOT NULL, "password_hash" character varying(100) NOT NULL, "role" character varying(16) NOT NULL DEFAULT \'member\', "token_version" integer NOT NULL DEFAULT \'0\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_account" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_account_login_name" ON "account"  ("login_name") ');
    await queryRunner.query(
      'CREATE TABLE "recovery_code" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "code_hash" character varying(100) NOT NULL, CONSTRAINT "pk_recovery_code" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_recovery_code_account" ON "recovery_code"  ("account_id") ');
    await queryRunner.query(
      'CREATE TABLE "auth_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "token_version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_auth_session" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_auth_session_account" ON "auth_session"  ("account_id") ');
    await queryRunner.query(
      'CREATE TABLE "refresh_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_refresh_token" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_refresh_token_session" ON "refresh_token"  ("session_id") ');
    await queryRunner.query(
      'ALTER TABLE "recovery_code" ADD CONSTRAINT "fk_recovery_code_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "auth_session" ADD CONSTRAINT "fk_auth_session_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "refresh_token" ADD CONSTRAINT "fk_refresh_token_session" FOREIGN KEY ("session_id") REFERENCES "auth_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "refresh_token" DROP CONSTRAINT "fk_refresh_token_session"');
    await queryRunner.query('ALTER TABLE "auth_session" DROP CONSTRAINT "fk_auth_session_account"');
    await queryRunner.query('ALTER TABLE "recovery_code" DROP CONSTRAINT "fk_recovery_code_account"');
    await queryRunner.query('DROP INDEX "public"."ix_refresh_token_session"');
    await queryRunner.query('DROP TABLE "refresh_token"');
    await queryRunner.query('DROP INDEX "public"."ix_auth_session_account"');
    await queryRunner.query('DROP TABLE "auth_session"');
    await queryRunner.query('DROP INDEX "public"."ix_recovery_code_account"');
    await queryRunner.query('DROP TABLE "recovery_code"');
    await queryRunner.query('DROP INDEX "public"."uq_account_login_name"');
    await queryRunner.query('DROP TABLE "account"');
  }
}
