import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../config/app-config.js';
import { ClusterJobs } from './cluster-jobs.js';
import { REDIS, RedisConnections } from './redis-connections.js';
import { RedisEventRelay } from './redis-event-relay.js';

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => {
        const { url, keyPrefix } = config.get('redis', { infer: true });
        return url ? new RedisConnections(url, keyPrefix) : null;
      },
    },
    RedisEventRelay,
    ClusterJobs,
  ],
  exports: [REDIS, ClusterJobs],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: RedisConnections | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.close();
  }
}
