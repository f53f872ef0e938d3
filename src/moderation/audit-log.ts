import type { EntityManager } from 'typeorm';
import type { AuditTargetKind, ModerationActionName } from '../contracts/moderation.js';
import type { ServerText } from '../contracts/server-texts.js';
import { ModerationAction } from './moderation-action.entity.js';

/** One moderator or admin action, as the group's audit log keeps it. */
export interface AuditRecord {
  action: ModerationActionName;
  /** The member acted on, if any. */
  targetMembershipId: string | null;
  target: { kind: AuditTargetKind; id: string } | null;
  /** The actor's own words: required (3+ characters, by the contracts) for an action on a member; '' when none. */
  reason: string;
  /** What the system says of the entry, worded by the client in the reader's language. */
  reasonText?: ServerText;
  /** Who acted without a membership: an admin unless said otherwise (a crisis responder). */
  outsider?: 'admin' | 'responder';
}

/**
 * The one audited path: every moderator or admin action that changes what members can see or do
 * writes its entry here, inside the action's own transaction, so the change and its entry commit
 * together or not at all. `actorMembershipId` is the moderator's (or facilitator's) membership;
 * null for an admin or a crisis responder (`record.outsider`), who act as no member of the group.
 */
export function recordAction(
  manager: EntityManager,
  groupId: string,
  actorMembershipId: string | null,
  record: AuditRecord,
): Promise<ModerationAction> {
  return manager.save(
    manager.create(ModerationAction, {
      groupId,
      action: record.action,
      moderatorMembershipId: actorMembershipId,
      actorKind: actorMembershipId ? 'moderator' : (record.outsider ?? 'admin'),
      targetMembershipId: record.targetMembershipId,
      targetKind: record.target?.kind ?? null,
      targetId: record.target?.id ?? null,
      reason: record.reason,
      reasonCode: record.reasonText?.code ?? null,
      reasonParams: record.reasonText?.params ?? null,
    }),
  );
}
