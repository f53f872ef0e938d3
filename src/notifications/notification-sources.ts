import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { AccountPurgeRegistry } from '../accounts/account-purge.registry.js';
import type { NotificationKind, NotificationWhat } from '../contracts/notifications.js';
import { DomainEvents, type DomainEventMap } from '../events/domain-events.js';
import { MembershipContentRegistry } from '../groups/membership-content.registry.js';
import { mentionCandidates } from '../forums/forum-mentions.js';
import { ClusterJobs } from '../redis/cluster-jobs.js';
import { type NewNotification, NotificationsService } from './notifications.service.js';

/** Who muted the author ($2) hears nothing of what they write. */
const NOT_MUTED = `NOT EXISTS (SELECT 1 FROM member_mute mm WHERE mm.membership_id = m.id AND mm.muted_membership_id = $2)`;

/** A session's signed-up members (and its facilitator) hear of it this long before it starts. */
export const SESSION_REMINDER_MS = 15 * 60 * 1000;
/** Reminders written per round at most; the next round (a minute later) takes the rest. */
const REMINDERS_PER_ROUND = 500;
/** Read notifications are deleted this long after they were last updated. */
export const READ_RETENTION_DAYS = 30;
/** Kinds a member keeps when their membership ends: they link to that group's notices, still theirs to read. */
const KEPT_AFTER_MEMBERSHIP: readonly NotificationKind[] = ['notice', 'appeal'];
/** Claims only need to outlive the relay of one event between processes. */
const CLAIM_RETENTION_HOURS = 48;

/**
 * A forum post (a reply or a thread's opening post) names a member: one notification per post and
 * member (the claim), however many ways it is heard (`forum.mentioned`, a reply or thread shown).
 */
function mentionOf(postId: string, threadId: string, membershipId: string, authorId: string): NewNotification {
  return {
    membershipId,
    kind: 'mention',
    what: 'mentioned',
    claim: `mention:${postId}:${membershipId}`,
    targetId: threadId,
    actorMembershipId: authorId,
  };
}

/**
 * Where notifications come from: the domain events of forums, buddies, moderation and groups
 * (heard on every process; the claim lets one write each), and a scheduled round for session
 * reminders. Also the retention of read notifications and the purge steps of this feature.
 */
@Injectable()
export class NotificationSources implements OnModuleInit {
  private readonly logger = new Logger(NotificationSources.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
    private readonly notifications: NotificationsService,
    private readonly cluster: ClusterJobs,
    private readonly accountPurges: AccountPurgeRegistry,
    private readonly content: MembershipContentRegistry,
  ) {}

  onModuleInit(): void {
    this.events.on('forum.posted', (event) => this.posted(event));
    // A reply a moderator approved (it was held) or restored is a reply now; the claims keep anyone
    // who was told of it before from being told again.
    this.events.on('content.visibility-changed', ({ groupId, kind, id, containerId, hidden }) =>
      kind === 'post' && !hidden && containerId
        ? this.posted({ groupId, threadId: containerId, postId: id })
        : kind === 'thread' && !hidden
          ? this.openingShown(groupId, id)
          : undefined,
    );
    // The forum's own mention event and the post's text name the same mentions: the claim keeps one.
    this.events.on('forum.mentioned', ({ postId, threadId, membershipId }) =>
      this.mentionedInPost(postId, threadId, membershipId),
    );
    this.events.on('chat.mentioned', (event) => this.chatMentioned(event));
    this.events.on('buddy.changed', (event) => this.buddyChanged(event));
    this.events.on('moderation.notice', (event) => this.noticeWritten(event));
    this.events.on('membership.decided', (event) => this.joinDecided(event));
    this.events.on('membership.ended', async ({ membershipId }) => {
      // Gone from the group: what links into the group (threads, buddies, sessions, the chat) goes,
      // since it would only be refused. What a moderator told them stays — the suspension or removal
      // itself arrives just before this event, and appeal decisions come later — because it links
      // to the notices of that group, which stay theirs to read (and appeal) after it ended.
      await this.dataSource.query(
        `DELETE FROM notification WHERE membership_id = $1 AND kind NOT IN (${KEPT_AFTER_MEMBERSHIP.map((kind) => `'${kind}'`).join(', ')})`,
        [membershipId],
      );
    });
    this.accountPurges.register('notifications', async (manager, accountId) => {
      await manager.query('DELETE FROM notification WHERE account_id = $1', [accountId]);
      await manager.query('DELETE FROM notification_setting WHERE account_id = $1', [accountId]);
      await manager.query('DELETE FROM push_subscription WHERE account_id = $1', [accountId]);
    });
    this.content.register('notifications', async (manager, membershipIds) => {
      await manager.query('DELETE FROM notification WHERE membership_id = ANY($1::uuid[])', [membershipIds]);
      await manager.query(
        'UPDATE notification SET actor_membership_id = NULL WHERE actor_membership_id = ANY($1::uuid[])',
        [membershipIds],
      );
    });
  }

