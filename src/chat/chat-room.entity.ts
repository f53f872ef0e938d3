import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SupportGroup } from '../groups/group.entity.js';

/** A group's own room, one of its scheduled sessions, a buddy chat of two of its members, or a support conversation. */
export type ChatRoomKind = 'group' | 'session' | 'buddy' | 'support';

/**
 * A live chatroom and its message counter. `last_seq` is raised in the transaction that inserts a
 * message (`UPDATE … RETURNING`): the row lock orders a room's writers, so seqs commit in order.
 */
@Entity({ name: 'chat_room' })
@Index('uq_chat_room_group', ['groupId'], { unique: true, where: `kind = 'group'` })
export class ChatRoom {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_chat_room' })
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => SupportGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_chat_room_group' })
  group?: SupportGroup;

  @Column({ type: 'varchar', length: 8 })
  kind: ChatRoomKind;

  @Column({ name: 'last_seq', type: 'integer', default: 0 })
  lastSeq: number;

  /** Seconds each member waits between two messages; 0: off. Moderators and facilitators are exempt. */
  @Column({ name: 'slow_mode_seconds', type: 'integer', default: 0 })
  slowModeSeconds: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
