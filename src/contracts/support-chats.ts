import { z } from 'zod';
import type { ChatMember } from './chat.js';

/**
 * Private support conversations: a volunteer who claimed a crisis case offers the member who wrote
 * the crisis message a one-to-one chat in that group. The member appears under their alias in
 * that group; the volunteer only as a role badge (never an account, never an alias).
 */

/** How the volunteer is shown: a moderator of the group, or a site-wide crisis responder. */
export type VolunteerBadge = 'moderator' | 'crisis_responder';

export const supportOfferSchema = z.strictObject({
  /** The crisis case the volunteer claimed; the conversation is offered to the member it is about. */
  caseId: z.uuid('Not a case id.'),
});

export type SupportOfferRequest = z.infer<typeof supportOfferSchema>;

/** offered → active (accepted) or declined; offered or active → closed (either side). */
export type SupportChatStatus = 'offered' | 'active' | 'declined' | 'closed';

export interface SupportChatView {
  id: string;
  group: string;
  status: SupportChatStatus;
  /** The asking account's side of it. */
  role: 'member' | 'volunteer';
  /** The member, under their alias in this group. */
  member: ChatMember;
  /** The volunteer, as a role badge only. */
  volunteer: { badge: VolunteerBadge };
  offeredAt: string;
}
