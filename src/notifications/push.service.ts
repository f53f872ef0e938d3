import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import webpush from 'web-push';
import type { Actor } from '../auth/actor.js';
import type { AppConfig } from '../config/app-config.js';
import { DomainEvents } from '../events/domain-events.js';
import { PUSH_TEXT, type PushSubscribeRequest } from '../contracts/notifications.js';
import { PushSubscriptionRow } from './notification.entity.js';
import { pushAddressRefused, pushNeedsOwnDevice } from './notifications.errors.js';
import { loadVapidKeys, type VapidKeys } from './vapid-keys.js';

/** How long a push service keeps a push for a device that is off (then it is dropped: the list has it). */
const PUSH_TTL_SECONDS = 24 * 60 * 60;
/** One push per account in this long is enough: it says only that something is new. */
const QUIET_MS = 30_000;
const SEND_TIMEOUT_MS = 10_000;
/**
 * The browsers' push services (Chrome/Edge/Opera, Firefox, Windows, Safari). A subscription is an
 * address the server will POST to, so any other host would let a member make the server call it.
 */
const PUSH_SERVICE_HOSTS = [
  'fcm.googleapis.com',
  'android.googleapis.com',
  'push.services.mozilla.com',
  'notify.windows.com',
  'push.apple.com',
] as const;

function isPushServiceHost(hostname: string): boolean {
  return PUSH_SERVICE_HOSTS.some((host) => hostname === host || hostname.endsWith(`.${host}`));
}

/**
 * Web Push, opt-in per device, with no content: the payload is one fixed sentence in the device's
 * language, so nothing about what happened, who or where reaches a push service. The payload is
 * encrypted (aes128gcm) and signed (VAPID) by `web-push`; this sends it.
 */