  /**
   * A visible reply: one grouped notification per thread for everyone who started or replied to
   * it, and a mention for each member of the group whose alias follows an `@` in it (aliases of
   * that group only). Neither goes to the author, nor to a member who muted the author.
   */
  async posted({ groupId, threadId, postId }: DomainEventMap['forum.posted']): Promise<void> {
    const [post] = await this.dataSource.query<{ authorId: string | null; body: string }[]>(
      `SELECT p.author_id AS "authorId", p.body FROM forum_post p
        WHERE p.id = $1 AND p.group_id = $2 AND p.thread_id = $3 AND p.held_at IS NULL AND p.hidden_at IS NULL`,
      [postId, groupId, threadId],
    );
    if (!post?.authorId) {
      return;
    }
    const authorId = post.authorId;
    const mentioned = await this.mentioned(groupId, authorId, post.body);
    const taking = await this.dataSource.query<{ id: string }[]>(
      `SELECT DISTINCT m.id FROM membership m
        WHERE m.group_id = $1 AND m.id <> $2 AND m.status = 'active' AND ${NOT_MUTED}
          AND (m.id = (SELECT t.author_id FROM forum_thread t WHERE t.id = $3)
               OR EXISTS (SELECT 1 FROM forum_post p WHERE p.thread_id = $3 AND p.author_id = m.id AND p.id <> $4))`,
      [groupId, post.authorId, threadId, postId],
    );
    const mentionedIds = new Set(mentioned.map((row) => row.id));
    await this.notifications.deliver([
      ...mentioned.map((row) => mentionOf(postId, threadId, row.id, authorId)),
      // A mention says more than "a reply": who is mentioned is not told of the same reply twice.
      ...taking
        .filter((row) => !mentionedIds.has(row.id))
        .map((row): NewNotification => ({
          membershipId: row.id,
          kind: 'reply',
          what: 'replied',
          claim: `reply:${postId}:${row.id}`,
          groupKey: `thread:${threadId}`,
          targetId: threadId,
          actorMembershipId: post.authorId,
        })),
    ]);
  }

  /**
   * A thread a moderator approved (it was held) or restored: its opening post's mentions, as a
   * reply's when it is approved. Those told before are not told again (the claims).
   */
  private async openingShown(groupId: string, threadId: string): Promise<void> {
    const [opening] = await this.dataSource.query<{ id: string; authorId: string | null; body: string }[]>(
      `SELECT p.id, p.author_id AS "authorId", p.body FROM forum_post p JOIN forum_thread t ON t.id = p.thread_id
        WHERE p.thread_id = $1 AND p.group_id = $2 AND p.seq = 0 AND p.held_at IS NULL AND p.hidden_at IS NULL
          AND t.held_at IS NULL AND t.hidden_at IS NULL AND t.deleted_at IS NULL`,
      [threadId, groupId],
    );
    const authorId = opening?.authorId;
    if (!authorId) {
      return;
    }
    const mentioned = await this.mentioned(groupId, authorId, opening.body);
    await this.notifications.deliver(mentioned.map((row) => mentionOf(opening.id, threadId, row.id, authorId)));
  }

  private async mentionedInPost(postId: string, threadId: string, membershipId: string): Promise<void> {
    const [post] = await this.dataSource.query<{ authorId: string | null }[]>(
      `SELECT p.author_id AS "authorId" FROM forum_post p JOIN membership m ON m.id = $3 AND m.group_id = p.group_id
        WHERE p.id = $1 AND p.thread_id = $2 AND p.held_at IS NULL AND p.hidden_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM member_mute mm WHERE mm.membership_id = m.id AND mm.muted_membership_id = p.author_id)`,
      [postId, threadId, membershipId],
    );
    if (!post?.authorId || post.authorId === membershipId) {
      return;
    }
    await this.notifications.deliver([mentionOf(postId, threadId, membershipId, post.authorId)]);
  }

  /** A message in a group's room that names members as `@alias`: a mention for each (not the author, not who muted them). */
  private async chatMentioned({ groupId, messageId }: DomainEventMap['chat.mentioned']): Promise<void> {
    const [message] = await this.dataSource.query<{ authorId: string | null; body: string }[]>(
      `SELECT m.membership_id AS "authorId", m.body FROM chat_message m JOIN chat_room r ON r.id = m.room_id
        WHERE m.id = $1 AND r.group_id = $2 AND r.kind = 'group' AND m.held_at IS NULL AND m.hidden_at IS NULL`,
      [messageId, groupId],
    );
    if (!message?.authorId) {
      return;
    }
    const mentioned = await this.mentioned(groupId, message.authorId, message.body);
    await this.notifications.deliver(
      mentioned.map((row) => ({
        membershipId: row.id,
        kind: 'mention',
        what: 'chat-mention',
        claim: `mention:${messageId}:${row.id}`,
        targetId: null,
        actorMembershipId: message.authorId,
      })),
    );
  }

