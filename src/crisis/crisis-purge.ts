import type { EntityManager } from 'typeorm';
import { returnedRows } from '../moderation/cases.service.js';

/** The resolution of a crisis case whose member erased their words (a fixed text, not anyone's words). */
export const CLOSED_ON_ERASE =
  'Closed without the member: they erased their words (left with erase, or deleted the account).';

/**
 * The membership purge step `crisis`: a member who leaves a group with erase, or deletes their
 * account, takes their crisis cases off the desk. An open case is resolved with a fixed text (no
 * volunteer can reach its member any more, and it must not be re-announced every period), and
 * every crisis case forgets whose it was. Returns the cases it closed (the caller announces them
 * after the commit, so open desks and queues drop them live). What the audit needs stays: the case, its group, its
 * times, who claimed and who resolved it, and the crisis audit log's entries (ids only).
 */
export async function closeCrisisCasesOf(
  manager: EntityManager,
  membershipIds: string[],
  now: Date,
): Promise<{ caseId: string; groupId: string }[]> {
  const closed = returnedRows<{ caseId: string; groupId: string }>(
    await manager.query(
      `UPDATE moderation_case SET resolved_at = $2, resolution = $3, updated_at = now()
        WHERE kind = 'crisis' AND resolved_at IS NULL AND subject_membership_id = ANY($1::uuid[])
      RETURNING id AS "caseId", group_id AS "groupId"`,
      [membershipIds, now, CLOSED_ON_ERASE],
    ),
  );
  // A note the member wrote when asking for a person is their words: it goes with them.
  await manager.query(
    `UPDATE crisis_ask SET note = NULL
      WHERE case_id IN (SELECT id FROM moderation_case WHERE kind = 'crisis' AND subject_membership_id = ANY($1::uuid[]))`,
    [membershipIds],
  );
  await manager.query(
    `UPDATE moderation_case SET subject_membership_id = NULL, updated_at = now()
      WHERE kind = 'crisis' AND subject_membership_id = ANY($1::uuid[])`,
    [membershipIds],
  );
  return closed;
}
