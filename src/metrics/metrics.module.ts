import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ChatModule } from '../chat/chat.module.js';
import type { AppConfig } from '../config/app-config.js';
import { KringMetrics } from './kring-metrics.js';
import { MetricsHttp } from './metrics-http.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';

/**
 * Prometheus metrics of this process (each process of a cluster answers for itself). `KringMetrics`
 * is global: a feature that counts something injects it and calls one method.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(config: AppConfig): DynamicModule {
    const onMainPort = config.metrics.port === null && config.metrics.token !== null;
    return {
      module: MetricsModule,
      imports: [ChatModule],
      controllers: onMainPort ? [MetricsController] : [],
      providers: [KringMetrics, MetricsService, MetricsHttp],
      exports: [KringMetrics],
    };
  }
}
