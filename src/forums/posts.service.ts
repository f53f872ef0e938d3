import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import type { EditPostRequest, PostView, ReplyRequest, Revision } from '../contracts/forums.js';
import { groupArchived } from '../groups/groups.errors.js';
import { type GroupAccess, MembershipService } from '../groups/membership.service.js';
import { ForumPost } from './forum-post.entity.js';
import { ForumReader } from './forum-reader.js';
import { ForumRevision } from './forum-revision.entity.js';
import { ForumThread } from './forum-thread.entity.js';
import { contentRemoved, notTheAuthor, revisionsForModerators, threadLocked, threadRemoved } from './forums.errors.js';
import { contentState, postView } from './forum-views.js';

/** Replies: posting, editing and removing one's own, and the earlier versions moderators may read. */
@Injectable()
export class PostsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
    private readonly reader: ForumReader,
  ) {}

  /**
   * Adds a reply. The thread row is locked while its counter is raised, so replies that arrive at
   * the same moment are all stored, numbered one after the other (`seq`), with the reply count
   * right. Fails with `not_found`, `thread_locked`, `content_removed` (a removed thread) or
   * `group_archived`, and then stores nothing.
   */
  async reply(actor: Actor, slug: string, threadId: string, request: ReplyRequest): Promise<PostView> {
    return this.dataSource.transaction(async (manager) => {
      const access = await this.memberships.requireMember(actor, slug, manager);
      const thread = await this.reader.thread(manager, access.group.id, threadId, true);
      if (contentState(thread) !== 'visible') {
        throw threadRemoved();
      }
      if (thread.lockedAt) {
        throw threadLocked();
      }
      if (access.group.archivedAt) {
        throw groupArchived();
      }
      const seq = thread.lastSeq + 1;
      await manager
        .createQueryBuilder()
        .update(ForumThread)
        .set({
          lastSeq: seq,
          replyCount: () => 'reply_count + 1',
          lastActivityAt: () => 'GREATEST(last_activity_at, now())',
        })
        .where({ id: thread.id })
        .execute();
      const { id } = await manager.save(
        manager.create(ForumPost, {
          threadId: thread.id,
          groupId: access.group.id,
          authorId: access.membership.id,
          seq,
          body: request.body,
        }),
      );
      return this.view(manager, access, id);
    });
  }

  /**
   * Changes the author's own reply; the earlier version is kept for moderators and the reply is
   * marked edited. Fails with `not_found`, `forbidden`, `content_removed`, `thread_locked` or
   * `group_archived`.
   */
  async edit(actor: Actor, slug: string, postId: string, request: EditPostRequest): Promise<PostView> {
    return this.dataSource.transaction(async (manager) => {
      const access = await this.memberships.requireMember(actor, slug, manager);
      const post = await this.reader.reply(manager, access.group.id, postId);
      const thread = await this.reader.thread(manager, access.group.id, post.threadId, true);
      if (post.authorId !== access.membership.id) {
        throw notTheAuthor();
      }
      if (contentState(post) !== 'visible') {
        throw contentRemoved();
      }
      if (thread.lockedAt) {
        throw threadLocked();
      }
      if (access.group.archivedAt) {
        throw groupArchived();
      }
      if (request.body !== post.body) {
        await manager.insert(ForumRevision, {
          postId: post.id,
          body: post.body,
          writtenAt: post.editedAt ?? post.createdAt,
        });
        await manager.update(ForumPost, { id: post.id }, { body: request.body, editedAt: () => 'now()' });
      }
      return this.view(manager, access, post.id);
    });
  }

  /**
   * Removes the author's own reply: members see "removed by its author" at once; the text is
   * purged seven days later. Removing it again changes nothing. Fails with `not_found` or `forbidden`.
   */
  async remove(actor: Actor, slug: string, postId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const access = await this.memberships.requireMember(actor, slug, manager);
      const post = await this.reader.reply(manager, access.group.id, postId);
      if (post.authorId !== access.membership.id) {
        throw notTheAuthor();
      }
      if (!post.deletedAt) {
        await manager.update(ForumPost, { id: post.id }, { deletedAt: () => 'now()' });
      }
    });
  }

  /** Earlier versions of a thread (title, warning, opening text), oldest first: moderators only. */
  async threadRevisions(actor: Actor, slug: string, threadId: string): Promise<Revision[]> {
    return this.dataSource.transaction(async (manager) => {
      const access = await this.memberships.requireMember(actor, slug, manager);
      const thread = await this.reader.thread(manager, access.group.id, threadId);
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
      const post = await this.reader.reply(manager, access.group.id, postId);
      if (!access.isModerator) {
        throw revisionsForModerators();
      }
      return (await this.revisions(manager, post.id)).map((revision) => ({
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
    const context = await this.reader.context(manager, access, [post.id], [post.authorId]);
    return postView(post, context);
  }
}
