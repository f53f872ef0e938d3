import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  type ChatFigures,
  ChatLoad,
  chatFixture,
  type ChatFixture,
  describeChat,
  persistSockets,
  roomSockets,
  ROOM_SIZE,
  ROOMS,
} from '../lib/chat.js';
import { type BenchContext, type Comparison, ratio, type SectionResult } from '../lib/context.js';
import { startKring } from '../lib/kring.js';
import { BENCH_DIST, SERVER_CORE, spawnNode, stopProcess, waitForHttp } from '../lib/procs.js';

/** Messages per second in total in the steady run: 5 a second in each of the 20 rooms. */
export const STEADY_RATE = 100;
export const CHAT_ENV = {
  // The limits must not refuse the closed-loop senders; the checks still run on every message.
  CHAT_RATE_LIMIT_PER_CONNECTION: '1000000',
};

export interface ChatRuns {
  steady: ChatFigures;
  saturated: ChatFigures;
  persist: ChatFigures;
}

/**
 * One server under the three chat loads: steady (1,000 sockets in 20 rooms of 50, 100 msg/s),
 * saturated (one sender per room, each sending when acked) and persist (16 senders alone in
 * their rooms: every message one insert and one delivery).
 */
export async function chatRuns(
  ctx: BenchContext,
  load: ChatLoad,
  server: { url: string; pids: () => number[] },
  withTokens: boolean,
  fixture: ChatFixture,
): Promise<ChatRuns> {
  const duration = ctx.quick ? 5 : 12;
  const warmup = ctx.quick ? 2 : 3;
  const watched = { serverPids: server.pids, redisPid: ctx.redis?.pid };
  const rooms = await load.connect({
    set: 'rooms',
    url: server.url,
    sockets: roomSockets(fixture, withTokens),
    concurrency: 100,
  });
  if (rooms.failed) {
    throw new Error(`${rooms.failed} sockets could not join: ${rooms.errors.join('; ')}`);
  }
  const steady = await load.send(watched, {
    set: 'rooms',
    rate: STEADY_RATE,
    durationSec: duration,
    warmupSec: warmup,
  });
  const saturated = await load.send(watched, {
    set: 'rooms',
    senders: ROOMS,
    durationSec: duration,
    warmupSec: warmup,
  });
  await load.close('rooms');
  const alone = await load.connect({
    set: 'persist',
    url: server.url,
    sockets: persistSockets(fixture, withTokens),
    concurrency: 16,
  });
  if (alone.failed) {
    throw new Error(`${alone.failed} senders could not join: ${alone.errors.join('; ')}`);
  }
  const persist = await load.send(watched, { set: 'persist', senders: 16, durationSec: duration, warmupSec: warmup });
  await load.close('persist');
  return { steady, saturated, persist };
}

