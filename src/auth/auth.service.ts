import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, IsNull } from 'typeorm';
import { Account } from '../accounts/account.entity.js';
import { AccountsService } from '../accounts/accounts.service.js';
import type { AppConfig } from '../config/app-config.js';
import type { TokenPair } from '../contracts/auth.js';
import { DomainError } from '../common/domain-error.js';
import { DomainEvents } from '../events/domain-events.js';
import type { Actor } from './actor.js';
import { AuthSession } from './auth-session.entity.js';
import type { DeviceLabel } from './device-label.js';
import { RefreshToken } from './refresh-token.entity.js';
import { newRefreshSecret, refreshSecretMatches, TokenService } from './token.service.js';

const invalidRefreshToken = () =>
  new DomainError('invalid_refresh_token', 'This session has ended. Please log in again.');

@Injectable()
export class AuthService {
  private readonly refreshTtlMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly accounts: AccountsService,
    private readonly events: DomainEvents,
    config: ConfigService<AppConfig, true>,
  ) {
    this.refreshTtlMs = config.get('auth.refreshTokenTtlSeconds', { infer: true }) * 1000;
  }

  get refreshTtlSeconds(): number {
    return this.refreshTtlMs / 1000;
  }

  /** Opens a login session for an account whose credentials were checked, and returns its first token pair. */
  async startSession(
    account: Account,
    device: DeviceLabel & { keepSignedIn: boolean } = { browser: null, os: null, keepSignedIn: false },
  ): Promise<TokenPair> {
    return this.dataSource.transaction(async (manager) => {
      const session = await manager.save(
        manager.create(AuthSession, {
          accountId: account.id,
          tokenVersion: account.tokenVersion,
          expiresAt: new Date(Date.now() + this.refreshTtlMs),
          revokedAt: null,
          deviceBrowser: device.browser,
          deviceOs: device.os,
          keepSignedIn: device.keepSignedIn,
          lastUsedAt: null,
        }),
      );
      const { secret, hash } = newRefreshSecret();
      const refresh = await manager.save(
        manager.create(RefreshToken, { sessionId: session.id, tokenHash: hash, usedAt: null }),
      );
      return this.pair(account.id, session.id, account.tokenVersion, `${refresh.id}.${secret}`);
    });
  }

  /**
   * Rotates a refresh token: the old one is spent, a new pair is returned. A token that was spent
   * already is a stolen copy in one of two hands: the whole session is revoked, for both.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const [tokenId, secret] = refreshToken.split('.');
    if (!tokenId || !secret || !/^[0-9a-f-]{36}$/.test(tokenId)) {
      throw invalidRefreshToken();
    }
    return this.dataSource
      .transaction(async (manager) => {
        const token = await manager.findOne(RefreshToken, {
          where: { id: tokenId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!token || !refreshSecretMatches(secret, token.tokenHash)) {
          throw invalidRefreshToken();
        }
        const session = await manager.findOneBy(AuthSession, { id: token.sessionId, revokedAt: IsNull() });
        if (!session || session.expiresAt.getTime() <= Date.now()) {
          throw invalidRefreshToken();
        }
        if (token.usedAt) {
          await manager.update(AuthSession, { id: session.id }, { revokedAt: new Date() });
          return { revoked: { accountId: session.accountId, sessionId: session.id } };
        }
        const account = await manager.findOneBy(Account, { id: session.accountId });
        if (!account || account.tokenVersion !== session.tokenVersion) {
          throw invalidRefreshToken();
        }
        await manager.update(RefreshToken, { id: token.id }, { usedAt: new Date() });
        await manager.update(AuthSession, { id: session.id }, { lastUsedAt: new Date() });
        const next = newRefreshSecret();
        const rotated = await manager.save(
          manager.create(RefreshToken, { sessionId: session.id, tokenHash: next.hash, usedAt: null }),
        );
        return { pair: await this.pair(account.id, session.id, account.tokenVersion, `${rotated.id}.${next.secret}`) };
      })
      .then(async (outcome) => {
        // The revocation above must commit, so the refusal is thrown after the transaction; the
        // session's live sockets are cut too, in either hand.
        if (outcome.revoked) {
          await this.events.emit('session.revoked', outcome.revoked);
          throw invalidRefreshToken();
        }
        return outcome.pair;
      });
  }

  /** Ends this login session, or with `everywhere` every session and token of the account. */
  async logout(actor: Actor, everywhere: boolean): Promise<void> {
    if (everywhere) {
      await this.accounts.revokeAllTokens(actor.accountId);
      return;
    }
    await this.dataSource.getRepository(AuthSession).update({ id: actor.sessionId }, { revokedAt: new Date() });
    await this.events.emit('session.revoked', { accountId: actor.accountId, sessionId: actor.sessionId });
  }

  private async pair(accountId: string, sessionId: string, version: number, refreshToken: string): Promise<TokenPair> {
    const accessToken = await this.tokens.signAccessToken({ sub: accountId, sid: sessionId, ver: version });
    return { accessToken, refreshToken, expiresIn: this.tokens.accessTokenTtlSeconds };
  }
}
