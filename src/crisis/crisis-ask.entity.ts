import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ModerationCase } from '../moderation/moderation-case.entity.js';

/**
 * A crisis case the member raised themselves ("I want to talk to someone now"), not the detector:
 * the desk shows it as "asked for a person", with the member's optional short note. The note is
 * the member's words: erasure empties it (see crisis-purge.ts).
 */
@Entity({ name: 'crisis_ask' })
export class CrisisAsk {
  @PrimaryColumn({ name: 'case_id', type: 'uuid', primaryKeyConstraintName: 'pk_crisis_ask' })
  caseId: string;

  @ManyToOne(() => ModerationCase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_crisis_ask_case' })
  case?: ModerationCase;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
