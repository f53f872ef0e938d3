import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/actor.js';
import { DATABASE_RETRY_AFTER_MS } from '../database/database-unavailable.js';
import { HealthService, type HealthReport, type LivenessReport } from './health.service.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Readiness, as `/api/health/ready` (kept for the load balancers and scripts that use it). */
  @Public()
  @Get()
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    return this.ready(reply);
  }

  /**
   * Liveness: 200 whenever the process answers, without asking the database; a restart cannot fix
   * a database that is away or busy, so a supervisor restarts Kring only when this fails.
   */
  @Public()
  @Get('live')
  live(): LivenessReport {
    return this.health.live();
  }

  /** Readiness: 200 when the database answers (Redis down is `degraded`, still 200), 503 when it does not. */
  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const report = await this.health.check();
    if (report.status === 'unavailable') {
      void reply.status(503).header('Retry-After', String(HEALTH_RETRY_AFTER_SECONDS));
    }
    return report;
  }
}

const HEALTH_RETRY_AFTER_SECONDS = DATABASE_RETRY_AFTER_MS / 1000;
