import { createHmac, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import pg from 'pg';

/**
 * The REST baseline: bare Fastify and `pg`, running the SQL that Kring's "list a group's threads"
 * and "read a thread" run (the statements copied from Kring's query log, in the same order, in one
 * transaction, after the same token check) and answering the same JSON, for a member whose
 * group's items are all visible (the benchmark's data). No framework, no ORM, no validation pipe,
 * no rate limit, no request log: what Kring costs beyond its SQL is the difference.
 */
const port = Number(process.env.PORT ?? 3100);
const secret = process.env.JWT_SECRET ?? '';
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
});

type Row = Record<string, unknown>;

const GROUP_SQL = `SELECT "SupportGroup"."id" AS "SupportGroup_id", "SupportGroup"."slug" AS "SupportGroup_slug", "SupportGroup"."name" AS "SupportGroup_name", "SupportGroup"."description" AS "SupportGroup_description", "SupportGroup"."pledge" AS "SupportGroup_pledge", "SupportGroup"."pledge_version" AS "SupportGroup_pledge_version", "SupportGroup"."locale" AS "SupportGroup_locale", "SupportGroup"."kind" AS "SupportGroup_kind", "SupportGroup"."audience" AS "SupportGroup_audience", "SupportGroup"."chat_retention_days" AS "SupportGroup_chat_retention_days", "SupportGroup"."hold_first_posts" AS "SupportGroup_hold_first_posts", "SupportGroup"."archived_at" AS "SupportGroup_archived_at", "SupportGroup"."created_at" AS "SupportGroup_created_at", "SupportGroup"."updated_at" AS "SupportGroup_updated_at" FROM "support_group" "SupportGroup" WHERE (("SupportGroup"."slug" = $1)) LIMIT 1`;
const MEMBERSHIP_COLUMNS = `"Membership"."id" AS "Membership_id", "Membership"."group_id" AS "Membership_group_id", "Membership"."account_id" AS "Membership_account_id", "Membership"."alias" AS "Membership_alias", "Membership"."alias_key" AS "Membership_alias_key", "Membership"."status" AS "Membership_status", "Membership"."role" AS "Membership_role", "Membership"."pledge_version" AS "Membership_pledge_version", "Membership"."pledge_accepted_at" AS "Membership_pledge_accepted_at", "Membership"."joined_at" AS "Membership_joined_at", "Membership"."left_at" AS "Membership_left_at", "Membership"."muted_until" AS "Membership_muted_until", "Membership"."suspended_until" AS "Membership_suspended_until"`;
const MEMBERSHIP_SQL = `SELECT ${MEMBERSHIP_COLUMNS} FROM "membership" "Membership" WHERE (("Membership"."group_id" = $1) AND ("Membership"."account_id" = $2)) LIMIT 1`;
const THREAD_COLUMNS = `"ForumThread"."id" AS "ForumThread_id", "ForumThread"."group_id" AS "ForumThread_group_id", "ForumThread"."author_id" AS "ForumThread_author_id", "ForumThread"."title" AS "ForumThread_title", "ForumThread"."content_warning" AS "ForumThread_content_warning", "ForumThread"."reply_count" AS "ForumThread_reply_count", "ForumThread"."last_seq" AS "ForumThread_last_seq", "ForumThread"."last_activity_at" AS "ForumThread_last_activity_at", "ForumThread"."created_at" AS "ForumThread_created_at", "ForumThread"."edited_at" AS "ForumThread_edited_at", "ForumThread"."deleted_at" AS "ForumThread_deleted_at", "ForumThread"."purged_at" AS "ForumThread_purged_at", "ForumThread"."hidden_at" AS "ForumThread_hidden_at", "ForumThread"."hidden_reason" AS "ForumThread_hidden_reason", "ForumThread"."held_at" AS "ForumThread_held_at", "ForumThread"."locked_at" AS "ForumThread_locked_at", "ForumThread"."pinned_at" AS "ForumThread_pinned_at"`;
const POST_COLUMNS = `"ForumPost"."id" AS "ForumPost_id", "ForumPost"."thread_id" AS "ForumPost_thread_id", "ForumPost"."group_id" AS "ForumPost_group_id", "ForumPost"."author_id" AS "ForumPost_author_id", "ForumPost"."seq" AS "ForumPost_seq", "ForumPost"."body" AS "ForumPost_body", "ForumPost"."created_at" AS "ForumPost_created_at", "ForumPost"."edited_at" AS "ForumPost_edited_at", "ForumPost"."deleted_at" AS "ForumPost_deleted_at", "ForumPost"."purged_at" AS "ForumPost_purged_at", "ForumPost"."hidden_at" AS "ForumPost_hidden_at", "ForumPost"."hidden_reason" AS "ForumPost_hidden_reason", "ForumPost"."held_at" AS "ForumPost_held_at"`;
const ACTOR_SQL = `SELECT a.role, a.token_version AS account_version, s.token_version AS session_version
         FROM auth_session s JOIN account a ON a.id = s.account_id
        WHERE s.id = $1 AND a.id = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND a.banned_at IS NULL`;
