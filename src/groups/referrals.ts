import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import type { ReferralView } from '../contracts/group-proposals.js';
import { GroupInvite } from './group-invite.entity.js';
import { invalidInvite } from './groups.errors.js';

/**
 * The one door for referral (invite) codes: making one and spending one. A code is shown once to
 * whoever made it and stored only as its hash; spending it records nothing about who spent it, so
 * its maker can learn how often it was used and never by whom.
 */

export function hashReferral(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

export const referralExpired = (at: Date) =>
  new DomainError(
    'invite_expired',
    `This code expired on ${at.toISOString().slice(0, 10)}. Ask whoever gave it to you for a new one.`,
    [{ field: 'inviteCode', message: 'This code has expired.' }],
  );
export const referralUsedUp = () =>
  new DomainError(
    'invite_used_up',
    'This code has been used as many times as it may be. Ask whoever gave it to you for a new one.',
    [{ field: 'inviteCode', message: 'This code is used up.' }],
  );

/** Makes a code for the group, in the caller's transaction; returns the code (once) and its row. */
export async function makeReferral(
  manager: EntityManager,
  groupId: string,
  uses: number,
  expiresAt: Date,
): Promise<{ code: string; invite: GroupInvite }> {
  const code = randomBytes(12).toString('base64url');
  const invite = await manager.save(
    manager.create(GroupInvite, { groupId, codeHash: hashReferral(code), usesLeft: uses, maxUses: uses, expiresAt }),
  );
  return { code, invite };
}

/**
 * The live code row for `code`, locked for the caller's transaction when `lock`. Fails with
 * `invalid_invite` for an unknown code (or one of another group when `groupId` is given),
 * `invite_expired` past its expiry, `invite_used_up` when no use is left.
 */
export async function liveReferral(
  manager: EntityManager,
  code: string,
  groupId?: string,
  lock = false,
): Promise<GroupInvite> {
  const invite = await manager.findOne(GroupInvite, {
    where: { codeHash: hashReferral(code), ...(groupId ? { groupId } : {}) },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!invite) {
    throw invalidInvite();
  }
  if (invite.expiresAt.getTime() <= Date.now()) {
    throw referralExpired(invite.expiresAt);
  }
  if (invite.usesLeft <= 0) {
    throw referralUsedUp();
  }
  return invite;
}

/** Spends one use of a live code of the group, in the joining transaction; fails as `liveReferral`. */
export async function spendReferral(manager: EntityManager, groupId: string, code: string): Promise<void> {
  const invite = await liveReferral(manager, code, groupId, true);
  await manager.update(GroupInvite, { id: invite.id }, { usesLeft: invite.usesLeft - 1 });
}

export function referralView(invite: GroupInvite, now = Date.now()): ReferralView {
  const used = invite.maxUses - invite.usesLeft;
  return {
    id: invite.id,
    maxUses: invite.maxUses,
    used,
    expiresAt: invite.expiresAt.toISOString(),
    createdAt: invite.createdAt.toISOString(),
    state: invite.expiresAt.getTime() <= now ? 'expired' : invite.usesLeft <= 0 ? 'used-up' : 'active',
  };
}
