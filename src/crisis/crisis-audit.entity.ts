import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from '../accounts/account.entity.js';
import type { ServerTextCode } from '../contracts/server-texts.js';

export type CrisisAuditAction =
  | 'responder-appointed'
  | 'responder-revoked'
  | 'context-opened'
  | 'case-asked'
  | 'case-claimed'
  | 'case-released'
  | 'case-resolved'
  | 'appeal-upheld'
  | 'appeal-overturned'
  | 'site-word-added'
  | 'site-word-removed'
  | 'admin-granted'
  | 'group-proposal-approved'
  | 'group-proposal-declined'
  | 'offline-groups-imported';

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

  /** `admin`, `responder` (the actor's responder id is then set), `moderator` (a group's moderator, by no id) or `member` (the case's own member, by no id). */
  @Column({ name: 'actor_kind', type: 'varchar', length: 12 })
  actorKind: 'admin' | 'responder' | 'moderator' | 'member' | 'server';

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

  /** The actor's own words (a revocation's or a resolution's reason); '' where the system's words (`reasonCode`) say it all. */
  @Column({ type: 'text' })
  reason: string;

  /** The system's part of the entry, as a code of src/contracts/server-texts.ts (null: the reason alone). */
  @Column({ name: 'reason_code', type: 'varchar', length: 64, nullable: true })
  reasonCode: ServerTextCode | null;

  @Column({ name: 'reason_params', type: 'jsonb', nullable: true })
  reasonParams: Record<string, string | number> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
