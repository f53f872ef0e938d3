import type { EntityManager } from 'typeorm';
import { type PageQuery, UNREAD_COUNT_CAP } from '../contracts/forums.js';
import type { MemberRef } from '../contracts/groups.js';
import { Membership } from '../groups/membership.entity.js';
import { type GroupAccess, memberRef } from '../groups/membership.service.js';
import { decodeThreadCursor } from './forum-cursors.js';
import type { ForumThread } from './forum-thread.entity.js';

/** What a thread listing shows of a thread. */
export type ListedThread = Pick<
  ForumThread,
  | 'id'
  | 'title'
  | 'contentWarning'
  | 'authorId'
  | 'replyCount'
  | 'lastActivityAt'
  | 'createdAt'
  | 'editedAt'
  | 'deletedAt'
  | 'purgedAt'
  | 'hiddenAt'
  | 'heldAt'
  | 'lockedAt'
  | 'pinnedAt'
  | 'siteVoice'
>;

export interface ListedRow {
  thread: ListedThread;
  openingPostId: string;
  /** The listing's sort key, as text with microseconds so a cursor names a row exactly. */
  activityKey: string;
  /** At most `UNREAD_COUNT_CAP`. */
  unreadCount: number;
  author: MemberRef | null;
  /** The reader muted the thread's author. */
  authorMuted: boolean;
}

interface Row extends ListedThread {
  activityKey: string;
  openingPostId: string;
  unreadCount: number;
  authorAlias: string | null;
  authorStatus: Membership['status'] | null;
  authorRole: Membership['role'] | null;
  authorMuted: boolean;
}

/**
 * One statement for a page of the listing (`page.limit + 1` rows, so the caller knows whether
 * there is a next page): the threads in order, with their opening post, author and the reader's
 * mute of that author, and the reader's unread count. A thread held for review is listed for its
 * author and the moderators only.
 *
 * The unread count reads only the posts after the reader's marker, on `uq_forum_post_thread_seq`,
 * and stops at `UNREAD_COUNT_CAP`, so it costs the same for a thread of 20 posts as for one of
 * 100,000. The page's keys are found first (MATERIALIZED), so the counts run for its rows only.
 */
export async function listPage(manager: EntityManager, access: GroupAccess, page: PageQuery): Promise<ListedRow[]> {
  const statement = listPageStatement(access.group.id, access.membership.id, access.isModerator, page);
  const rows = await manager.query<Row[]>(statement.text, statement.params);
  return rows.map(
    ({ activityKey, openingPostId, unreadCount, authorAlias, authorStatus, authorRole, authorMuted, ...thread }) => ({
      thread,
      openingPostId,
      activityKey,
      unreadCount,
      author:
        thread.authorId && authorAlias && authorStatus && authorRole
          ? memberRef(
              manager.create(Membership, {
                id: thread.authorId,
                alias: authorAlias,
                status: authorStatus,
                role: authorRole,
              }),
            )
          : null,
      authorMuted,
    }),
  );
}

/** The statement behind `listPage` (exported for the benchmark's query plans). */
export function listPageStatement(
  groupId: string,
  readerId: string,
  moderates: boolean,
  page: PageQuery,
): { text: string; params: unknown[] } {
  const params: unknown[] = [groupId, page.limit + 1, readerId, moderates];
  let after = '';
  if (page.cursor) {
    const cursor = decodeThreadCursor(page.cursor);
    params.push(cursor.p, cursor.a, cursor.i);
    after = 'AND ((t.pinned_at IS NOT NULL), t.last_activity_at, t.id) < ($5::boolean, $6::timestamptz, $7::uuid)';
  }
  return {
    text: `WITH page AS MATERIALIZED (
       SELECT t.id, t.title, t.content_warning, t.author_id, t.reply_count, t.last_activity_at, t.created_at,
              t.edited_at, t.deleted_at, t.purged_at, t.hidden_at, t.held_at, t.locked_at, t.pinned_at,
              t.site_voice
         FROM forum_thread t
        WHERE t.group_id = $1 AND (t.held_at IS NULL OR t.author_id = $3 OR $4::boolean) ${after}
        ORDER BY (t.pinned_at IS NOT NULL) DESC, t.last_activity_at DESC, t.id DESC
        LIMIT $2)
     SELECT t.id, t.title, t.content_warning AS "contentWarning", t.author_id AS "authorId",
            t.reply_count AS "replyCount", t.last_activity_at AS "lastActivityAt", t.created_at AS "createdAt",
            t.edited_at AS "editedAt", t.deleted_at AS "deletedAt", t.purged_at AS "purgedAt",
            t.hidden_at AS "hiddenAt", t.held_at AS "heldAt", t.locked_at AS "lockedAt", t.pinned_at AS "pinnedAt",
            t.site_voice AS "siteVoice",
            to_char(t.last_activity_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "activityKey",
            o.id AS "openingPostId",
            a.alias AS "authorAlias", a.status AS "authorStatus", a.role AS "authorRole",
            EXISTS (SELECT 1 FROM member_mute mm
                     WHERE mm.membership_id = $3 AND mm.muted_membership_id = t.author_id) AS "authorMuted",
            (SELECT count(*) FROM (
               SELECT 1 FROM forum_post p
                WHERE p.thread_id = t.id
                  AND p.seq > COALESCE(r.last_read_seq, -1)
                  AND p.author_id IS DISTINCT FROM $3
                  AND p.deleted_at IS NULL AND p.hidden_at IS NULL AND p.held_at IS NULL
                LIMIT ${UNREAD_COUNT_CAP}) capped)::int AS "unreadCount"
       FROM page t
       JOIN forum_post o ON o.thread_id = t.id AND o.seq = 0
       LEFT JOIN membership a ON a.id = t.author_id
       LEFT JOIN forum_read_marker r ON r.member_id = $3 AND r.thread_id = t.id
      ORDER BY (t.pinned_at IS NOT NULL) DESC, t.last_activity_at DESC, t.id DESC`,
    params,
  };
}
