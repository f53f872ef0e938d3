import type { EntityManager } from 'typeorm';

/** The resolution of a crisis case whose member erased their words (a fixed text, not anyone's words). */
export const CLOSED_ON_ERASE =
  'Closed without the member: they erased their words (left with erase, or deleted the account).';

/**
 * The membership purge step `crisis`: a member who leaves a group with erase, or deletes their
 * account, takes their crisis cases off the desk. An open case is resolved with a fixed text (no
 * volunteer can reach its member any more, and it must not be re-announced every period), and
 * every crisis case forgets whose it was. What the audit needs stays: the case, its group, its
 * times, who claimed and who resolved it, and the crisis audit log's entries (ids only).
 */
export async function closeCrisisCasesOf(manager: EntityManager, membershipIds: string[], now: Date): Promise<void> {
  await manager.query(
    `UPDATE moderation_case SET resolved_at = $2, resolution = $3, updated_at = now()
      WHERE kind = 'crisis' AND resolved_at IS NULL AND subject_membership_id = ANY($1::uuid[])`,
    [membershipIds, now, CLOSED_ON_ERASE],
  );
  await manager.query(
    `UPDATE moderation_case SET subject_membership_id = NULL, updated_at = now()
      WHERE kind = 'crisis' AND subject_membership_id = ANY($1::uuid[])`,
    [membershipIds],
  );
}
