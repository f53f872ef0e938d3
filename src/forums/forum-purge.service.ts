import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { DataSource, type EntityManager, In } from 'typeorm';
import { MembershipContentRegistry } from '../groups/membership-content.registry.js';
import { ClusterJobs } from '../redis/cluster-jobs.js';
import { ForumPost } from './forum-post.entity.js';
import { ForumReaction } from './forum-reaction.entity.js';
import { ForumReadMarker } from './forum-read-marker.entity.js';
import { ForumThread } from './forum-thread.entity.js';

/** How long removed text stays readable for moderators before it is purged. */
export const PURGE_GRACE_MS = 7 * 24 * 60 * 60 * 1000;

export interface PurgeCounts {
  threads: number;
  posts: number;
}

/**
 * Purging is not soft deletion: a purged item keeps only what others' replies need around it (its
 * place in the thread), with no text, no author, no revisions and no reactions. A thread whose
 * author removed or erased it stays as a "removed" placeholder while other members' replies in it
 * live on — those are their words, not the author's — and is deleted outright once none are left.
 */
@Injectable()
export class ForumPurgeService implements OnModuleInit {
  private readonly logger = new Logger(ForumPurgeService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly content: MembershipContentRegistry,
    private readonly cluster: ClusterJobs,
  ) {}

  onModuleInit(): void {
    this.content.register('forums', (manager, membershipIds) => this.eraseMembers(manager, membershipIds));
  }

  /** Every hour, in one process of the cluster. */
  @Cron(CronExpression.EVERY_HOUR, { name: 'forum-purge' })
  async purgeOnSchedule(): Promise<void> {
    await this.cluster.runOnce('forum-purge', async () => {
      const purged = await this.purgeRemoved(new Date());
      if (purged.threads > 0 || purged.posts > 0) {
        // Counts only: never what was purged.
        this.logger.log(purged, 'Purged removed forum text');
      }
    });
  }

  /**
   * Purges the text of every thread and reply its author removed at least seven days before
   * `now` (the clock is a parameter so tests need not wait). Moderator-hidden items are left to
   * the moderation feature. One transaction: all or nothing. Several server processes may run it
   * at once: each skips the rows another is purging.
   */
  async purgeRemoved(now: Date = new Date()): Promise<PurgeCounts> {
    const cutoff = new Date(now.getTime() - PURGE_GRACE_MS);
    return this.dataSource.transaction(async (manager) => {
      const posts = await manager.query<{ id: string }[]>(
        'SELECT id FROM forum_post WHERE deleted_at <= $1 AND purged_at IS NULL FOR UPDATE SKIP LOCKED',
        [cutoff],
      );
      const threads = await manager.query<{ id: string }[]>(
        'SELECT id FROM forum_thread WHERE deleted_at <= $1 AND purged_at IS NULL FOR UPDATE SKIP LOCKED',
        [cutoff],
      );
      await this.purgePosts(
        manager,
        posts.map((row) => row.id),
        now,
      );
      await this.purgeThreads(
        manager,
        threads.map((row) => row.id),
        now,
      );
      await this.dropEmptyThreads(manager);
      return { threads: threads.length, posts: posts.length };
    });
  }

  /**
   * Erases at once everything these memberships did in the forums (leaving with `erase`, account
   * deletion): their threads and replies are purged as if removed by them, their reactions and
   * read markers deleted. Runs in the caller's transaction.
   */
  async eraseMembers(manager: EntityManager, membershipIds: string[]): Promise<void> {
    if (membershipIds.length === 0) {
      return;
    }
    const now = new Date();
    await manager.delete(ForumReaction, { memberId: In(membershipIds) });
    await manager.delete(ForumReadMarker, { memberId: In(membershipIds) });
    const posts = await manager.find(ForumPost, { where: { authorId: In(membershipIds) }, select: { id: true } });
    const threads = await manager.find(ForumThread, { where: { authorId: In(membershipIds) }, select: { id: true } });
    const postIds = posts.map((post) => post.id);
    const threadIds = threads.map((thread) => thread.id);
    if (postIds.length > 0) {
      await manager.update(ForumPost, { id: In(postIds) }, { deletedAt: () => 'COALESCE(deleted_at, now())' });
    }
    if (threadIds.length > 0) {
      await manager.update(ForumThread, { id: In(threadIds) }, { deletedAt: () => 'COALESCE(deleted_at, now())' });
    }
    await this.purgePosts(manager, postIds, now);
    await this.purgeThreads(manager, threadIds, now);
    await this.dropEmptyThreads(manager);
  }

