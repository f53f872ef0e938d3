import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Private support conversations: `support_chat` (the offer and, once accepted, its room), and chat
 * messages that the volunteer wrote under the conversation instead of a membership.
 */
export class AddSupportChats1795451000000 implements MigrationInterface {
  name = 'AddSupportChats1795451000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "support_chat" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "case_id" uuid, "member_membership_id" uuid NOT NULL, "volunteer_account_id" uuid, "volunteer_badge" character varying(16) NOT NULL, "status" character varying(8) NOT NULL, "room_id" uuid, "offered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_support_chat" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_support_chat_open_case" ON "support_chat" ("case_id") WHERE status IN (\'offered\', \'active\')',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_support_chat_volunteer" ON "support_chat" ("volunteer_account_id", "status")',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_support_chat_member" ON "support_chat" ("member_membership_id", "status")',
    );
    await queryRunner.query(
      'ALTER TABLE "support_chat" ADD CONSTRAINT "fk_support_chat_group" FOREIGN KEY ("group_id") REFERENCES "support_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "support_chat" ADD CONSTRAINT "fk_support_chat_case" FOREIGN KEY ("case_id") REFERENCES "moderation_case"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "support_chat" ADD CONSTRAINT "fk_support_chat_member" FOREIGN KEY ("member_membership_id") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "support_chat" ADD CONSTRAINT "fk_support_chat_volunteer" FOREIGN KEY ("volunteer_account_id") REFERENCES "account"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "support_chat" ADD CONSTRAINT "fk_support_chat_room" FOREIGN KEY ("room_id") REFERENCES "chat_room"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query('ALTER TABLE "chat_message" ALTER COLUMN "membership_id" DROP NOT NULL');
    await queryRunner.query('ALTER TABLE "chat_message" ADD "support_chat_id" uuid');
    await queryRunner.query(
      'ALTER TABLE "chat_message" ADD CONSTRAINT "ck_chat_message_sender" CHECK ((membership_id IS NULL) <> (support_chat_id IS NULL))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_chat_message_support_client_msg" ON "chat_message" ("support_chat_id", "client_msg_id") WHERE support_chat_id IS NOT NULL',
    );
    await queryRunner.query(
      'ALTER TABLE "chat_message" ADD CONSTRAINT "fk_chat_message_support_chat" FOREIGN KEY ("support_chat_id") REFERENCES "support_chat"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The volunteers' messages cannot stay without a membership.
    await queryRunner.query('DELETE FROM "chat_message" WHERE "support_chat_id" IS NOT NULL');
    await queryRunner.query('ALTER TABLE "chat_message" DROP CONSTRAINT "fk_chat_message_support_chat"');
    await queryRunner.query('DROP INDEX "uq_chat_message_support_client_msg"');
    await queryRunner.query('ALTER TABLE "chat_message" DROP CONSTRAINT "ck_chat_message_sender"');
    await queryRunner.query('ALTER TABLE "chat_message" DROP COLUMN "support_chat_id"');
    await queryRunner.query('ALTER TABLE "chat_message" ALTER COLUMN "membership_id" SET NOT NULL');
    await queryRunner.query('DELETE FROM "chat_room" WHERE "kind" = \'support\'');
    await queryRunner.query('DROP TABLE "support_chat"');
  }
}
