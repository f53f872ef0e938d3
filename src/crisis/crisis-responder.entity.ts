import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from '../accounts/account.entity.js';

/**
 * A volunteer an admin appointed site-wide to answer crisis alerts of every group. Others see the
 * `name` the admin gave, never the account or any of its aliases. Revoking keeps the row (the
 * audit log names it); appointing the account again brings it back.
 */
@Entity({ name: 'crisis_responder' })
@Index('uq_crisis_responder_account', ['accountId'], { unique: true })
export class CrisisResponder {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_crisis_responder' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_crisis_responder_account' })
  account?: Account;

  @Column({ type: 'varchar', length: 40 })
  name: string;

  /** The rota's timezone (an IANA name). */
  @Column({ type: 'varchar', length: 64, default: 'Europe/Brussels' })
  timezone: string;

  @Column({ name: 'appointed_at', type: 'timestamptz' })
  appointedAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
