import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Membership } from './membership.entity.js';

/** A member's own choice not to see another alias of the group (their posts come back collapsed). */
@Entity({ name: 'member_mute' })
export class MemberMute {
  @PrimaryColumn({ name: 'membership_id', type: 'uuid', primaryKeyConstraintName: 'pk_member_mute' })
  membershipId: string;

  @PrimaryColumn({ name: 'muted_membership_id', type: 'uuid', primaryKeyConstraintName: 'pk_member_mute' })
  mutedMembershipId: string;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'membership_id', foreignKeyConstraintName: 'fk_member_mute_membership' })
  membership?: Membership;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'muted_membership_id', foreignKeyConstraintName: 'fk_member_mute_muted' })
  muted?: Membership;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
