import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Membership } from '../groups/membership.entity.js';

/** One member blocked another for buddy chats: no request between them, either way, again. */
@Entity({ name: 'buddy_block' })
@Index('ix_buddy_block_blocked', ['blockedMembershipId'])
export class BuddyBlock {
  @PrimaryColumn({ name: 'membership_id', type: 'uuid', primaryKeyConstraintName: 'pk_buddy_block' })
  membershipId: string;

  @PrimaryColumn({ name: 'blocked_membership_id', type: 'uuid', primaryKeyConstraintName: 'pk_buddy_block' })
  blockedMembershipId: string;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'membership_id', foreignKeyConstraintName: 'fk_buddy_block_membership' })
  membership?: Membership;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'blocked_membership_id', foreignKeyConstraintName: 'fk_buddy_block_blocked' })
  blocked?: Membership;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
