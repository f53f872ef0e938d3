import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Membership } from '../groups/membership.entity.js';
import { ForumThread } from './forum-thread.entity.js';

/** How far a member has read a thread: posts with a higher `seq` are unread for them. */
@Entity({ name: 'forum_read_marker' })
@Index('ix_forum_read_marker_thread', ['threadId'])
export class ForumReadMarker {
  @PrimaryColumn({ name: 'member_id', type: 'uuid', primaryKeyConstraintName: 'pk_forum_read_marker' })
  memberId: string;

  @PrimaryColumn({ name: 'thread_id', type: 'uuid', primaryKeyConstraintName: 'pk_forum_read_marker' })
  threadId: string;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_forum_read_marker_member' })
  member?: Membership;

  @ManyToOne(() => ForumThread, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'thread_id', foreignKeyConstraintName: 'fk_forum_read_marker_thread' })
  thread?: ForumThread;

  @Column({ name: 'last_read_seq', type: 'integer' })
  lastReadSeq: number;

  @Column({ name: 'read_at', type: 'timestamptz' })
  readAt: Date;
}
