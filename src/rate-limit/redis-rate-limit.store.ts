import type { Redis } from 'ioredis';
import { MemoryRateLimitStore, RateLimitStore, type WindowState } from './rate-limit.store.js';

/** INCR and set the window's expiry on its first hit, atomically; answers the count and the time left. */
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
return {count, ttl}`;

/**
 * Windows shared by every process through Redis, so a client alternating between processes meets
 * one limit. When Redis does not answer, this process counts on its own rather than failing the
 * request: a limit is protection, not the system of record.
 */
export class RedisRateLimitStore extends RateLimitStore {
  private readonly fallback = new MemoryRateLimitStore();

  constructor(
    private readonly redis: Redis,
    /** Starts every window's key (`REDIS_KEY_PREFIX`). */
    private readonly keyPrefix: string,
    /** A paused or slow Redis must not stall every request behind it. */
    private readonly timeoutMs = 250,
  ) {
    super();
  }

  async hit(key: string, windowMs: number): Promise<WindowState> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const answer = this.redis.eval(HIT, 1, `${this.keyPrefix}rl:${key}`, String(windowMs)) as Promise<
        [number, number]
      >;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('Redis did not answer in time')), this.timeoutMs);
      });
      const [count, ttl] = await Promise.race([answer, timeout]);
      return { count, resetInMs: ttl > 0 ? ttl : windowMs };
    } catch {
      return this.fallback.hit(key, windowMs);
    } finally {
      clearTimeout(timer);
    }
  }
}
