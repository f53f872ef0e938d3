import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { BuddyPairStatus } from '../contracts/chat.js';
import { ChatRoom } from '../chat/chat-room.entity.js';
import { SupportGroup } from '../groups/group.entity.js';
import { Membership } from '../groups/membership.entity.js';

/** A newcomer's request to a buddy and, once accepted, their private two-person room. */
@Entity({ name: 'buddy_pair' })
@Index('ix_buddy_pair_buddy', ['buddyMembershipId', 'status'])
@Index('ix_buddy_pair_newcomer', ['newcomerMembershipId', 'status'])
@Index('uq_buddy_pair_open', ['buddyMembershipId', 'newcomerMembershipId'], {
  unique: true,
  where: `status IN ('requested', 'active')`,
})
export class BuddyPair {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_buddy_pair' })
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => SupportGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_buddy_pair_group' })
  group?: SupportGroup;

  @Column({ name: 'buddy_membership_id', type: 'uuid' })
  buddyMembershipId: string;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'buddy_membership_id', foreignKeyConstraintName: 'fk_buddy_pair_buddy' })
  buddy?: Membership;

  @Column({ name: 'newcomer_membership_id', type: 'uuid' })
  newcomerMembershipId: string;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'newcomer_membership_id', foreignKeyConstraintName: 'fk_buddy_pair_newcomer' })
  newcomer?: Membership;

  @Column({ type: 'varchar', length: 10 })
  status: BuddyPairStatus;

  /** The private room, from acceptance on. */
  @Column({ name: 'room_id', type: 'uuid', nullable: true })
  roomId: string | null;

  @ManyToOne(() => ChatRoom, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'room_id', foreignKeyConstraintName: 'fk_buddy_pair_room' })
  room?: ChatRoom | null;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
