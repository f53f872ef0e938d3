import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from './account.entity.js';

/** One of the ten codes that let a member back in without an email address; each works once. */
@Entity({ name: 'recovery_code' })
@Index('ix_recovery_code_account', ['accountId'])
@Index('uq_recovery_code_index', ['codeIndex'], { unique: true })
export class RecoveryCode {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_recovery_code' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_recovery_code_account' })
  account?: Account;

  @Column({ name: 'code_hash', type: 'varchar', length: 100 })
  codeHash: string;

  /**
   * `<key id>:<HMAC-SHA256 of the code>` under a key derived from JWT_SECRET (`RecoveryCodeIndex`):
   * finds the one row a typed code can be. Null for codes issued before it existed (only
   * bcrypt-hashed, they cannot be re-keyed); those, and codes indexed under an earlier
   * JWT_SECRET, are tried one by one, as before.
   */
  @Column({ name: 'code_index', type: 'varchar', length: 80, nullable: true })
  codeIndex: string | null;
}
