import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Membership } from '../groups/membership.entity.js';

/** A member's offer to be a buddy for newcomers in their group. */
@Entity({ name: 'buddy_offer' })
export class BuddyOffer {
  @PrimaryColumn({ name: 'membership_id', type: 'uuid', primaryKeyConstraintName: 'pk_buddy_offer' })
  membershipId: string;

  @OneToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'membership_id', foreignKeyConstraintName: 'fk_buddy_offer_membership' })
  membership?: Membership;

  /** How many newcomers at once. */
  @Column({ type: 'integer', default: 2 })
  capacity: number;

  /** Taking a break: no new requests; running pairs go on. */
  @Column({ type: 'boolean', default: false })
  paused: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
