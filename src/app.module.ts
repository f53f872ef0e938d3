import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { AccountsModule } from './accounts/accounts.module.js';
import { AuthModule } from './auth/auth.module.js';
import { JwtAuthGuard } from './auth/auth.guards.js';
import { ChatModule } from './chat/chat.module.js';
import { CrisisModule } from './crisis/crisis.module.js';
import { HttpExceptionFilter } from './common/http-exception.filter.js';
import { KringValidationPipe } from './common/params.js';
import type { AppConfig } from './config/app-config.js';
import { loggerModule, type LogDestination } from './config/logging.js';
import { DatabaseModule } from './database/database.module.js';
import { EventsModule } from './events/domain-events.js';
import { ExportsModule } from './exports/exports.module.js';
import { ForumsModule } from './forums/forums.module.js';
import { GroupProposalsModule } from './groups/group-proposals.module.js';
import { GroupsModule } from './groups/groups.module.js';
import { HostsModule } from './hosts/hosts.module.js';
import { OfflineGroupsModule } from './groups/offline-groups.module.js';
import { HealthModule } from './health/health.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { ModerationModule } from './moderation/moderation.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { RateLimitGuard } from './rate-limit/rate-limit.guard.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';
import { RedisModule } from './redis/redis.module.js';
import { SupportChatsModule } from './support-chats/support-chats.module.js';

export interface AppModuleOptions {
  config: AppConfig;
  /** Where logs go; tests pass a stream to read them back. Defaults to stdout. */
  logDestination?: LogDestination;
}

@Module({})
export class AppModule {
  static forRoot({ config, logDestination }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => config] }),
        loggerModule(config.logLevel, logDestination),
        RedisModule,
        RateLimitModule,
        DatabaseModule,
        EventsModule,
        ScheduleModule.forRoot(),
        AccountsModule,
        AuthModule,
        HealthModule,
        GroupsModule,
        GroupProposalsModule,
        HostsModule,
        OfflineGroupsModule,
        ForumsModule,
        ModerationModule,
        ChatModule,
        CrisisModule,
        SupportChatsModule,
        ExportsModule,
        NotificationsModule,
        MetricsModule.forRoot(config),
      ],
      providers: [
        { provide: APP_GUARD, useExisting: RateLimitGuard },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_PIPE, useClass: KringValidationPipe },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
    };
  }
}
