import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import type { DeviceView } from '../contracts/auth.js';
import { DomainEvents } from '../events/domain-events.js';
import type { Actor } from './actor.js';
import { AuthSession } from './auth-session.entity.js';

interface DeviceRow {
  id: string;
  device_browser: string | null;
  device_os: string | null;
  created_at: Date;
  last_used_at: Date | null;
  keep_signed_in: boolean;
}

/** The member's own logins (one per device) that still work, and ending one of them. */
@Injectable()
export class DevicesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
  ) {}

  async list(actor: Actor): Promise<DeviceView[]> {
    // The same conditions as a working refresh: not revoked, not expired, not outdated by a password change.
    const rows = await this.dataSource.query<DeviceRow[]>(
      `SELECT s.id, s.device_browser, s.device_os, s.created_at, s.last_used_at, s.keep_signed_in
         FROM auth_session s JOIN account a ON a.id = s.account_id
        WHERE s.account_id = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND s.token_version = a.token_version
        ORDER BY COALESCE(s.last_used_at, s.created_at) DESC`,
      [actor.accountId],
    );
    return rows.map((row) => ({
      id: row.id,
      browser: row.device_browser,
      os: row.device_os,
      createdAt: new Date(row.created_at).toISOString(),
      lastUsedAt: row.last_used_at ? new Date(row.last_used_at).toISOString() : null,
      keepSignedIn: row.keep_signed_in,
      current: row.id === actor.sessionId,
    }));
  }

  /**
   * Ends one of my logins: its refresh tokens stop working and its sockets are cut. Another
   * account's login is answered as a missing one, so that its existence is not confirmed.
   */
  async end(actor: Actor, sessionId: string): Promise<void> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(AuthSession)
      .set({ revokedAt: () => 'now()' })
      .where('id = :sessionId AND account_id = :accountId AND revoked_at IS NULL', {
        sessionId,
        accountId: actor.accountId,
      })
      .execute();
    if (!result.affected) {
      throw new DomainError('not_found', 'This device is not signed in to your account.');
    }
    await this.events.emit('session.revoked', { accountId: actor.accountId, sessionId });
  }
}