const KEYS_SQL = `SELECT t.id, t.pinned_at IS NOT NULL AS pinned, to_char(t.last_activity_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS activity_key
           FROM forum_thread t
          WHERE t.group_id = $1 AND (t.held_at IS NULL OR t.author_id = $3 OR $4::boolean) 
          ORDER BY (t.pinned_at IS NOT NULL) DESC, t.last_activity_at DESC, t.id DESC
          LIMIT $2`;
const UNREAD_SQL = `SELECT p.thread_id, count(*)::int AS unread
         FROM forum_post p
         LEFT JOIN forum_read_marker r ON r.thread_id = p.thread_id AND r.member_id = $2
        WHERE p.thread_id = ANY($1::uuid[])
          AND p.seq > COALESCE(r.last_read_seq, -1)
          AND p.author_id IS DISTINCT FROM $2
          AND p.deleted_at IS NULL AND p.hidden_at IS NULL AND p.held_at IS NULL
        GROUP BY p.thread_id`;
const REACTIONS_SQL = `SELECT post_id, kind, count(*)::int AS count, bool_or(member_id = $2) AS mine
         FROM forum_reaction
        WHERE post_id = ANY($1::uuid[])
        GROUP BY post_id, kind`;
const MUTES_SQL = `SELECT "MemberMute"."muted_membership_id" AS "MemberMute_muted_membership_id", "MemberMute"."membership_id" AS "MemberMute_membership_id" FROM "member_mute" "MemberMute" WHERE (("MemberMute"."membership_id" = $1))`;
const MARK_READ_SQL = `INSERT INTO forum_read_marker (member_id, thread_id, last_read_seq, read_at) VALUES ($1, $2, $3, now())
       ON CONFLICT ON CONSTRAINT pk_forum_read_marker
       DO UPDATE SET last_read_seq = GREATEST(forum_read_marker.last_read_seq, EXCLUDED.last_read_seq),
                     read_at = EXCLUDED.read_at`;

const placeholders = (count: number, from = 1) => Array.from({ length: count }, (_, i) => `$${i + from}`).join(', ');

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

/** HS256, issuer, audience and expiry, as Kring's JWT strategy checks them. */
function verifyToken(header: string | undefined): { sub: string; sid: string; ver: number } {
  const token = header?.startsWith('Bearer ') ? header.slice(7) : '';
  const [head, body, signature] = token.split('.');
  if (!head || !body || !signature) {
    throw new HttpError(401, 'unauthorized');
  }
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new HttpError(401, 'unauthorized');
  }
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
  if (
    typeof claims.exp !== 'number' ||
    claims.exp * 1000 < Date.now() ||
    claims.iss !== 'kring' ||
    claims.aud !== 'kring-api' ||
    typeof claims.sub !== 'string' ||
    typeof claims.sid !== 'string' ||
    typeof claims.ver !== 'number'
  ) {
    throw new HttpError(401, 'unauthorized');
  }
  return { sub: claims.sub, sid: claims.sid, ver: claims.ver };
}

async function actorOf(request: FastifyRequest): Promise<string> {
  const claims = verifyToken(request.headers.authorization);
  const { rows } = await pool.query<{ account_version: number; session_version: number }>(ACTOR_SQL, [
    claims.sid,
    claims.sub,
  ]);
  const row = rows[0];
  if (!row || row.account_version !== claims.ver || row.session_version !== claims.ver) {
    throw new HttpError(401, 'unauthorized');
  }
  return claims.sub;
}

interface Access {
  groupId: string;
  memberId: string;
  isModerator: boolean;
}

async function requireMember(client: pg.PoolClient, accountId: string, slug: string): Promise<Access> {
  const group = (await client.query<Row>(GROUP_SQL, [slug])).rows[0];
  if (!group) {
    throw new HttpError(404, 'group_not_found');
  }
  const membership = (await client.query<Row>(MEMBERSHIP_SQL, [group.SupportGroup_id, accountId])).rows[0];
  if (!membership || membership.Membership_status !== 'active') {
    throw new HttpError(403, 'not_a_member');
  }
  return {
    groupId: group.SupportGroup_id as string,
    memberId: membership.Membership_id as string,
    isModerator: membership.Membership_role === 'moderator',
  };
}

