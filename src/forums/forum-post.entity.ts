import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SupportGroup } from '../groups/group.entity.js';
import { Membership } from '../groups/membership.entity.js';
import { ForumThread } from './forum-thread.entity.js';

/** A thread's opening text (`seq` 0) or a reply (`seq` 1, 2, … in the order they were stored). */
@Entity({ name: 'forum_post' })
@Index('uq_forum_post_author_client_key', ['authorId', 'clientKey'], { unique: true })
@Index('uq_forum_post_thread_seq', ['threadId', 'seq'], { unique: true })
@Index('ix_forum_post_author', ['authorId'])
@Index('ix_forum_post_deleted', ['deletedAt'])
@Index('ix_forum_post_quote', ['quotePostId'])
// Full-text indexes on expressions TypeORM cannot describe; written by hand in the migration.
@Index('ix_forum_post_search_dutch', { synchronize: false })
@Index('ix_forum_post_search_english', { synchronize: false })
export class ForumPost {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_forum_post' })
  id: string;

  @Column({ name: 'thread_id', type: 'uuid' })
  threadId: string;

  @ManyToOne(() => ForumThread, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'thread_id', foreignKeyConstraintName: 'fk_forum_post_thread' })
  thread?: ForumThread;

  /** The thread's group, repeated here so access checks and search need no join. */
  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => SupportGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_forum_post_group' })
  group?: SupportGroup;

  /** The author's membership; null once the text was purged or the author erased their words. */
  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @ManyToOne(() => Membership, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_forum_post_author' })
  author?: Membership | null;

  @Column({ type: 'integer' })
  seq: number;

  /** The post of the same thread this reply answers (a quote); its excerpt is read live, never copied. */
  @Column({ name: 'quote_post_id', type: 'uuid', nullable: true })
  quotePostId: string | null;

  @ManyToOne(() => ForumPost, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'quote_post_id', foreignKeyConstraintName: 'fk_forum_post_quote' })
  quotePost?: ForumPost | null;

  /** Plain text; empty once purged. */
  @Column({ type: 'text' })
  body: string;

  /** The author's optional short warning before a reply's text (an opening post's is on its thread); null once purged. */
  @Column({ name: 'content_warning', type: 'varchar', length: 100, nullable: true })
  contentWarning: string | null;

  /** The client's key for this post's creation (`clientKey`): a retry with it answers this post. */
  @Column({ name: 'client_key', type: 'uuid', nullable: true })
  clientKey: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @Column({ name: 'purged_at', type: 'timestamptz', nullable: true })
  purgedAt: Date | null;

  @Column({ name: 'hidden_at', type: 'timestamptz', nullable: true })
  hiddenAt: Date | null;

  @Column({ name: 'hidden_reason', type: 'varchar', length: 500, nullable: true })
  hiddenReason: string | null;

  /** Held for a moderator's approval; set on a held thread's opening post too, like `deleted_at`. */
  @Column({ name: 'held_at', type: 'timestamptz', nullable: true })
  heldAt: Date | null;
}
