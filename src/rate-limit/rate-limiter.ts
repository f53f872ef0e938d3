import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import { RateLimitStore } from './rate-limit.store.js';

export interface RateLimit {
  limit: number;
  windowMs: number;
}

/**
 * Counts hits per bucket and subject. Subjects (a client address, a login name) are stored only as
 * a salted hash whose salt lives in memory, so no address can be read back from the store.
 */
@Injectable()
export class RateLimiter {
  private readonly salt = randomBytes(32);

  constructor(private readonly store: RateLimitStore) {}

  /** Throws `rate_limited` with the wait when the subject is over the limit of the bucket. */
  async consume(bucket: string, subject: string, { limit, windowMs }: RateLimit, message?: string): Promise<void> {
    const key = `${bucket}:${createHash('sha256').update(this.salt).update(subject).digest('base64url')}`;
    const state = await this.store.hit(key, windowMs);
    if (state.count > limit) {
      throw new DomainError(
        'rate_limited',
        message ?? 'Too many attempts. Please wait a moment and try again.',
        undefined,
        state.resetInMs,
      );
    }
  }
}
