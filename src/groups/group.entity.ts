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
import type { GroupCategory } from '../contracts/group-info.js';
import type { ForumThread } from '../forums/forum-thread.entity.js';
import type { GroupAudience, GroupKind, GroupLocale } from '../contracts/groups.js';

/** A self-help group on one topic: its forum, its chatroom, its members. ("group" is an SQL keyword.) */
@Entity({ name: 'support_group' })
@Index('uq_support_group_slug', ['slug'], { unique: true })
@Index('uq_support_group_paired', ['pairedGroupId'], { unique: true, where: '"paired_group_id" IS NOT NULL' })
export class SupportGroup {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_support_group' })
  id: string;

  @Column({ type: 'varchar', length: 60 })
  slug: string;

  @Column({ type: 'varchar', length: 80 })
  name: string;

  @Column({ type: 'text' })
  description: string;

  /** The confidentiality rule members accept to join ("what is said here stays here"). */
  @Column({ type: 'text' })
  pledge: string;

  /** Raised when the pledge text changes; members accept the new version before they read on. */
  @Column({ name: 'pledge_version', type: 'integer', default: 1 })
  pledgeVersion: number;

  @Column({ type: 'varchar', length: 2 })
  locale: GroupLocale;

  @Column({ type: 'varchar', length: 8, default: 'open' })
  kind: GroupKind;

  @Column({ type: 'varchar', length: 16, default: 'peers' })
  audience: GroupAudience;

  @Column({ name: 'chat_retention_days', type: 'integer', default: 30 })
  chatRetentionDays: number;

  /** Hold this many first posts of every new member for a moderator's approval (0: off). */
  @Column({ name: 'hold_first_posts', type: 'integer', default: 0 })
  holdFirstPosts: number;

  /** Days a member belongs to the group before they may offer to be a buddy (set by its moderators). */
  @Column({ name: 'buddy_min_days', type: 'integer', default: 30 })
  buddyMinDays: number;

  /** The directory's family of groups (psychological, physical illness, addiction, social situation, relatives). */
  @Column({ type: 'varchar', length: 16, default: 'psychological' })
  category: GroupCategory;

  /** Topic words the directory search finds the group by, comma-separated ("angst, paniek, anxiety"). */
  @Column({ type: 'text', default: '' })
  topics: string;

  /** The information page a guest may read: what the group is for, who it is for, how sessions go, its rules. */
  @Column({ type: 'text', default: '' })
  purpose: string;

  @Column({ name: 'who_for', type: 'text', default: '' })
  whoFor: string;

  @Column({ name: 'session_format', type: 'text', default: '' })
  sessionFormat: string;

  @Column({ type: 'text', default: '' })
  rules: string;

  /** The peer group and its relatives' group point to each other (set by an admin); members are never linked. */
  @Column({ name: 'paired_group_id', type: 'uuid', nullable: true })
  pairedGroupId: string | null;

  @ManyToOne(() => SupportGroup, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'paired_group_id', foreignKeyConstraintName: 'fk_support_group_paired' })
  pairedGroup?: SupportGroup | null;

  /** The pinned "introduce yourself" thread a newcomer is pointed to. */
  @Column({ name: 'welcome_thread_id', type: 'uuid', nullable: true })
  welcomeThreadId: string | null;

  // By name: the thread entity imports this one.
  @ManyToOne('ForumThread', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'welcome_thread_id', foreignKeyConstraintName: 'fk_support_group_welcome_thread' })
  welcomeThread?: ForumThread | null;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
