import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import type { EditPostRequest, PostView, ReplyRequest, Revision } from '../contracts/forums.js';
import { DomainEvents, type DomainEventMap } from '../events/domain-events.js';
import { groupArchived } from '../groups/groups.errors.js';
import { type GroupAccess, MembershipService } from '../groups/membership.service.js';
import type { PendingEvents } from '../moderation/cases.service.js';
import { earlierReply, onceForClientKey } from './forum-client-keys.js';
import { ForumMentions } from './forum-mentions.js';
import { ForumPost } from './forum-post.entity.js';
import { ForumPurgeService } from './forum-purge.service.js';
import { ForumReader } from './forum-reader.js';
import { ForumRevision } from './forum-revision.entity.js';
import { ForumSafety } from './forum-safety.js';
import { ForumThread } from './forum-thread.entity.js';
import {
  contentRemoved,
  forumItemNotFound,
  notTheAuthor,
  quoteNotFound,
  revisionsForModerators,
  threadLocked,
  threadPendingReview,
  threadRemoved,
} from './forums.errors.js';
import { contentState, postView, visibleTo } from './forum-views.js';

/** Replies: posting, editing and removing one's own, and the earlier versions moderators may read. */
@Injectable()
export class PostsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
    private readonly reader: ForumReader,
    private readonly safety: ForumSafety,
    private readonly purge: ForumPurgeService,
    private readonly events: DomainEvents,
    private readonly mentions: ForumMentions,
  ) {}

  /**
   * Adds a reply. The thread row is locked while its counter is raised, so replies that arrive at
   * the same moment are all stored, numbered one after the other (`seq`), with the reply count
   * right. The text is screened first, as a new thread is: a reply held for review takes its
   * number but counts as a reply (and as activity) only once a moderator approves it. Fails with
   * `not_found`, `thread_locked`, `content_removed` (a removed thread, or one still waiting for
   * a moderator), `group_archived`, `blocked_content` or `identifying_details`, and then stores nothing.
   * A retry with the same `clientKey` answers the reply it stored (nothing stored twice); the key
   * with other content fails with `idempotency_key_reused`.
   */
  reply(actor: Actor, slug: string, threadId: string, request: ReplyRequest): Promise<PostView> {
    return onceForClientKey(request.clientKey, () => this.replyOnce(actor, slug, threadId, request));
  }

  private async replyOnce(actor: Actor, slug: string, threadId: string, request: ReplyRequest): Promise<PostView> {
    let pending: PendingEvents | null = null;
    let posted: DomainEventMap['forum.posted'] | null = null;
    let mentioned: DomainEventMap['forum.mentioned'][] = [];
    const view = await this.dataSource.transaction(async (manager) => {
      const access = await this.memberships.requireMember(actor, slug, manager);
      const thread = await this.reader.thread(manager, access, threadId, true);
      const earlier = await earlierReply(manager, access.membership.id, thread.id, request);
      if (earlier) {
        return this.view(manager, access, earlier);
      }
      const state = contentState(thread);
      if (state !== 'visible') {
        throw state === 'pending_review' ? threadPendingReview() : threadRemoved();
      }
      if (thread.lockedAt) {
        throw threadLocked();
      }
      if (access.group.archivedAt) {
        throw groupArchived();
      }
      const quotePostId = request.quotePostId
        ? await this.quotable(manager, access, thread.id, request.quotePostId)
        : null;
      const screening = await this.safety.screen(manager, access, [request.contentWarning, request.body], {
        insist: request.insist,
        firstPosts: true,
      });
      const seq = thread.lastSeq + 1;
      await manager
        .createQueryBuilder()
        .update(ForumThread)
        .set(
          screening.hold
            ? { lastSeq: seq }
            : {
                lastSeq: seq,
                replyCount: () => 'reply_count + 1',
                lastActivityAt: () => 'GREATEST(last_activity_at, now())',
              },
        )
        .where({ id: thread.id })
        .execute();
      const { id } = await manager.save(
        manager.create(ForumPost, {
          threadId: thread.id,
          groupId: access.group.id,
          authorId: access.membership.id,
          seq,
          body: request.body,
          contentWarning: request.contentWarning ?? null,
          quotePostId,
          heldAt: screening.hold ? new Date() : null,
          clientKey: request.clientKey ?? null,
        }),
      );
      pending = await this.safety.afterStore(manager, access, { kind: 'post', id }, screening);
      posted = screening.hold ? null : { groupId: access.group.id, threadId: thread.id, postId: id };
      mentioned = screening.hold
        ? []
        : await this.mentions.named(manager, {
            groupId: access.group.id,
            threadId: thread.id,
            postId: id,
            authorId: access.membership.id,
            body: request.body,
          });
      return {
        ...(await this.view(manager, access, id)),
        ...this.safety.authorNote(access, screening, screening.hold),
      };
    });
    const flushed = await this.safety.flush(pending);
    if (posted) {
      await this.events.emit('forum.posted', posted);
    }
    for (const mention of mentioned) {
      await this.events.emit('forum.mentioned', mention);
    }
    return { ...view, ...flushed };
  }

  /**
   * Changes the author's own reply; the earlier version is kept for moderators and the reply is
   * marked edited. The new text is screened as a reply is; a reply held for review stays held, and
   * an edit can hold a visible one (it then no longer counts as a reply until approved). Fails with
   * `not_found`, `forbidden`, `content_removed`, `thread_locked`, `group_archived`,
   * `blocked_content` or `identifying_details`, and then changes nothing.
   */
  async edit(actor: Actor, slug: string, postId: string, request: EditPostRequest): Promise<PostView> {
    let pending: PendingEvents | null = null;
    let changed: DomainEventMap['forum.changed'] | null = null;
    let mentioned: DomainEventMap['forum.mentioned'][] = [];
    const view = await this.dataSource.transaction(async (manager) => {
      const access = await this.memberships.requireMember(actor, slug, manager);
      const post = await this.reader.reply(manager, access, postId);
      const thread = await this.reader.thread(manager, access, post.threadId, true);
      // Purged text has no author any more: it is simply gone.
      if (post.purgedAt) {
        throw contentRemoved();
      }
      if (post.authorId !== access.membership.id) {
        throw notTheAuthor();
      }
      if (contentState(post) !== 'visible' && contentState(post) !== 'pending_review') {
        throw contentRemoved();
      }
      if (thread.lockedAt) {
        throw threadLocked();
      }
      if (access.group.archivedAt) {
        throw groupArchived();
      }
      // Absent: the warning stays as it is; null removes it.
      const contentWarning = request.contentWarning === undefined ? post.contentWarning : request.contentWarning;
      if (request.body === post.body && contentWarning === post.contentWarning) {
        return this.view(manager, access, post.id);
      }
      const screening = await this.safety.screen(manager, access, [contentWarning, request.body], {
        insist: request.insist,
        firstPosts: false,
      });
      await manager.insert(ForumRevision, {
        postId: post.id,
        contentWarning: post.contentWarning,
        body: post.body,
        writtenAt: post.editedAt ?? post.createdAt,
      });
      const heldAt = post.heldAt ?? (screening.hold ? new Date() : null);
      await manager.update(
        ForumPost,
        { id: post.id },
        { body: request.body, contentWarning, heldAt, editedAt: () => 'now()' },
      );
      if (heldAt && !post.heldAt) {
        // Held replies do not count as replies: see `reply`.
        await manager.decrement(ForumThread, { id: thread.id }, 'replyCount', 1);
      }
      pending = await this.safety.afterStore(manager, access, { kind: 'post', id: post.id }, screening);
      changed = { groupId: access.group.id, threadId: thread.id, postId: post.id, change: 'edited' };
      if (!heldAt) {
        // Who the edit newly names is told, as for a new reply; who the text named before was told then.
        mentioned = await this.mentions.added(
          manager,
          { groupId: access.group.id, threadId: thread.id, postId: post.id, authorId: access.membership.id },
          post.body,
          request.body,
        );
      }
      return { ...(await this.view(manager, access, post.id)), ...this.safety.authorNote(access, screening, !!heldAt) };
    });
    const flushed = await this.safety.flush(pending);
    if (changed) {
      await this.events.emit('forum.changed', changed);
    }
    for (const mention of mentioned) {
      await this.events.emit('forum.mentioned', mention);
    }
    return { ...view, ...flushed };
  }

  /**
   * Removes the author's own reply: everyone, moderators included, sees "removed by its author" at
   * once and its text is purged at once; only a reply reported before keeps its text for the
   * moderators until the grace ends. Removing it again changes nothing. Fails with `not_found` or `forbidden`.
   */
  async remove(actor: Actor, slug: string, postId: string): Promise<void> {
    const changed = await this.dataSource.transaction(
      async (manager): Promise<DomainEventMap['forum.changed'] | null> => {
        const access = await this.memberships.requireMember(actor, slug, manager);
        const post = await this.reader.reply(manager, access, postId);
        // Removed already (and purged, so without an author): nothing changes.
        if (post.deletedAt) {
          return null;
        }
        if (post.authorId !== access.membership.id) {
          throw notTheAuthor();
        }
        await manager.update(ForumPost, { id: post.id }, { deletedAt: () => 'now()' });
        await this.purge.afterAuthorRemoval(manager, { postId: post.id });
        return { groupId: access.group.id, threadId: post.threadId, postId: post.id, change: 'removed' };
      },
    );
    if (changed) {
      await this.events.emit('forum.changed', changed);
    }
  }

  /**
   * One post as this member may see it (the way a live reader fetches what changed). Fails like
   * `requireMember`, or `not_found` for a post not in this group, held for someone else, or in a
   * thread the member may not read.
   */
  async read(actor: Actor, slug: string, postId: string): Promise<PostView> {
    return this.dataSource.transaction(async (manager) => {
      const access = await this.memberships.requireMember(actor, slug, manager);
      const post = await manager.findOneBy(ForumPost, { id: postId, groupId: access.group.id });
      if (!post || !visibleTo(post, { memberId: access.membership.id, isModerator: access.isModerator })) {
        throw forumItemNotFound();
      }
      await this.reader.thread(manager, access, post.threadId);
      return this.view(manager, access, post.id);
    });
  }

  /** The quoted post, when it is in the same thread and visible: otherwise `validation_failed`. */
  private async quotable(
    manager: EntityManager,
    access: GroupAccess,
    threadId: string,
    postId: string,
  ): Promise<string> {
    const quoted = await manager.findOneBy(ForumPost, { id: postId, groupId: access.group.id, threadId });
    if (!quoted || contentState(quoted) !== 'visible') {
      throw quoteNotFound();
    }
    return quoted.id;
  }

  /** Earlier versions of a thread (title, warning, opening text), oldest first: moderators only. */
  async threadRevisions(actor: Actor, slug: string, threadId: string): Promise<Revision[]> {
    return this.dataSource.transaction(async (manager) => {
      const access = await this.memberships.requireMember(actor, slug, manager);
      const thread = await this.reader.thread(manager, access, threadId);
      if (!access.isModerator) {
        throw revisionsForModerators();
      }
      const opening = await this.reader.openingPost(manager, thread);
      return (await this.revisions(manager, opening.id)).map((revision) => ({
        title: revision.title ?? '',
        contentWarning: revision.contentWarning,
        body: revision.body,
        writtenAt: revision.writtenAt.toISOString(),
        replacedAt: revision.replacedAt.toISOString(),
      }));
    });
  }

  /** Earlier versions of a reply, oldest first: moderators only. */
  async postRevisions(actor: Actor, slug: string, postId: string): Promise<Revision[]> {
    return this.dataSource.transaction(async (manager) => {
      const access = await this.memberships.requireMember(actor, slug, manager);
      const post = await this.reader.reply(manager, access, postId);
      if (!access.isModerator) {
        throw revisionsForModerators();
      }
      return (await this.revisions(manager, post.id)).map((revision) => ({
        contentWarning: revision.contentWarning,
        body: revision.body,
        writtenAt: revision.writtenAt.toISOString(),
        replacedAt: revision.replacedAt.toISOString(),
      }));
    });
  }

  private revisions(manager: EntityManager, postId: string): Promise<ForumRevision[]> {
    return manager.find(ForumRevision, { where: { postId }, order: { replacedAt: 'ASC', writtenAt: 'ASC' } });
  }

  private async view(manager: EntityManager, access: GroupAccess, postId: string): Promise<PostView> {
    const post = await manager.findOneByOrFail(ForumPost, { id: postId });
    const context = await this.reader.context(manager, access, [post.id], [post.authorId], [post]);
    return postView(post, context);
  }
}
