import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { SEARCH_CANDIDATES, type SearchHit, type SearchQuery } from '../contracts/forums.js';
import type { GroupLocale } from '../contracts/groups.js';
import { MembershipService } from '../groups/membership.service.js';
import { ForumReader } from './forum-reader.js';
import { HIGHLIGHT_START, HIGHLIGHT_STOP, highlightParts } from './forum-views.js';

/**
 * The text search configuration of each group language. Written into the SQL as a literal (never
 * a parameter), so the query's expression is the one the migration indexed.
 */
const SEARCH_CONFIG: Record<GroupLocale, 'dutch' | 'english'> = { nl: 'dutch', en: 'english' };

const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, MaxWords=35, MinWords=15, MaxFragments=2`;

/** A group the searcher may read, with what the search needs to know of their membership. */
interface SearchScope {
  groupId: string;
  slug: string;
  locale: GroupLocale;
  membershipId: string;
}

interface HitRow {
  thread_id: string;
  post_id: string;
  seq: number;
  group_id: string;
  title: string;
  content_warning: string | null;
  author_id: string | null;
  created_at: Date;
  rank: number;
  headline: string;
}

/** Full-text search over the forums of the groups the member reads; never beyond them. */
@Injectable()
export class ForumSearchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
    private readonly reader: ForumReader,
  ) {}

  /**
   * Threads and replies of one group (with `slug`) or of every group the account is an active
   * member of with the current pledge accepted, matched in each group's language, best first
   * among the newest `SEARCH_CANDIDATES` matches, with the matching words marked. Removed items,
   * and items held for review, are never found. Fails like `requireMember` when a slug is given.
   */
  async search(actor: Actor, slug: string | undefined, query: SearchQuery): Promise<SearchHit[]> {
    return this.dataSource.transaction(async (manager) => {
      const scopes = slug ? [await this.scopeOf(actor, slug, manager)] : await this.scopesOf(actor, manager);
      const hits: SearchHit[] = [];
      for (const locale of Object.keys(SEARCH_CONFIG) as GroupLocale[]) {
        const inLocale = scopes.filter((scope) => scope.locale === locale);
        if (inLocale.length > 0) {
          hits.push(...(await this.searchIn(manager, inLocale, SEARCH_CONFIG[locale], query)));
        }
      }
      return hits.sort((a, b) => b.rank - a.rank || b.createdAt.localeCompare(a.createdAt)).slice(0, query.limit);
    });
  }

  private async scopeOf(actor: Actor, slug: string, manager: EntityManager): Promise<SearchScope> {
    const { group, membership } = await this.memberships.requireMember(actor, slug, manager);
    return { groupId: group.id, slug: group.slug, locale: group.locale, membershipId: membership.id };
  }

  /** Every group the member reads now, by the one access rule (a suspension, a left group or an old pledge reads nothing). */
  private async scopesOf(actor: Actor, manager: EntityManager): Promise<SearchScope[]> {
    const readable = await this.memberships.readableGroups(actor, manager);
    return readable.map(({ group, membership }) => ({
      groupId: group.id,
      slug: group.slug,
      locale: group.locale,
      membershipId: membership.id,
    }));
  }

  private async searchIn(
    manager: EntityManager,
    scopes: SearchScope[],
    config: 'dutch' | 'english',
    query: SearchQuery,
  ): Promise<SearchHit[]> {
    const statement = searchStatement(
      config,
      query,
      scopes.map((scope) => scope.groupId),
    );
    const rows = await manager.query<HitRow[]>(statement.text, statement.params);
    const authors = await this.reader.authors(
      manager,
      rows.map((row) => row.author_id),
    );
    const muted = new Map<string, Set<string>>();
    for (const scope of scopes) {
      muted.set(scope.groupId, await this.memberships.mutedBy(scope.membershipId, manager));
    }
    const slugs = new Map(scopes.map((scope) => [scope.groupId, scope.slug]));
    const mine = new Set(scopes.map((scope) => scope.membershipId));
    return rows.map((row) => ({
      group: slugs.get(row.group_id)!,
      threadId: row.thread_id,
      postId: row.seq === 0 ? null : row.post_id,
      title: row.title,
      contentWarning: row.content_warning,
      author: row.author_id ? (authors.get(row.author_id) ?? null) : null,
      snippet: highlightParts(row.headline),
      rank: Number(row.rank),
      createdAt: row.created_at.toISOString(),
      ...(row.author_id && muted.get(row.group_id)?.has(row.author_id) ? { muted: true as const } : {}),
      ...(row.author_id && mine.has(row.author_id) ? { mine: true as const } : {}),
    }));
  }
}

/**
 * The search statement for the groups of one language (exported for the benchmark's query plans).
 * The opening post matches on its thread's title too; the two halves of the match each use
 * one of the migration's expression indexes. Only the newest SEARCH_CANDIDATES readable
 * matches are ranked (ranking parses each text again), and only the returned page gets a
 * headline, so a common word costs a bounded amount of text work.
 */
export function searchStatement(
  config: 'dutch' | 'english',
  query: SearchQuery,
  groupIds: string[],
): { text: string; params: unknown[] } {
  return {
    text: `WITH q AS (SELECT websearch_to_tsquery('${config}', $1) AS query),
         candidates AS MATERIALIZED (
           SELECT m.id, m.seq, m.created_at, t.id AS thread_id, t.title, t.content_warning
             FROM (SELECT p.id, p.thread_id, p.seq, p.created_at FROM forum_post p, q
                    WHERE p.group_id = ANY($2::uuid[]) AND to_tsvector('${config}', p.body) @@ q.query
                      AND p.deleted_at IS NULL AND p.hidden_at IS NULL AND p.held_at IS NULL
                    UNION
                   SELECT p.id, p.thread_id, p.seq, p.created_at
                     FROM forum_thread t JOIN forum_post p ON p.thread_id = t.id AND p.seq = 0, q
                    WHERE t.group_id = ANY($2::uuid[]) AND to_tsvector('${config}', t.title) @@ q.query
                      AND p.deleted_at IS NULL AND p.hidden_at IS NULL AND p.held_at IS NULL
                    ORDER BY created_at DESC, id) m
             JOIN forum_thread t ON t.id = m.thread_id
            WHERE t.deleted_at IS NULL AND t.hidden_at IS NULL AND t.held_at IS NULL
            ORDER BY m.created_at DESC, m.id
            LIMIT ${SEARCH_CANDIDATES}),
         ranked AS MATERIALIZED (
           SELECT c.*, p.group_id, p.author_id, p.body, p.content_warning AS post_warning,
                  ts_rank(CASE WHEN c.seq = 0
                               THEN setweight(to_tsvector('${config}', c.title), 'A') || to_tsvector('${config}', p.body)
                               ELSE to_tsvector('${config}', p.body) END, q.query) AS rank
             FROM candidates c JOIN forum_post p ON p.id = c.id, q
            ORDER BY rank DESC, c.created_at DESC, c.id
            LIMIT $3)
         SELECT r.thread_id, r.id AS post_id, r.seq, r.group_id, r.title,
                COALESCE(r.post_warning, r.content_warning) AS content_warning, r.author_id,
                r.created_at, r.rank, ts_headline('${config}', r.body, q.query, $4) AS headline
           FROM ranked r, q
          ORDER BY r.rank DESC, r.created_at DESC, r.id`,
    params: [query.q, groupIds, query.limit, HEADLINE_OPTIONS],
  };
}
