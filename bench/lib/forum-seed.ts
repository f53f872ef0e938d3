import type { Sql } from './kring.js';

/**
 * Forum content made with `generate_series`, straight into the tables: thread `t` of a group has
 * the id md5(group || t), is `t` seconds old and was written by a member picked from `authors`;
 * post bodies are 8–23 words from a fixed vocabulary. Two search words are planted: `zeldzaam`
 * in the opening posts of threads 1–20 (always 20 hits) and `kompas` in one post of every 1,000
 * (0.1 %, so its hits grow with the forum).
 */
const VOCABULARY = [
  'vandaag',
  'moeilijk',
  'herken',
  'gevoel',
  'slapen',
  'werk',
  'familie',
  'praten',
  'rustig',
  'morgen',
  'angst',
  'hoop',
  'samen',
  'verdriet',
  'alleen',
  'steun',
  'dank',
  'luisteren',
  'wandelen',
  'huilen',
  'lachen',
  'tijd',
  'week',
  'avond',
  'dokter',
  'therapie',
  'moe',
  'kracht',
  'stap',
  'vriend',
  'moeder',
  'vader',
  'kind',
  'thuis',
  'school',
  'ziek',
  'beter',
  'lief',
  'sterk',
  'zacht',
];

export const RARE_WORD = 'zeldzaam';
export const COMMON_WORD = 'kompas';

const BODY = `(SELECT array_to_string(ARRAY(
    SELECT ($5::text[])[1 + ((t::bigint * 7919 + s::bigint * 104729 + k * 613) % ${VOCABULARY.length})]
      FROM generate_series(1, 8 + (t + s) % 16) k), ' ')
  || CASE WHEN s = 0 AND t BETWEEN 1 AND 20 THEN ' ${RARE_WORD}' ELSE '' END
  || CASE WHEN (t::bigint * 20 + s) % 1000 = 7 THEN ' ${COMMON_WORD}' ELSE '' END)`;

/** Threads `from`..`to` with `postsPerThread` posts each (opening post included). */
export async function addThreads(
  sql: Sql,
  groupId: string,
  authors: string[],
  from: number,
  to: number,
  postsPerThread: number,
): Promise<void> {
  await sql.query(
    `INSERT INTO forum_thread (id, group_id, author_id, title, reply_count, last_seq, last_activity_at, created_at)
     SELECT md5($1::text || t)::uuid, $1::uuid, ($4::uuid[])[1 + t % array_length($4::uuid[], 1)], 'Onderwerp ' || t,
            $3::int - 1, $3::int - 1, now() - make_interval(secs => t), now() - make_interval(secs => t)
       FROM generate_series($2::int, $5::int) t`,
    [groupId, from, postsPerThread, authors, to],
  );
  await addPosts(sql, groupId, authors, `generate_series($2::int, $6::int) t, generate_series(0, $3::int - 1) s`, [
    from,
    postsPerThread,
    to,
  ]);
}

/** Posts `fromSeq`..`toSeq` of thread `t` (the big thread is thread 0). */
export async function extendThread(
  sql: Sql,
  groupId: string,
  authors: string[],
  t: number,
  fromSeq: number,
  toSeq: number,
): Promise<void> {
  await addPosts(sql, groupId, authors, `(SELECT $2::int AS t) tt, generate_series($3::int, $6::int) s`, [
    t,
    fromSeq,
    toSeq,
  ]);
  await sql.query(
    `UPDATE forum_thread SET reply_count = $2::int, last_seq = $2::int, last_activity_at = now() WHERE id = md5($1::text || $3::int)::uuid`,
    [groupId, toSeq, t],
  );
}

/** `from` yields columns `t` (thread number) and `s` (seq); $2, $3 and $6 are `params`. */
async function addPosts(sql: Sql, groupId: string, authors: string[], from: string, params: number[]): Promise<void> {
  await sql.query(
    `INSERT INTO forum_post (thread_id, group_id, author_id, seq, body, created_at)
     SELECT md5($1::text || t)::uuid, $1::uuid, ($4::uuid[])[1 + (t + s) % array_length($4::uuid[], 1)], s,
            ${BODY}, now() - make_interval(secs => t) + make_interval(secs => s)
       FROM ${from}`,
    [groupId, params[0], params[1], authors, VOCABULARY, params[2]],
  );
}

/**
 * Drops the forum_post indexes that only search and moderation use, so a bulk insert does not
 * maintain them row by row; `restore` builds them again exactly as they were.
 */
export async function withoutSecondaryIndexes(sql: Sql, work: () => Promise<void>): Promise<void> {
  const result = (await sql.query(
    `SELECT indexname, indexdef FROM pg_indexes
      WHERE tablename IN ('forum_post', 'forum_thread')
        AND indexname NOT IN (SELECT conname FROM pg_constraint)
        AND indexname NOT LIKE 'uq_%'`,
  )) as { rows?: { indexname: string; indexdef: string }[] } | { indexname: string; indexdef: string }[];
  const indexes = Array.isArray(result) ? result : (result.rows ?? []);
  for (const index of indexes) {
    await sql.query(`DROP INDEX "${index.indexname}"`);
  }
  try {
    await work();
  } finally {
    await sql.query(`SET maintenance_work_mem = '512MB'`);
    for (const index of indexes) {
      await sql.query(index.indexdef);
    }
    await sql.query('ANALYZE');
  }
}
