import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Notice as NoticeView } from '../contracts/moderation.js';
import type { ServerTextCode } from '../contracts/server-texts.js';
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

  /** What happened, as a code of src/contracts/server-texts.ts; null on a notice written before codes. */
  @Column({ name: 'text_code', type: 'varchar', length: 48, nullable: true })
  textCode: ServerTextCode | null;

  @Column({ name: 'text_params', type: 'jsonb', nullable: true })
  textParams: Record<string, string | number> | null;

  /** The moderator's own words (a reason), never translated; before codes, the notice's whole text. */
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
