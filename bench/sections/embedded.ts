import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAppConfig } from '../../src/config/app-config.js';
import { openDatabase } from '../../src/database/data-source.js';
import { type ChatFigures, ChatLoad, type ChatFixture, describeChat, ROOM_SIZE, ROOMS } from '../lib/chat.js';
import { type BenchContext, type Comparison, ratio, type SectionResult } from '../lib/context.js';
import { addThreads } from '../lib/forum-seed.js';
import { describeHttp, type HttpFigures, HttpLoad } from '../lib/http.js';
import { createGroup, joinAll, makeAdmin, seedAccounts, startKring } from '../lib/kring.js';
import { chatRuns, CHAT_ENV, type ChatRuns } from './chat.js';

/** Opens the embedded database of a data folder in this process, for seeding while no server runs. */
async function withEmbedded<T>(
  dataDir: string,
  work: (query: (sql: string, params?: unknown[]) => Promise<unknown>) => Promise<T>,
): Promise<T> {
  const config = loadAppConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, JWT_SECRET: 'bench'.repeat(8) });
  const database = await openDatabase(config.database);
  try {
    return await work((sql, params) => database.dataSource.query(sql, params));
  } finally {
    await database.close();
  }
}

/**
 * Kring on its embedded database (PGlite in the server process, one connection) under the REST
 * list and the chat loads of the PostgreSQL sections, for the README's advice on when to move.
 */
export async function embedded(ctx: BenchContext): Promise<SectionResult> {
  const started = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'kring-bench-embedded-'));
  const port = await ctx.nextPort();
  const options = {
    port,
    jwtSecret: ctx.jwtSecret,
    dataDir,
    env: CHAT_ENV,
    logFile: join(ctx.logsDir, 'embedded-kring.log'),
  };
  let kring: Awaited<ReturnType<typeof startKring>> | undefined;
  const http = HttpLoad.start(ctx.logsDir);
  const chat = ChatLoad.start(ctx, 'embedded-chat-load');
  try {
    const [admin, ...accounts] = await withEmbedded(dataDir, async (query) => {
      const made = await seedAccounts({ query }, ctx.jwtSecret, 1 + ROOMS * ROOM_SIZE, 'emb');
      await makeAdmin({ query }, made[0]);
      return made;
    });
    kring = await startKring(options);
    const groups: string[] = [];
    for (let i = 0; i < ROOMS; i++) {
      groups.push(await createGroup(kring.baseUrl, admin, `bench-room-${String(i + 1).padStart(2, '0')}`));
    }
    const members = accounts.map((account, i) => ({ account, group: groups[i % ROOMS] }));
    for (const group of groups) {
      await joinAll(
        kring.baseUrl,
        group,
        members.filter((m) => m.group === group).map((m) => m.account),
      );
    }
    const restSlug = await createGroup(kring.baseUrl, admin, 'bench-rest');
    const readers = accounts.slice(0, 100);
    const readerIds = await joinAll(kring.baseUrl, restSlug, readers, 'Lezer');
    await kring.stop();
    await withEmbedded(dataDir, async (query) => {
      const [group] = (await query('SELECT id FROM support_group WHERE slug = $1', [restSlug])) as { id: string }[];
      await addThreads({ query }, group.id, readerIds, 1, 200, 20);
      await query('ANALYZE');
    });
    kring = await startKring(options);
    const pid = kring.child.pid!;
    const duration = ctx.quick ? 4 : 10;
    const list = await http.run(
      { serverPids: () => [pid] },
      {
        url: kring.baseUrl,
        requests: readers.map((reader) => ({
          path: `/api/groups/${restSlug}/threads`,
          headers: { authorization: `Bearer ${reader.token}` },
        })),
        connections: 100,
        durationSec: duration,
        warmupSec: ctx.quick ? 2 : 3,
      },
    );
    const fixture: ChatFixture = { url: '', admin, accounts, groups, members };
    const runs = await chatRuns(ctx, chat, { url: kring.baseUrl, pids: () => [pid] }, true, fixture);

    const pgList = (ctx.shared.get('rest.kringList') as HttpFigures | undefined) ?? null;
    const pgChat = (ctx.shared.get('chat.postgres') as ChatRuns | undefined) ?? null;
    const comparisons: Comparison[] = [
      {
        section: 'Embedded',
        metric: 'list threads req/s, embedded vs PostgreSQL',
        kring: list.rps,
        baseline: pgList?.rps ?? null,
        unit: 'req/s',
        ratio: ratio(list.rps, pgList?.rps ?? null),
        goal: '—',
        met: null,
      },
      {
        section: 'Embedded',
        metric: 'persisted msg/s at 16 senders, embedded vs PostgreSQL',
        kring: runs.persist.messagesPerSec,
        baseline: pgChat?.persist.messagesPerSec ?? null,
        unit: '/s',
        ratio: ratio(runs.persist.messagesPerSec, pgChat?.persist.messagesPerSec ?? null),
        goal: '—',
        met: null,
      },
      {
        section: 'Embedded',
        metric: 'send→delivery p99 at 100 msg/s, embedded vs PostgreSQL',
        kring: runs.steady.deliveryMs.p99,
        baseline: pgChat?.steady.deliveryMs.p99 ?? null,
        unit: 'ms',
        ratio: ratio(runs.steady.deliveryMs.p99, pgChat?.steady.deliveryMs.p99 ?? null),
        goal: '—',
        met: null,
      },
    ];
    const chatRow = (name: string, f: ChatFigures) => `| embedded | chat ${name} | ${describeChat(f)} |`;
    const markdown = [
      'The REST list and the chat loads of the sections above, on the embedded database (PGlite inside the server process, ' +
        'one connection, on the same disk). The PostgreSQL figures to compare with are in the REST and Chat fan-out sections.',
      '',
      '| database | load | figures |',
      '| --- | --- | --- |',
      `| embedded | list threads, 100 connections | ${describeHttp(list)} |`,
      chatRow('steady', runs.steady),
      chatRow('saturated', runs.saturated),
      chatRow('persist', runs.persist),
    ].join('\n');
    return {
      id: 'embedded',
      title: 'Embedded database',
      seconds: Math.round((performance.now() - started) / 1000),
      comparisons,
      markdown,
      data: { list, chat: runs },
    };
  } finally {
    await http.close();
    await chat.stop();
    await kring?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
