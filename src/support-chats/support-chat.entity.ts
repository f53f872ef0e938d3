import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from '../accounts/account.entity.js';
import { ChatRoom } from '../chat/chat-room.entity.js';
import type { SupportChatStatus, VolunteerBadge } from '../contracts/support-chats.js';
import { SupportGroup } from '../groups/group.entity.js';
import { Membership } from '../groups/membership.entity.js';
import { ModerationCase } from '../moderation/moderation-case.entity.js';

/**
 * A volunteer's offer of a one-to-one conversation to the member a crisis case is about and, once
 * the member accepted, their private room. The volunteer is kept as an account (a crisis responder
 * need not be a member of the group) and shown only as `volunteer_badge`.
 */
@Entity({ name: 'support_chat' })
@Index('ix_support_chat_member', ['memberMembershipId', 'status'])
@Index('ix_support_chat_volunteer', ['volunteerAccountId', 'status'])
@Index('uq_support_chat_open_case', ['caseId'], { unique: true, where: `status IN ('offered', 'active')` })
export class SupportChat {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_support_chat' })
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => SupportGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_support_chat_group' })
  group?: SupportGroup;

  /** The crisis case it was offered on. */
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @ManyToOne(() => ModerationCase, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_support_chat_case' })
  case?: ModerationCase | null;

  /** The member who wrote the crisis message. */
  @Column({ name: 'member_membership_id', type: 'uuid' })
  memberMembershipId: string;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_membership_id', foreignKeyConstraintName: 'fk_support_chat_member' })
  member?: Membership;

  /** The volunteer who offered it; null once their account was deleted. */
  @Column({ name: 'volunteer_account_id', type: 'uuid', nullable: true })
  volunteerAccountId: string | null;

  @ManyToOne(() => Account, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'volunteer_account_id', foreignKeyConstraintName: 'fk_support_chat_volunteer' })
  volunteer?: Account | null;

  @Column({ name: 'volunteer_badge', type: 'varchar', length: 16 })
  volunteerBadge: VolunteerBadge;

  @Column({ type: 'varchar', length: 8 })
  status: SupportChatStatus;

  /** The private room, from acceptance on. */
  @Column({ name: 'room_id', type: 'uuid', nullable: true })
  roomId: string | null;

  @ManyToOne(() => ChatRoom, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'room_id', foreignKeyConstraintName: 'fk_support_chat_room' })
  room?: ChatRoom | null;

  @Column({ name: 'offered_at', type: 'timestamptz' })
  offeredAt: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
