import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Notice as NoticeView } from '../contracts/moderation.js';
import { Membership } from '../groups/membership.entity.js';

/** A private message from the group's moderation to one member: a warning, an action, a caring check. */
@Entity({ name: 'notice' })
@Index('ix_notice_membership', ['membershipId', 'createdAt'])
export class Notice {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_notice' })
  id: string;

  @Column({ name: 'membership_id', type: 'uuid' })
  membershipId: string;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'membership_id', foreignKeyConstraintName: 'fk_notice_membership' })
  membership?: Membership;

  @Column({ type: 'varchar', length: 16 })
  kind: NoticeView['kind'];

  @Column({ type: 'text' })
  message: string;

  @Column({ name: 'action_id', type: 'uuid', nullable: true })
  actionId: string | null;

  @Column({ name: 'with_crisis_lines', type: 'boolean', default: false })
  withCrisisLines: boolean;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
