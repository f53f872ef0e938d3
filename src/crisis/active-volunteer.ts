/**
 * The one rule for "an active volunteer" of the crisis safety net, as SQL conditions (the desk,
 * escalation, duty, coverage and both claim paths use these, never their own copy):
 * - a group's moderator: an active membership with the moderator role, not on a pause, not
 *   suspended now, of an account that is not banned;
 * - a crisis responder: not revoked, of an account that is not banned.
 * A claim on a crisis case is held only while its claimer is such a volunteer.
 */

/** The membership aliased `m` belongs to an active, unsuspended moderator of its group with an unbanned account. */
export function activeModeratorSql(m: string): string {
  return `(${m}.role = 'moderator' AND ${m}.status = 'active' AND ${m}.moderator_paused_at IS NULL
    AND (${m}.suspended_until IS NULL OR ${m}.suspended_until <= now())
    AND NOT EXISTS (SELECT 1 FROM account bm WHERE bm.id = ${m}.account_id AND bm.banned_at IS NOT NULL))`;
}

/** The crisis_responder row aliased `r` is an active responder with an unbanned account. */
export function activeResponderSql(r: string): string {
  return `(${r}.revoked_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM account br WHERE br.id = ${r}.account_id AND br.banned_at IS NOT NULL))`;
}

/** The claim on the moderation_case row aliased `c` is held by someone who can still act on it. */
export function claimHeldSql(c: string): string {
  return `(EXISTS (SELECT 1 FROM membership hm WHERE hm.id = ${c}.claimed_by_membership_id AND ${activeModeratorSql('hm')})
    OR EXISTS (SELECT 1 FROM crisis_responder hr WHERE hr.id = ${c}.claimed_by_responder_id AND ${activeResponderSql('hr')}))`;
}

/** The crisis case `c` was raised by the account `accountParam` (its author never counts for, claims or closes it). */
export function authoredBySql(c: string, accountParam: string): string {
  return `EXISTS (SELECT 1 FROM membership am WHERE am.id = ${c}.subject_membership_id AND am.account_id = ${accountParam})`;
}
