import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import {
  MEMBER_PICKS,
  type MemberPick,
  type MemberSearch,
  type MemberStanding,
  QUEUE_CONTEXT_AFTER,
  QUEUE_CONTEXT_BEFORE,
  type QueueContext,
  type QueueContextLine,
} from '../contracts/moderation.js';
import { aliasKey } from '../groups/aliases.js';
import { MembershipService } from '../groups/membership.service.js';
import { ActionsService } from './actions.service.js';
import { recordAction } from './audit-log.js';
import { caseNotFound } from './moderation.errors.js';

interface PickRow {
  id: string;
  alias: string;
  status: string;
  role: string;
  pausedAt: Date | null;
  suspendedUntil: Date | null;
}

interface LineRow {
  seq: number;
  alias: string | null;
  body: string;
  createdAt: Date;
  hidden: boolean;
  flagged: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What moderators asked for beside the queue: finding a member of their group by part of an alias
 * (instead of a pasted id), and the chat lines around a reported message.
 */
@Injectable()
export class ModeratorToolsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
    private readonly actions: ActionsService,
  ) {}

  /**
   * Up to `MEMBER_PICKS` members of this one group (active or removed) whose alias contains what
   * was typed, folded as aliases are compared, prefix matches first: the group's membership id,
   * alias and standing only. Moderators of the group and admins; fails like `requireModerator`.
   */
  async searchMembers(actor: Actor, slug: string, query: MemberSearch): Promise<MemberPick[]> {
    const group = await this.actions.groupForStaff(actor, slug);
    const key = aliasKey(query.q).replace(/[\\%_]/g, (char) => `\\${char}`);
    if (!key) {
      return [];
    }
    const rows = await this.dataSource.query<PickRow[]>(
      `SELECT m.id, m.alias, m.status, m.role, m.moderator_paused_at AS "pausedAt",
              m.suspended_until AS "suspendedUntil"
         FROM membership m
        WHERE m.group_id = $1 AND m.status IN ('active', 'removed') AND m.alias_key LIKE $2 ESCAPE '\\'
        ORDER BY (m.alias_key LIKE $3 ESCAPE '\\') DESC, m.alias_key ASC, m.id ASC
        LIMIT $4`,
      [group.id, `%${key}%`, `${key}%`, MEMBER_PICKS],
    );
    return rows.map((row) => ({ memberId: row.id, alias: row.alias, standing: standing(row) }));
  }

  /**
   * The lines around a reported chat message of this group's queue: up to `QUEUE_CONTEXT_BEFORE`
   * before and `QUEUE_CONTEXT_AFTER` after it, from the same room, within the group's retention
   * window, marked where moderation hid them (as moderators see the room). A buddy or support
   * chat is not the moderators' to read: the reported message alone. Each reading is written to
   * the group's audit log (`context-read`), as the crisis desk logs its context. `not_found` for
   * an entry of another group, one that is not about a message, or none; fails like
   * `requireModerator`.
   */
  async queueContext(actor: Actor, slug: string, caseId: string): Promise<QueueContext> {
    const { group, membership } = await this.memberships.requireModerator(actor, slug);
    return this.dataSource.transaction(async (manager) => {
      const [found] = await manager.query<{ messageId: string; roomId: string; seq: number; kind: string }[]>(
        `SELECT m.id AS "messageId", m.room_id AS "roomId", m.seq, r.kind
           FROM moderation_case c
           JOIN chat_message m ON m.id = c.target_id
           JOIN chat_room r ON r.id = m.room_id AND r.group_id = c.group_id
          WHERE c.id = $1 AND c.group_id = $2 AND c.target_kind = 'message'`,
        [caseId, group.id],
      );
      if (!found) {
        throw caseNotFound();
      }
      const shared = found.kind === 'group' || found.kind === 'session';
      const cutoff = new Date(Date.now() - group.chatRetentionDays * DAY_MS);
      const line = `SELECT m.seq, COALESCE(ms.alias, sc.volunteer_badge) AS alias, m.body, m.created_at AS "createdAt",
                (m.hidden_at IS NOT NULL OR m.held_at IS NOT NULL) AS hidden, (m.id = $2) AS flagged
           FROM chat_message m
           LEFT JOIN membership ms ON ms.id = m.membership_id
           LEFT JOIN support_chat sc ON sc.id = m.support_chat_id
          WHERE m.room_id = $1`;
      const around = `AND $6::boolean AND m.created_at >= $7 AND m.body <> ''`;
      const rows = await manager.query<LineRow[]>(
        `SELECT * FROM (
           (${line} AND m.id = $2)
           UNION ALL (${line} AND m.seq < $3 ${around} ORDER BY m.seq DESC LIMIT $4)
           UNION ALL (${line} AND m.seq > $3 ${around} ORDER BY m.seq ASC LIMIT $5)
         ) lines ORDER BY seq ASC`,
        [found.roomId, found.messageId, found.seq, QUEUE_CONTEXT_BEFORE, QUEUE_CONTEXT_AFTER, shared, cutoff],
      );
      await recordAction(manager, group.id, membership.id, {
        action: 'context-read',
        targetMembershipId: null,
        target: { kind: 'message', id: found.messageId },
        reason: '',
      });
      return { lines: rows.map(toLine) };
    });
  }
}

function toLine(row: LineRow): QueueContextLine {
  return {
    seq: Number(row.seq),
    alias: row.alias,
    body: row.body,
    createdAt: new Date(row.createdAt).toISOString(),
    hidden: row.hidden,
    flagged: row.flagged,
  };
}

function standing(row: PickRow): MemberStanding {
  if (row.status === 'removed') {
    return 'removed';
  }
  if (row.suspendedUntil && new Date(row.suspendedUntil).getTime() > Date.now()) {
    return 'suspended';
  }
  if (row.role === 'moderator') {
    return row.pausedAt ? 'paused-moderator' : 'moderator';
  }
  return 'member';
}
