import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditTargetKind, ModerationActionName } from '../contracts/moderation.js';
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

  /** The moderator's membership; null when an admin acted (a ban). */
  @Column({ name: 'moderator_membership_id', type: 'uuid', nullable: true })
  moderatorMembershipId: string | null;

  @Column({ name: 'target_membership_id', type: 'uuid', nullable: true })
  targetMembershipId: string | null;

  @Column({ name: 'target_kind', type: 'varchar', length: 8, nullable: true })
  targetKind: AuditTargetKind | null;

  @Column({ name: 'target_id', type: 'uuid', nullable: true })
  targetId: string | null;

  @Column({ type: 'text' })
  reason: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
