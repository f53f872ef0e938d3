import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { GroupAudience, GroupKind, GroupLocale } from '../contracts/groups.js';

/** A self-help group on one topic: its forum, its chatroom, its members. ("group" is an SQL keyword.) */
@Entity({ name: 'support_group' })
@Index('uq_support_group_slug', ['slug'], { unique: true })
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

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
