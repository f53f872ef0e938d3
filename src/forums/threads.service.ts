import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type FindOptionsWhere, IsNull, MoreThan } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import type {
  CreateThreadRequest,
  EditThreadRequest,
  PageQuery,
  ThreadPage,
  ThreadView,
  ThreadWithPosts,
} from '../contracts/forums.js';
import { DomainEvents, type DomainEventMap } from '../events/domain-events.js';
import { groupArchived } from '../groups/groups.errors.js';
import { type GroupAccess, MembershipService } from '../groups/membership.service.js';
import type { PendingEvents } from '../moderation/cases.service.js';
import { earlierThread, onceForClientKey } from './forum-client-keys.js';
import { decodePostCursor, encodePostCursor, encodeThreadCursor } from './forum-cursors.js';
import { listPage } from './forum-listing.js';
import { ForumMentions } from './forum-mentions.js';
import { ForumPost } from './forum-post.entity.js';
import { ForumPurgeService } from './forum-purge.service.js';
import { ForumReader } from './forum-reader.js';
import { ForumRevision } from './forum-revision.entity.js';
import { ForumSafety } from './forum-safety.js';
import { ForumThread } from './forum-thread.entity.js';
import { contentRemoved, notTheAuthor, threadLocked } from './forums.errors.js';
import { contentState, postView, type ReaderContext, threadSummary, threadView } from './forum-views.js';

type ForumChanged = DomainEventMap['forum.changed'];
type ForumMentioned = DomainEventMap['forum.mentioned'];

/** Threads: listing, starting, reading (which marks them read), editing and removing one's own. */
@Injectable()
export class ThreadsService {
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
   * A page of the group's threads, pinned ones first, then by newest activity, each with the
   * reader's unread count (capped at `UNREAD_COUNT_CAP`). Keyset-paginated: a thread that gets a
   * reply while someone pages moves to the top, and is neither repeated nor skipped on later pages.
   * Fails like `requireMember`, or `validation_failed` for a cursor that was not given out by this
   * listing.
   */
  async list(actor: Actor, slug: string, page: PageQuery): Promise<ThreadPage> {
    // Only reads, and no statement relies on an earlier one's snapshot: no transaction needed
    // (under READ COMMITTED each statement would see a fresh snapshot inside one anyway).
    const manager = this.dataSource.manager;
    const access = await this.memberships.requireMember(actor, slug, manager);
    const rows = await listPage(manager, access, page);
    const pageRows = rows.slice(0, page.limit);
    if (pageRows.length === 0) {
      return { threads: [], nextCursor: null };
    }
    const context: ReaderContext = {
      memberId: access.membership.id,
      isModerator: access.isModerator,
      authors: new Map(pageRows.flatMap((row) => (row.author ? [[row.author.memberId, row.author]] : []))),
      reactions: await this.reader.reactions(
        manager,
        access.membership.id,
        pageRows.map((row) => row.openingPostId),
      ),
      muted: new Set(pageRows.flatMap((row) => (row.authorMuted && row.thread.authorId ? [row.thread.authorId] : []))),
    };
    const last = pageRows.at(-1)!;
    return {
      threads: pageRows.map((row) => threadSummary(row.thread, row.openingPostId, row.unreadCount, context)),
      nextCursor:
        rows.length > page.limit
          ? encodeThreadCursor({ p: last.thread.pinnedAt !== null, a: last.activityKey, i: last.thread.id })
          : null,
    };
  }

  /**
   * Starts a thread under the member's alias; its author has read it. Its title, warning and text
   * are screened first: a crisis signal publishes it as normal, tells its author the crisis lines
   * in the answer (`crisis`) and alerts the moderators; a watched `hold` word, identifying details
   * the author insists on, or a new member's first posts store it held for review (`held`). Fails
   * like `requireMember`, or with `group_archived`, `blocked_content` or `identifying_details`,
   * and then stores nothing. A retry with the same `clientKey` answers the thread it started
   * (nothing stored twice); the key with other content fails with `idempotency_key_reused`.
   */
  create(actor: Actor, slug: string, request: CreateThreadRequest): Promise<ThreadView> {
    return onceForClientKey(request.clientKey, () => this.createOnce(actor, slug, request));
  }

