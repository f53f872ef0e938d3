import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rejoining a group after leaving starts a new membership (a new member id and alias), so one
 * account may hold several memberships of a group: at most one current one (active, pending or
 * removed) beside any number of former ones (left, declined) whose words keep their own alias.
 */
export class StartNewMembershipOnRejoin1795452000000 implements MigrationInterface {
  name = 'StartNewMembershipOnRejoin1795452000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."uq_membership_group_account"');
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_membership_group_account_current" ON "membership" ("group_id", "account_id") WHERE "status" IN ('active', 'pending', 'removed')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Only the newest membership of each account in a group can stay under the old rule.
    await queryRunner.query(
      `DELETE FROM "membership" m USING "membership" newer
        WHERE newer.group_id = m.group_id AND newer.account_id = m.account_id
          AND (newer.joined_at, newer.id) > (m.joined_at, m.id)`,
    );
    await queryRunner.query('DROP INDEX "public"."uq_membership_group_account_current"');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_membership_group_account" ON "membership" ("group_id", "account_id") ',
    );
  }
}
