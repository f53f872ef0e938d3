import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { CrisisMemberState, CrisisStage } from '../contracts/crisis.js';
import { ModerationCase } from '../moderation/moderation-case.entity.js';

/**
 * The escalation of one crisis case: with the group's moderators until `escalateAt`, then with
 * every on-duty responder; re-announced while unclaimed. `memberState` is what its author was
 * last told. Every change is a conditional update, so with several processes one of them does it.
 */
@Entity({ name: 'crisis_alert' })
@Index('ix_crisis_alert_escalate', ['escalateAt'])
export class CrisisAlert {
  @PrimaryColumn({ name: 'case_id', type: 'uuid', primaryKeyConstraintName: 'pk_crisis_alert' })
  caseId: string;

  @ManyToOne(() => ModerationCase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_crisis_alert_case' })
  case?: ModerationCase;

  @Column({ type: 'varchar', length: 12 })
  stage: CrisisStage;

  @Column({ name: 'member_state', type: 'varchar', length: 16 })
  memberState: CrisisMemberState;

  @Column({ name: 'escalate_at', type: 'timestamptz' })
  escalateAt: Date;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;

  @Column({ name: 'announced_at', type: 'timestamptz' })
  announcedAt: Date;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