  private async createOnce(actor: Actor, slug: string, request: CreateThreadRequest): Promise<ThreadView> {
    let pending: PendingEvents | null = null;
    let changed: ForumChanged | null = null;
    let mentioned: ForumMentioned[] = [];
    const view = await this.dataSource.transaction(async (manager) => {
      const access = await this.memberships.requireMember(actor, slug, manager);
      const earlier = await earlierThread(manager, access.membership.id, request);
      if (earlier) {
        return this.view(manager, access, earlier);
      }
      if (access.group.archivedAt) {
        throw groupArchived();
      }
      const screening = await this.safety.screen(
        manager,
        access,
        [request.title, request.contentWarning, request.body],
        { insist: request.insist, firstPosts: true },
      );
      const heldAt = screening.hold ? new Date() : null;
      const { id } = await manager.save(
        manager.create(ForumThread, {
          groupId: access.group.id,
          authorId: access.membership.id,
          title: request.title,
          contentWarning: request.contentWarning ?? null,
          heldAt,
          clientKey: request.clientKey ?? null,
        }),
      );
      await manager.insert(ForumPost, {
        threadId: id,
        groupId: access.group.id,
        authorId: access.membership.id,
        seq: 0,
        body: request.body,
        heldAt,
      });
      pending = await this.safety.afterStore(manager, access, { kind: 'thread', id }, screening);
      changed = heldAt ? null : await this.change(manager, access, id, 'started');
      // Its opening post names members as a reply does (a held thread: once a moderator approves it).
      mentioned = changed
        ? await this.mentions.named(manager, {
            groupId: access.group.id,
            threadId: id,
            postId: changed.postId,
            authorId: access.membership.id,
            body: request.body,
          })
        : [];
      return { ...(await this.view(manager, access, id)), ...this.safety.authorNote(access, screening, !!heldAt) };
    });
    const flushed = await this.safety.flush(pending);
    await this.announce(changed, mentioned);
    return { ...view, ...flushed };
  }

  /**
   * The thread with a page of its replies in the order they were stored (keyset on that order),
   * and marks them read for the member. Fails like `requireMember`, or `not_found` for a thread
   * that is not in this group, exactly as for one that does not exist.
   */
  async read(actor: Actor, slug: string, threadId: string, page: PageQuery): Promise<ThreadWithPosts> {
    return this.dataSource.transaction(async (manager) => {
      const { access, thread } = await this.open(manager, actor, slug, threadId);
      const opening = await this.reader.openingPost(manager, thread);
      const afterSeq = page.cursor ? decodePostCursor(page.cursor).s : 0;
      const after: FindOptionsWhere<ForumPost> = { threadId: thread.id, seq: MoreThan(afterSeq) };
      // Replies held for review are there for their authors and the moderators only.
      const found = await manager.find(ForumPost, {
        where: access.isModerator
          ? after
          : [
              { ...after, heldAt: IsNull() },
              { ...after, authorId: access.membership.id },
            ],
        order: { seq: 'ASC' },
        take: page.limit + 1,
      });
      const posts = found.slice(0, page.limit);
      const context = await this.reader.context(
        manager,
        access,
        [opening.id, ...posts.map((post) => post.id)],
        [thread.authorId, ...posts.map((post) => post.authorId)],
        [opening, ...posts],
      );
      const lastSeq = posts.at(-1)?.seq ?? afterSeq;
      const lastReadSeq = await this.markRead(manager, access, thread.id, lastSeq);
      return {
        thread: threadView(thread, opening, context),
        posts: posts.map((post) => postView(post, context)),
        nextCursor: found.length > page.limit ? encodePostCursor({ s: lastSeq }) : null,
        firstNewPostId:
          lastReadSeq === null
            ? null
            : (posts.find((post) => post.seq > lastReadSeq && post.authorId !== access.membership.id)?.id ?? null),
      };
    });
  }

  /**
   * The one door into a thread for reading it, over REST (`read`) and live (the thread's room):
   * an active member of the group with its current pledge, and a thread of this group they may
   * see. Fails like `requireMember`, or `not_found`.
   */
  async open(
    manager: EntityManager,
    actor: Actor,
    slug: string,
    threadId: string,
  ): Promise<{ access: GroupAccess; thread: ForumThread }> {
    const access = await this.memberships.requireMember(actor, slug, manager);
    return { access, thread: await this.reader.thread(manager, access, threadId) };
  }

  /**
   * Changes the author's own thread (title, opening text, warning); the earlier version is kept
   * for the group's moderators and the thread is marked edited. The new text is screened as a new
   * thread is (a thread held for review stays held; an edit can hold a visible one). Fails with
   * `not_found`, `forbidden` (not the author), `content_removed`, `thread_locked`,
   * `group_archived`, `blocked_content` or `identifying_details`, and then changes nothing.
   */
  async edit(actor: Actor, slug: string, threadId: string, request: EditThreadRequest): Promise<ThreadView> {
    let pending: PendingEvents | null = null;
    let changed: ForumChanged | null = null;
    let mentioned: ForumMentioned[] = [];
    const view = await this.dataSource.transaction(async (manager) => {
      const access = await this.memberships.requireMember(actor, slug, manager);
      const thread = await this.reader.thread(manager, access, threadId, true);
      this.assertChangeable(access, thread);
      const opening = await this.reader.openingPost(manager, thread);
      const title = request.title ?? thread.title;
      const body = request.body ?? opening.body;
      const contentWarning = request.contentWarning === undefined ? thread.contentWarning : request.contentWarning;
      if (title === thread.title && body === opening.body && contentWarning === thread.contentWarning) {
        return this.view(manager, access, thread.id);
      }
      const screening = await this.safety.screen(manager, access, [title, contentWarning, body], {
        insist: request.insist,
        firstPosts: false,
      });
      await manager.insert(ForumRevision, {
        postId: opening.id,
        title: thread.title,
        contentWarning: thread.contentWarning,
        body: opening.body,
        writtenAt: thread.editedAt ?? thread.createdAt,
      });
      const heldAt = thread.heldAt ?? (screening.hold ? new Date() : null);
      await manager.update(ForumThread, { id: thread.id }, { title, contentWarning, heldAt, editedAt: () => 'now()' });
      await manager.update(ForumPost, { id: opening.id }, { body, heldAt, editedAt: () => 'now()' });
      pending = await this.safety.afterStore(manager, access, { kind: 'thread', id: thread.id }, screening);
      changed = await this.change(manager, access, thread.id, 'edited');
      if (!heldAt) {
        // Who the edit newly names is told, as for an edited reply; who the text named before was told then.
        mentioned = await this.mentions.added(
          manager,
          { groupId: access.group.id, threadId: thread.id, postId: opening.id, authorId: access.membership.id },
          opening.body,
          body,
        );
      }
      return {
        ...(await this.view(manager, access, thread.id)),
        ...this.safety.authorNote(access, screening, !!heldAt),
      };
    });
    const flushed = await this.safety.flush(pending);
    await this.announce(changed, mentioned);
    return { ...view, ...flushed };
  }

