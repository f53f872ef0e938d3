import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import pg from 'pg';
import { type BenchContext, type Comparison, ratio, type SectionResult } from '../lib/context.js';
import { addThreads } from '../lib/forum-seed.js';
import { describeHttp, type HttpFigures, HttpLoad } from '../lib/http.js';
import { api, type BenchAccount, createGroup, joinAll, makeAdmin, seedAccounts, startKring } from '../lib/kring.js';
import { BENCH_DIST, SERVER_CORE, spawnNode, stopProcess, waitForHttp } from '../lib/procs.js';
import { createDatabase } from '../lib/services.js';

const CONNECTIONS = 100;

/**
 * Kring's two busiest reads against bare Fastify + `pg` running the same SQL, and a Nest
 * hello-world against a bare Fastify one; autocannon at 100 connections, one member per connection.
 */
export async function rest(ctx: BenchContext): Promise<SectionResult> {
  const started = performance.now();
  const duration = ctx.quick ? 4 : 10;
  const warmup = ctx.quick ? 2 : 3;
  const database = await createDatabase('kring_bench_rest');
  const kringPort = await ctx.nextPort();
  const barePort = await ctx.nextPort();
  const kring = await startKring({
    port: kringPort,
    jwtSecret: ctx.jwtSecret,
    databaseUrl: database.url,
    logFile: join(ctx.logsDir, 'rest-kring.log'),
  });
  const bare = spawnNode(join(BENCH_DIST, 'baselines', 'bare-rest.js'), [], {
    core: SERVER_CORE,
    env: { PORT: String(barePort), DATABASE_URL: database.url, JWT_SECRET: ctx.jwtSecret, DATABASE_POOL_SIZE: '10' },
    logFile: join(ctx.logsDir, 'rest-bare.log'),
  });
  const load = HttpLoad.start(ctx.logsDir);
  const sql = new pg.Client({ connectionString: database.url });
  try {
    await sql.connect();
    const [admin, ...members] = await seedAccounts(sql, ctx.jwtSecret, CONNECTIONS + 1, 'rest');
    await makeAdmin(sql, admin);
    const slug = await createGroup(kring.baseUrl, admin, 'bench-rest');
    const memberIds = await joinAll(kring.baseUrl, slug, members);
    const groupId = (await sql.query<{ id: string }>('SELECT id FROM support_group WHERE slug = $1', [slug])).rows[0]
      .id;
    // 200 threads of 20 posts, and some reactions so that query returns rows.
    await addThreads(sql, groupId, memberIds, 1, 200, 20);
    await sql.query(
      `INSERT INTO forum_reaction (post_id, member_id, kind)
       SELECT p.id, ($2::uuid[])[1 + (p.seq % array_length($2::uuid[], 1))], CASE WHEN p.seq % 2 = 0 THEN 'recognise' ELSE 'support' END
         FROM forum_post p WHERE p.group_id = $1 AND p.seq % 3 = 0`,
      [groupId, memberIds],
    );
    await sql.query('ANALYZE');
    const threadIds = (
      await sql.query<{ id: string }>(
        'SELECT id FROM forum_thread WHERE group_id = $1 ORDER BY last_activity_at DESC',
        [groupId],
      )
    ).rows.map((row) => row.id);
    await waitForHttp(`http://127.0.0.1:${barePort}/api/groups/${slug}/threads`, 30_000, bare);

    // Same JSON: the same member asks both servers (lists before reads, as reads mark threads read).
    const probe = members[0];
    const sameList = isDeepStrictEqual(
      await api(kring.baseUrl, probe.token, 'GET', `/api/groups/${slug}/threads`),
      await api(`http://127.0.0.1:${barePort}`, probe.token, 'GET', `/api/groups/${slug}/threads`),
    );
    const sameRead = isDeepStrictEqual(
      await api(kring.baseUrl, probe.token, 'GET', `/api/groups/${slug}/threads/${threadIds[5]}`),
      await api(`http://127.0.0.1:${barePort}`, probe.token, 'GET', `/api/groups/${slug}/threads/${threadIds[5]}`),
    );

    const auth = (member: BenchAccount) => ({ authorization: `Bearer ${member.token}` });
    const listRequests = members.map((member) => ({ path: `/api/groups/${slug}/threads`, headers: auth(member) }));
    // Each connection reads its own thread as its own member: the read marker rows do not collide.
    const readRequests = members.map((member, i) => ({
      path: `/api/groups/${slug}/threads/${threadIds[i % threadIds.length]}`,
      headers: auth(member),
    }));
    const run = (port: number, pid: number, requests: typeof listRequests) =>
      load.run(
        { serverPids: () => [pid] },
        {
          url: `http://127.0.0.1:${port}`,
          requests,
          connections: CONNECTIONS,
          durationSec: duration,
          warmupSec: warmup,
        },
      );
    const figures: Record<string, HttpFigures> = {};
    figures.kringList = await run(kringPort, kring.child.pid!, listRequests);
    ctx.shared.set('rest.kringList', figures.kringList);
    figures.bareList = await run(barePort, bare.pid!, listRequests);
    figures.kringRead = await run(kringPort, kring.child.pid!, readRequests);
    figures.bareRead = await run(barePort, bare.pid!, readRequests);
    await kring.stop();
    await stopProcess(bare);

    // Hello-world: what Nest on Fastify adds to a request that does nothing.
    const helloFigures: Record<string, HttpFigures> = {};
    for (const [name, script] of [
      ['fastify', 'hello-fastify.js'],
      ['nest', 'hello-nest.js'],
    ] as const) {
      const port = await ctx.nextPort();
      const server = spawnNode(join(BENCH_DIST, 'baselines', script), [], {
        core: SERVER_CORE,
        env: { PORT: String(port) },
        logFile: join(ctx.logsDir, `hello-${name}.log`),
      });
      try {
        await waitForHttp(`http://127.0.0.1:${port}/api/hello`, 30_000, server);
        helloFigures[name] = await load.run(
          { serverPids: () => [server.pid!] },
          {
            url: `http://127.0.0.1:${port}`,
            requests: [{ path: '/api/hello' }],
            connections: CONNECTIONS,
            durationSec: duration,
            warmupSec: warmup,
          },
        );
      } finally {
        await stopProcess(server);
      }
    }

    // The server's CPU per request holds when the load generator, not the server, sets the req/s.
    const cpuPerRequestUs = (f: HttpFigures) => (f.rps > 0 ? (f.cpu.server / f.rps) * 1e6 : null);
    const helloCpu = { fastify: cpuPerRequestUs(helloFigures.fastify), nest: cpuPerRequestUs(helloFigures.nest) };
    const comparisons: Comparison[] = [
      {
        section: 'REST',
        metric: 'list threads req/s vs bare Fastify+pg',
        kring: figures.kringList.rps,
        baseline: figures.bareList.rps,
        unit: 'req/s',
        ratio: ratio(figures.kringList.rps, figures.bareList.rps),
        goal: '≥ 0.5× (aim 0.6×)',
        met: (ratio(figures.kringList.rps, figures.bareList.rps) ?? 0) >= 0.5,
      },
      {
        section: 'REST',
        metric: 'list threads p99 at 100 connections',
        kring: figures.kringList.latencyMs.p99,
        baseline: figures.bareList.latencyMs.p99,
        unit: 'ms',
        ratio: ratio(figures.kringList.latencyMs.p99, figures.bareList.latencyMs.p99),
        goal: '≤ 50 ms',
        met: figures.kringList.latencyMs.p99 <= 50,
      },
      {
        section: 'REST',
        metric: 'read thread req/s vs bare Fastify+pg',
        kring: figures.kringRead.rps,
        baseline: figures.bareRead.rps,
        unit: 'req/s',
        ratio: ratio(figures.kringRead.rps, figures.bareRead.rps),
        goal: '—',
        met: null,
      },
      {
        section: 'REST',
        metric: 'Nest hello-world req/s vs bare Fastify',
        kring: helloFigures.nest.rps,
        baseline: helloFigures.fastify.rps,
        unit: 'req/s',
        ratio: ratio(helloFigures.nest.rps, helloFigures.fastify.rps),
        goal: '≥ 0.8×',
        met: (ratio(helloFigures.nest.rps, helloFigures.fastify.rps) ?? 0) >= 0.8,
      },
      {
        section: 'REST',
        metric: 'Nest hello-world server CPU per request vs bare Fastify',
        kring: helloCpu.nest,
        baseline: helloCpu.fastify,
        unit: 'µs',
        ratio: ratio(helloCpu.nest, helloCpu.fastify),
        goal: '—',
        met: null,
      },
    ];
    const row = (name: string, f: HttpFigures) => `| ${name} | ${describeHttp(f)} |`;
    const helloRow = (name: string, f: HttpFigures) =>
      `| ${name} | ${describeHttp(f)}; server CPU ${cpuPerRequestUs(f)?.toFixed(1) ?? '—'} µs a request |`;
    const loadBound = Object.entries({ ...figures, ...helloFigures })
      .filter(([, f]) => f.loadBound)
      .map(([name]) => name);
    const markdown = [
      `autocannon, ${CONNECTIONS} connections, ${duration} s after ${warmup} s of warm-up; each connection is a different member ` +
        `(and reads a different thread), of one group with 200 threads of 20 posts. Kring runs as in production ` +
        `(NODE_ENV=production, request logs at info to /dev/null, pool of 10); the baseline runs the same statements ` +
        `(Kring's query log, the listing statement imported from its code) with the same transactions and a pool ` +
        `of 10, and answers the same JSON ` +
        `(checked in this run: list ${sameList ? 'identical' : 'DIFFERENT'}, read ${sameRead ? 'identical' : 'DIFFERENT'}).`,
      '',
      '| run | figures |',
      '| --- | --- |',
      row("Kring: list a group's threads", figures.kringList),
      row('bare Fastify + pg: list', figures.bareList),
      row('Kring: read a thread (marks it read: one write and commit)', figures.kringRead),
      row('bare Fastify + pg: read', figures.bareRead),
      helloRow('bare Fastify hello-world', helloFigures.fastify),
      helloRow('Nest (Fastify adapter) hello-world', helloFigures.nest),
      '',
      loadBound.length
        ? `The load core was over 90 % busy while the server core was not in: ${loadBound.join(', ')} — there the load generator (and PostgreSQL beside it), not the server, set the limit.`
        : 'The server core, not the load core, was the busier one in every run.',
    ].join('\n');
    return {
      id: 'rest',
      title: 'REST',
      seconds: Math.round((performance.now() - started) / 1000),
      comparisons,
      markdown,
      data: { figures, helloFigures, sameJson: { list: sameList, read: sameRead } },
    };
  } finally {
    await sql.end().catch(() => undefined);
    await load.close();
    await kring.stop();
    await stopProcess(bare);
    await database.drop();
  }
}
