import type { GroupDetail, GroupSummary } from '../../../src/contracts/groups.js';

export type { GroupDetail, GroupSummary };

/**
 * Checks a group from the API before showing it: the client shows what it can rather than
 * breaking on a field it does not expect.
 */
export function isGroupSummary(value: unknown): value is GroupSummary {
  const group = value as Partial<GroupSummary> | null;
  return (
    typeof group === 'object' &&
    group !== null &&
    typeof group.slug === 'string' &&
    typeof group.name === 'string' &&
    typeof group.description === 'string'
  );
}
