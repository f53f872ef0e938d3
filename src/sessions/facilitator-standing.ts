import type { EntityManager } from 'typeorm';

/**
 * Whether a member can lead a meeting of the group: an active membership that no suspension keeps
 * out of the room, neither its own nor one still running on a former membership of the same account
 * here (as `MembershipService` decides standing). A suspension is a date, not a status.
 */
export async function canFacilitate(manager: EntityManager, groupId: string, membershipId: string): Promise<boolean> {
  const rows = await manager.query<{ id: string }[]>(
    `SELECT m.id FROM membership m
      WHERE m.id = $1 AND m.group_id = $2 AND m.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM membership f
                         WHERE f.group_id = m.group_id AND f.account_id = m.account_id AND f.suspended_until > $3)`,
    [membershipId, groupId, new Date()],
  );
  return rows.length > 0;
}
