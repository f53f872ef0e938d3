import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Account } from '../accounts/account.entity.js';
import { AuthSession } from '../auth/auth-session.entity.js';
import type { NotificationKind, NotificationWhat } from '../contracts/notifications.js';
import { SupportGroup } from '../groups/group.entity.js';
import { Membership } from '../groups/membership.entity.js';

/**
 * A notification for one member in one group (addressed to the membership: it shows that group's
 * alias only). `groupKey` gathers what belongs together: while one is unread, more replies to the
 * same thread raise its `count` instead of adding rows.
 */
@Entity({ name: 'notification' })
@Index('ix_notification_account', ['accountId', 'updatedAt'])
@Index('ix_notification_membership', ['membershipId'])
@Index('uq_notification_unread_key', ['membershipId', 'groupKey'], { unique: true, where: '"read_at" IS NULL' })
export class Notification {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_notification' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_notification_account' })
  account?: Account;

  @Column({ name: 'membership_id', type: 'uuid' })
  membershipId: string;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'membership_id', foreignKeyConstraintName: 'fk_notification_membership' })
  membership?: Membership;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => SupportGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_notification_group' })
  group?: SupportGroup;

  @Column({ type: 'varchar', length: 16 })
  kind: NotificationKind;

  @Column({ type: 'varchar', length: 16 })
  what: NotificationWhat;

  @Column({ name: 'group_key', type: 'varchar', length: 120 })
  groupKey: string;

  /** The thread, buddy pair, notice or session it is about (an id of the same group). */
  @Column({ name: 'target_id', type: 'uuid', nullable: true })
  targetId: string | null;

  @Column({ name: 'actor_membership_id', type: 'uuid', nullable: true })
  actorMembershipId: string | null;

  @ManyToOne(() => Membership, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_membership_id', foreignKeyConstraintName: 'fk_notification_actor' })
  actor?: Membership;

  @Column({ type: 'integer', default: 1 })
  count: number;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

/** A kind the member turned on or off (no row: on). */
@Entity({ name: 'notification_setting' })
export class NotificationSetting {
  @PrimaryColumn({ name: 'account_id', type: 'uuid', primaryKeyConstraintName: 'pk_notification_setting' })
  accountId: string;

  @PrimaryColumn({ type: 'varchar', length: 16, primaryKeyConstraintName: 'pk_notification_setting' })
  kind: NotificationKind;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_notification_setting_account' })
  account?: Account;

  @Column({ type: 'boolean' })
  enabled: boolean;
}

/**
 * An event a notification was made for, taken once: with several processes every process hears a
 * domain event, and only the one that takes its key writes the notification.
 */
@Entity({ name: 'notification_claim' })
@Index('ix_notification_claim_at', ['claimedAt'])
export class NotificationClaim {
  @PrimaryColumn({ type: 'varchar', length: 160, primaryKeyConstraintName: 'pk_notification_claim' })
  key: string;

  @CreateDateColumn({ name: 'claimed_at', type: 'timestamptz' })
  claimedAt: Date;
}

/**
 * One device's Web Push subscription (opt-in on that device); the endpoint is the device's address.
 * It belongs to the login of a device the member marked as their own, and ends with that login.
 */
@Entity({ name: 'push_subscription' })
@Index('uq_push_subscription_endpoint', ['endpoint'], { unique: true })
@Index('ix_push_subscription_account', ['accountId'])
@Index('ix_push_subscription_session', ['sessionId'])
export class PushSubscriptionRow {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_push_subscription' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_push_subscription_account' })
  account?: Account;

  /** The login (on the member's own device) that turned pushes on. */
  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => AuthSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_push_subscription_session' })
  session?: AuthSession;

  @Column({ type: 'text' })
  endpoint: string;

  /** The device's ECDH public key (the subscription's `p256dh`). */
  @Column({ name: 'public_key', type: 'varchar', length: 100 })
  p256dh: string;

  @Column({ type: 'varchar', length: 32 })
  auth: string;

  @Column({ type: 'varchar', length: 2 })
  language: 'nl' | 'en';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
