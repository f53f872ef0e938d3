import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { ChatLive } from '../chat/chat-live.js';
import { channel } from '../chat/chat-sockets.js';
import {
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationList,
  type NotificationSettings,
  type NotificationSettingsRequest,
  type NotificationView,
  type NotificationWhat,
  type UnreadCounts,
} from '../contracts/notifications.js';
import { NotificationSetting } from './notification.entity.js';
import { notificationNotFound } from './notifications.errors.js';
import { PushService } from './push.service.js';

/** One notification to write (or, for a grouped one, to add to). */
export interface NewNotification {
  /** The recipient's membership: the notification shows that group's alias only. */
  membershipId: string;
  kind: NotificationKind;
  what: NotificationWhat;
  /** Taken once in the whole cluster: the same event heard by every process writes one notification. */
  claim: string;
  /** What gathers while unread (`thread:<id>` for replies); the claim when nothing gathers. */
  groupKey?: string;
  targetId: string | null;
  actorMembershipId?: string | null;
  /** Join decisions reach a member whose request was declined, so not (or no longer) active. */
  anyStatus?: boolean;
}

const LIST_LIMIT = 100;

const VIEW_COLUMNS = `n.id, n.kind, n.what, n.count, n.target_id AS "targetId", n.read_at AS "readAt",
  n.created_at AS "createdAt", n.updated_at AS "updatedAt", g.slug, g.name, m.alias, a.alias AS "actorAlias"`;
const VIEW_FROM = `notification n JOIN support_group g ON g.id = n.group_id JOIN membership m ON m.id = n.membership_id
  LEFT JOIN membership a ON a.id = n.actor_membership_id AND a.group_id = n.group_id`;

interface ViewRow {
  id: string;
  kind: NotificationKind;
  what: NotificationWhat;
  count: number;
  targetId: string | null;
  readAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  slug: string;
  name: string;
  alias: string;
  actorAlias: string | null;
}

