import { createHmac, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import pg from 'pg';
import { listPageStatement } from '../../src/forums/forum-listing.js';

/**
 * The REST baseline: bare Fastify and `pg`, running the SQL that Kring's "list a group's threads"
 * and "read a thread" run (the statements copied from Kring's query log, in the same order, after
 * the same token check; the list's statements one by one as Kring runs them, the read's in one
 * transaction) and answering the same JSON, for a member who does not moderate and whose group's
 * items are all visible (the benchmark's data). The listing statement is Kring's own
 * `listPageStatement`, so its text cannot drift; it only builds a string. No framework, no ORM, no
 * validation pipe, no rate limit, no request log: what Kring costs beyond its SQL is the difference.
 */
const port = Number(process.env.PORT ?? 3100);
const secret = process.env.JWT_SECRET ?? '';
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
});

type Row = Record<string, unknown>;

const GROUP_COLUMNS = `g."id" AS "g_id", g."slug" AS "g_slug", g."name" AS "g_name", g."description" AS "g_description", g."pledge" AS "g_pledge", g."pledge_version" AS "g_pledge_version", g."locale" AS "g_locale", g."kind" AS "g_kind", g."audience" AS "g_audience", g."chat_retention_days" AS "g_chat_retention_days", g."hold_first_posts" AS "g_hold_first_posts", g."archived_at" AS "g_archived_at", g."created_at" AS "g_created_at", g."updated_at" AS "g_updated_at"`;
const MEMBER_COLUMNS = `m."id" AS "m_id", m."group_id" AS "m_group_id", m."account_id" AS "m_account_id", m."alias" AS "m_alias", m."alias_key" AS "m_alias_key", m."status" AS "m_status", m."role" AS "m_role", m."pledge_version" AS "m_pledge_version", m."pledge_accepted_at" AS "m_pledge_accepted_at", m."joined_at" AS "m_joined_at", m."left_at" AS "m_left_at", m."muted_until" AS "m_muted_until", m."suspended_until" AS "m_suspended_until"`;
// MembershipService.requireMember: the group and the actor's membership in one statement.
const GROUP_MEMBER_SQL = `SELECT ${GROUP_COLUMNS}, ${MEMBER_COLUMNS}
         FROM support_group g LEFT JOIN membership m ON m.group_id = g.id AND m.account_id = $2
        WHERE g.slug = $1`;
const MEMBERSHIP_COLUMNS = `"Membership"."id" AS "Membership_id", "Membership"."group_id" AS "Membership_group_id", "Membership"."account_id" AS "Membership_account_id", "Membership"."alias" AS "Membership_alias", "Membership"."alias_key" AS "Membership_alias_key", "Membership"."status" AS "Membership_status", "Membership"."role" AS "Membership_role", "Membership"."pledge_version" AS "Membership_pledge_version", "Membership"."pledge_accepted_at" AS "Membership_pledge_accepted_at", "Membership"."joined_at" AS "Membership_joined_at", "Membership"."left_at" AS "Membership_left_at", "Membership"."muted_until" AS "Membership_muted_until", "Membership"."suspended_until" AS "Membership_suspended_until"`;
const THREAD_COLUMNS = `"ForumThread"."id" AS "ForumThread_id", "ForumThread"."group_id" AS "ForumThread_group_id", "ForumThread"."author_id" AS "ForumThread_author_id", "ForumThread"."title" AS "ForumThread_title", "ForumThread"."content_warning" AS "ForumThread_content_warning", "ForumThread"."reply_count" AS "ForumThread_reply_count", "ForumThread"."last_seq" AS "ForumThread_last_seq", "ForumThread"."last_activity_at" AS "ForumThread_last_activity_at", "ForumThread"."created_at" AS "ForumThread_created_at", "ForumThread"."edited_at" AS "ForumThread_edited_at", "ForumThread"."deleted_at" AS "ForumThread_deleted_at", "ForumThread"."purged_at" AS "ForumThread_purged_at", "ForumThread"."hidden_at" AS "ForumThread_hidden_at", "ForumThread"."hidden_reason" AS "ForumThread_hidden_reason", "ForumThread"."held_at" AS "ForumThread_held_at", "ForumThread"."locked_at" AS "ForumThread_locked_at", "ForumThread"."pinned_at" AS "ForumThread_pinned_at"`;
const POST_COLUMNS = `"ForumPost"."id" AS "ForumPost_id", "ForumPost"."thread_id" AS "ForumPost_thread_id", "ForumPost"."group_id" AS "ForumPost_group_id", "ForumPost"."author_id" AS "ForumPost_author_id", "ForumPost"."seq" AS "ForumPost_seq", "ForumPost"."body" AS "ForumPost_body", "ForumPost"."created_at" AS "ForumPost_created_at", "ForumPost"."edited_at" AS "ForumPost_edited_at", "ForumPost"."deleted_at" AS "ForumPost_deleted_at", "ForumPost"."purged_at" AS "ForumPost_purged_at", "ForumPost"."hidden_at" AS "ForumPost_hidden_at", "ForumPost"."hidden_reason" AS "ForumPost_hidden_reason", "ForumPost"."held_at" AS "ForumPost_held_at"`;
const ACTOR_SQL = `SELECT a.role, a.token_version AS account_version, s.token_version AS session_version
         FROM auth_session s JOIN account a ON a.id = s.account_id
        WHERE s.id = $1 AND a.id = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND a.banned_at IS NULL`;
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

