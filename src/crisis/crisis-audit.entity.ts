import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from '../accounts/account.entity.js';

export type CrisisAuditAction =
  | 'responder-appointed'
  | 'responder-revoked'
  | 'context-opened'
  | 'case-claimed'
  | 'case-released'
  | 'case-resolved'
  | 'appeal-upheld'
  | 'appeal-overturned'
  | 'site-word-added'
  | 'site-word-removed';

/**
 * The site-wide audit log of the crisis desk (the groups' logs are per group): who appointed or
 * revoked a responder, who opened a case's context, claimed, released or resolved it, who decided
 * an appeal as a responder; always with a reason. Never edited; ids only, no member's words.
 */
@Entity({ name: 'crisis_audit' })
@Index('ix_crisis_audit_created', ['createdAt'])
export class CrisisAudit {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_crisis_audit' })
  id: string;

  @Column({ type: 'varchar', length: 24 })
  action: CrisisAuditAction;

  /** `admin` or `responder` (the actor's responder id is then set). */
  @Column({ name: 'actor_kind', type: 'varchar', length: 12 })
  actorKind: 'admin' | 'responder';

  @Column({ name: 'actor_responder_id', type: 'uuid', nullable: true })
  actorResponderId: string | null;

  /** The admin who acted (admins' own log; never shown outside it); null for a responder, or once the admin's account is gone. */
  @Column({ name: 'actor_account_id', type: 'uuid', nullable: true })
  actorAccountId: string | null;

  @ManyToOne(() => Account, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_account_id', foreignKeyConstraintName: 'fk_crisis_audit_actor_account' })
  actorAccount?: Account;

  @Column({ name: 'target_responder_id', type: 'uuid', nullable: true })
  targetResponderId: string | null;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @Column({ name: 'group_id', type: 'uuid', nullable: true })
  groupId: string | null;

  @Column({ type: 'text' })
  reason: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
