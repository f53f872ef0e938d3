import { In, type EntityManager } from 'typeorm';
import { Appeal } from './appeal.entity.js';
import { ModeratorApplication } from './moderator-application.entity.js';

/**
 * The membership content step for what a member wrote to the group's moderation: their appeals
 * and their applications to moderate. Leaving with erase and deleting the account remove both
 * (the audit log keeps the actions and the decisions, with the moderators' reasons).
 */
export async function eraseAppealsAndApplications(manager: EntityManager, membershipIds: string[]): Promise<void> {
  await manager.delete(Appeal, { membershipId: In(membershipIds) });
  await manager.delete(ModeratorApplication, { membershipId: In(membershipIds) });
}