/** Db: the pool for the list (no transaction, as Kring), the transaction's client for the read. */
async function requireMember(db: pg.Pool | pg.PoolClient, accountId: string, slug: string): Promise<Access> {
  const row = (await db.query<Row>(GROUP_MEMBER_SQL, [slug, accountId])).rows[0];
  if (!row) {
    throw new HttpError(404, 'not_found');
  }
  if (row.m_id === null || row.m_status !== 'active') {
    throw new HttpError(403, row.m_status === 'pending' ? 'join_pending' : 'not_a_member');
  }
  const suspendedUntil = row.m_suspended_until as Date | null;
  if (suspendedUntil && suspendedUntil.getTime() > Date.now()) {
    throw new HttpError(403, 'suspended');
  }
  if ((row.m_pledge_version as number) < (row.g_pledge_version as number)) {
    throw new HttpError(403, 'pledge_required');
  }
  return {
    groupId: row.g_id as string,
    memberId: row.m_id as string,
    isModerator: row.m_role === 'moderator',
  };
}

interface MemberRef {
  memberId: string;
  alias: string;
  former?: boolean;
  moderator?: boolean;
}

/** As Kring's `memberRef`: a former member and a moderator are marked. */
function memberRef(id: string, alias: string, status: string, role: string): MemberRef {
  const ref: MemberRef = { memberId: id, alias };
  if (status !== 'active') {
    ref.former = true;
  }
  if (role === 'moderator') {
    ref.moderator = true;
  }
  return ref;
}

interface Reactions {
  recognise: { count: number; mine: boolean };
  support: { count: number; mine: boolean };
}

interface Context {
  authors: Map<string, MemberRef>;
  reactions: Map<string, Reactions>;
  muted: Set<string>;
}

const emptyReactions = (): Reactions => ({ recognise: { count: 0, mine: false }, support: { count: 0, mine: false } });

async function reactionsOf(
  db: pg.Pool | pg.PoolClient,
  memberId: string,
  postIds: string[],
): Promise<Context['reactions']> {
  const reactions: Context['reactions'] = new Map();
  if (postIds.length) {
    const rows = await db.query<{ post_id: string; kind: 'recognise' | 'support'; count: number; mine: boolean }>(
      REACTIONS_SQL,
      [postIds, memberId],
    );
    for (const row of rows.rows) {
      const summary = reactions.get(row.post_id) ?? emptyReactions();
      summary[row.kind] = { count: row.count, mine: row.mine };
      reactions.set(row.post_id, summary);
    }
  }
  return reactions;
}

/** The read's authors, reactions and mutes: three statements, as Kring's `ForumReader.context`. */
async function context(
  client: pg.PoolClient,
  access: Access,
  postIds: string[],
  authorIds: (string | null)[],
): Promise<Context> {
  const ids = [...new Set(authorIds.filter((id): id is string => id !== null))];
  const authors = new Map<string, MemberRef>();
  if (ids.length) {
    const members = await client.query<Row>(
      `SELECT ${MEMBERSHIP_COLUMNS} FROM "membership" "Membership" WHERE (("Membership"."id" IN (${placeholders(ids.length)})))`,
      ids,
    );
    for (const row of members.rows) {
      const id = row.Membership_id as string;
      authors.set(
        id,
        memberRef(id, row.Membership_alias as string, row.Membership_status as string, row.Membership_role as string),
      );
    }
  }
  const reactions = await reactionsOf(client, access.memberId, postIds);
  const mutes = await client.query<Row>(MUTES_SQL, [access.memberId]);
  return { authors, reactions, muted: new Set(mutes.rows.map((row) => row.MemberMute_muted_membership_id as string)) };
}