interface Context {
  authors: Map<string, { memberId: string; alias: string }>;
  reactions: Map<string, { recognise: { count: number; mine: boolean }; support: { count: number; mine: boolean } }>;
  muted: Set<string>;
}

const emptyReactions = () => ({ recognise: { count: 0, mine: false }, support: { count: 0, mine: false } });

async function context(
  client: pg.PoolClient,
  access: Access,
  postIds: string[],
  authorIds: (string | null)[],
): Promise<Context> {
  const ids = [...new Set(authorIds.filter((id): id is string => id !== null))];
  const authors = new Map<string, { memberId: string; alias: string }>();
  if (ids.length) {
    const members = await client.query<Row>(
      `SELECT ${MEMBERSHIP_COLUMNS} FROM "membership" "Membership" WHERE (("Membership"."id" IN (${placeholders(ids.length)})))`,
      ids,
    );
    for (const row of members.rows) {
      authors.set(row.Membership_id as string, {
        memberId: row.Membership_id as string,
        alias: row.Membership_alias as string,
      });
    }
  }
  const reactions: Context['reactions'] = new Map();
  if (postIds.length) {
    const rows = await client.query<{ post_id: string; kind: 'recognise' | 'support'; count: number; mine: boolean }>(
      REACTIONS_SQL,
      [postIds, access.memberId],
    );
    for (const row of rows.rows) {
      const summary = reactions.get(row.post_id) ?? emptyReactions();
      summary[row.kind] = { count: row.count, mine: row.mine };
      reactions.set(row.post_id, summary);
    }
  }
  const mutes = await client.query<Row>(MUTES_SQL, [access.memberId]);
  return { authors, reactions, muted: new Set(mutes.rows.map((row) => row.MemberMute_muted_membership_id as string)) };
}

function state(item: Row, prefix: string): string {
  if (item[`${prefix}_deleted_at`]) {
    return 'removed_by_author';
  }
  if (item[`${prefix}_hidden_at`]) {
    return 'removed_by_moderator';
  }
  return item[`${prefix}_held_at`] ? 'pending_review' : 'visible';
}

function summary(thread: Row, openingId: string, unread: number, ctx: Context) {
  const authorId = thread.ForumThread_author_id as string | null;
  const iso = (value: unknown) => (value ? (value as Date).toISOString() : null);
  return {
    id: thread.ForumThread_id,
    title: thread.ForumThread_title,
    contentWarning: thread.ForumThread_content_warning,
    author: authorId ? (ctx.authors.get(authorId) ?? null) : null,
    state: state(thread, 'ForumThread'),
    pinned: thread.ForumThread_pinned_at !== null,
    locked: thread.ForumThread_locked_at !== null,
    replyCount: thread.ForumThread_reply_count,
    createdAt: iso(thread.ForumThread_created_at),
    lastActivityAt: iso(thread.ForumThread_last_activity_at),
    editedAt: iso(thread.ForumThread_edited_at),
    unreadCount: unread,
    reactions: ctx.reactions.get(openingId) ?? emptyReactions(),
    ...(authorId && ctx.muted.has(authorId) ? { muted: true } : {}),
  };
}

async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('START TRANSACTION');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

const app = Fastify({ logger: false });

app.setErrorHandler((error: Error, _request: FastifyRequest, reply: FastifyReply) => {
  if (error instanceof HttpError) {
    void reply.status(error.status).send({ statusCode: error.status, error: error.code });
    return;
  }
  void reply.status(500).send({ statusCode: 500, error: 'internal' });
});

