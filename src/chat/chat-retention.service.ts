import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { ClusterJobs } from '../redis/cluster-jobs.js';
import { Clock } from './clock.js';

/** Hard-deletes chat messages older than their group's `chatRetentionDays`. */
@Injectable()
export class ChatRetentionService {
  private readonly logger = new Logger(ChatRetentionService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly cluster: ClusterJobs,
  ) {}

  /** Every 10 minutes, in one process of the cluster. */
  @Cron(CronExpression.EVERY_10_MINUTES, { name: 'chat-retention', waitForCompletion: true })
  async scheduledPurge(): Promise<void> {
    await this.cluster.runOnce('chat-retention', async () => {
      const purged = await this.purgeExpired();
      if (purged > 0) {
        this.logger.log({ purged }, 'Chat messages past their retention window deleted');
      }
    });
  }

  /** Deletes every message older than its group's retention window as of the clock's now; returns how many. */
  async purgeExpired(): Promise<number> {
    const [, count] = await this.dataSource.query<[unknown[], number]>(
      `DELETE FROM chat_message m USING chat_room r, support_group g
        WHERE m.room_id = r.id AND r.group_id = g.id
          AND m.created_at < $1::timestamptz - make_interval(days => g.chat_retention_days)`,
      [this.clock.now()],
    );
    return count;
  }
}
