import { join } from 'node:path';
import { ChatLoad, chatFixture } from '../lib/chat.js';
import { type BenchContext, type Comparison, type SectionResult } from '../lib/context.js';
import { startKring } from '../lib/kring.js';
import { CHAT_ENV } from './chat.js';

/**
 * A restart under 5,000 connected sockets: every client reconnects by itself with Socket.IO's
 * jittered back-off (1 s doubling to 5 s, ±50 %), authenticates again, and is counted back.
 * While the new process starts, the port refuses connections: clients are turned away at once
 * and try again, nothing hangs.
 */
export async function storm(ctx: BenchContext): Promise<SectionResult> {
  const started = performance.now();
  const fixture = await chatFixture(ctx);
  const count = ctx.quick ? 1_000 : 5_000;
  const port = await ctx.nextPort();
  const options = {
    port,
    jwtSecret: ctx.jwtSecret,
    databaseUrl: fixture.url,
    env: CHAT_ENV,
    logFile: join(ctx.logsDir, 'storm-kring.log'),
  };
  let kring = await startKring(options);
  const load = ChatLoad.start(ctx, 'storm-load');
  try {
    const connect = await load.connect({
      set: 'storm',
      url: kring.baseUrl,
      sockets: fixture.accounts.slice(0, count).map((account) => ({ token: account.token })),
      concurrency: 200,
      reconnection: true,
    });
    await load.armStorm('storm');
    const stopping = performance.now();
    await kring.stop();
    const stoppedMs = Math.round(performance.now() - stopping);
    await load.markStormOrigin();
    const restarting = performance.now();
    kring = await startKring(options);
    const startMs = Math.round(performance.now() - restarting);
    const result = await load.collectStorm('storm', 60);
    await load.close('storm');
    const comparisons: Comparison[] = [
      {
        section: 'Reconnect storm',
        metric: `clients back after a restart under ${count.toLocaleString('en')}`,
        kring: result.back,
        baseline: result.sockets,
        unit: '',
        ratio: null,
        goal: 'all',
        met: result.back === result.sockets,
      },
      {
        section: 'Reconnect storm',
        metric: 'time back p95 (from the old process gone)',
        kring: result.backMs.p95,
        baseline: null,
        unit: 'ms',
        ratio: null,
        goal: '≤ 10 s',
        met: result.backMs.p95 <= 10_000,
      },
    ];
    const b = result.backMs;
    const markdown = [
      `${connect.connected.toLocaleString('en')} authenticated sockets (${connect.handshakesPerSec} handshakes/s), then a graceful ` +
        `stop (${stoppedMs} ms) and a new process on the same port (up and answering after ${startMs} ms). ` +
        `${result.disconnected} sockets saw the disconnect; ${result.back} came back within 60 s; ` +
        `back after p50 ${b.p50} / p95 ${b.p95} / p99 ${b.p99} / max ${b.max} ms counted from the moment the old process was gone. ` +
        `${result.reconnectErrors} reconnect attempts were refused while the port was closed (refused at once, not left hanging).`,
    ].join('\n');
    return {
      id: 'storm',
      title: 'Reconnect storm',
      seconds: Math.round((performance.now() - started) / 1000),
      comparisons,
      markdown,
      data: { connect, stoppedMs, startMs, result },
    };
  } finally {
    await load.stop();
    await kring.stop();
  }
}
