import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateForums1795439055583 implements MigrationInterface {
  name = 'CreateForums1795439055583';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "forum_thread" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "author_id" uuid, "title" character varying(150) NOT NULL, "content_warning" character varying(100), "reply_count" integer NOT NULL DEFAULT \'0\', "last_seq" integer NOT NULL DEFAULT \'0\', "last_activity_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "edited_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "purged_at" TIMESTAMP WITH TIME ZONE, "hidden_at" TIMESTAMP WITH TIME ZONE, "hidden_reason" character varying(500), "locked_at" TIMESTAMP WITH TIME ZONE, "pinned_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_forum_thread" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_forum_thread_deleted" ON "forum_thread" ("deleted_at")');
    await queryRunner.query('CREATE INDEX "ix_forum_thread_author" ON "forum_thread" ("author_id")');
    await queryRunner.query(
      'CREATE TABLE "forum_post" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "thread_id" uuid NOT NULL, "group_id" uuid NOT NULL, "author_id" uuid, "seq" integer NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "edited_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "purged_at" TIMESTAMP WITH TIME ZONE, "hidden_at" TIMESTAMP WITH TIME ZONE, "hidden_reason" character varying(500), CONSTRAINT "pk_forum_post" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_forum_post_deleted" ON "forum_post" ("deleted_at")');
    await queryRunner.query('CREATE INDEX "ix_forum_post_author" ON "forum_post" ("author_id")');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_forum_post_thread_seq" ON "forum_post" ("thread_id", "seq")');
    await queryRunner.query(
      'CREATE TABLE "forum_reaction" ("post_id" uuid NOT NULL, "member_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_forum_reaction" PRIMARY KEY ("post_id", "member_id", "kind"))',
    );
    await queryRunner.query('CREATE INDEX "ix_forum_reaction_member" ON "forum_reaction" ("member_id")');
    await queryRunner.query(
      'CREATE TABLE "forum_read_marker" ("member_id" uuid NOT NULL, "thread_id" uuid NOT NULL, "last_read_seq" integer NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_forum_read_marker" PRIMARY KEY ("member_id", "thread_id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_forum_read_marker_thread" ON "forum_read_marker" ("thread_id")');
    await queryRunner.query(
      'CREATE TABLE "forum_revision" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "post_id" uuid NOT NULL, "title" character varying(150), "content_warning" character varying(100), "body" text NOT NULL, "written_at" TIMESTAMP WITH TIME ZONE NOT NULL, "replaced_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_forum_revision" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_forum_revision_post" ON "forum_revision" ("post_id", "replaced_at")');
    await queryRunner.query(
      'ALTER TABLE "forum_thread" ADD CONSTRAINT "fk_forum_thread_group" FOREIGN KEY ("group_id") REFERENCES "support_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "forum_thread" ADD CONSTRAINT "fk_forum_thread_author" FOREIGN KEY ("author_id") REFERENCES "membership"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "forum_post" ADD CONSTRAINT "fk_forum_post_thread" FOREIGN KEY ("thread_id") REFERENCES "forum_thread"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "forum_post" ADD CONSTRAINT "fk_forum_post_group" FOREIGN KEY ("group_id") REFERENCES "support_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "forum_post" ADD CONSTRAINT "fk_forum_post_author" FOREIGN KEY ("author_id") REFERENCES "membership"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "forum_reaction" ADD CONSTRAINT "fk_forum_reaction_post" FOREIGN KEY ("post_id") REFERENCES "forum_post"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "forum_reaction" ADD CONSTRAINT "fk_forum_reaction_member" FOREIGN KEY ("member_id") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "forum_read_marker" ADD CONSTRAINT "fk_forum_read_marker_member" FOREIGN KEY ("member_id") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "forum_read_marker" ADD CONSTRAINT "fk_forum_read_marker_thread" FOREIGN KEY ("thread_id") REFERENCES "forum_thread"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "forum_revision" ADD CONSTRAINT "fk_forum_revision_post" FOREIGN KEY ("post_id") REFERENCES "forum_post"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    // Written by hand (TypeORM cannot describe expression indexes; the entities name them with
    // synchronize: false). The listing's sort order, pinned threads first:
    await queryRunner.query(
      'CREATE INDEX "ix_forum_thread_listing" ON "forum_thread" ("group_id", ("pinned_at" IS NOT NULL), "last_activity_at", "id")',
    );
    // Full-text search in each group language. The search query repeats these expressions with the
    // configuration as a literal, so the planner can use them; a group whose language changes is
    // searched in its new language at once, without reindexing.
    for (const config of ['dutch', 'english']) {
      await queryRunner.query(
        `CREATE INDEX "ix_forum_thread_search_${config}" ON "forum_thread" USING gin (to_tsvector('${config}', "title"))`,
      );
      await queryRunner.query(
        `CREATE INDEX "ix_forum_post_search_${config}" ON "forum_post" USING gin (to_tsvector('${config}', "body"))`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const config of ['dutch', 'english']) {
      await queryRunner.query(`DROP INDEX "public"."ix_forum_post_search_${config}"`);
      await queryRunner.query(`DROP INDEX "public"."ix_forum_thread_search_${config}"`);
    }
    await queryRunner.query('DROP INDEX "public"."ix_forum_thread_listing"');
    await queryRunner.query('ALTER TABLE "forum_revision" DROP CONSTRAINT "fk_forum_revision_post"');
    await queryRunner.query('ALTER TABLE "forum_read_marker" DROP CONSTRAINT "fk_forum_read_marker_thread"');
    await queryRunner.query('ALTER TABLE "forum_read_marker" DROP CONSTRAINT "fk_forum_read_marker_member"');
    await queryRunner.query('ALTER TABLE "forum_reaction" DROP CONSTRAINT "fk_forum_reaction_member"');
    await queryRunner.query('ALTER TABLE "forum_reaction" DROP CONSTRAINT "fk_forum_reaction_post"');
    await queryRunner.query('ALTER TABLE "forum_post" DROP CONSTRAINT "fk_forum_post_author"');
    await queryRunner.query('ALTER TABLE "forum_post" DROP CONSTRAINT "fk_forum_post_group"');
    await queryRunner.query('ALTER TABLE "forum_post" DROP CONSTRAINT "fk_forum_post_thread"');
    await queryRunner.query('ALTER TABLE "forum_thread" DROP CONSTRAINT "fk_forum_thread_author"');
    await queryRunner.query('ALTER TABLE "forum_thread" DROP CONSTRAINT "fk_forum_thread_group"');
    await queryRunner.query('DROP INDEX "public"."ix_forum_revision_post"');
    await queryRunner.query('DROP TABLE "forum_revision"');
    await queryRunner.query('DROP INDEX "public"."ix_forum_read_marker_thread"');
    await queryRunner.query('DROP TABLE "forum_read_marker"');
    await queryRunner.query('DROP INDEX "public"."ix_forum_reaction_member"');
    await queryRunner.query('DROP TABLE "forum_reaction"');
    await queryRunner.query('DROP INDEX "public"."uq_forum_post_thread_seq"');
    await queryRunner.query('DROP INDEX "public"."ix_forum_post_author"');
    await queryRunner.query('DROP INDEX "public"."ix_forum_post_deleted"');
    await queryRunner.query('DROP TABLE "forum_post"');
    await queryRunner.query('DROP INDEX "public"."ix_forum_thread_author"');
    await queryRunner.query('DROP INDEX "public"."ix_forum_thread_deleted"');
    await queryRunner.query('DROP TABLE "forum_thread"');
  }
}
