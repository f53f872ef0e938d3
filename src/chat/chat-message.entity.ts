import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Membership } from '../groups/membership.entity.js';
import { SupportChat } from '../support-chats/support-chat.entity.js';
import { ChatRoom } from './chat-room.entity.js';

/** One chat message. Hard-deleted after the group's retention window, on erase and on account deletion. */
@Entity({ name: 'chat_message' })
@Index('uq_chat_message_room_seq', ['roomId', 'seq'], { unique: true })
@Index('uq_chat_message_client_msg', ['membershipId', 'clientMsgId'], { unique: true })
@Index('ix_chat_message_created_at', ['createdAt'])
@Index('uq_chat_message_support_client_msg', ['supportChatId', 'clientMsgId'], {
  unique: true,
  where: 'support_chat_id IS NOT NULL',
})
@Check('ck_chat_message_sender', '(membership_id IS NULL) <> (support_chat_id IS NULL)')
export class ChatMessageRow {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_chat_message' })
  id: string;

  @Column({ name: 'room_id', type: 'uuid' })
  roomId: string;

  @ManyToOne(() => ChatRoom, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'room_id', foreignKeyConstraintName: 'fk_chat_message_room' })
  room?: ChatRoom;

  @Column({ type: 'integer' })
  seq: number;

  /** The author's membership; null for the volunteer of a support conversation (`supportChatId`). */
  @Column({ name: 'membership_id', type: 'uuid', nullable: true })
  membershipId: string | null;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'membership_id', foreignKeyConstraintName: 'fk_chat_message_membership' })
  membership?: Membership;

  /** Set instead of `membershipId` when the volunteer of this support conversation wrote it. */
  @Column({ name: 'support_chat_id', type: 'uuid', nullable: true })
  supportChatId: string | null;

  @ManyToOne(() => SupportChat, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'support_chat_id', foreignKeyConstraintName: 'fk_chat_message_support_chat' })
  supportChat?: SupportChat;

  /** The sender's own id for the message: a retry with the same id returns the stored message. */
  @Column({ name: 'client_msg_id', type: 'uuid' })
  clientMsgId: string;

  @Column({ type: 'text' })
  body: string;

  /** The author's optional short warning: receivers see the message folded under it. */
  @Column({ name: 'content_warning', type: 'varchar', length: 100, nullable: true })
  contentWarning: string | null;

  /** Set from the injected clock, so the retention purge can be tested without waiting. */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Hidden by a moderator, or by three reports pending review: members no longer see it. */
  @Column({ name: 'hidden_at', type: 'timestamptz', nullable: true })
  hiddenAt: Date | null;

  /** Held for review (a watched word, identifying details the author insisted on): only its author and the moderators see it until approved. */
  @Column({ name: 'held_at', type: 'timestamptz', nullable: true })
  heldAt: Date | null;
}
