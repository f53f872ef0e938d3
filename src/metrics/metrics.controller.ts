import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/actor.js';
import { MetricsService } from './metrics.service.js';

/**
 * `/api/metrics` on the main port, registered only when METRICS_TOKEN is set and METRICS_PORT is
 * not: otherwise the path is as unknown as any other. An operator's route, not the members' API.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** Prometheus's text format; `unauthorized` without the bearer token. */
  @Public()
  @Get()
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    this.metrics.authorize(authorization);
    void reply.type(this.metrics.contentType);
    return this.metrics.scrape();
  }
}
