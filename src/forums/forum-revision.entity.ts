import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ForumPost } from './forum-post.entity.js';

/**
 * An earlier version of a post (for the opening post also the thread's title and warning), kept
 * when its author edits it, for the group's moderators only. Purged with the post.
 */
@Entity({ name: 'forum_revision' })
@Index('ix_forum_revision_post', ['postId', 'replacedAt'])
export class ForumRevision {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_forum_revision' })
  id: string;

  @Column({ name: 'post_id', type: 'uuid' })
  postId: string;

  @ManyToOne(() => ForumPost, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'post_id', foreignKeyConstraintName: 'fk_forum_revision_post' })
  post?: ForumPost;

  @Column({ type: 'varchar', length: 150, nullable: true })
  title: string | null;

  @Column({ name: 'content_warning', type: 'varchar', length: 100, nullable: true })
  contentWarning: string | null;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'written_at', type: 'timestamptz' })
  writtenAt: Date;

  @CreateDateColumn({ name: 'replaced_at', type: 'timestamptz' })
  replacedAt: Date;
}