app.get<{ Params: { slug: string }; Querystring: { limit?: string } }>('/api/groups/:slug/threads', async (request) => {
  const accountId = await actorOf(request);
  const limit = Number(request.query.limit ?? 20);
  return inTransaction(async (client) => {
    const access = await requireMember(client, accountId, request.params.slug);
    const keys = await client.query<{ id: string; pinned: boolean; activity_key: string }>(KEYS_SQL, [
      access.groupId,
      limit + 1,
      access.memberId,
      access.isModerator,
    ]);
    const pageKeys = keys.rows.slice(0, limit);
    const ids = pageKeys.map((key) => key.id);
    if (ids.length === 0) {
      return { threads: [], nextCursor: null };
    }
    const threads = new Map(
      (
        await client.query<Row>(
          `SELECT ${THREAD_COLUMNS} FROM "forum_thread" "ForumThread" WHERE (("ForumThread"."id" IN (${placeholders(ids.length)})))`,
          ids,
        )
      ).rows.map((row) => [row.ForumThread_id as string, row]),
    );
    const openings = new Map(
      (
        await client.query<Row>(
          `SELECT "ForumPost"."id" AS "ForumPost_id", "ForumPost"."thread_id" AS "ForumPost_thread_id" FROM "forum_post" "ForumPost" WHERE (("ForumPost"."thread_id" IN (${placeholders(ids.length)})) AND ("ForumPost"."seq" = $${ids.length + 1}))`,
          [...ids, 0],
        )
      ).rows.map((row) => [row.ForumPost_thread_id as string, row.ForumPost_id as string]),
    );
    const unread = new Map(
      (await client.query<{ thread_id: string; unread: number }>(UNREAD_SQL, [ids, access.memberId])).rows.map(
        (row) => [row.thread_id, row.unread],
      ),
    );
    const ctx = await context(
      client,
      access,
      [...openings.values()],
      [...threads.values()].map((thread) => thread.ForumThread_author_id as string | null),
    );
    const last = pageKeys[pageKeys.length - 1];
    return {
      threads: ids.map((id) => summary(threads.get(id)!, openings.get(id)!, unread.get(id) ?? 0, ctx)),
      nextCursor:
        keys.rows.length > limit
          ? Buffer.from(JSON.stringify({ p: last.pinned, a: last.activity_key, i: last.id }), 'utf8').toString(
              'base64url',
            )
          : null,
    };
  });
});

app.get<{ Params: { slug: string; threadId: string }; Querystring: { limit?: string } }>(
  '/api/groups/:slug/threads/:threadId',
  async (request) => {
    const accountId = await actorOf(request);
    const limit = Number(request.query.limit ?? 20);
    return inTransaction(async (client) => {
      const access = await requireMember(client, accountId, request.params.slug);
      const thread = (
        await client.query<Row>(
          `SELECT ${THREAD_COLUMNS} FROM "forum_thread" "ForumThread" WHERE (("ForumThread"."id" = $1) AND ("ForumThread"."group_id" = $2)) LIMIT 1`,
          [request.params.threadId, access.groupId],
        )
      ).rows[0];
      if (!thread) {
        throw new HttpError(404, 'not_found');
      }
      const opening = (
        await client.query<Row>(
          `SELECT ${POST_COLUMNS} FROM "forum_post" "ForumPost" WHERE (("ForumPost"."thread_id" = $1) AND ("ForumPost"."seq" = $2)) LIMIT 1`,
          [thread.ForumThread_id, 0],
        )
      ).rows[0];
      const found = (
        await client.query<Row>(
          `SELECT ${POST_COLUMNS} FROM "forum_post" "ForumPost" WHERE (((("ForumPost"."thread_id" = $1) AND ("ForumPost"."seq" > $2) AND ("ForumPost"."held_at" IS NULL))) OR ((("ForumPost"."thread_id" = $3) AND ("ForumPost"."seq" > $4) AND ("ForumPost"."author_id" = $5)))) ORDER BY "ForumPost"."seq" ASC LIMIT ${limit + 1}`,
          [thread.ForumThread_id, 0, thread.ForumThread_id, 0, access.memberId],
        )
      ).rows;
      const posts = found.slice(0, limit);
      const ctx = await context(
        client,
        access,
        [opening.ForumPost_id as string, ...posts.map((post) => post.ForumPost_id as string)],
        [
          thread.ForumThread_author_id as string | null,
          ...posts.map((post) => post.ForumPost_author_id as string | null),
        ],
      );
      const lastSeq = (posts[posts.length - 1]?.ForumPost_seq as number | undefined) ?? 0;
      await client.query(MARK_READ_SQL, [access.memberId, thread.ForumThread_id, lastSeq]);
      const { unreadCount: _unread, ...view } = summary(thread, opening.ForumPost_id as string, 0, ctx);
      return {
        thread: { ...view, body: opening.ForumPost_body },
        posts: posts.map((post) => {
          const authorId = post.ForumPost_author_id as string | null;
          return {
            id: post.ForumPost_id,
            threadId: post.ForumPost_thread_id,
            author: authorId ? (ctx.authors.get(authorId) ?? null) : null,
            state: state(post, 'ForumPost'),
            body: post.ForumPost_body,
            createdAt: (post.ForumPost_created_at as Date).toISOString(),
            editedAt: post.ForumPost_edited_at ? (post.ForumPost_edited_at as Date).toISOString() : null,
            reactions: ctx.reactions.get(post.ForumPost_id as string) ?? emptyReactions(),
            ...(authorId && ctx.muted.has(authorId) ? { muted: true } : {}),
          };
        }),
        nextCursor:
          found.length > limit ? Buffer.from(JSON.stringify({ s: lastSeq }), 'utf8').toString('base64url') : null,
      };
    });
  },
);

await app.listen({ port, host: '127.0.0.1' });
