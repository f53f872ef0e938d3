import { Global, Module } from '@nestjs/common';
import { REDIS, type RedisConnections } from '../redis/redis-connections.js';
import { RateLimitGuard } from './rate-limit.guard.js';
import { MemoryRateLimitStore, RateLimitStore } from './rate-limit.store.js';
import { RateLimiter } from './rate-limiter.js';
import { RedisRateLimitStore } from './redis-rate-limit.store.js';

@Global()
@Module({
  providers: [
    {
      provide: RateLimitStore,
      inject: [REDIS],
      useFactory: (redis: RedisConnections | null) =>
        redis ? new RedisRateLimitStore(redis.client, redis.keyPrefix) : new MemoryRateLimitStore(),
    },
    RateLimiter,
    RateLimitGuard,
  ],
  exports: [RateLimiter, RateLimitGuard],
})
export class RateLimitModule {}
