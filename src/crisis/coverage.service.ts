import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../chat/clock.js';
import { type CrisisCoverage, DEFAULT_ROTA_TIMEZONE } from '../contracts/crisis.js';
import { adminsOnly } from '../moderation/moderation.errors.js';
import { activeModeratorSql } from './active-volunteer.js';
import { RespondersService } from './responders.service.js';
import { comingWeek, rotaCovers } from './rota.js';

const WEEK_MS = 7 * 24 * 3_600_000;

/** Coverage at a glance for admins: where a crisis alert could reach nobody, and how long cases waited. */
@Injectable()
export class CoverageService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly responders: RespondersService,
    private readonly clock: Clock,
  ) {}

  /**
   * Groups (not archived) without an active moderator; the hours of the coming week (in
   * Europe/Brussels) that no responder's rota covers; this week's crisis cases by how long they
   * waited for a claim. Admins only.
   */
  async coverage(actor: Actor): Promise<CrisisCoverage> {
    if (actor.role !== 'admin') {
      throw adminsOnly();
    }
    const now = this.clock.now();
    const groupsWithoutModerator = await this.dataSource.query<{ slug: string; name: string }[]>(
      `SELECT g.slug, g.name FROM support_group g
        WHERE g.archived_at IS NULL AND NOT EXISTS (
          SELECT 1 FROM membership m WHERE m.group_id = g.id AND ${activeModeratorSql('m')})
        ORDER BY g.name, g.slug`,
    );
    const rotas = await this.responders.activeWithRota();
    const uncoveredHours = comingWeek(now, DEFAULT_ROTA_TIMEZONE)
      .filter(({ at }) => !rotas.some(({ responder, rota }) => rotaCovers(rota, responder.timezone, at)))
      .map(({ weekday, hour }) => ({ weekday, hour }))
      .sort((a, b) => a.weekday - b.weekday || a.hour - b.hour);
    const waits = await this.dataSource.query<
      { caseId: string; slug: string; createdAt: Date; claimedAt: Date | null; resolvedAt: Date | null }[]
    >(
      `SELECT a.case_id AS "caseId", g.slug, a.created_at AS "createdAt", a.claimed_at AS "claimedAt",
              c.resolved_at AS "resolvedAt"
         FROM crisis_alert a JOIN moderation_case c ON c.id = a.case_id JOIN support_group g ON g.id = c.group_id
        WHERE a.created_at >= $1`,
      [new Date(now.getTime() - WEEK_MS)],
    );
    const longestWaits = waits
      .map((wait) => {
        const end = wait.claimedAt ?? wait.resolvedAt ?? now;
        return {
          caseId: wait.caseId,
          group: wait.slug,
          waitedSeconds: Math.max(0, Math.round((new Date(end).getTime() - new Date(wait.createdAt).getTime()) / 1000)),
          claimed: wait.claimedAt !== null,
        };
      })
      .sort((a, b) => b.waitedSeconds - a.waitedSeconds)
      .slice(0, 20);
    return { groupsWithoutModerator, uncoveredHours, timezone: DEFAULT_ROTA_TIMEZONE, longestWaits };
  }
}