/** A thread's fields as the listing statement names them. */
interface Thread {
  id: string;
  title: string;
  contentWarning: string | null;
  authorId: string | null;
  replyCount: number;
  lastActivityAt: Date;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  heldAt: Date | null;
  lockedAt: Date | null;
  pinnedAt: Date | null;
}

interface ListedRow extends Thread {
  activityKey: string;
  openingPostId: string;
  unreadCount: number;
  authorAlias: string | null;
  authorStatus: string | null;
  authorRole: string | null;
  authorMuted: boolean;
}

function state(item: Pick<Thread, 'deletedAt' | 'hiddenAt' | 'heldAt'>): string {
  if (item.deletedAt) {
    return 'removed_by_author';
  }
  if (item.hiddenAt) {
    return 'removed_by_moderator';
  }
  return item.heldAt ? 'pending_review' : 'visible';
}

function summary(thread: Thread, openingId: string, unread: number, ctx: Context) {
  const authorId = thread.authorId;
  return {
    id: thread.id,
    title: thread.title,
    contentWarning: thread.contentWarning,
    author: authorId ? (ctx.authors.get(authorId) ?? null) : null,
    state: state(thread),
    pinned: thread.pinnedAt !== null,
    locked: thread.lockedAt !== null,
    replyCount: thread.replyCount,
    createdAt: thread.createdAt.toISOString(),
    lastActivityAt: thread.lastActivityAt.toISOString(),
    editedAt: thread.editedAt?.toISOString() ?? null,
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

// No transaction, as Kring's list: token check, group and membership, the listing, the reactions.
app.get<{ Params: { slug: string }; Querystring: { limit?: string } }>('/api/groups/:slug/threads', async (request) => {
  const accountId = await actorOf(request);
  const limit = Number(request.query.limit ?? 20);
  const access = await requireMember(pool, accountId, request.params.slug);
  const statement = listPageStatement(access.groupId, access.memberId, access.isModerator, { limit });
  const rows = (await pool.query<ListedRow>(statement.text, statement.params)).rows;
  const pageRows = rows.slice(0, limit);
  if (pageRows.length === 0) {
    return { threads: [], nextCursor: null };
  }
  const ctx: Context = {
    authors: new Map(
      pageRows.flatMap((row) =>
        row.authorId && row.authorAlias && row.authorStatus && row.authorRole
          ? [[row.authorId, memberRef(row.authorId, row.authorAlias, row.authorStatus, row.authorRole)]]
          : [],
      ),
    ),
    reactions: await reactionsOf(
      pool,
      access.memberId,
      pageRows.map((row) => row.openingPostId),
    ),
    muted: new Set(pageRows.flatMap((row) => (row.authorMuted && row.authorId ? [row.authorId] : []))),
  };
  const last = pageRows[pageRows.length - 1];
  return {
    threads: pageRows.map((row) => summary(row, row.openingPostId, row.unreadCount, ctx)),
    nextCursor:
      rows.length > limit
        ? Buffer.from(JSON.stringify({ p: last.pinnedAt !== null, a: last.activityKey, i: last.id }), 'utf8').toString(
            'base64url',
          )
        : null,
  };
});

/** The read's thread row (TypeORM's aliases) in the listing's names. */
function threadOf(row: Row): Thread {
  return {
    id: row.ForumThread_id as string,
    title: row.ForumThread_title as string,
    contentWarning: row.ForumThread_content_warning as string | null,
    authorId: row.ForumThread_author_id as string | null,
    replyCount: row.ForumThread_reply_count as number,
    lastActivityAt: row.ForumThread_last_activity_at as Date,
    createdAt: row.ForumThread_created_at as Date,
    editedAt: row.ForumThread_edited_at as Date | null,
    deletedAt: row.ForumThread_deleted_at as Date | null,
    hiddenAt: row.ForumThread_hidden_at as Date | null,
    heldAt: row.ForumThread_held_at as Date | null,
    lockedAt: row.ForumThread_locked_at as Date | null,
    pinnedAt: row.ForumThread_pinned_at as Date | null,
  };
}

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
      const { unreadCount: _unread, ...view } = summary(threadOf(thread), opening.ForumPost_id as string, 0, ctx);
      return {
        thread: { ...view, body: opening.ForumPost_body },
        posts: posts.map((post) => {
          const authorId = post.ForumPost_author_id as string | null;
          return {
            id: post.ForumPost_id,
            threadId: post.ForumPost_thread_id,
            author: authorId ? (ctx.authors.get(authorId) ?? null) : null,
            state: state({
              deletedAt: post.ForumPost_deleted_at as Date | null,
              hiddenAt: post.ForumPost_hidden_at as Date | null,
              heldAt: post.ForumPost_held_at as Date | null,
            }),
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
