import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { DataSource } from 'typeorm';

/** How long an ended login is kept: long enough to recognise a replayed refresh token for a while. */
const KEEP_ENDED_SESSIONS_MS = 7 * 24 * 60 * 60 * 1000;

/** Deletes logins that ended (expired or revoked) a week ago, with their refresh tokens. */
@Injectable()
export class SessionCleanupService {
  private readonly logger = new Logger(SessionCleanupService.name);

  constructor(private readonly dataSource: DataSource) {}

  @Cron(CronExpression.EVERY_HOUR)
  async scheduled(): Promise<void> {
    const removed = await this.removeEnded(new Date());
    if (removed > 0) {
      this.logger.log({ removed }, 'Removed ended login sessions');
    }
  }

  /** Removes sessions that ended before `now` minus a week; idempotent, safe in several processes. */
  async removeEnded(now: Date): Promise<number> {
    const before = new Date(now.getTime() - KEEP_ENDED_SESSIONS_MS);
    const result = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from('auth_session')
      .where('expires_at < :before OR revoked_at < :before', { before })
      .execute();
    return result.affected ?? 0;
  }
}
