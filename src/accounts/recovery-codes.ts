import { randomInt } from 'node:crypto';

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
