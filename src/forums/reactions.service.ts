import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import type { ReactionKind, ReactionSummary } from '../contracts/forums.js';
import { type GroupAccess, MembershipService } from '../groups/membership.service.js';
import type { ForumPost } from './forum-post.entity.js';
import { ForumReaction } from './forum-reaction.entity.js';
import { ForumReader } from './forum-reader.js';
import { contentRemoved } from './forums.errors.js';
import { contentState, emptyReactions } from './forum-views.js';

type Target = { thread: string } | { post: string };

/** "I recognise this" and "support" on threads and replies: one of each per member per item. */
@Injectable()
export class ReactionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
    private readonly reader: ForumReader,
  ) {}

  /**
   * Gives the reaction; giving it twice is the same as once (the key allows one of each kind per
   * member per item, also when two requests race). Answers the item's reactions. Fails with
   * `not_found`, or `content_removed` for a removed item.
   */
  async add(actor: Actor, slug: string, target: Target, kind: ReactionKind): Promise<ReactionSummary> {
    return this.dataSource.transaction(async (manager) => {
      const access = await this.memberships.requireMember(actor, slug, manager);
      const post = await this.target(manager, access, target);
      if (contentState(post) !== 'visible') {
        throw contentRemoved();
      }
      await manager
        .createQueryBuilder()
        .insert()
        .into(ForumReaction)
        .values({ postId: post.id, memberId: access.membership.id, kind })
        .orIgnore()
        .execute();
      return this.summary(manager, access, post.id);
    });
  }

  /** Takes the reaction back, if it was given; answers the item's reactions. Fails with `not_found`. */
  async remove(actor: Actor, slug: string, target: Target, kind: ReactionKind): Promise<ReactionSummary> {
    return this.dataSource.transaction(async (manager) => {
      const access = await this.memberships.requireMember(actor, slug, manager);
      const post = await this.target(manager, access, target);
      await manager.delete(ForumReaction, { postId: post.id, memberId: access.membership.id, kind });
      return this.summary(manager, access, post.id);
    });
  }

  /** The post that carries the reactions: a reply, or the thread's opening post. */
  private async target(manager: EntityManager, access: GroupAccess, target: Target): Promise<ForumPost> {
    if ('post' in target) {
      return this.reader.reply(manager, access, target.post);
    }
    const thread = await this.reader.thread(manager, access, target.thread);
    const opening = await this.reader.openingPost(manager, thread);
    // The thread's own state decides: its opening post is removed with it.
    return {
      ...opening,
      deletedAt: thread.deletedAt ?? opening.deletedAt,
      hiddenAt: thread.hiddenAt,
      heldAt: thread.heldAt,
    };
  }

  private async summary(manager: EntityManager, access: GroupAccess, postId: string): Promise<ReactionSummary> {
    const summaries = await this.reader.reactions(manager, access.membership.id, [postId]);
    return summaries.get(postId) ?? emptyReactions();
  }
}