export async function chat(ctx: BenchContext): Promise<SectionResult> {
  const started = performance.now();
  const fixture = await chatFixture(ctx);
  const relayPort = await ctx.nextPort();
  const relay: ChildProcess = spawnNode(join(BENCH_DIST, 'baselines', 'relay.js'), [], {
    core: SERVER_CORE,
    env: { PORT: String(relayPort) },
    logFile: join(ctx.logsDir, 'chat-relay.log'),
  });
  const load = ChatLoad.start(ctx, 'chat-load');
  let kring: Awaited<ReturnType<typeof startKring>> | undefined;
  try {
    await waitForHttp(`http://127.0.0.1:${relayPort}/socket.io/?EIO=4&transport=polling`, 30_000, relay);
    const relayRuns = await chatRuns(
      ctx,
      load,
      { url: `http://127.0.0.1:${relayPort}`, pids: () => [relay.pid!] },
      false,
      fixture,
    );
    await stopProcess(relay);
    kring = await startKring({
      port: await ctx.nextPort(),
      jwtSecret: ctx.jwtSecret,
      databaseUrl: fixture.url,
      logFile: join(ctx.logsDir, 'chat-kring.log'),
      env: CHAT_ENV,
    });
    const pid = kring.child.pid!;
    const kringRuns = await chatRuns(ctx, load, { url: kring.baseUrl, pids: () => [pid] }, true, fixture);
    ctx.shared.set('chat.postgres', kringRuns);

    const pgbench16 = (ctx.shared.get('calibration.pgbench16') as number | undefined) ?? null;
    const s = kringRuns.steady;
    const r = relayRuns.steady;
    const comparisons: Comparison[] = [
      {
        section: 'Chat',
        metric: 'CPU per 1,000 deliveries (server+db), steady 100 msg/s',
        kring: s.cpuMsPer1000Deliveries,
        baseline: r.cpuMsPer1000Deliveries,
        unit: 'ms',
        ratio: ratio(s.cpuMsPer1000Deliveries, r.cpuMsPer1000Deliveries),
        goal: '≤ 2× relay (aim 1.5×)',
        met: (ratio(s.cpuMsPer1000Deliveries, r.cpuMsPer1000Deliveries) ?? Infinity) <= 2,
      },
      {
        section: 'Chat',
        metric: 'deliveries/s at saturation (20 closed-loop senders, rooms of 50)',
        kring: kringRuns.saturated.deliveriesPerSec,
        baseline: relayRuns.saturated.deliveriesPerSec,
        unit: '/s',
        ratio: ratio(kringRuns.saturated.deliveriesPerSec, relayRuns.saturated.deliveriesPerSec),
        goal: '≥ 0.5× relay',
        met: (ratio(kringRuns.saturated.deliveriesPerSec, relayRuns.saturated.deliveriesPerSec) ?? 0) >= 0.5,
      },
      {
        section: 'Chat',
        metric: 'send→ack p99, 1,000 sockets, 100 msg/s',
        kring: s.ackMs.p99,
        baseline: r.ackMs.p99,
        unit: 'ms',
        ratio: ratio(s.ackMs.p99, r.ackMs.p99),
        goal: '≤ 50 ms',
        met: s.ackMs.p99 <= 50,
      },
      {
        section: 'Chat',
        metric: 'send→delivery p99, 1,000 sockets, 100 msg/s',
        kring: s.deliveryMs.p99,
        baseline: r.deliveryMs.p99,
        unit: 'ms',
        ratio: ratio(s.deliveryMs.p99, r.deliveryMs.p99),
        goal: '≤ 100 ms and ≤ 3× relay',
        met: s.deliveryMs.p99 <= 100 && (ratio(s.deliveryMs.p99, r.deliveryMs.p99) ?? Infinity) <= 3,
      },
      {
        section: 'Chat',
        metric: 'persisted msg/s, 16 senders vs pgbench INSERT at 16 clients',
        kring: kringRuns.persist.messagesPerSec,
        baseline: pgbench16,
        unit: '/s',
        ratio: ratio(kringRuns.persist.messagesPerSec, pgbench16),
        goal: '≥ 0.5× pgbench',
        met: pgbench16 === null ? null : (ratio(kringRuns.persist.messagesPerSec, pgbench16) ?? 0) >= 0.5,
      },
    ];
    const rows = (name: string, runs: ChatRuns) => [
      `| ${name} | steady | ${describeChat(runs.steady)} |`,
      `| ${name} | saturated | ${describeChat(runs.saturated)} |`,
      `| ${name} | persist | ${describeChat(runs.persist)} |`,
    ];
    const loadBound = [
      ...Object.entries(relayRuns).map(([k, f]) => [`relay ${k}`, f] as const),
      ...Object.entries(kringRuns).map(([k, f]) => [`Kring ${k}`, f] as const),
    ].filter(([, f]) => (f as ChatFigures).loadBound);
    const markdown = [
      `${ROOMS} rooms of ${ROOM_SIZE} sockets (websocket transport), one load generator. **steady**: ${STEADY_RATE} messages/s in total, ` +
        `senders in turn; **saturated**: one sender per room, each sending its next message when the last was acknowledged; ` +
        `**persist**: 16 senders each alone in a room (one insert and one delivery per message). The relay is bare Socket.IO ` +
        `(same version as Kring's adapter, same events and payloads, a counter for seq); Kring runs on PostgreSQL with ` +
        `authenticated sockets, validation, the rate-limit checks (limit raised so they never refuse), the membership check, ` +
        `the insert with its seq under the room's row lock, the ack after commit and the broadcast. CPU per delivery counts ` +
        `the server and every PostgreSQL process.`,
      '',
      '| server | load | figures |',
      '| --- | --- | --- |',
      ...rows('relay', relayRuns),
      ...rows('Kring (PostgreSQL)', kringRuns),
      '',
      loadBound.length
        ? `The load core was over 90 % busy in: ${loadBound.map(([name]) => name).join(', ')}. The load generator shares that core with PostgreSQL (and Redis): there it, not the server alone, set the limit.`
        : 'The load core stayed below 90 % in every run.',
    ].join('\n');
    return {
      id: 'chat',
      title: 'Chat fan-out',
      seconds: Math.round((performance.now() - started) / 1000),
      comparisons,
      markdown,
      data: { relay: relayRuns, kring: kringRuns },
    };
  } finally {
    await load.stop();
    await stopProcess(relay);
    await kring?.stop();
  }
}
