import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from './account.entity.js';

/** One of the ten codes that let a member back in without an email address; each works once. */
@Entity({ name: 'recovery_code' })
@Index('ix_recovery_code_account', ['accountId'])
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
}
