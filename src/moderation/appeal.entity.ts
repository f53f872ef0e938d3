import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Membership } from '../groups/membership.entity.js';
import { ModerationAction } from './moderation-action.entity.js';

/** A member's appeal against an action that affected them: one per action, decided by someone else. */
@Entity({ name: 'appeal' })
@Index('uq_appeal_action', ['actionId'], { unique: true })
export class Appeal {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_appeal' })
  id: string;

  @Column({ name: 'action_id', type: 'uuid' })
  actionId: string;

  @ManyToOne(() => ModerationAction, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id', foreignKeyConstraintName: 'fk_appeal_action' })
  action?: ModerationAction;

  @Column({ name: 'membership_id', type: 'uuid' })
  membershipId: string;

  /** Deleting the membership (with the account) deletes the appeal: nothing is left that names no one. */
  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'membership_id', foreignKeyConstraintName: 'fk_appeal_membership' })
  membership?: Membership;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'varchar', length: 12, default: 'open' })
  status: 'open' | 'upheld' | 'overturned';

  @Column({ name: 'decided_by_membership_id', type: 'uuid', nullable: true })
  decidedByMembershipId: string | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
