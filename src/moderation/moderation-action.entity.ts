import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditActorKind, AuditTargetKind, ModerationActionName } from '../contracts/moderation.js';
import type { ServerTextCode } from '../contracts/server-texts.js';
import { SupportGroup } from '../groups/group.entity.js';

/** The audit log: every moderator action with its reason. Never edited, never deleted with content. */
@Entity({ name: 'moderation_action' })
@Index('ix_moderation_action_group', ['groupId', 'createdAt'])
export class ModerationAction {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_moderation_action' })
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => SupportGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_moderation_action_group' })
  group?: SupportGroup;

  @Column({ type: 'varchar', length: 24 })
  action: ModerationActionName;

  /** The moderator's membership; null when someone who is no member of the group acted (`actorKind`). */
  @Column({ name: 'moderator_membership_id', type: 'uuid', nullable: true })
  moderatorMembershipId: string | null;

  /** Who acted: 'moderator' (named by the membership above), an admin, or a crisis responder. */
  @Column({ name: 'actor_kind', type: 'varchar', length: 12 })
  actorKind: AuditActorKind;

  @Column({ name: 'target_membership_id', type: 'uuid', nullable: true })
  targetMembershipId: string | null;

  @Column({ name: 'target_kind', type: 'varchar', length: 8, nullable: true })
  targetKind: AuditTargetKind | null;

  @Column({ name: 'target_id', type: 'uuid', nullable: true })
  targetId: string | null;

  /** The moderator's or admin's reason as written; '' where the system's words (`reasonCode`) say it all. */
  @Column({ type: 'text' })
  reason: string;

  /** The system's part of the entry, as a code of src/contracts/server-texts.ts (null: the reason alone). */
  @Column({ name: 'reason_code', type: 'varchar', length: 48, nullable: true })
  reasonCode: ServerTextCode | null;

  @Column({ name: 'reason_params', type: 'jsonb', nullable: true })
  reasonParams: Record<string, string | number> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
