import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { ReactionKind } from '../contracts/forums.js';
import { Membership } from '../groups/membership.entity.js';
import { ForumPost } from './forum-post.entity.js';

/**
 * "I recognise this" or "support" on a post (a thread's reactions are its opening post's). The key
 * allows one of each kind per member per post.
 */
@Entity({ name: 'forum_reaction' })
@Index('ix_forum_reaction_member', ['memberId'])
export class ForumReaction {
  @PrimaryColumn({ name: 'post_id', type: 'uuid', primaryKeyConstraintName: 'pk_forum_reaction' })
  postId: string;

  @PrimaryColumn({ name: 'member_id', type: 'uuid', primaryKeyConstraintName: 'pk_forum_reaction' })
  memberId: string;

  @PrimaryColumn({ type: 'varchar', length: 16, primaryKeyConstraintName: 'pk_forum_reaction' })
  kind: ReactionKind;

  @ManyToOne(() => ForumPost, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'post_id', foreignKeyConstraintName: 'fk_forum_reaction_post' })
  post?: ForumPost;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_forum_reaction_member' })
  member?: Membership;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
