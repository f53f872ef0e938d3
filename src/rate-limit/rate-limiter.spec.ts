import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../common/domain-error.js';
import { MemoryRateLimitStore, RateLimitStore, type WindowState } from './rate-limit.store.js';
import { RateLimiter } from './rate-limiter.js';

const limit = { limit: 2, windowMs: 60_000 };

/** The limiter reads only the JWT secret from the config: its keys are hashed with it. */
const configWithSecret = (secret: string) =>
  ({ get: () => secret }) as unknown as ConstructorParameters<typeof RateLimiter>[1];
const siteConfig = configWithSecret('a-site-secret-of-at-least-thirty-two-chars');

async function refusal(attempt: Promise<void>): Promise<DomainError> {
  const error = await attempt.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('MemoryRateLimitStore', () => {
  it('counts hits in a fixed window and starts again when it is over', async () => {
    let now = 1_000;
    const store = new MemoryRateLimitStore(() => now);
    expect(await store.hit('k', 60_000)).toEqual({ count: 1, resetInMs: 60_000 });
    now += 20_000;
    expect(await store.hit('k', 60_000)).toEqual({ count: 2, resetInMs: 40_000 });
    expect(await store.hit('other', 60_000)).toEqual({ count: 1, resetInMs: 60_000 });
    now += 40_000;
    expect(await store.hit('k', 60_000)).toEqual({ count: 1, resetInMs: 60_000 });
  });
});

describe('RateLimiter', () => {
  it('lets the limit through, then refuses with rate_limited and the wait until the window ends', async () => {
    let now = 0;
    const limiter = new RateLimiter(new MemoryRateLimitStore(() => now), siteConfig);
    await limiter.consume('auth', '192.0.2.7', limit);
    now += 15_000;
    await limiter.consume('auth', '192.0.2.7', limit);
    const error = await refusal(limiter.consume('auth', '192.0.2.7', limit));
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(45_000);
    now += 45_000;
    await expect(limiter.consume('auth', '192.0.2.7', limit)).resolves.toBeUndefined();
  });

  it('keeps buckets and subjects apart', async () => {
    const limiter = new RateLimiter(new MemoryRateLimitStore(), siteConfig);
    for (let i = 0; i < 2; i++) {
      await limiter.consume('auth', 'a', limit);
    }
    await expect(limiter.consume('auth', 'b', limit)).resolves.toBeUndefined();
    await expect(limiter.consume('login-name', 'a', limit)).resolves.toBeUndefined();
    expect((await refusal(limiter.consume('auth', 'a', limit))).code).toBe('rate_limited');
  });

  it('hands the store only a salted hash, never the address or login name itself', async () => {
    const keys: string[] = [];
    class RecordingStore extends RateLimitStore {
      hit(key: string): Promise<WindowState> {
        keys.push(key);
        return Promise.resolve({ count: 1, resetInMs: 60_000 });
      }
    }
    const store = new RecordingStore();
    await new RateLimiter(store, siteConfig).consume('auth', '192.0.2.7', limit);
    await new RateLimiter(store, siteConfig).consume('auth', '192.0.2.7', limit);
    await new RateLimiter(store, configWithSecret('another-site-secret-of-thirty-two-chars')).consume(
      'auth',
      '192.0.2.7',
      limit,
    );
    expect(keys).toHaveLength(3);
    expect(keys.join(' ')).not.toContain('192.0.2.7');
    expect(keys[0]).toMatch(/^auth:[A-Za-z0-9_-]{43}$/);
    // Two processes of one site (one JWT secret) meet in a shared store; without the secret a key
    // cannot be looked up in a table of hashed addresses.
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
  });
});
