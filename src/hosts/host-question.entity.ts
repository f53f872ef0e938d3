import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from '../accounts/account.entity.js';
import { SupportGroup } from '../groups/group.entity.js';
import { Membership } from '../groups/membership.entity.js';

/**
 * A newcomer's one question to the hosts of a group (one per account and group, before or after
 * joining). The account id is kept only to show the asker their question and answer, to refuse a
 * second one and to purge it; it never leaves the server. Hosts see the asker as `guest_number`
 * ("Bezoeker 3", numbered per group) or, when they asked as a member, by `membership_id`'s alias.
 */
@Entity({ name: 'host_question' })
@Index('uq_host_question_group_account', ['groupId', 'accountId'], { unique: true })
@Index('uq_host_question_group_guest', ['groupId', 'guestNumber'], { unique: true })
@Index('ix_host_question_account', ['accountId'])
@Index('ix_host_question_membership', ['membershipId'])
export class HostQuestion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_host_question' })
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => SupportGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_host_question_group' })
  group?: SupportGroup;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_host_question_account' })
  account?: Account;

  /** The asker's membership when they asked as a member (hosts see its alias); null for a guest. */
  @Column({ name: 'membership_id', type: 'uuid', nullable: true })
  membershipId: string | null;

  @ManyToOne(() => Membership, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'membership_id', foreignKeyConstraintName: 'fk_host_question_membership' })
  membership?: Membership;

  /** The guest label's number in this group; null when asked as a member. */
  @Column({ name: 'guest_number', type: 'integer', nullable: true })
  guestNumber: number | null;

  @Column({ type: 'text' })
  question: string;

  @Column({ type: 'text', nullable: true })
  answer: string | null;

  @Column({ name: 'answered_by_membership_id', type: 'uuid', nullable: true })
  answeredByMembershipId: string | null;

  @ManyToOne(() => Membership, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'answered_by_membership_id', foreignKeyConstraintName: 'fk_host_question_answered_by' })
  answeredBy?: Membership;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
