import type { EntityManager } from 'typeorm';
import type { DomainEvents } from '../events/domain-events.js';

/** A conversation closed by `closeSupportChats`, announced with `announceSupportClosed` after the commit. */
export interface ClosedSupportChat {
  supportChatId: string;
  roomId: string | null;
}

/** Whose open conversations close: a volunteer's (all, or their moderator ones in one group), or members'. */
export type SupportChatsToClose =
  | { volunteerAccountId: string; badge?: 'moderator' | 'crisis_responder'; groupId?: string }
  | { memberMembershipIds: string[] };

/**
 * Closes open offers and conversations when one side can no longer be in them, inside the caller's
 * transaction (revoking a responder, dismissing, suspending, removing or banning a moderator). One
 * conditional update: when several processes race, each conversation is closed (and announced) once.
 * Lives outside the feature's services so crisis and moderation can call it without a module cycle.
 */
export async function closeSupportChats(
  manager: EntityManager,
  which: SupportChatsToClose,
): Promise<ClosedSupportChat[]> {
  const [condition, params] =
    'memberMembershipIds' in which
      ? ['member_membership_id = ANY($1::uuid[])', [which.memberMembershipIds]]
      : [
          `volunteer_account_id = $1
             AND ($2::text IS NULL OR volunteer_badge = $2)
             AND ($3::uuid IS NULL OR group_id = $3)`,
          [which.volunteerAccountId, which.badge ?? null, which.groupId ?? null],
        ];
  const rows = await manager.query<{ id: string; room_id: string | null }[]>(
    `WITH closed AS (
       UPDATE support_chat SET status = 'closed', closed_at = now()
        WHERE status IN ('offered', 'active') AND ${condition}
       RETURNING id, room_id)
     SELECT id, room_id FROM closed`,
    params,
  );
  return rows.map((row) => ({ supportChatId: row.id, roomId: row.room_id }));
}

/** After the commit: every process takes its connections out of the closed rooms and tells both sides. */
export async function announceSupportClosed(events: DomainEvents, closed: ClosedSupportChat[]): Promise<void> {
  for (const chat of closed) {
    await events.emit('support.closed', chat);
  }
}
