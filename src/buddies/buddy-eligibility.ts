import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import type { BuddyEligibility } from '../contracts/group-proposals.js';
import type { SupportGroup } from '../groups/group.entity.js';
import type { Membership } from '../groups/membership.entity.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The one rule for who may offer to be a buddy (the seeds: an older member shows a newer one the
 * way): an active member of the group for at least the group's `buddy_min_days` (a wait on a join
 * request does not count), with no open crisis case
 * of their own in any group (they come first). The offer route refuses with the reason, and the
 * list of buddies newcomers can ask leaves out whoever no longer meets it (`ownOpenCrisisSql`).
 */

/** The membership aliased `m` belongs to an account with an open crisis case about one of its memberships. */
export function ownOpenCrisisSql(m: string): string {
  return `EXISTS (SELECT 1 FROM moderation_case oc JOIN membership om ON om.id = oc.subject_membership_id
                   WHERE oc.kind = 'crisis' AND oc.resolved_at IS NULL AND om.account_id = ${m}.account_id)`;
}

/** Whether the member may offer now, and if not why and from when (null: when their case is closed). */
export async function buddyEligibility(
  manager: EntityManager,
  group: SupportGroup,
  membership: Membership,
  now = new Date(),
): Promise<BuddyEligibility> {
  const [row] = await manager.query<{ crisis: boolean }[]>(
    `SELECT ${ownOpenCrisisSql('m')} AS crisis FROM membership m WHERE m.id = $1`,
    [membership.id],
  );
  const minDays = group.buddyMinDays;
  if (row?.crisis) {
    return {
      canOffer: false,
      minDays,
      refusal: {
        code: 'buddy_own_crisis',
        message:
          'While a crisis case of your own is open, take care of yourself first: you can offer to be a buddy once it is closed.',
        possibleFrom: null,
      },
    };
  }
  const possibleFrom = new Date(membership.activeSince.getTime() + minDays * DAY_MS);
  if (possibleFrom.getTime() > now.getTime()) {
    return {
      canOffer: false,
      minDays,
      refusal: {
        code: 'buddy_too_soon',
        message: `Offering to be a buddy is possible after ${minDays} days in this group, from ${possibleFrom.toISOString().slice(0, 10)}.`,
        possibleFrom: possibleFrom.toISOString(),
      },
    };
  }
  return { canOffer: true, minDays, refusal: null };
}

/** As `buddyEligibility`, throwing its refusal (`buddy_too_soon`, `buddy_own_crisis`, both 403). */
export async function requireBuddyEligible(
  manager: EntityManager,
  group: SupportGroup,
  membership: Membership,
): Promise<void> {
  const { refusal } = await buddyEligibility(manager, group, membership);
  if (refusal) {
    throw new DomainError(
      refusal.code,
      refusal.message,
      refusal.possibleFrom ? [{ field: 'possibleFrom', message: refusal.possibleFrom }] : undefined,
    );
  }
}
