import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { CaseKind, ContentKind } from '../contracts/moderation.js';
import { SupportGroup } from '../groups/group.entity.js';

/**
 * One entry of a group's moderation queue: reports on one item gathered together, a crisis alert,
 * an item held for review, or a worry about a member. Crisis comes first, then most reported, then oldest.
 */
@Entity({ name: 'moderation_case' })
@Index('ix_moderation_case_queue', ['groupId', 'resolvedAt', 'priority'])
@Index('uq_moderation_case_open_target', ['groupId', 'kind', 'targetKind', 'targetId'], {
  unique: true,
  where: '"resolved_at" IS NULL AND "target_id" IS NOT NULL',
})
export class ModerationCase {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_moderation_case' })
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => SupportGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_moderation_case_group' })
  group?: SupportGroup;

  @Column({ type: 'varchar', length: 8 })
  kind: CaseKind;

  /** 0 for crisis, 1 for everything else: the queue sorts on it first. */
  @Column({ type: 'smallint' })
  priority: number;

  @Column({ name: 'target_kind', type: 'varchar', length: 8, nullable: true })
  targetKind: ContentKind | null;

  @Column({ name: 'target_id', type: 'uuid', nullable: true })
  targetId: string | null;

  /** The member the case is about (the author of the item, or the member someone worries about). */
  @Column({ name: 'subject_membership_id', type: 'uuid', nullable: true })
  subjectMembershipId: string | null;

  @Column({ name: 'report_count', type: 'integer', default: 0 })
  reportCount: number;

  @Column({ name: 'claimed_by_membership_id', type: 'uuid', nullable: true })
  claimedByMembershipId: string | null;

  /** A crisis responder (site-wide, not a member of the group) working on it. */
  @Column({ name: 'claimed_by_responder_id', type: 'uuid', nullable: true })
  claimedByResponderId: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'resolved_by_membership_id', type: 'uuid', nullable: true })
  resolvedByMembershipId: string | null;

  @Column({ name: 'resolved_by_responder_id', type: 'uuid', nullable: true })
  resolvedByResponderId: string | null;

  @Column({ type: 'text', nullable: true })
  resolution: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
