import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ChatLoad, chatFixture, memoryOf, PROBE_ARGS, type Memory } from '../lib/chat.js';
import { type BenchContext, type Comparison, ratio, type SectionResult } from '../lib/context.js';
import { rssBytes } from '../lib/cpu.js';
import { startKring } from '../lib/kring.js';
import { BENCH_DIST, SERVER_CORE, sleep, spawnNode, stopProcess, waitForHttp } from '../lib/procs.js';
import { round } from '../lib/stats.js';
import { CHAT_ENV } from './chat.js';

interface IdleFigures {
  sockets: number;
  failed: number;
  handshakesPerSec: number;
  before: Memory;
  connected: Memory;
  after: Memory;
  heapPerSocketKiB: number;
  rssPerSocketKiB: number;
  /** Heap left over once every socket left, per socket that was there. */
  heapLeftPerSocketKiB: number;
  errors: string[];
}

const kib = (bytes: number) => round(bytes / 1024, 1);

async function idleRun(
  ctx: BenchContext,
  load: ChatLoad,
  url: string,
  child: ChildProcess,
  tokens: (string | undefined)[],
): Promise<IdleFigures> {
  const before = await memoryOf(child);
  const connect = await load.connect({
    set: 'idle',
    url,
    sockets: tokens.map((token) => ({ token })),
    concurrency: 200,
  });
  await sleep(1000);
  const connected = await memoryOf(child);
  await load.close('idle');
  await sleep(ctx.quick ? 1000 : 3000);
  const after = await memoryOf(child);
  const n = connect.connected || 1;
  return {
    sockets: connect.connected,
    failed: connect.failed,
    handshakesPerSec: connect.handshakesPerSec,
    before,
    connected,
    after,
    heapPerSocketKiB: kib((connected.heapUsed - before.heapUsed) / n),
    rssPerSocketKiB: kib((connected.rss - before.rss) / n),
    heapLeftPerSocketKiB: kib((after.heapUsed - before.heapUsed) / n),
    errors: connect.errors,
  };
}

/**
 * 10,000 idle sockets on one process: Kring's are authenticated (token checked, the login looked
 * up in PostgreSQL, the expiry timer set), the relay's are bare. Heap and RSS after full
 * collections, taken inside the server by bench/probe.ts.
 */
export async function idle(ctx: BenchContext): Promise<SectionResult> {
  const started = performance.now();
  const fixture = await chatFixture(ctx);
  const count = ctx.quick ? 2_000 : 10_000;
  const load = ChatLoad.start(ctx, 'idle-load');
  const relayPort = await ctx.nextPort();
  const relay = spawnNode(join(BENCH_DIST, 'baselines', 'relay.js'), [], {
    core: SERVER_CORE,
    env: { PORT: String(relayPort) },
    logFile: join(ctx.logsDir, 'idle-relay.log'),
    nodeArgs: PROBE_ARGS,
    ipc: true,
  });
  let kring: Awaited<ReturnType<typeof startKring>> | undefined;
  try {
    await waitForHttp(`http://127.0.0.1:${relayPort}/socket.io/?EIO=4&transport=polling`, 30_000, relay);
    const relayFigures = await idleRun(
      ctx,
      load,
      `http://127.0.0.1:${relayPort}`,
      relay,
      new Array<undefined>(count).fill(undefined),
    );
    await stopProcess(relay);
    kring = await startKring({
      port: await ctx.nextPort(),
      jwtSecret: ctx.jwtSecret,
      databaseUrl: fixture.url,
      logFile: join(ctx.logsDir, 'idle-kring.log'),
      env: CHAT_ENV,
      nodeArgs: PROBE_ARGS,
      ipc: true,
    });
    const kringFigures = await idleRun(
      ctx,
      load,
      kring.baseUrl,
      kring.child,
      fixture.accounts.slice(0, count).map((account) => account.token),
    );
    const comparisons: Comparison[] = [
      {
        section: 'Idle sockets',
        metric: `heap per socket at ${count.toLocaleString('en')}`,
        kring: kringFigures.heapPerSocketKiB,
        baseline: relayFigures.heapPerSocketKiB,
        unit: 'KiB',
        ratio: ratio(kringFigures.heapPerSocketKiB, relayFigures.heapPerSocketKiB),
        goal: '≤ 16 KiB and ≤ 1.5× relay',
        met:
          kringFigures.heapPerSocketKiB <= 16 &&
          (ratio(kringFigures.heapPerSocketKiB, relayFigures.heapPerSocketKiB) ?? Infinity) <= 1.5,
      },
      {
        section: 'Idle sockets',
        metric: `RSS per socket at ${count.toLocaleString('en')}`,
        kring: kringFigures.rssPerSocketKiB,
        baseline: relayFigures.rssPerSocketKiB,
        unit: 'KiB',
        ratio: ratio(kringFigures.rssPerSocketKiB, relayFigures.rssPerSocketKiB),
        goal: '≤ 40 KiB',
        met: kringFigures.rssPerSocketKiB <= 40,
      },
      {
        section: 'Idle sockets',
        metric: 'handshakes/s',
        kring: kringFigures.handshakesPerSec,
        baseline: relayFigures.handshakesPerSec,
        unit: '/s',
        ratio: ratio(kringFigures.handshakesPerSec, relayFigures.handshakesPerSec),
        goal: '—',
        met: null,
      },
    ];
    const row = (name: string, f: IdleFigures) =>
      `| ${name} | ${f.sockets} (${f.failed} failed) | ${f.handshakesPerSec} | ${kib(f.before.heapUsed)} / ${kib(f.connected.heapUsed)} / ${kib(f.after.heapUsed)} | ` +
      `${kib(f.before.rss)} / ${kib(f.connected.rss)} / ${kib(f.after.rss)} | ${f.heapPerSocketKiB} | ${f.rssPerSocketKiB} | ${f.heapLeftPerSocketKiB} |`;
    const markdown = [
      `${count.toLocaleString('en')} sockets connected 200 at a time (websocket transport), idle (no room joined), then all closed. ` +
        `Memory in KiB after two full collections: before / with the sockets / ${ctx.quick ? 1 : 3} s after they left ` +
        `(the open-files limit is in the header).`,
      '',
      '| server | sockets | handshakes/s | heap KiB | RSS KiB | heap per socket | RSS per socket | heap left per socket |',
      '| --- | ---: | ---: | --- | --- | ---: | ---: | ---: |',
      row('relay', relayFigures),
      row('Kring (PostgreSQL)', kringFigures),
      '',
      `RSS does not return to the baseline after the sockets leave (the allocator keeps freed pages; ` +
        `current RSS of the Kring process: ${kib(rssBytes(kring.child.pid!))} KiB); heap does, within the "left" column.`,
    ].join('\n');
    return {
      id: 'idle',
      title: 'Idle sockets',
      seconds: Math.round((performance.now() - started) / 1000),
      comparisons,
      markdown,
      data: { relay: relayFigures, kring: kringFigures },
    };
  } finally {
    await load.stop();
    await stopProcess(relay);
    await kring?.stop();
  }
}
