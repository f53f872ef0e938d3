import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A push subscription belongs to one login on a device the member marked as their own, and ends
 * with it (logout, ending the device, a reused refresh token, quick exit): a shared device keeps
 * nothing that reaches the account. Subscriptions made before were not tied to any login and
 * cannot be told apart, so they are dropped; the member turns pushes on again on their own device.
 */
export class TiePushToOwnDevice1795484100000 implements MigrationInterface {
  name = 'TiePushToOwnDevice1795484100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM "push_subscription"');
    await queryRunner.query('ALTER TABLE "push_subscription" ADD "session_id" uuid NOT NULL');
    await queryRunner.query('CREATE INDEX "ix_push_subscription_session" ON "push_subscription" ("session_id") ');
    await queryRunner.query(
      'ALTER TABLE "push_subscription" ADD CONSTRAINT "fk_push_subscription_session" FOREIGN KEY ("session_id") REFERENCES "auth_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "push_subscription" DROP CONSTRAINT "fk_push_subscription_session"');
    await queryRunner.query('DROP INDEX "ix_push_subscription_session"');
    await queryRunner.query('ALTER TABLE "push_subscription" DROP COLUMN "session_id"');
  }
}