  /**
   * Active members of the group, other than the author and not muting them, named as `@alias` in
   * the text — read the forum's way (`mentionCandidates`: a whole alias, not the start of a longer word).
   */
  private mentioned(groupId: string, authorId: string, text: string): Promise<{ id: string }[]> {
    const candidates = mentionCandidates(text);
    if (candidates.length === 0) {
      return Promise.resolve([]);
    }
    return this.dataSource.query<{ id: string }[]>(
      `SELECT m.id FROM membership m
        WHERE m.group_id = $1 AND m.id <> $2 AND m.status = 'active' AND ${NOT_MUTED}
          AND m.alias_key = ANY($3::text[])`,
      [groupId, authorId, candidates],
    );
  }

  private async buddyChanged({ pairId, membershipId, status }: DomainEventMap['buddy.changed']): Promise<void> {
    const [pair] = await this.dataSource.query<{ buddy: string; newcomer: string }[]>(
      `SELECT buddy_membership_id AS buddy, newcomer_membership_id AS newcomer FROM buddy_pair WHERE id = $1`,
      [pairId],
    );
    if (!pair) {
      return;
    }
    const what: NotificationWhat = status === 'active' ? 'accepted' : status;
    await this.notifications.deliver([
      {
        membershipId,
        kind: 'buddy',
        what,
        claim: `buddy:${pairId}:${status}`,
        targetId: pairId,
        actorMembershipId: membershipId === pair.buddy ? pair.newcomer : pair.buddy,
      },
    ]);
  }

  private async noticeWritten({ membershipId, noticeId }: DomainEventMap['moderation.notice']): Promise<void> {
    const [notice] = await this.dataSource.query<{ kind: NotificationWhat }[]>(
      'SELECT kind FROM notice WHERE id = $1 AND membership_id = $2',
      [noticeId, membershipId],
    );
    if (!notice) {
      return;
    }
    await this.notifications.deliver([
      {
        membershipId,
        kind: notice.kind === 'appeal-decided' ? 'appeal' : 'notice',
        what: notice.kind,
        claim: `notice:${noticeId}`,
        targetId: noticeId,
        // A suspended or removed member is told too: that is what the notice is about.
        anyStatus: true,
      },
    ]);
  }

  private async joinDecided({ membershipId, approved }: DomainEventMap['membership.decided']): Promise<void> {
    await this.notifications.deliver([
      {
        membershipId,
        kind: 'join',
        what: approved ? 'approved' : 'declined',
        claim: `join:${membershipId}`,
        targetId: null,
        anyStatus: true,
      },
    ]);
  }

  /** Every minute, in one process of the cluster. */
  @Cron(CronExpression.EVERY_MINUTE, { name: 'notification-reminders', waitForCompletion: true })
  async scheduledReminders(): Promise<void> {
    await this.cluster.runOnce('notification-reminders', async () => {
      await this.remindSessions();
    });
  }

  /**
   * Reminds the signed-up members and the facilitator of each session starting within 15 minutes,
   * once each (the claim), at most 500 per call; returns how many were due.
   */
  async remindSessions(now = new Date()): Promise<number> {
    const due = await this.dataSource.query<{ sessionId: string; membershipId: string }[]>(
      `SELECT s.id AS "sessionId", who.membership_id AS "membershipId"
         FROM chat_session s
         CROSS JOIN LATERAL (
           SELECT su.membership_id FROM chat_session_signup su WHERE su.session_id = s.id
           UNION SELECT s.facilitator_membership_id WHERE s.facilitator_membership_id IS NOT NULL
         ) who
        WHERE s.starts_at > $1 AND s.starts_at <= $2 AND s.cancelled_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM notification_claim c
                           WHERE c.key = 'session:' || s.id || ':' || who.membership_id)
        ORDER BY s.starts_at LIMIT ${REMINDERS_PER_ROUND}`,
      [now, new Date(now.getTime() + SESSION_REMINDER_MS)],
    );
    await this.notifications.deliver(
      due.map((row) => ({
        membershipId: row.membershipId,
        kind: 'session',
        what: 'starts-soon',
        claim: `session:${row.sessionId}:${row.membershipId}`,
        targetId: row.sessionId,
      })),
    );
    return due.length;
  }

  /** Every hour, in one process of the cluster: read notifications after 30 days, old claims. */
  @Cron(CronExpression.EVERY_HOUR, { name: 'notification-retention', waitForCompletion: true })
  async scheduledRetention(): Promise<void> {
    await this.cluster.runOnce('notification-retention', async () => {
      const deleted = await this.purgeRead();
      if (deleted > 0) {
        this.logger.log({ deleted }, 'Read notifications past their retention deleted');
      }
    });
  }

  /** Deletes read notifications older than the retention (as of `now`) and spent claims; returns how many notifications. */
  async purgeRead(now = new Date()): Promise<number> {
    const [, count] = await this.dataSource.query<[unknown[], number]>(
      `DELETE FROM notification WHERE read_at IS NOT NULL AND updated_at < $1::timestamptz - make_interval(days => $2)`,
      [now, READ_RETENTION_DAYS],
    );
    await this.dataSource.query(
      `DELETE FROM notification_claim WHERE claimed_at < $1::timestamptz - make_interval(hours => $2)`,
      [now, CLAIM_RETENTION_HOURS],
    );
    return count;
  }
}
