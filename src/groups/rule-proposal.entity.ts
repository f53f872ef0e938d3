import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { RuleField, RuleProposalStatus } from '../contracts/group-proposals.js';
import { SupportGroup } from './group.entity.js';
import { Membership } from './membership.entity.js';

/** A member's proposed new wording of their group's pledge; the group's moderators accept or decline it. */
@Entity({ name: 'rule_proposal' })
@Index('ix_rule_proposal_group', ['groupId', 'status'])
@Index('ix_rule_proposal_membership', ['membershipId'])
@Index('uq_rule_proposal_open', ['membershipId', 'field'], { unique: true, where: `status = 'open'` })
export class RuleProposal {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_rule_proposal' })
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => SupportGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_rule_proposal_group' })
  group?: SupportGroup;

  @Column({ name: 'membership_id', type: 'uuid' })
  membershipId: string;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'membership_id', foreignKeyConstraintName: 'fk_rule_proposal_membership' })
  membership?: Membership;

  @Column({ type: 'varchar', length: 10 })
  field: RuleField;

  /** The proposed new text. */
  @Column({ type: 'text' })
  text: string;

  /** Why the member proposes it. */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 10, default: 'open' })
  status: RuleProposalStatus;

  @Column({ name: 'decided_by_membership_id', type: 'uuid', nullable: true })
  decidedByMembershipId: string | null;

  @ManyToOne(() => Membership, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decided_by_membership_id', foreignKeyConstraintName: 'fk_rule_proposal_decided_by' })
  decidedBy?: Membership | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