@Injectable()
export class PushService implements OnModuleInit {
  private readonly logger = new Logger(PushService.name);
  private loaded: VapidKeys | null = null;
  private readonly allowPlainHttp: boolean;
  private readonly lastPush = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ConfigService<AppConfig, true>,
    private readonly events: DomainEvents,
  ) {
    this.allowPlainHttp = config.get('env', { infer: true }) === 'test';
  }

  onModuleInit(): void {
    // A device's pushes end with its login: logout, quick exit (a logout), ending it from the
    // account page and a reused refresh token revoke one; a new token version cuts them all.
    this.events.on('session.revoked', ({ accountId }) => this.forgetEnded(accountId));
    this.events.on('account.tokens-revoked', ({ accountId }) => this.forgetEnded(accountId));
  }

  /** Read (or made) at first use, so a site that never pushes writes no key file. */
  private get keys(): VapidKeys {
    // Tests on PostgreSQL have no data folder of their own: their keys live as long as the process.
    this.loaded ??= this.allowPlainHttp
      ? loadVapidKeys(process.env, null)
      : loadVapidKeys(process.env, this.config.get('database.dataDir', { infer: true }));
    return this.loaded;
  }

  get publicKey(): string {
    return this.keys.publicKey;
  }

  /**
   * Keeps this device's subscription, tied to the login it came from (a device that was another
   * account's or login's moves over: a device gets the pushes of whoever turned them on last). Only
   * a login on a device the member marked as their own may: fails with `not_allowed` otherwise, and
   * with `validation_failed` for an address that is not a browser push service's https address
   * (plain http only in tests, to loopback).
   */
  async subscribe(actor: Actor, request: PushSubscribeRequest): Promise<void> {
    this.checkAddress(request.endpoint);
    const rows = await this.dataSource.query<unknown[]>(
      `INSERT INTO push_subscription (account_id, session_id, endpoint, public_key, auth, language)
       SELECT s.account_id, s.id, $3, $4, $5, $6 FROM auth_session s
        WHERE s.id = $2 AND s.account_id = $1 AND s.keep_signed_in AND s.revoked_at IS NULL
       ON CONFLICT (endpoint) DO UPDATE SET account_id = EXCLUDED.account_id, session_id = EXCLUDED.session_id,
         public_key = EXCLUDED.public_key, auth = EXCLUDED.auth, language = EXCLUDED.language
       RETURNING id`,
      [actor.accountId, actor.sessionId, request.endpoint, request.keys.p256dh, request.keys.auth, request.language],
    );
    if (rows.length === 0) {
      throw pushNeedsOwnDevice();
    }
  }

  /**
   * Whether this login (not merely the account) holds the subscription at `endpoint`: a browser's
   * subscription outlives a login the server ended, and a device that moved to another login or
   * account is not this one's. Answers only about the caller's own login.
   */
  async holds(actor: Actor, endpoint: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM push_subscription WHERE endpoint = $1 AND account_id = $2 AND session_id = $3`,
      [endpoint, actor.accountId, actor.sessionId],
    );
    return rows.length > 0;
  }

  /** Forgets this device's subscription for the account; unknown ones are fine. */
  async unsubscribe(accountId: string, endpoint: string): Promise<void> {
    await this.dataSource.getRepository(PushSubscriptionRow).delete({ accountId, endpoint });
  }

  /**
   * Forgets the subscriptions of the account's logins that ended (logged out, ended from another
   * device, revoked for a reused refresh token, or cut by a new token version: logout everywhere,
   * password change, ban), so a device that is no longer signed in gets no pushes.
   */
  async forgetEnded(accountId: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM push_subscription p USING auth_session s, account a
        WHERE p.account_id = $1 AND s.id = p.session_id AND a.id = p.account_id
          AND (s.revoked_at IS NOT NULL OR s.expires_at <= now() OR s.token_version <> a.token_version
)`,
      [accountId],
    );
  }

  /**
   * Tells every device of the account that opted in that something is new; never throws. A
   * subscription the push service says is gone (404, 410) is deleted.
   */
  async ping(accountId: string): Promise<void> {
    try {
      // Only devices whose login still works (the subscription goes with it; see `forgetEnded`).
      const devices = await this.dataSource.query<PushSubscriptionRow[]>(
        `SELECT p.id, p.endpoint, p.public_key AS "p256dh", p.auth, p.language FROM push_subscription p
           JOIN auth_session s ON s.id = p.session_id JOIN account a ON a.id = s.account_id
          WHERE p.account_id = $1 AND s.account_id = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
            AND s.token_version = a.token_version`,
        [accountId],
      );
      const now = Date.now();
      if (devices.length === 0 || (this.lastPush.get(accountId) ?? 0) > now - QUIET_MS) {
        return;
      }
      if (this.lastPush.size > 10_000) {
        this.lastPush.clear();
      }
      this.lastPush.set(accountId, now);
      await Promise.all(devices.map((device) => this.send(device)));
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'Push not sent');
    }
  }

  private async send(device: PushSubscriptionRow): Promise<void> {
    const details = webpush.generateRequestDetails(
      { endpoint: device.endpoint, keys: { p256dh: device.p256dh, auth: device.auth } },
      PUSH_TEXT[device.language],
      {
        vapidDetails: this.keys,
        TTL: PUSH_TTL_SECONDS,
        contentEncoding: 'aes128gcm',
        urgency: 'normal',
      },
    );
    const response = await fetch(details.endpoint, {
      method: details.method,
      headers: details.headers as Record<string, string>,
      body: details.body,
      redirect: 'error',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (response.status === 404 || response.status === 410) {
      await this.dataSource.getRepository(PushSubscriptionRow).delete({ id: device.id });
    } else if (!response.ok) {
      // The address is a device's: it is never logged.
      this.logger.warn({ status: response.status }, 'A push service refused a push');
    }
  }

  private checkAddress(endpoint: string): void {
    const url = new URL(endpoint);
    const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
    const pushService = url.protocol === 'https:' && url.port === '' && isPushServiceHost(url.hostname);
    if (pushService || (this.allowPlainHttp && url.protocol === 'http:' && loopback)) {
      return;
    }
    throw pushAddressRefused();
  }
}