  /**
   * Purges at once what a moderator deleted (a thread: its title, warning and opening text; a
   * reply: its text), in the caller's transaction. Members see it as "removed by a moderator";
   * other members' replies under a deleted thread stay.
   */
  async purgeForModeration(manager: EntityManager, target: { threadId: string } | { postId: string }): Promise<void> {
    const now = new Date();
    if ('threadId' in target) {
      const opening = await manager.find(ForumPost, {
        where: { threadId: target.threadId, seq: 0 },
        select: { id: true },
      });
      await manager.update(ForumThread, { id: target.threadId }, { hiddenAt: () => 'COALESCE(hidden_at, now())' });
      await manager.update(
        ForumPost,
        { threadId: target.threadId, seq: 0 },
        { hiddenAt: () => 'COALESCE(hidden_at, now())' },
      );
      await this.purgeThreads(manager, [target.threadId], now);
      await this.purgePosts(
        manager,
        opening.map((post) => post.id),
        now,
      );
      return;
    }
    await manager.update(ForumPost, { id: target.postId }, { hiddenAt: () => 'COALESCE(hidden_at, now())' });
    await this.purgePosts(manager, [target.postId], now);
  }

  /**
   * After an author removed their own thread or reply: nobody reads it any more, the group's
   * moderators included, so its text is purged at once — unless a report on it was filed before
   * (an open report or crisis case): then the moderators keep reading the reported text until the
   * grace ends (`purgeRemoved`). Runs in the caller's transaction.
   */
  async afterAuthorRemoval(manager: EntityManager, target: { threadId: string } | { postId: string }): Promise<void> {
    const now = new Date();
    if ('threadId' in target) {
      const opening = await manager.find(ForumPost, {
        where: { threadId: target.threadId, seq: 0 },
        select: { id: true },
      });
      const openingIds = opening.map((post) => post.id);
      if (await this.reported(manager, [target.threadId, ...openingIds])) {
        return;
      }
      await this.purgeThreads(manager, [target.threadId], now);
      await this.purgePosts(manager, openingIds, now);
    } else {
      if (await this.reported(manager, [target.postId])) {
        return;
      }
      await this.purgePosts(manager, [target.postId], now);
    }
    await this.dropEmptyThreads(manager);
  }

  /** Whether an open report or crisis case names one of these items. */
  private async reported(manager: EntityManager, ids: string[]): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM moderation_case
        WHERE target_id = ANY($1::uuid[]) AND kind IN ('report', 'crisis') AND resolved_at IS NULL
        LIMIT 1`,
      [ids],
    );
    return rows.length > 0;
  }

  private async purgePosts(manager: EntityManager, postIds: string[], now: Date): Promise<void> {
    if (postIds.length === 0) {
      return;
    }
    await manager.query('DELETE FROM forum_revision WHERE post_id = ANY($1::uuid[])', [postIds]);
    await manager.query('DELETE FROM forum_reaction WHERE post_id = ANY($1::uuid[])', [postIds]);
    await manager.query(
      `UPDATE forum_post SET body = '', content_warning = NULL, author_id = NULL, purged_at = $2 WHERE id = ANY($1::uuid[])`,
      [postIds, now],
    );
  }

  private async purgeThreads(manager: EntityManager, threadIds: string[], now: Date): Promise<void> {
    if (threadIds.length === 0) {
      return;
    }
    await manager.query(
      `UPDATE forum_thread SET title = '', content_warning = NULL, author_id = NULL, purged_at = $2
        WHERE id = ANY($1::uuid[])`,
      [threadIds, now],
    );
  }

  /** A purged thread with no reply of anyone left to give context to goes entirely. */
  private async dropEmptyThreads(manager: EntityManager): Promise<void> {
    await manager.query(
      `DELETE FROM forum_thread t
        WHERE t.purged_at IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM forum_post p WHERE p.thread_id = t.id AND p.seq > 0 AND p.purged_at IS NULL)`,
    );
  }
}
