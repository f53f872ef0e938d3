import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from '../accounts/account.entity.js';
import type { GroupCategory } from '../contracts/group-info.js';
import type { GroupAudience, GroupLocale } from '../contracts/groups.js';
import type { GroupProposalStatus } from '../contracts/group-proposals.js';
import { SupportGroup } from './group.entity.js';

/**
 * A member's proposal for a new group; an admin approves (the group is made) or declines it with
 * a reason. It belongs to the account, as no group exists yet; admins never see whose it is.
 */
@Entity({ name: 'group_proposal' })
@Index('ix_group_proposal_proposer', ['proposerAccountId', 'createdAt'])
@Index('ix_group_proposal_status', ['status', 'createdAt'])
export class GroupProposal {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_group_proposal' })
  id: string;

  @Column({ name: 'proposer_account_id', type: 'uuid' })
  proposerAccountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposer_account_id', foreignKeyConstraintName: 'fk_group_proposal_account' })
  proposer?: Account;

  @Column({ type: 'varchar', length: 80 })
  name: string;

  @Column({ type: 'text' })
  purpose: string;

  @Column({ type: 'varchar', length: 16 })
  audience: GroupAudience;

  @Column({ type: 'varchar', length: 2 })
  locale: GroupLocale;

  /** The directory category the group gets (the proposer's choice, or what its audience implies; an admin may change it). */
  @Column({ type: 'varchar', length: 16, default: 'psychological' })
  category: GroupCategory;

  /** The proposer wants to be the new group's first moderator. */
  @Column({ type: 'boolean', default: false })
  moderate: boolean;

  /** The alias the proposer chose for the new group (null: one is generated). */
  @Column({ type: 'varchar', length: 24, nullable: true })
  alias: string | null;

  @Column({ type: 'varchar', length: 10, default: 'open' })
  status: GroupProposalStatus;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** The group made from it, once approved. */
  @Column({ name: 'group_id', type: 'uuid', nullable: true })
  groupId: string | null;

  @ManyToOne(() => SupportGroup, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_group_proposal_group' })
  group?: SupportGroup | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
