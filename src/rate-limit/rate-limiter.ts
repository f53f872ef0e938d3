import { createHash, createHmac } from 'node:crypto';
import { Injectable, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../config/app-config.js';
import { DomainError } from '../common/domain-error.js';
import { KringMetrics } from '../metrics/kring-metrics.js';
import { RateLimitStore } from './rate-limit.store.js';

export interface RateLimit {
  limit: number;
  windowMs: number;
}

/**
 * Counts hits per bucket and subject. Subjects (a client address, a login name) are stored only as
 * a keyed hash; the key is derived from the JWT secret, which every process of one site shares (so
 * their counters in Redis meet) and which is never written anywhere the counters are.
 */
@Injectable()
export class RateLimiter {
  private readonly salt: Buffer;

  constructor(
    private readonly store: RateLimitStore,
    config: ConfigService<AppConfig, true>,
    @Optional() private readonly metrics?: KringMetrics,
  ) {
    this.salt = createHmac('sha256', config.get('auth.jwtSecret', { infer: true }))
      .update('kring:rate-limit')
      .digest();
  }

  /** Throws `rate_limited` with the wait when the subject is over the limit of the bucket. */
  async consume(bucket: string, subject: string, { limit, windowMs }: RateLimit, message?: string): Promise<void> {
    const key = `${bucket}:${createHash('sha256').update(this.salt).update(subject).digest('base64url')}`;
    const state = await this.store.hit(key, windowMs);
    if (state.count > limit) {
      this.metrics?.recordRefusal(bucket);
      throw new DomainError(
        'rate_limited',
        message ?? 'Too many attempts. Please wait a moment and try again.',
        undefined,
        state.resetInMs,
      );
    }
  }
}
