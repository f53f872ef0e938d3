import { join } from 'node:path';
import pg from 'pg';
import { type BenchContext, type Comparison, ratio, type SectionResult } from '../lib/context.js';
import { addThreads, COMMON_WORD, extendThread, RARE_WORD, withoutSecondaryIndexes } from '../lib/forum-seed.js';
import { describeHttp, type HttpFigures, HttpLoad } from '../lib/http.js';
import { type BenchAccount, createGroup, joinAll, makeAdmin, seedAccounts, startKring } from '../lib/kring.js';
import { createDatabase } from '../lib/services.js';
import { listPageStatement } from '../../src/forums/forum-listing.js';
import { searchStatement } from '../../src/forums/forum-search.service.js';

const POSTS_PER_THREAD = 20;
const CONNECTIONS = 4;

interface Size {
  posts: number;
  /** Posts in thread 0, the long "daily check-in" thread. */
  bigThread: number;
  /** Threads 1..threads of 20 posts. */
  threads: number;
}

/** 10 % of the posts in one long thread, the rest in threads of 20. */
function size(posts: number): Size {
  const bigThread = posts / 10;
  return { posts, bigThread, threads: (posts - bigThread) / POSTS_PER_THREAD };
}

/**
 * How Kring's forum reads grow with the forum: one group with 10,000 posts, then the same group
 * grown to 1,000,000 (quick: 100,000). Thread 0 holds 10 % of the posts (a long check-in thread),
 * so counting its unread posts and paging deep into it are part of what is measured.
 */
export async function growth(ctx: BenchContext): Promise<SectionResult> {
  const started = performance.now();
  const sizes = [size(10_000), size(ctx.quick ? 100_000 : 1_000_000)];
  const duration = ctx.quick ? 3 : 5;
  const database = await createDatabase('kring_bench_growth');
  const port = await ctx.nextPort();
  const kring = await startKring({
    port,
    jwtSecret: ctx.jwtSecret,
    databaseUrl: database.url,
    logFile: join(ctx.logsDir, 'growth-kring.log'),
  });
  const load = HttpLoad.start(ctx.logsDir);
  const sql = new pg.Client({ connectionString: database.url });
  const figures: Record<string, Record<string, HttpFigures>> = {};
  const plans: Record<string, Record<string, string>> = {};
  const seedSeconds: number[] = [];
  try {
    await sql.connect();
    // Members: 100 authors; 4 readers per scenario so concurrent requests touch different rows.
    const [admin, ...accounts] = await seedAccounts(sql, ctx.jwtSecret, 1 + 100 + 4 * 4, 'growth');
    await makeAdmin(sql, admin);
    const slug = await createGroup(kring.baseUrl, admin, 'bench-growth');
    const memberIds = await joinAll(kring.baseUrl, slug, accounts);
    const authors = memberIds.slice(0, 100);
    const readers = (i: number): BenchAccount[] => accounts.slice(100 + i * 4, 100 + (i + 1) * 4);
    const [listReaders, unreadReaders, readReaders, searchReaders] = [0, 1, 2, 3].map(readers);
    const listReaderIds = memberIds.slice(100, 104);
    const groupId = (await sql.query<{ id: string }>('SELECT id FROM support_group WHERE slug = $1', [slug])).rows[0]
      .id;
    const bigThreadId = (await sql.query<{ id: string }>(`SELECT md5($1::text || 0)::uuid AS id`, [groupId])).rows[0]
      .id;

    let seeded: Size = { posts: 0, bigThread: 0, threads: 0 };
    for (const target of sizes) {
      const seedStart = performance.now();
      await withoutSecondaryIndexes(sql, async () => {
        if (seeded.posts === 0) {
          await sql.query(
            `INSERT INTO forum_thread (id, group_id, author_id, title, reply_count, last_seq, last_activity_at)
             VALUES ($1, $2, $3, 'Dagelijkse check-in', 0, 0, now())`,
            [bigThreadId, groupId, authors[0]],
          );
        }
        await extendThread(sql, groupId, authors, 0, seeded.bigThread, target.bigThread - 1);
        // In slices, so one statement does not hold a million rows' worth of work.
        for (let from = seeded.threads + 1; from <= target.threads; from += 20_000) {
          await addThreads(sql, groupId, authors, from, Math.min(target.threads, from + 19_999), POSTS_PER_THREAD);
        }
      });
      // The "list" readers have read everything on the first page; the "unread" readers nothing.
      await sql.query(
        `INSERT INTO forum_read_marker (member_id, thread_id, last_read_seq, read_at)
         SELECT m, t.id, t.last_seq, now() FROM unnest($1::uuid[]) m,
                (SELECT id, last_seq FROM forum_thread WHERE group_id = $2 ORDER BY last_activity_at DESC LIMIT 20) t
         ON CONFLICT ON CONSTRAINT pk_forum_read_marker DO UPDATE SET last_read_seq = EXCLUDED.last_read_seq`,
        [listReaderIds, groupId],
      );
      await sql.query('VACUUM ANALYZE');
      // Write the seed's dirty pages now: a checkpoint falling inside a scenario stalls its tail.
      // (Superusers and pg_checkpoint only: with another BENCH_DATABASE_URL user it is skipped.)
      await sql.query('CHECKPOINT').catch(() => undefined);
      seedSeconds.push(Math.round((performance.now() - seedStart) / 1000));
      const total = Number(
        (await sql.query<{ n: string }>('SELECT count(*) AS n FROM forum_post WHERE group_id = $1', [groupId])).rows[0]
          .n,
      );
      if (total !== target.posts) {
        throw new Error(`seeded ${total} posts, meant ${target.posts}`);
      }
      seeded = target;

      const deepCursor = Buffer.from(JSON.stringify({ s: target.bigThread - 41 })).toString('base64url');
      const scenarios: Record<string, { readers: BenchAccount[]; path: string }> = {
        'list (first page, all read)': { readers: listReaders, path: `/api/groups/${slug}/threads` },
        'unread (first page, nothing read)': { readers: unreadReaders, path: `/api/groups/${slug}/threads` },
        'read (long thread, a page near its end)': {
          readers: readReaders,
          path: `/api/groups/${slug}/threads/${bigThreadId}?cursor=${deepCursor}`,
        },
        [`search "${RARE_WORD}" (20 hits)`]: {
          readers: searchReaders,
          path: `/api/groups/${slug}/search?q=${RARE_WORD}`,
        },
        [`search "${COMMON_WORD}" (0.1 % of posts)`]: {
          readers: searchReaders,
          path: `/api/groups/${slug}/search?q=${COMMON_WORD}`,
        },
      };
      const label = target.posts.toLocaleString('en');
      figures[label] = {};
      for (const [name, scenario] of Object.entries(scenarios)) {
        figures[label][name] = await load.run(
          { serverPids: () => [kring.child.pid!] },
          {
            url: kring.baseUrl,
            requests: scenario.readers.map((reader) => ({
              path: scenario.path,
              headers: { authorization: `Bearer ${reader.token}` },
            })),
            connections: CONNECTIONS,
            durationSec: duration,
            warmupSec: 1,
          },
        );
      }
      plans[label] = await explainAll(sql, groupId, {
        allRead: listReaderIds[0],
        noneRead: memberIds[104],
        bigThreadId,
        deepSeq: target.bigThread - 41,
      });
    }

    const [small, large] = Object.keys(figures);
    const comparisons: Comparison[] = Object.keys(figures[small]).map((name) => {
      const a = figures[small][name].latencyMs.p99;
      const b = figures[large][name].latencyMs.p99;
      return {
        section: 'Growth',
        metric: `${name}: p99 at ${large} vs ${small} posts`,
        kring: b,
        baseline: a,
        unit: 'ms',
        ratio: ratio(b, a),
        goal: '≤ 2×',
        met: (ratio(b, a) ?? Infinity) <= 2,
      };
    });
    const markdown = [
      `One group; thread 0 holds 10 % of the posts, the rest are threads of ${POSTS_PER_THREAD}. Seeded with \`generate_series\` ` +
        `(secondary indexes dropped during the insert and rebuilt after, then \`VACUUM ANALYZE\` and \`CHECKPOINT\`): ${seedSeconds.map((s, i) => `${Object.keys(figures)[i]} posts in ${s} s`).join(', ')}. ` +
        `Each scenario: ${CONNECTIONS} connections (4 different members), ${duration} s, through Kring's HTTP API.`,
      '',
      '| posts | scenario | figures |',
      '| ---: | --- | --- |',
      ...Object.entries(figures).flatMap(([label, runs]) =>
        Object.entries(runs).map(([name, f]) => `| ${label} | ${name} | ${describeHttp(f)} |`),
      ),
      '',
      '### Query plans',
      '',
      'The statement behind each scenario, `EXPLAIN (ANALYZE, BUFFERS)` on the seeded database.',
      '',
      ...Object.entries(plans).flatMap(([label, byQuery]) =>
        Object.entries(byQuery).flatMap(([query, plan]) => [
          `<details><summary>${label} posts: ${query}</summary>`,
          '',
          '```',
          plan,
          '```',
          '',
          '</details>',
          '',
        ]),
      ),
    ].join('\n');
    return {
      id: 'growth',
      title: 'Growth',
      seconds: Math.round((performance.now() - started) / 1000),
      comparisons,
      markdown,
      data: { sizes, seedSeconds, figures, plans },
    };
  } finally {
    await sql.end().catch(() => undefined);
    await load.close();
    await kring.stop();
    await database.drop();
  }
}

