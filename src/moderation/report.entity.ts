import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ContentKind, ReportReason } from '../contracts/moderation.js';
import { Membership } from '../groups/membership.entity.js';
import { ModerationCase } from './moderation-case.entity.js';

/** A member's flag on an item. The reported member never learns who reported them. */
@Entity({ name: 'report' })
@Index('uq_report_reporter_target', ['reporterMembershipId', 'targetKind', 'targetId'], { unique: true })
@Index('ix_report_case', ['caseId'])
export class Report {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_report' })
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => ModerationCase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_report_case' })
  case?: ModerationCase;

  @Column({ name: 'reporter_membership_id', type: 'uuid' })
  reporterMembershipId: string;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reporter_membership_id', foreignKeyConstraintName: 'fk_report_reporter' })
  reporter?: Membership;

  @Column({ name: 'target_kind', type: 'varchar', length: 8 })
  targetKind: ContentKind;

  @Column({ name: 'target_id', type: 'uuid' })
  targetId: string;

  @Column({ type: 'varchar', length: 16 })
  reason: ReportReason;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
