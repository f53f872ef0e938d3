import { createHash, timingSafeEqual } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import { ChatLive } from '../chat/chat-live.js';
import { DomainError } from '../common/domain-error.js';
import type { AppConfig } from '../config/app-config.js';
import { claimHeldSql } from '../crisis/active-volunteer.js';
import { KringMetrics } from './kring-metrics.js';

/** The counts `pg`'s pool keeps (TypeORM's PostgreSQL driver holds the pool as `master`). */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options: { max?: number };
}

/** Open crisis cases and the oldest unclaimed one, with the desk's own rule for a held claim. */
const CRISIS_SQL = `
  SELECT count(*)::int AS open,
         COALESCE(EXTRACT(EPOCH FROM now() - min(c.created_at) FILTER (WHERE NOT ${claimHeldSql('c')})), 0)::float8 AS oldest
    FROM moderation_case c
   WHERE c.kind = 'crisis' AND c.resolved_at IS NULL`;

/**
 * What a scrape answers: the instruments the features feed, plus what is read at the moment of the
 * scrape (sockets, the database pool, open crisis cases). Off unless METRICS_PORT or METRICS_TOKEN is set.
 */
@Injectable()
export class MetricsService {
  private readonly logger = new Logger(MetricsService.name);
  private readonly settings: AppConfig['metrics'];
  private readonly tokenDigest: Buffer | null;

  constructor(
    private readonly metrics: KringMetrics,
    private readonly dataSource: DataSource,
    private readonly live: ChatLive,
    config: ConfigService<AppConfig, true>,
  ) {
    this.settings = config.get('metrics', { infer: true });
    this.tokenDigest = this.settings.token === null ? null : digest(this.settings.token);
    if (this.enabled) {
      // Event-loop lag, CPU, memory, GC, handles: prom-client's own set, for this process.
      collectDefaultMetrics({ register: metrics.registry });
    }
  }

  /** Whether this process serves metrics at all. */
  get enabled(): boolean {
    return this.settings.port !== null || this.settings.token !== null;
  }

  get contentType(): string {
    return this.metrics.registry.contentType;
  }

  /**
   * Checks the `Authorization` header against METRICS_TOKEN (when one is set) in constant time;
   * throws `unauthorized` for a missing or wrong one.
   */
  authorize(authorization: string | undefined): void {
    if (this.tokenDigest === null) {
      return;
    }
    const match = /^Bearer (\S+)$/i.exec(authorization ?? '');
    // Both sides hashed: equal lengths for timingSafeEqual, and nothing learned from a length.
    if (!match || !timingSafeEqual(digest(match[1]), this.tokenDigest)) {
      throw new DomainError('unauthorized', 'Send the metrics token as "Authorization: Bearer <METRICS_TOKEN>".');
    }
  }

  /**
   * The metrics in Prometheus's text format. A database that does not answer leaves the crisis
   * gauges at their last values (logged), so a scrape still shows the rest.
   */
  async scrape(): Promise<string> {
    this.metrics.socketsConnected.set(this.live.attached ? this.live.ns.sockets.size : 0);
    this.readPool();
    try {
      const [crisis] = await this.dataSource.query<{ open: number; oldest: number }[]>(CRISIS_SQL);
      this.metrics.crisisCasesOpen.set(Number(crisis.open));
      this.metrics.crisisOldestUnclaimed.set(Number(crisis.oldest));
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'Metrics: crisis cases unread');
    }
    return this.metrics.registry.metrics();
  }

  private readPool(): void {
    const pool = (this.dataSource.driver as unknown as { master?: PoolCounts }).master;
    if (!pool) {
      return;
    }
    const gauges = this.metrics.databasePool;
    gauges.inUse.set(pool.totalCount - pool.idleCount);
    gauges.idle.set(pool.idleCount);
    gauges.waiting.set(pool.waitingCount);
    gauges.max.set(pool.options.max ?? 0);
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
