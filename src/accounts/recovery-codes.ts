import { createHmac, hkdfSync, randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../config/app-config.js';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_COUNT = 10;

/** A code of 16 characters from a 31-letter alphabet (~79 bits), shown as four groups of four. */
export function generateRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < 16; i++) {
    code += ALPHABET[randomInt(ALPHABET.length)];
  }
  return code.match(/.{4}/g)!.join('-');
}

/** What the member typed, in the form that was hashed: lower-case, no separators. */
export function normaliseRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The keyed index of a recovery code: `<key id>:<HMAC-SHA256 of the normalised code>` under a key
 * derived from JWT_SECRET (HKDF, its own label, so the key is used for nothing else). Stored
 * beside the code's bcrypt hash, it finds the one row a typed code can be, so a recovery attempt
 * costs one bcrypt comparison instead of one per code. Without the server's secret the index says
 * nothing (and a code has ~79 random bits besides). The key id says which key made an index: after
 * JWT_SECRET changes, codes indexed under the old key are tried one by one (like codes from
 * before the index), so nobody is locked out.
 */
@Injectable()
export class RecoveryCodeIndex {
  private readonly key: Buffer;
  /** Starts every index made with the current key. */
  readonly prefix: string;

  constructor(config: ConfigService<AppConfig, true>) {
    const secret = config.get('auth.jwtSecret', { infer: true });
    this.key = Buffer.from(hkdfSync('sha256', secret, 'kring', 'recovery-code-index v1', 32));
    this.prefix = `${createHmac('sha256', this.key).update('key id').digest('hex').slice(0, 8)}:`;
  }

  /** The index of a code as the member typed it (normalised here). */
  of(code: string): string {
    return this.prefix + createHmac('sha256', this.key).update(normaliseRecoveryCode(code)).digest('hex');
  }
}