  /**
   * Removes the author's own thread: everyone, moderators included, sees "removed by its author" at
   * once, the replies of others stay readable under it, and its text is purged at once (only a
   * thread reported before keeps it for the moderators until the grace ends). Removing it again
   * changes nothing. Fails with `not_found` or `forbidden`.
   */
  async remove(actor: Actor, slug: string, threadId: string): Promise<void> {
    const changed = await this.dataSource.transaction(async (manager): Promise<ForumChanged | null> => {
      const access = await this.memberships.requireMember(actor, slug, manager);
      const thread = await this.reader.thread(manager, access, threadId, true);
      // Removed already (and purged, so without an author): nothing changes.
      if (thread.deletedAt) {
        return null;
      }
      if (thread.authorId !== access.membership.id) {
        throw notTheAuthor();
      }
      // Before the purge: an unanswered thread is deleted outright.
      const removed = await this.change(manager, access, thread.id, 'removed');
      await manager.update(ForumThread, { id: thread.id }, { deletedAt: () => 'now()' });
      await manager.update(ForumPost, { threadId: thread.id, seq: 0 }, { deletedAt: () => 'now()' });
      await this.purge.afterAuthorRemoval(manager, { threadId: thread.id });
      return removed;
    });
    await this.announce(changed);
  }

  private async change(
    manager: EntityManager,
    access: GroupAccess,
    threadId: string,
    change: ForumChanged['change'],
  ): Promise<ForumChanged> {
    const opening = await manager.findOneByOrFail(ForumPost, { threadId, seq: 0 });
    return { groupId: access.group.id, threadId, postId: opening.id, change };
  }

  /** Tells live readers after the commit (ids only), and the members the opening post newly names. */
  private async announce(changed: ForumChanged | null, mentioned: ForumMentioned[] = []): Promise<void> {
    if (changed) {
      await this.events.emit('forum.changed', changed);
    }
    for (const mention of mentioned) {
      await this.events.emit('forum.mentioned', mention);
    }
  }

  private assertChangeable(access: GroupAccess, thread: ForumThread): void {
    // Purged text has no author any more: it is simply gone.
    if (thread.purgedAt) {
      throw contentRemoved();
    }
    if (thread.authorId !== access.membership.id) {
      throw notTheAuthor();
    }
    // A thread waiting for a moderator may still be changed by its author; it stays held.
    if (contentState(thread) !== 'visible' && contentState(thread) !== 'pending_review') {
      throw contentRemoved();
    }
    if (thread.lockedAt) {
      throw threadLocked();
    }
    if (access.group.archivedAt) {
      throw groupArchived();
    }
  }

  private async view(manager: EntityManager, access: GroupAccess, threadId: string): Promise<ThreadView> {
    const thread = await this.reader.thread(manager, access, threadId);
    const opening = await this.reader.openingPost(manager, thread);
    const context = await this.reader.context(manager, access, [opening.id], [thread.authorId], [opening]);
    return threadView(thread, opening, context);
  }

  /** Moves the member's read marker up to `seq` (one upsert) and answers where it stood before (null: never read). */
  private async markRead(
    manager: EntityManager,
    access: GroupAccess,
    threadId: string,
    seq: number,
  ): Promise<number | null> {
    const [before] = await manager.query<{ seq: number }[]>(
      'SELECT last_read_seq AS seq FROM forum_read_marker WHERE member_id = $1 AND thread_id = $2',
      [access.membership.id, threadId],
    );
    await manager.query(
      `INSERT INTO forum_read_marker (member_id, thread_id, last_read_seq, read_at) VALUES ($1, $2, $3, now())
       ON CONFLICT ON CONSTRAINT pk_forum_read_marker
       DO UPDATE SET last_read_seq = GREATEST(forum_read_marker.last_read_seq, EXCLUDED.last_read_seq),
                     read_at = EXCLUDED.read_at`,
      [access.membership.id, threadId, seq],
    );
    return before ? Number(before.seq) : null;
  }
}
