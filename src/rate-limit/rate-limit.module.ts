import { Global, Module } from '@nestjs/common';
import { RateLimitGuard } from './rate-limit.guard.js';
import { MemoryRateLimitStore, RateLimitStore } from './rate-limit.store.js';
import { RateLimiter } from './rate-limiter.js';

@Global()
@Module({
  providers: [{ provide: RateLimitStore, useFactory: () => new MemoryRateLimitStore() }, RateLimiter, RateLimitGuard],
  exports: [RateLimiter, RateLimitGuard],
})
export class RateLimitModule {}
