import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import bcrypt from 'bcrypt';
import type { AppConfig } from '../config/app-config.js';

/** bcrypt reads only the first 72 bytes of a secret; anything longer is never a password we stored. */
const BCRYPT_MAX_BYTES = 72;

/** bcrypt with the configured cost (12 or more outside tests), for passwords and recovery codes. */
@Injectable()
export class PasswordHasher {
  private readonly cost: number;
  /** Compared against when a login name does not exist, so both failures take the same time. */
  private readonly decoyHash: Promise<string>;

  constructor(config: ConfigService<AppConfig, true>) {
    this.cost = config.get('auth.bcryptCost', { infer: true });
    this.decoyHash = bcrypt.hash('kring-decoy-password', this.cost);
  }

  hash(secret: string): Promise<string> {
    return bcrypt.hash(secret, this.cost);
  }

  /**
   * Whether the secret is the one hashed. A secret over 72 bytes is refused (after the same work
   * as a comparison): bcrypt would compare only its first 72 bytes, so the stored password
   * followed by anything at all would match.
   */
  async verify(secret: string, hash: string): Promise<boolean> {
    if (Buffer.byteLength(secret, 'utf8') > BCRYPT_MAX_BYTES) {
      await bcrypt.compare(secret, hash);
      return false;
    }
    return bcrypt.compare(secret, hash);
  }

  /**
   * Compares the secret with each hash, padded with decoys to `slots` comparisons, all of them
   * done whatever matches: the time taken says nothing about how many hashes there were, nor
   * whether one matched. Returns the index of the matching hash, or -1.
   */
  async findMatch(secret: string, hashes: readonly string[], slots: number): Promise<number> {
    const decoy = await this.decoyHash;
    const padded = [...hashes, ...Array.from({ length: Math.max(0, slots - hashes.length) }, () => decoy)];
    const matches = await Promise.all(padded.map((hash) => this.verify(secret, hash)));
    return matches.findIndex((matched, index) => matched && index < hashes.length);
  }

  /** Spends the time of one verification and answers false. */
  async verifyNothing(secret: string): Promise<false> {
    await bcrypt.compare(secret, await this.decoyHash);
    return false;
  }
}
