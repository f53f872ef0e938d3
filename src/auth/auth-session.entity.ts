import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from '../accounts/account.entity.js';

/** One login: its refresh tokens rotate within it, and reusing a spent one revokes it whole. */
@Entity({ name: 'auth_session' })
@Index('ix_auth_session_account', ['accountId'])
export class AuthSession {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_auth_session' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_auth_session_account' })
  account?: Account;

  /** The account's token version at login: a later bump (password change, ban) ends this session too. */
  @Column({ name: 'token_version', type: 'integer' })
  tokenVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** A coarse name from the User-Agent ("Chrome", "Android"), for the member's list of devices. */
  @Column({ name: 'device_browser', type: 'varchar', length: 16, nullable: true })
  deviceBrowser: string | null;

  @Column({ name: 'device_os', type: 'varchar', length: 16, nullable: true })
  deviceOs: string | null;

  /** When its refresh token was last spent. */
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  /** The member marked this device as their own: the refresh token travels in an HttpOnly cookie. */
  @Column({ name: 'keep_signed_in', type: 'boolean', default: false })
  keepSignedIn: boolean;
}