/**
 * The notification centre: writing notifications (once per event in a cluster, only for kinds the
 * member left on), delivering them live to the member's connections on every process and as a
 * content-free push, and the member's own list, read marks and settings.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly live: ChatLive,
    private readonly push: PushService,
  ) {}

  /**
   * Writes each notification whose claim no process took before, for a recipient still in the group
   * with that kind on; a grouped one adds to its unread notification. Each written one goes live
   * at once to every connection of the member (on every process) and as a push. Never throws.
   */
  async deliver(notifications: NewNotification[]): Promise<void> {
    for (const notification of notifications) {
      try {
        await this.deliverOne(notification);
      } catch (error) {
        this.logger.error(
          { kind: notification.kind, err: error instanceof Error ? error.message : String(error) },
          'Notification not written',
        );
      }
    }
  }

  private async deliverOne(input: NewNotification): Promise<void> {
    const rows = await this.dataSource.query<{ id: string; accountId: string }[]>(
      `WITH claim AS (
         INSERT INTO notification_claim (key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING key
       ), recipient AS (
         SELECT m.id, m.account_id, m.group_id FROM membership m
          WHERE m.id = $2 AND EXISTS (SELECT 1 FROM claim)
            AND ($8::boolean OR (m.status = 'active' AND (m.suspended_until IS NULL OR m.suspended_until < now())))
            AND NOT EXISTS (SELECT 1 FROM notification_setting s
                             WHERE s.account_id = m.account_id AND s.kind = $3 AND NOT s.enabled)
       )
       INSERT INTO notification (account_id, membership_id, group_id, kind, what, group_key, target_id, actor_membership_id)
       SELECT r.account_id, r.id, r.group_id, $3, $4, $5, $6, $7 FROM recipient r
       ON CONFLICT (membership_id, group_key) WHERE read_at IS NULL
       DO UPDATE SET count = notification.count + 1, updated_at = now(), what = EXCLUDED.what,
                     actor_membership_id = EXCLUDED.actor_membership_id
       RETURNING id, account_id AS "accountId"`,
      [
        input.claim,
        input.membershipId,
        input.kind,
        input.what,
        input.groupKey ?? input.claim,
        input.targetId,
        input.actorMembershipId ?? null,
        input.anyStatus ?? false,
      ],
    );
    for (const row of rows) {
      const [view] = await this.views(`n.id = $1`, [row.id]);
      if (view && this.live.attached) {
        // Through the Redis adapter: the member's connections on every process.
        this.live.ns.to(channel.account(row.accountId)).emit('notification:new', view);
      }
      void this.push.ping(row.accountId);
    }
  }

  /** The member's newest notifications (all groups, each under its own alias) and how many are unread. */
  async list(actor: Actor): Promise<NotificationList> {
    const items = await this.views(`n.account_id = $1 ORDER BY n.updated_at DESC, n.id LIMIT ${LIST_LIMIT}`, [
      actor.accountId,
    ]);
    const { total } = await this.unread(actor);
    return { items, unread: total };
  }

  /** Unread notifications in total and per group (by slug). */
  async unread(actor: Actor): Promise<UnreadCounts> {
    const rows = await this.dataSource.query<{ slug: string; unread: string }[]>(
      `SELECT g.slug, count(*) AS unread FROM notification n JOIN support_group g ON g.id = n.group_id
        WHERE n.account_id = $1 AND n.read_at IS NULL GROUP BY g.slug ORDER BY g.slug`,
      [actor.accountId],
    );
    const groups = rows.map((row) => ({ group: row.slug, unread: Number(row.unread) }));
    return { total: groups.reduce((sum, group) => sum + group.unread, 0), groups };
  }

  /** Marks one of the member's own notifications read; fails with `not_found` for anyone else's. */
  async markRead(actor: Actor, id: string): Promise<void> {
    const rows = await this.dataSource.query<unknown[]>(
      `WITH marked AS (
         UPDATE notification SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND account_id = $2 RETURNING id
       ) SELECT id FROM marked`,
      [id, actor.accountId],
    );
    if (rows.length === 0) {
      throw notificationNotFound();
    }
  }

  /** Marks every unread notification of the member read (of one group when a slug is given). */
  async markAllRead(actor: Actor, slug?: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification n SET read_at = now() FROM support_group g
        WHERE g.id = n.group_id AND n.account_id = $1 AND n.read_at IS NULL AND ($2::text IS NULL OR g.slug = $2)`,
      [actor.accountId, slug ?? null],
    );
  }

  /** Which kinds the member gets (all on until turned off). */
  async settings(actor: Actor): Promise<NotificationSettings> {
    const rows = await this.dataSource.getRepository(NotificationSetting).findBy({ accountId: actor.accountId });
    const settings = Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, true])) as NotificationSettings;
    for (const row of rows) {
      settings[row.kind] = row.enabled;
    }
    return settings;
  }

  /** Turns the given kinds on or off; a kind turned off is not written at all from then on. */
  async updateSettings(actor: Actor, request: NotificationSettingsRequest): Promise<NotificationSettings> {
    const changes = NOTIFICATION_KINDS.filter((kind) => request[kind] !== undefined).map((kind) => ({
      accountId: actor.accountId,
      kind,
      enabled: request[kind] === true,
    }));
    if (changes.length > 0) {
      await this.dataSource.getRepository(NotificationSetting).upsert(changes, ['accountId', 'kind']);
    }
    return this.settings(actor);
  }

  private async views(where: string, parameters: unknown[]): Promise<NotificationView[]> {
    const rows = await this.dataSource.query<ViewRow[]>(
      `SELECT ${VIEW_COLUMNS} FROM ${VIEW_FROM} WHERE ${where}`,
      parameters,
    );
    return rows.map(toView);
  }
}

function toView(row: ViewRow): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    what: row.what,
    group: { slug: row.slug, name: row.name },
    alias: row.alias,
    actor: row.actorAlias,
    count: Number(row.count),
    link: linkOf(row),
    read: row.readAt !== null,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** The client path of the place a notification is about, in its own group. */
function linkOf(row: ViewRow): string {
  const group = `/groups/${encodeURIComponent(row.slug)}`;
  switch (row.kind) {
    case 'reply':
    case 'mention':
      if (row.what === 'chat-mention') {
        return `${group}/chat`;
      }
      return row.targetId ? `${group}/threads/${row.targetId}` : group;
    case 'buddy':
      return row.what === 'accepted' && row.targetId ? `${group}/buddies/${row.targetId}` : `${group}/buddies`;
    case 'notice':
    case 'appeal':
      return `${group}/notices`;
    case 'session':
      return row.targetId ? `${group}/sessions/${row.targetId}` : `${group}/sessions`;
    case 'join':
      return row.what === 'approved' ? group : `${group}/about`;
  }
}
