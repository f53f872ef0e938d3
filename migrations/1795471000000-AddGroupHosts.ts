import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hosts of a group (members who volunteered) and a newcomer's one private question to them: one
 * per account and group, shown to hosts under a numbered guest label or the asker's alias there.
 */
export class AddGroupHosts1795471000000 implements MigrationInterface {
  name = 'AddGroupHosts1795471000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "group_host" ("membership_id" uuid NOT NULL, "group_id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_group_host" PRIMARY KEY ("membership_id"),
        CONSTRAINT "fk_group_host_membership" FOREIGN KEY ("membership_id") REFERENCES "membership"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_group_host_group" FOREIGN KEY ("group_id") REFERENCES "support_group"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query('CREATE INDEX "ix_group_host_group" ON "group_host" ("group_id")');
    await queryRunner.query(
      `CREATE TABLE "host_question" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL,
        "account_id" uuid NOT NULL, "membership_id" uuid, "guest_number" integer, "question" text NOT NULL,
        "answer" text, "answered_by_membership_id" uuid, "answered_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_host_question" PRIMARY KEY ("id"),
        CONSTRAINT "fk_host_question_group" FOREIGN KEY ("group_id") REFERENCES "support_group"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_host_question_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_host_question_membership" FOREIGN KEY ("membership_id") REFERENCES "membership"("id") ON DELETE SET NULL,
        CONSTRAINT "fk_host_question_answered_by" FOREIGN KEY ("answered_by_membership_id") REFERENCES "membership"("id") ON DELETE SET NULL)`,
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_host_question_group_account" ON "host_question" ("group_id", "account_id")',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_host_question_group_guest" ON "host_question" ("group_id", "guest_number")',
    );
    await queryRunner.query('CREATE INDEX "ix_host_question_account" ON "host_question" ("account_id")');
    await queryRunner.query('CREATE INDEX "ix_host_question_membership" ON "host_question" ("membership_id")');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "host_question"');
    await queryRunner.query('DROP TABLE "group_host"');
  }
}
