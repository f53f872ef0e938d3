import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Membership } from '../groups/membership.entity.js';

/** A member volunteering to moderate their group; admins approve or decline. */
@Entity({ name: 'moderator_application' })
@Index('ix_moderator_application_membership', ['membershipId'])
export class ModeratorApplication {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_moderator_application' })
  id: string;

  @Column({ name: 'membership_id', type: 'uuid' })
  membershipId: string;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'membership_id', foreignKeyConstraintName: 'fk_moderator_application_membership' })
  membership?: Membership;

  @Column({ type: 'text' })
  motivation: string;

  @Column({ type: 'varchar', length: 12, default: 'open' })
  status: 'open' | 'approved' | 'declined';

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
