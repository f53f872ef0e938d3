import type { EntityManager } from 'typeorm';
import type { AppealDecider } from '../contracts/crisis.js';

/**
 * The one rule for who decides an appeal: the group's moderators when one of them is neither the
 * moderator who acted nor the appellant; otherwise crisis responders (and admins). Nobody decides
 * an appeal about their own action or their own sanction.
 */
export async function appealDecider(
  manager: EntityManager,
  groupId: string,
  actingMembershipId: string | null,
  appellantMembershipId: string,
): Promise<AppealDecider> {
  const [row] = await manager.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM membership
      WHERE group_id = $1 AND role = 'moderator' AND status = 'active'
        AND (suspended_until IS NULL OR suspended_until <= now())
        AND id <> $2 AND id IS DISTINCT FROM $3`,
    [groupId, appellantMembershipId, actingMembershipId],
  );
  return row.n > 0 ? 'group_moderators' : 'crisis_responders';
}
