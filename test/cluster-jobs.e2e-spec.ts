import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { registerMember } from './support/accounts.js';
import { createGroup, joinGroup, registerAdmin } from './support/groups.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Scheduled purges with several processes: each process's timer fires, one of them purges. Two
 * apps in this test process share one PostgreSQL database (and a JWT secret, see test-app.ts);
 * their own timers are stopped so only the test fires the job.
 */
const JOB = 'chat-retention';
const PURGED_LOG = 'Chat messages past their retention window deleted';
const FORUM_JOB = 'forum-purge';
const FORUM_LOG = 'Purged removed forum text';

/** Chat messages 60 days old in a group whose retention is 30 days. */
async function seedExpired(app: TestApp, count: number): Promise<void> {
  const admin = await registerAdmin(app);
  const group = await createGroup(app, admin, { chatRetentionDays: 30 });
  const member = await registerMember(app);
  const membership = await joinGroup(app, member, group.slug);
  const db = app.app.get(DataSource);
  const [room] = await db.query<{ id: string }[]>(
    `INSERT INTO chat_room (group_id, kind) SELECT id, 'group' FROM support_group WHERE slug = $1 RETURNING id`,
    [group.slug],
  );
  await db.query(
    `INSERT INTO chat_message (room_id, seq, membership_id, client_msg_id, body, created_at)
     SELECT $1, n, $2, gen_random_uuid(), 'oud bericht', now() - interval '60 days' FROM generate_series(1, $3::int) n`,
    [room.id, membership.memberId, count],
  );
  await db.query('UPDATE chat_room SET last_seq = $2 WHERE id = $1', [room.id, count]);
}

async function expiredLeft(app: TestApp): Promise<number> {
  const [row] = await app.app
    .get(DataSource)
    .query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM chat_message WHERE created_at < now() - interval '30 days'`,
    );
  return row.n;
}

/** Threads removed by their authors eight days ago (past the seven-day grace), each with its opening post. */
async function seedRemovedThreads(app: TestApp, count: number): Promise<void> {
  const admin = await registerAdmin(app);
  const group = await createGroup(app, admin);
  const member = await registerMember(app);
  const membership = await joinGroup(app, member, group.slug);
  await app.app.get(DataSource).query(
    `WITH t AS (
       INSERT INTO forum_thread (group_id, author_id, title, deleted_at)
       SELECT g.id, $2, 'Weggehaald ' || n, now() - interval '8 days'
         FROM support_group g, generate_series(1, $3::int) n WHERE g.slug = $1
       RETURNING id, group_id, author_id, deleted_at
     )
     INSERT INTO forum_post (thread_id, group_id, author_id, seq, body, deleted_at)
     SELECT id, group_id, author_id, 0, 'oude tekst', deleted_at FROM t`,
    [group.slug, membership.memberId, count],
  );
}

function fire(app: TestApp, job = JOB): Promise<void> {
  return app.app.get(SchedulerRegistry).getCronJob(job).fireOnTick();
}

/** How many times this app's log says it purged, and the counts it gave. */
function purgeRuns(app: TestApp, message = PURGED_LOG): unknown[] {
  return app
    .logs()
    .split('\n')
    .filter((line) => line.includes(message))
    .map((line) => {
      const { threads, posts, purged } = JSON.parse(line) as { threads?: number; posts?: number; purged?: number };
      return purged ?? { threads, posts };
    });
}

if (process.env.DATABASE_URL) {
  describe('scheduled purges with two processes on one PostgreSQL database', () => {
    let database: TestDatabase;
    let first: TestApp;
    let second: TestApp;

    beforeAll(async () => {
      database = await createTestDatabase();
      const env = { JWT_SECRET: `cluster-jobs-${Date.now()}-0123456789abcdef` };
      first = await startTestApp({ database, env });
      second = await startTestApp({ database, env });
      for (const app of [first, second]) {
        for (const job of [JOB, FORUM_JOB]) {
          await app.app.get(SchedulerRegistry).getCronJob(job).stop();
        }
      }
    });

    afterAll(async () => {
      await first?.close();
      await second?.close();
      await database?.drop();
    });

    it('runs the retention purge in one process when both fire at once, and skips a late timer in the same round', async () => {
      await seedExpired(first, 25);
      await Promise.all([fire(first), fire(second)]);
      const runs = [...purgeRuns(first), ...purgeRuns(second)];
      expect(runs).toEqual([25]);
      expect(await expiredLeft(first)).toBe(0);

      // A timer that fires a little late (within the round) finds the round taken, even with work waiting.
      await seedExpired(second, 5);
      await Promise.all([fire(first), fire(second)]);
      expect([...purgeRuns(first), ...purgeRuns(second)]).toEqual([25]);
      expect(await expiredLeft(first)).toBe(5);
    });

    it('runs the forum purge in one process when both fire at once', async () => {
      await seedRemovedThreads(first, 4);
      // This job does not wait for completion on its timer: watch the logs for its outcome.
      await Promise.all([fire(first, FORUM_JOB), fire(second, FORUM_JOB)]);
      const runs = () => [...purgeRuns(first, FORUM_LOG), ...purgeRuns(second, FORUM_LOG)];
      for (let i = 0; i < 500 && runs().length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(runs()).toEqual([{ threads: 4, posts: 4 }]);
    });
  });
} else {
  describe('scheduled purges on the embedded database', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp();
      await app.app.get(SchedulerRegistry).getCronJob(JOB).stop();
    });

    afterAll(async () => {
      await app?.close();
    });

    it('runs every round in the one process that owns the data folder, without a cluster lock', async () => {
      await seedExpired(app, 7);
      await fire(app);
      await seedExpired(app, 3);
      await fire(app);
      expect(purgeRuns(app)).toEqual([7, 3]);
      expect(await expiredLeft(app)).toBe(0);
    });
  });
}
