import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from '../accounts/account.entity.js';
import type { MembershipStatus } from '../contracts/groups.js';
import { SupportGroup } from './group.entity.js';

export type MembershipRole = 'member' | 'moderator';

/**
 * An account's presence in one group. Its `id` is the `memberId` everybody else sees, with the
 * alias: the account id never leaves the server, so two memberships of one account cannot be linked.
 * Rejoining after leaving starts a new membership under a new alias (the old words keep the old one).
 */
@Entity({ name: 'membership' })
// One current membership per account and group; former ones (left, declined) stay beside it.
@Index('uq_membership_group_account_current', ['groupId', 'accountId'], {
  unique: true,
  where: `"status" IN ('active', 'pending', 'removed')`,
})
@Index('uq_membership_group_alias', ['groupId', 'aliasKey'], { unique: true })
@Index('ix_membership_account', ['accountId'])
export class Membership {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_membership' })
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => SupportGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_membership_group' })
  group?: SupportGroup;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_membership_account' })
  account?: Account;

  @Column({ type: 'varchar', length: 24 })
  alias: string;

  /** The alias folded (lower case, no accents, single spaces): uniqueness ignores those differences. */
  @Column({ name: 'alias_key', type: 'varchar', length: 24 })
  aliasKey: string;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: MembershipStatus;

  @Column({ type: 'varchar', length: 16, default: 'member' })
  role: MembershipRole;

  @Column({ name: 'pledge_version', type: 'integer' })
  pledgeVersion: number;

  @Column({ name: 'pledge_accepted_at', type: 'timestamptz' })
  pledgeAcceptedAt: Date;

  @CreateDateColumn({ name: 'joined_at', type: 'timestamptz' })
  joinedAt: Date;

  /** Since when the membership is active (joined, approved, resumed): a wait on a join request does not count. */
  @Column({ name: 'active_since', type: 'timestamptz', default: () => 'now()' })
  activeSince: Date;

  @Column({ name: 'left_at', type: 'timestamptz', nullable: true })
  leftAt: Date | null;

  /** Set by a moderator: the member cannot send chat messages until then. */
  @Column({ name: 'muted_until', type: 'timestamptz', nullable: true })
  mutedUntil: Date | null;

  /** Set by a moderator: the member cannot read or write in the group until then. */
  @Column({ name: 'suspended_until', type: 'timestamptz', nullable: true })
  suspendedUntil: Date | null;

  /** When the newcomer dismissed the group's welcome; null until then (it shows on their visits). */
  @Column({ name: 'welcomed_at', type: 'timestamptz', nullable: true })
  welcomedAt: Date | null;

  /** A moderator on a break: keeps the role but is no active volunteer (no crisis alerts) until they resume. */
  @Column({ name: 'moderator_paused_at', type: 'timestamptz', nullable: true })
  moderatorPausedAt: Date | null;
}
