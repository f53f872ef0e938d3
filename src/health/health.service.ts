import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { REDIS, type RedisConnections } from '../redis/redis-connections.js';

export interface HealthReport {
  /** `degraded`: the site works, but processes cannot share live events until Redis is back. */
  status: 'ok' | 'degraded' | 'unavailable';
  database: 'up' | 'down';
  /** Only when Redis is configured (several processes). */
  redis?: 'up' | 'down';
}

/** The process answers; says nothing about the database. */
export interface LivenessReport {
  status: 'ok';
  /** Seconds since this process started. */
  uptimeSeconds: number;
}

const DATABASE_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: RedisConnections | null,
  ) {}

  /** Never touches the database or Redis: only that this process's event loop answers. */
  live(): LivenessReport {
    return { status: 'ok', uptimeSeconds: Math.floor(process.uptime()) };
  }

  /**
   * Never throws: a database that fails or hangs is reported as down (503); Redis down only
   * degrades the site (200), since PostgreSQL is the only system of record.
   */
  async check(): Promise<HealthReport> {
    const up = await Promise.race([
      this.dataSource.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(resolve, DATABASE_TIMEOUT_MS, false).unref()),
    ]);
    const redis = this.redis ? ((await this.redis.ping()) ? 'up' : 'down') : undefined;
    if (!up) {
      return { status: 'unavailable', database: 'down', ...(redis && { redis }) };
    }
    return { status: redis === 'down' ? 'degraded' : 'ok', database: 'up', ...(redis && { redis }) };
  }
}
