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
  const [row] = await manager.query<{ other: boolean }[]>(
    `SELECT ${anotherModeratorDecides('$1::uuid', '$2::uuid', '$3::uuid')} AS other`,
    [groupId, appellantMembershipId, actingMembershipId],
  );
  return row.other ? 'group_moderators' : 'crisis_responders';
}

/**
 * The rule above as an SQL condition on three SQL expressions (a group id, the appellant's and the
 * acting moderator's membership ids), so a list can filter by it before it is cut to a length.
 */
export function anotherModeratorDecides(
  groupId: string,
  appellantMembershipId: string,
  actingMembershipId: string,
): string {
  return `EXISTS (SELECT 1 FROM membership other_moderator
      WHERE other_moderator.group_id = ${groupId} AND other_moderator.role = 'moderator'
        AND other_moderator.status = 'active'
        AND (other_moderator.suspended_until IS NULL OR other_moderator.suspended_until <= now())
        AND other_moderator.id <> ${appellantMembershipId}
        AND other_moderator.id IS DISTINCT FROM ${actingMembershipId})`;
}
