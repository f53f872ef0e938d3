import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AccountRole = 'member' | 'admin';

/** A private login: no email, phone or real name, by design. Nobody but its holder sees `loginName`. */
@Entity({ name: 'account' })
@Index('uq_account_login_name', ['loginName'], { unique: true })
export class Account {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_account' })
  id: string;

  /** Stored lower-cased, so uniqueness is case-insensitive. */
  @Column({ name: 'login_name', type: 'varchar', length: 32 })
  loginName: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 100 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 16, default: 'member' })
  role: AccountRole;

  /** Raised to cut every access token of the account at once (logout everywhere, password change, ban). */
  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion: number;

  /** A site-wide ban by an admin (audited): no login, every token cut. */
  @Column({ name: 'banned_at', type: 'timestamptz', nullable: true })
  bannedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
