import type { GroupDetail, GroupSummary, MemberRef, MyMembership } from '../../../src/contracts/groups.js';
import { api, ApiError } from '../core/http.js';

export type { GroupDetail, GroupSummary, MemberRef, MyMembership };

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

/** `/api/groups/:slug` plus a rest of path, with the slug encoded. */
export function groupApi(slug: string, rest = ''): string {
  return `/api/groups/${encodeURIComponent(slug)}${rest}`;
}

/** An app path inside a group. */
export function groupPath(slug: string, rest = ''): string {
  return `/groups/${encodeURIComponent(slug)}${rest}`;
}

export function loadGroup(slug: string, signal?: AbortSignal): Promise<GroupDetail> {
  return api.get<GroupDetail>(groupApi(slug), { signal });
}

/** The member's own membership of the group, in any state, or null when they never joined. */
export async function loadMembership(slug: string, signal?: AbortSignal): Promise<MyMembership | null> {
  try {
    return await api.get<MyMembership>(groupApi(slug, '/membership'), { signal });
  } catch (error) {
    if (error instanceof ApiError && (error.code === 'not_a_member' || error.status === 404)) {
      return null;
    }
    throw error;
  }
}

/** A membership that reads and writes: active, with the current pledge accepted. */
export function isReading(membership: MyMembership | null): membership is MyMembership {
  return membership?.status === 'active' && membership.pledgeCurrent;
}
