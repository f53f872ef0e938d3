import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SupportGroup } from '../groups/group.entity.js';
import { Membership } from '../groups/membership.entity.js';

/**
 * A topic in a group's forum: the title, the warning, the moderation state and the counters. Its
 * opening text is the thread's first post (`seq` 0), so edits, reactions, revisions and search work
 * the same for the opening text and for replies.
 */
@Entity({ name: 'forum_thread' })
@Index('uq_forum_thread_author_client_key', ['authorId', 'clientKey'], { unique: true })
@Index('ix_forum_thread_author', ['authorId'])
@Index('ix_forum_thread_deleted', ['deletedAt'])
// Indexes on expressions TypeORM cannot describe; written by hand in the migration.
@Index('ix_forum_thread_listing', { synchronize: false })
@Index('ix_forum_thread_search_dutch', { synchronize: false })
@Index('ix_forum_thread_search_english', { synchronize: false })
export class ForumThread {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_forum_thread' })
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => SupportGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_forum_thread_group' })
  group?: SupportGroup;

  /** The author's membership; null once the text was purged or the author erased their words. */
  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @ManyToOne(() => Membership, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_forum_thread_author' })
  author?: Membership | null;

  /** Empty once purged. */
  @Column({ type: 'varchar', length: 150 })
  title: string;

  @Column({ name: 'content_warning', type: 'varchar', length: 100, nullable: true })
  contentWarning: string | null;

  /** Replies ever posted (removed ones stay as placeholders, so they count). */
  @Column({ name: 'reply_count', type: 'integer', default: 0 })
  replyCount: number;

  /** The `seq` of the newest post; raised atomically by each reply, which orders replies. */
  @Column({ name: 'last_seq', type: 'integer', default: 0 })
  lastSeq: number;

  @Column({ name: 'last_activity_at', type: 'timestamptz', default: () => 'now()' })
  lastActivityAt: Date;

  /** The client's key for this thread's creation (`clientKey`): a retry with it answers this thread. */
  @Column({ name: 'client_key', type: 'uuid', nullable: true })
  clientKey: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt: Date | null;

  /** When its author removed it; the text is purged seven days later. */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @Column({ name: 'purged_at', type: 'timestamptz', nullable: true })
  purgedAt: Date | null;

  /** Set by a moderator (the moderation feature): members see "removed by a moderator". */
  @Column({ name: 'hidden_at', type: 'timestamptz', nullable: true })
  hiddenAt: Date | null;

  @Column({ name: 'hidden_reason', type: 'varchar', length: 500, nullable: true })
  hiddenReason: string | null;

  /**
   * Held for a moderator's approval (watched word, identifying details, a new member's first
   * posts): only its author and the moderators see it until a moderator approves (clears) it.
   */
  @Column({ name: 'held_at', type: 'timestamptz', nullable: true })
  heldAt: Date | null;

  /** A locked thread takes no replies or edits. */
  @Column({ name: 'locked_at', type: 'timestamptz', nullable: true })
  lockedAt: Date | null;

  /** Written by the site itself (a starter group's welcome), not by any member: shown as Kring's voice. */
  @Column({ name: 'site_voice', type: 'boolean', default: false })
  siteVoice: boolean;

  /** A pinned thread is listed above the others. */
  @Column({ name: 'pinned_at', type: 'timestamptz', nullable: true })
  pinnedAt: Date | null;
}