/**
 * The statements of src/forums (threads.service.ts and forum-search.service.ts) that do the work
 * in each scenario, with this run's ids. Kept in step with those files by hand.
 */
/** The statements behind the scenarios, taken from Kring's own code where it exports them. */
async function explainAll(
  sql: pg.Client,
  groupId: string,
  at: { allRead: string; noneRead: string; bigThreadId: string; deepSeq: number },
) {
  const explain = async (statement: { text: string; params: unknown[] }) =>
    (await sql.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.params)).rows
      .map((row) => row['QUERY PLAN'])
      .join('\n');
  const firstPage = { limit: 20 };
  const search = (q: string) => explain(searchStatement('dutch', { q, limit: 20 }, [groupId]));
  const { bigThreadId, deepSeq } = at;
  const readerId = at.noneRead;
  return {
    'list: the first page with unread counts (reader who read it all)': await explain(
      listPageStatement(groupId, at.allRead, false, firstPage),
    ),
    'unread: the first page with unread counts (reader with no markers)': await explain(
      listPageStatement(groupId, at.noneRead, false, firstPage),
    ),
    'read: a page of the long thread near its end': await explain({
      text: `SELECT * FROM forum_post p
        WHERE (p.thread_id = $1 AND p.seq > $2 AND p.held_at IS NULL) OR (p.thread_id = $1 AND p.seq > $2 AND p.author_id = $3)
        ORDER BY p.seq ASC LIMIT 21`,
      params: [bigThreadId, deepSeq, readerId],
    }),
    [`search "${COMMON_WORD}"`]: await search(COMMON_WORD),
    [`search "${RARE_WORD}"`]: await search(RARE_WORD),
  };
}
