import { createHash, createSecretKey, type KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { DomainError } from '../common/domain-error.js';
import type { Actor } from './actor.js';
import type { AccountRole } from '../accounts/account.entity.js';

export const JWT_ALGORITHM = 'HS256';

/**
 * The secret as a `KeyObject`, for signing and verifying. Given a string, jsonwebtoken first tries
 * `createPublicKey(secret)` on every call, which throws: ~400 µs a token instead of ~10 µs.
 */
export function jwtKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret));
}

/** The claims of a Kring access token. */
export interface AccessTokenClaims {
  sub: string;
  sid: string;
  ver: number;
}

interface ActorRow {
  role: AccountRole;
  account_version: number;
  session_version: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const unauthorized = () => new DomainError('unauthorized', 'You need to log in.');

/** Signs and checks access tokens; used by the HTTP guard and the Socket.IO handshake alike. */
@Injectable()
export class TokenService {
  private readonly auth: AppConfig['auth'];

  constructor(
    private readonly jwt: JwtService,
    private readonly dataSource: DataSource,
    config: ConfigService<AppConfig, true>,
  ) {
    this.auth = config.get('auth', { infer: true });
  }

  get accessTokenTtlSeconds(): number {
    return this.auth.accessTokenTtlSeconds;
  }

  /** Options every verification uses: one algorithm, and issuer and audience checked. */
  get verifyOptions() {
    return {
      algorithms: [JWT_ALGORITHM] as [typeof JWT_ALGORITHM],
      issuer: this.auth.issuer,
      audience: this.auth.audience,
    };
  }

  signAccessToken(claims: AccessTokenClaims): Promise<string> {
    return this.jwt.signAsync(
      { sid: claims.sid, ver: claims.ver },
      {
        algorithm: JWT_ALGORITHM,
        subject: claims.sub,
        issuer: this.auth.issuer,
        audience: this.auth.audience,
        expiresIn: this.auth.accessTokenTtlSeconds,
      },
    );
  }

  /** Verifies a raw token (signature, algorithm, expiry, issuer, audience) and resolves its actor. */
  async authenticate(token: string): Promise<Actor & { expiresAt: number }> {
    let claims: AccessTokenClaims & { exp: number };
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims & { exp: number }>(token, this.verifyOptions);
    } catch {
      throw unauthorized();
    }
    const actor = await this.resolveActor(claims);
    return { ...actor, expiresAt: claims.exp * 1000 };
  }

  /**
   * The actor behind verified claims, or `unauthorized` when a claim is missing or malformed, the
   * session was revoked or expired, or the account's token version moved on (logout everywhere,
   * password change, ban, deletion).
   */
  async resolveActor(claims: AccessTokenClaims & { exp?: unknown }): Promise<Actor> {
    // jsonwebtoken checks `exp` only when it is there: a token without one must not live forever.
    if (
      typeof claims.exp !== 'number' ||
      typeof claims.sub !== 'string' ||
      typeof claims.sid !== 'string' ||
      typeof claims.ver !== 'number' ||
      !UUID.test(claims.sub) ||
      !UUID.test(claims.sid)
    ) {
      throw unauthorized();
    }
    const rows = await this.dataSource.query<ActorRow[]>(
      `SELECT a.role, a.token_version AS account_version, s.token_version AS session_version
         FROM auth_session s JOIN account a ON a.id = s.account_id
        WHERE s.id = $1 AND a.id = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND a.banned_at IS NULL`,
      [claims.sid, claims.sub],
    );
    const row = rows[0];
    if (!row || row.account_version !== claims.ver || row.session_version !== claims.ver) {
      throw unauthorized();
    }
    return { accountId: claims.sub, role: row.role, sessionId: claims.sid };
  }
}

/** A refresh token is `<row id>.<secret>`; only a SHA-256 of the secret is stored. */
export function newRefreshSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: hashRefreshSecret(secret) };
}

export function hashRefreshSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function refreshSecretMatches(secret: string, hash: string): boolean {
  const actual = Buffer.from(hashRefreshSecret(secret), 'hex');
  const expected = Buffer.from(hash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
