import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import type { AppConfig } from '../../src/config/app-config.js';
import type { TestApp } from './test-app.js';

/** What a Kring access token carries, decoded without checking anything. */
export interface DecodedToken {
  header: { alg: string; typ?: string };
  claims: { sub: string; sid: string; ver: number; iat: number; exp: number; iss: string; aud: string };
}

export function decodeToken(token: string): DecodedToken {
  const [header, payload] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as DecodedToken['header'],
    claims: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as DecodedToken['claims'],
  };
}

/** The app's real signing settings, to forge tokens that differ from a real one in one way only. */
export function authConfig(app: TestApp): AppConfig['auth'] {
  return app.app.get(ConfigService<AppConfig, true>).get('auth', { infer: true });
}

/** Signs any claims with any secret and algorithm, as an attacker (or the app) could. */
export function signToken(
  claims: Record<string, unknown>,
  secret: string,
  algorithm: 'HS256' | 'HS384' | 'HS512' = 'HS256',
): Promise<string> {
  return new JwtService({ secret }).signAsync(claims, { algorithm });
}

/** A token with `alg: none` and no signature: the oldest JWT trick. */
export function unsignedToken(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}
