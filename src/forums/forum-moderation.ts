import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ModeratedItem, ModeratedKind } from '../moderation/moderation-content.registry.js';
import { ForumPost } from './forum-post.entity.js';
import { ForumPurgeService } from './forum-purge.service.js';
import { ForumThread } from './forum-thread.entity.js';

/** How much of an item's text the moderators' queue shows. */
export const EXCERPT_LENGTH = 200;

export function excerptOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat;
}

/**
 * What moderation does to forum content, registered with the moderation feature as `thread` and
 * `post`. A thread is its title, warning and opening text (its post 0) and carries the lock and
 * the pin; a post is a reply. Hiding shows members "removed by a moderator" (moderators still read
 * it); restoring clears that, and approves an item held for review; deleting purges the text.
 * Every method runs in the moderation feature's transaction, with its manager.
 */
@Injectable()
export class ForumModeration {
  constructor(private readonly purges: ForumPurgeService) {}

  readonly threads: ModeratedKind = {
    find: async (manager, id) => {
      const thread = await manager.findOneBy(ForumThread, { id });
      if (!thread) {
        return null;
      }
      const opening = await manager.findOneBy(ForumPost, { threadId: id, seq: 0 });
      return {
        groupId: thread.groupId,
        authorMembershipId: thread.authorId,
        excerpt: thread.purgedAt ? null : excerptOf(`${thread.title}\n${opening?.body ?? ''}`),
        contentWarning: thread.contentWarning,
        hidden: thread.hiddenAt !== null || thread.heldAt !== null,
        containerId: thread.id,
        locked: thread.lockedAt !== null,
        pinned: thread.pinnedAt !== null,
      } satisfies ModeratedItem;
    },
    setHidden: async (manager, id, hidden) => {
      const opening = { threadId: id, seq: 0 };
      if (hidden) {
        // On the opening post too, as an author's removal is, so unread counts and search skip it.
        await manager.update(ForumThread, { id }, { hiddenAt: () => 'COALESCE(hidden_at, now())' });
        await manager.update(ForumPost, opening, { hiddenAt: () => 'COALESCE(hidden_at, now())' });
        return;
      }
      const thread = await manager.findOneBy(ForumThread, { id });
      if (!thread) {
        return;
      }
      await manager.update(
        ForumThread,
        { id },
        {
          hiddenAt: null,
          hiddenReason: null,
          heldAt: null,
          // An approved thread appears now: it is listed as new activity.
          ...(thread.heldAt ? { lastActivityAt: () => 'GREATEST(last_activity_at, now())' } : {}),
        },
      );
      await manager.update(ForumPost, opening, { hiddenAt: null, hiddenReason: null, heldAt: null });
    },
    purge: (manager, id) => this.purges.purgeForModeration(manager, { threadId: id }),
    setLocked: async (manager, id, locked) => {
      await manager.update(ForumThread, { id }, { lockedAt: locked ? () => 'now()' : null });
    },
    setPinned: async (manager, id, pinned) => {
      await manager.update(ForumThread, { id }, { pinnedAt: pinned ? () => 'now()' : null });
    },
  };

  readonly posts: ModeratedKind = {
    find: async (manager, id) => {
      const post = await this.reply(manager, id);
      if (!post) {
        return null;
      }
      return {
        groupId: post.groupId,
        authorMembershipId: post.authorId,
        excerpt: post.purgedAt ? null : excerptOf(post.body),
        contentWarning: post.contentWarning,
        hidden: post.hiddenAt !== null || post.heldAt !== null,
        containerId: post.threadId,
      } satisfies ModeratedItem;
    },
    setHidden: async (manager, id, hidden) => {
      if (hidden) {
        await manager.update(ForumPost, { id }, { hiddenAt: () => 'COALESCE(hidden_at, now())' });
        return;
      }
      const post = await this.reply(manager, id);
      if (!post) {
        return;
      }
      await manager.update(ForumPost, { id }, { hiddenAt: null, hiddenReason: null, heldAt: null });
      if (post.heldAt) {
        // A held reply counts as a reply, and as activity in its thread, once it is approved.
        await manager
          .createQueryBuilder()
          .update(ForumThread)
          .set({ replyCount: () => 'reply_count + 1', lastActivityAt: () => 'GREATEST(last_activity_at, now())' })
          .where({ id: post.threadId })
          .execute();
      }
    },
    purge: (manager, id) => this.purges.purgeForModeration(manager, { postId: id }),
  };

  /** Replies only: a thread's opening post is moderated as the thread. */
  private async reply(manager: EntityManager, id: string): Promise<ForumPost | null> {
    const post = await manager.findOneBy(ForumPost, { id });
    return post && post.seq > 0 ? post : null;
  }
}
