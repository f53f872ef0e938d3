import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Groups that meet in person, imported by admins from CSV; a re-import matches rows by `import_key`. */
export class AddOfflineGroups1795471500000 implements MigrationInterface {
  name = 'AddOfflineGroups1795471500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "offline_group" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "import_key" character varying(240) NOT NULL,
        "name" character varying(120) NOT NULL, "topic" character varying(200) NOT NULL, "category" character varying(16) NOT NULL,
        "region" character varying(80) NOT NULL, "rhythm" character varying(120) NOT NULL, "contact" character varying(200) NOT NULL,
        "audience" character varying(16) NOT NULL DEFAULT 'peers', "locale" character varying(2) NOT NULL DEFAULT 'nl',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_offline_group" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_offline_group_key" ON "offline_group" ("import_key")');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "offline_group"');
  }
}
