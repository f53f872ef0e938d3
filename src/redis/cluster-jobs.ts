import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, type QueryRunner } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';

/** First key of Kring's advisory locks ('KRNG'), so they cannot meet another application's. */
const LOCK_NAMESPACE = 0x4b524e47;

/** How long a round's lock stays taken: processes whose timers fire up to this much later skip it too. */
export const JOB_ROUND_MS = 30_000;

/**
 * Scheduled jobs that must run once in a cluster, not once per process (purges). Every process's
 * timer fires; the first to take a PostgreSQL advisory lock named after the job runs it, the
 * others skip that round. The lock is transaction-level (`pg_try_advisory_xact_lock`), so it
 * works behind PgBouncer in transaction mode and is released if the process dies; it is kept for
 * 30 s after the round starts, so a process whose clock or timer runs a little late does not run
 * the round again. The embedded database belongs to one process: there jobs simply run.
 */
@Injectable()
export class ClusterJobs implements OnModuleDestroy {
  private readonly logger = new Logger(ClusterJobs.name);
  private readonly shared: boolean;
  private readonly held = new Set<{ runner: QueryRunner; timer: NodeJS.Timeout }>();

  constructor(
    private readonly dataSource: DataSource,
    config: ConfigService<AppConfig, true>,
  ) {
    this.shared = config.get('database.url', { infer: true }) !== undefined;
  }

  /**
   * Runs `job` unless another process runs this round of it; true when this process ran it. The
   * job's own queries use their own connections; the lock holds one more for the round.
   */
  async runOnce(name: string, job: () => Promise<void>): Promise<boolean> {
    if (!this.shared) {
      await job();
      return true;
    }
    const runner = this.dataSource.createQueryRunner();
    const started = Date.now();
    let keep = false;
    try {
      await runner.connect();
      await runner.startTransaction();
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked', [
        LOCK_NAMESPACE,
        name,
      ])) as { locked: boolean }[];
      if (!locked) {
        return false;
      }
      await job();
      keep = true;
      return true;
    } finally {
      if (keep) {
        this.holdUntil(runner, started + JOB_ROUND_MS);
      } else {
        await this.release(runner);
      }
    }
  }

  /** Lets go of every round still held, before the database closes. */
  async onModuleDestroy(): Promise<void> {
    const held = [...this.held];
    this.held.clear();
    for (const entry of held) {
      clearTimeout(entry.timer);
      await this.release(entry.runner);
    }
  }

  private holdUntil(runner: QueryRunner, until: number): void {
    const entry = {
      runner,
      timer: setTimeout(
        () => {
          this.held.delete(entry);
          void this.release(runner);
        },
        Math.max(0, until - Date.now()),
      ),
    };
    entry.timer.unref();
    this.held.add(entry);
  }

  private async release(runner: QueryRunner): Promise<void> {
    try {
      if (runner.isTransactionActive) {
        // Nothing was written on this connection: ending the transaction only frees the lock.
        await runner.rollbackTransaction();
      }
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'Could not end a job lock');
    } finally {
      await runner.release();
    }
  }
}
