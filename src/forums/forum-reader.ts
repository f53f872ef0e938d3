import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import type { ReactionKind, ReactionSummary } from '../contracts/forums.js';
import type { MemberRef } from '../contracts/groups.js';
import { Membership } from '../groups/membership.entity.js';
import { type GroupAccess, memberRef, MembershipService } from '../groups/membership.service.js';
import { ForumMentions } from './forum-mentions.js';
import { ForumPost } from './forum-post.entity.js';
import { ForumThread } from './forum-thread.entity.js';
import { forumItemNotFound } from './forums.errors.js';
import { addReaction, emptyReactions, type ReaderContext, visibleTo } from './forum-views.js';

/**
 * Loads forum items for one member of one group, and what rendering them for that member needs.
 * Every lookup is scoped to the member's group, so an id from elsewhere is simply not found; so is
 * an item held for review, for everyone but its author and the moderators.
 * Takes the caller's transaction manager: the embedded database has a single connection.
 */
@Injectable()
export class ForumReader {
  constructor(
    private readonly memberships: MembershipService,
    private readonly mentions: ForumMentions,
  ) {}

  /** The thread, in this group, optionally locked for the rest of the transaction; or `not_found`. */
  async thread(manager: EntityManager, access: GroupAccess, threadId: string, lock = false): Promise<ForumThread> {
    const thread = await manager.findOne(ForumThread, {
      where: { id: threadId, groupId: access.group.id },
      ...(lock ? { lock: { mode: 'for_no_key_update' as const } } : {}),
    });
    if (!thread || !visibleTo(thread, readerOf(access))) {
      throw forumItemNotFound();
    }
    return thread;
  }

  /** The thread's opening text (its post with `seq` 0). */
  async openingPost(manager: EntityManager, thread: ForumThread): Promise<ForumPost> {
    return manager.findOneByOrFail(ForumPost, { threadId: thread.id, seq: 0 });
  }

  /** A reply in this group; opening posts are reached through their thread. Otherwise `not_found`. */
  async reply(manager: EntityManager, access: GroupAccess, postId: string): Promise<ForumPost> {
    const post = await manager.findOneBy(ForumPost, { id: postId, groupId: access.group.id });
    if (!post || post.seq === 0 || !visibleTo(post, readerOf(access))) {
      throw forumItemNotFound();
    }
    return post;
  }

  /**
   * What rendering these items needs for this reader. With `posts`, also the posts they quote
   * (in this group only) and the members they mention (resolved in this group only).
   */
  async context(
    manager: EntityManager,
    access: GroupAccess,
    postIds: string[],
    authorIds: (string | null)[],
    posts: ForumPost[] = [],
  ): Promise<ReaderContext> {
    const quoteIds = [...new Set(posts.flatMap((post) => (post.quotePostId ? [post.quotePostId] : [])))];
    const quoted = quoteIds.length
      ? await manager.findBy(ForumPost, { id: In(quoteIds), groupId: access.group.id })
      : [];
    const mentioned = await this.mentions.resolve(
      manager,
      access.group.id,
      posts.filter((post) => post.body.includes('@')),
    );
    return {
      ...readerOf(access),
      authors: await this.authors(manager, [...authorIds, ...quoted.map((post) => post.authorId)]),
      reactions: await this.reactions(manager, access.membership.id, postIds),
      muted: await this.memberships.mutedBy(access.membership.id, manager),
      quoted: new Map(quoted.map((post) => [post.id, post])),
      mentions: new Map([...mentioned].map(([postId, members]) => [postId, members.map(memberRef)])),
    };
  }

  async authors(manager: EntityManager, authorIds: (string | null)[]): Promise<Map<string, MemberRef>> {
    const ids = [...new Set(authorIds.filter((id): id is string => id !== null))];
    const members = ids.length ? await manager.findBy(Membership, { id: In(ids) }) : [];
    return new Map(members.map((member) => [member.id, memberRef(member)]));
  }

  /** Counts per kind, and whether this member gave each, for every post. */
  async reactions(manager: EntityManager, memberId: string, postIds: string[]): Promise<Map<string, ReactionSummary>> {
    const summaries = new Map<string, ReactionSummary>();
    if (postIds.length === 0) {
      return summaries;
    }
    const rows = await manager.query<{ post_id: string; kind: ReactionKind; count: number; mine: boolean }[]>(
      `SELECT post_id, kind, count(*)::int AS count, bool_or(member_id = $2) AS mine
         FROM forum_reaction
        WHERE post_id = ANY($1::uuid[])
        GROUP BY post_id, kind`,
      [postIds, memberId],
    );
    for (const row of rows) {
      const summary = summaries.get(row.post_id) ?? emptyReactions();
      addReaction(summary, row.kind, row.count, row.mine);
      summaries.set(row.post_id, summary);
    }
    return summaries;
  }
}

function readerOf(access: GroupAccess): Pick<ReaderContext, 'memberId' | 'isModerator'> {
  return { memberId: access.membership.id, isModerator: access.isModerator };
}
