import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateChat1795439713862 implements MigrationInterface {
  name = 'CreateChat1795439713862';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "chat_room" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "kind" character varying(8) NOT NULL, "last_seq" integer NOT NULL DEFAULT \'0\', "slow_mode_seconds" integer NOT NULL DEFAULT \'0\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_chat_room" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_chat_room_group" ON "chat_room" ("group_id") WHERE kind = \'group\'',
    );
    await queryRunner.query(
      'CREATE TABLE "chat_message" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "room_id" uuid NOT NULL, "seq" integer NOT NULL, "membership_id" uuid NOT NULL, "client_msg_id" uuid NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_chat_message" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_chat_message_created_at" ON "chat_message" ("created_at")');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_chat_message_client_msg" ON "chat_message" ("membership_id", "client_msg_id")',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_chat_message_room_seq" ON "chat_message" ("room_id", "seq")');
    await queryRunner.query(
      'CREATE TABLE "buddy_block" ("membership_id" uuid NOT NULL, "blocked_membership_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_buddy_block" PRIMARY KEY ("membership_id", "blocked_membership_id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_buddy_block_blocked" ON "buddy_block" ("blocked_membership_id")');
    await queryRunner.query(
      'CREATE TABLE "buddy_offer" ("membership_id" uuid NOT NULL, "capacity" integer NOT NULL DEFAULT \'2\', "paused" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_buddy_offer" PRIMARY KEY ("membership_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "buddy_pair" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "buddy_membership_id" uuid NOT NULL, "newcomer_membership_id" uuid NOT NULL, "status" character varying(10) NOT NULL, "room_id" uuid, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_buddy_pair" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_buddy_pair_open" ON "buddy_pair" ("buddy_membership_id", "newcomer_membership_id") WHERE status IN (\'requested\', \'active\')',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_buddy_pair_newcomer" ON "buddy_pair" ("newcomer_membership_id", "status")',
    );
    await queryRunner.query('CREATE INDEX "ix_buddy_pair_buddy" ON "buddy_pair" ("buddy_membership_id", "status")');
    await queryRunner.query(
      'CREATE TABLE "chat_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "room_id" uuid NOT NULL, "title" character varying(120) NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "capacity" integer NOT NULL, "facilitator_membership_id" uuid, "floor_membership_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_chat_session_window" CHECK (ends_at > starts_at), CONSTRAINT "ck_chat_session_capacity" CHECK (capacity BETWEEN 2 AND 20), CONSTRAINT "pk_chat_session" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_chat_session_room" ON "chat_session" ("room_id")');
    await queryRunner.query('CREATE INDEX "ix_chat_session_group_starts" ON "chat_session" ("group_id", "starts_at")');
    await queryRunner.query(
      'CREATE TABLE "chat_session_signup" ("session_id" uuid NOT NULL, "membership_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_chat_session_signup" PRIMARY KEY ("session_id", "membership_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_chat_session_signup_membership" ON "chat_session_signup" ("membership_id")',
    );
    await queryRunner.query(
      'ALTER TABLE "chat_room" ADD CONSTRAINT "fk_chat_room_group" FOREIGN KEY ("group_id") REFERENCES "support_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "chat_message" ADD CONSTRAINT "fk_chat_message_room" FOREIGN KEY ("room_id") REFERENCES "chat_room"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "chat_message" ADD CONSTRAINT "fk_chat_message_membership" FOREIGN KEY ("membership_id") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "buddy_block" ADD CONSTRAINT "fk_buddy_block_membership" FOREIGN KEY ("membership_id") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "buddy_block" ADD CONSTRAINT "fk_buddy_block_blocked" FOREIGN KEY ("blocked_membership_id") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "buddy_offer" ADD CONSTRAINT "fk_buddy_offer_membership" FOREIGN KEY ("membership_id") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "buddy_pair" ADD CONSTRAINT "fk_buddy_pair_group" FOREIGN KEY ("group_id") REFERENCES "support_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "buddy_pair" ADD CONSTRAINT "fk_buddy_pair_buddy" FOREIGN KEY ("buddy_membership_id") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "buddy_pair" ADD CONSTRAINT "fk_buddy_pair_newcomer" FOREIGN KEY ("newcomer_membership_id") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "buddy_pair" ADD CONSTRAINT "fk_buddy_pair_room" FOREIGN KEY ("room_id") REFERENCES "chat_room"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "chat_session" ADD CONSTRAINT "fk_chat_session_group" FOREIGN KEY ("group_id") REFERENCES "support_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "chat_session" ADD CONSTRAINT "fk_chat_session_room" FOREIGN KEY ("room_id") REFERENCES "chat_room"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "chat_session" ADD CONSTRAINT "fk_chat_session_facilitator" FOREIGN KEY ("facilitator_membership_id") REFERENCES "membership"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "chat_session" ADD CONSTRAINT "fk_chat_session_floor" FOREIGN KEY ("floor_membership_id") REFERENCES "membership"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "chat_session_signup" ADD CONSTRAINT "fk_chat_session_signup_session" FOREIGN KEY ("session_id") REFERENCES "chat_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "chat_session_signup" ADD CONSTRAINT "fk_chat_session_signup_membership" FOREIGN KEY ("membership_id") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "chat_session_signup" DROP CONSTRAINT "fk_chat_session_signup_membership"');
    await queryRunner.query('ALTER TABLE "chat_session_signup" DROP CONSTRAINT "fk_chat_session_signup_session"');
    await queryRunner.query('ALTER TABLE "chat_session" DROP CONSTRAINT "fk_chat_session_floor"');
    await queryRunner.query('ALTER TABLE "chat_session" DROP CONSTRAINT "fk_chat_session_facilitator"');
    await queryRunner.query('ALTER TABLE "chat_session" DROP CONSTRAINT "fk_chat_session_room"');
    await queryRunner.query('ALTER TABLE "chat_session" DROP CONSTRAINT "fk_chat_session_group"');
    await queryRunner.query('ALTER TABLE "buddy_pair" DROP CONSTRAINT "fk_buddy_pair_room"');
    await queryRunner.query('ALTER TABLE "buddy_pair" DROP CONSTRAINT "fk_buddy_pair_newcomer"');
    await queryRunner.query('ALTER TABLE "buddy_pair" DROP CONSTRAINT "fk_buddy_pair_buddy"');
    await queryRunner.query('ALTER TABLE "buddy_pair" DROP CONSTRAINT "fk_buddy_pair_group"');
    await queryRunner.query('ALTER TABLE "buddy_offer" DROP CONSTRAINT "fk_buddy_offer_membership"');
    await queryRunner.query('ALTER TABLE "buddy_block" DROP CONSTRAINT "fk_buddy_block_blocked"');
    await queryRunner.query('ALTER TABLE "buddy_block" DROP CONSTRAINT "fk_buddy_block_membership"');
    await queryRunner.query('ALTER TABLE "chat_message" DROP CONSTRAINT "fk_chat_message_membership"');
    await queryRunner.query('ALTER TABLE "chat_message" DROP CONSTRAINT "fk_chat_message_room"');
    await queryRunner.query('ALTER TABLE "chat_room" DROP CONSTRAINT "fk_chat_room_group"');
    await queryRunner.query('DROP INDEX "public"."ix_chat_session_signup_membership"');
    await queryRunner.query('DROP TABLE "chat_session_signup"');
    await queryRunner.query('DROP INDEX "public"."ix_chat_session_group_starts"');
    await queryRunner.query('DROP INDEX "public"."uq_chat_session_room"');
    await queryRunner.query('DROP TABLE "chat_session"');
    await queryRunner.query('DROP INDEX "public"."ix_buddy_pair_buddy"');
    await queryRunner.query('DROP INDEX "public"."ix_buddy_pair_newcomer"');
    await queryRunner.query('DROP INDEX "public"."uq_buddy_pair_open"');
    await queryRunner.query('DROP TABLE "buddy_pair"');
    await queryRunner.query('DROP TABLE "buddy_offer"');
    await queryRunner.query('DROP INDEX "public"."ix_buddy_block_blocked"');
    await queryRunner.query('DROP TABLE "buddy_block"');
    await queryRunner.query('DROP INDEX "public"."uq_chat_message_room_seq"');
    await queryRunner.query('DROP INDEX "public"."uq_chat_message_client_msg"');
    await queryRunner.query('DROP INDEX "public"."ix_chat_message_created_at"');
    await queryRunner.query('DROP TABLE "chat_message"');
    await queryRunner.query('DROP INDEX "public"."uq_chat_room_group"');
    await queryRunner.query('DROP TABLE "chat_room"');
  }
}
