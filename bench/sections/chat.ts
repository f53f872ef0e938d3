import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  type ChatFigures,
  ChatLoad,
  chatFixture,
  type ChatFixture,
  describeChat,
  type LoopFigures,
  loopOf,
  persistSockets,
  PROBE_ARGS,
  roomSockets,
  ROOM_SIZE,
  ROOMS,
  sweepSockets,
} from '../lib/chat.js';
import { type BenchContext, type Comparison, ratio, type SectionResult } from '../lib/context.js';
import { startKring } from '../lib/kring.js';
import { BENCH_DIST, SERVER_CORE, spawnNode, stopProcess, waitForHttp } from '../lib/procs.js';
import { round } from '../lib/stats.js';

/** Messages per second in total in the steady run: 5 a second in each of the 20 rooms. */
export const STEADY_RATE = 100;
export const CHAT_ENV = {
  // The limits must not refuse the closed-loop senders; the checks still run on every message.
  CHAT_RATE_LIMIT_PER_CONNECTION: '1000000',
};

/** The rate sweep: Poisson arrivals at these total rates, 180 sockets in 6 rooms of 30 (the issue's burst load). */
export const SWEEP_RATES = [50, 100, 150, 200, 300];
const SWEEP_ROOMS = 6;
const SWEEP_ROOM_SIZE = 30;

export interface SweepPoint {
  rate: number;
  figures: ChatFigures;
  loop: LoopFigures;
}

/**
 * Random (Poisson) arrivals at each rate of SWEEP_RATES, each send from a socket drawn at random:
 * bursts as real rooms have them, which a steady beat hides. The server's event-loop delay and GC
 * come from the probe (over the warm-up, the window and the tail).
 */
async function sweep(
  ctx: BenchContext,
  load: ChatLoad,
  server: { url: string; pids: () => number[]; child: ChildProcess },
  withTokens: boolean,
  fixture: ChatFixture,
): Promise<SweepPoint[]> {
  const watched = { serverPids: server.pids, redisPid: ctx.redis?.pid };
  const joined = await load.connect({
    set: 'sweep',
    url: server.url,
    sockets: sweepSockets(fixture, withTokens, SWEEP_ROOMS, SWEEP_ROOM_SIZE),
    concurrency: 60,
  });
  if (joined.failed) {
    throw new Error(`${joined.failed} sweep sockets could not join: ${joined.errors.join('; ')}`);
  }
  const points: SweepPoint[] = [];
  for (const rate of SWEEP_RATES) {
    await loopOf(server.child);
    const figures = await load.send(watched, {
      set: 'sweep',
      rate,
      poisson: true,
      durationSec: ctx.quick ? 4 : 10,
      warmupSec: 2,
    });
    points.push({ rate, figures, loop: await loopOf(server.child) });
  }
  await load.close('sweep');
  return points;
}

/** Where p99 send→delivery first passes 50 ms (or 3× the relay's at the same rate): the knee. */
function knee(kring: SweepPoint[], relay: SweepPoint[]): number | null {
  for (const [i, point] of kring.entries()) {
    const p99 = point.figures.deliveryMs.p99;
    if (p99 > 50 || p99 > 3 * Math.max(relay[i]?.figures.deliveryMs.p99 ?? 0, 5)) {
      return point.rate;
    }
  }
  return null;
}

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
    nodeArgs: PROBE_ARGS,
    ipc: true,
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
    const relaySweep = await sweep(
      ctx,
      load,
      { url: `http://127.0.0.1:${relayPort}`, pids: () => [relay.pid!], child: relay },
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
      nodeArgs: PROBE_ARGS,
      ipc: true,
    });
    const pid = kring.child.pid!;
    const kringRuns = await chatRuns(ctx, load, { url: kring.baseUrl, pids: () => [pid] }, true, fixture);
    const kringSweep = await sweep(
      ctx,
      load,
      { url: kring.baseUrl, pids: () => [pid], child: kring.child },
      true,
      fixture,
    );
    const kneeRate = knee(kringSweep, relaySweep);
    const at200 = kringSweep.find((point) => point.rate === 200)!;
    const relayAt200 = relaySweep.find((point) => point.rate === 200)!;
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
        goal: '≤ 1.5× relay',
        met: (ratio(s.cpuMsPer1000Deliveries, r.cpuMsPer1000Deliveries) ?? Infinity) <= 1.5,
      },
      {
        section: 'Chat',
        metric: 'deliveries/s at saturation (20 closed-loop senders, rooms of 50)',
        kring: kringRuns.saturated.deliveriesPerSec,
        baseline: relayRuns.saturated.deliveriesPerSec,
        unit: '/s',
        ratio: ratio(kringRuns.saturated.deliveriesPerSec, relayRuns.saturated.deliveriesPerSec),
        goal: '≥ 0.65× relay',
        met: (ratio(kringRuns.saturated.deliveriesPerSec, relayRuns.saturated.deliveriesPerSec) ?? 0) >= 0.65,
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
      {
        section: 'Chat',
        metric: 'send→delivery p99, Poisson 200 msg/s, 180 sockets in rooms of 30',
        kring: at200.figures.deliveryMs.p99,
        baseline: relayAt200.figures.deliveryMs.p99,
        unit: 'ms',
        ratio: ratio(at200.figures.deliveryMs.p99, relayAt200.figures.deliveryMs.p99),
        goal: '≤ 50 ms',
        met: at200.figures.deliveryMs.p99 <= 50,
      },
    ];
    const sweepRow = (k: SweepPoint, r: SweepPoint | undefined) => {
      const f = k.figures;
      const cpuRatio = r ? ratio(f.cpuMsPer1000Deliveries, r.figures.cpuMsPer1000Deliveries) : null;
      return (
        `| ${k.rate} | ${r ? `${r.figures.deliveryMs.p50} / ${r.figures.deliveryMs.p99}` : '–'} | ` +
        `${f.deliveryMs.p50} / ${f.deliveryMs.p99} | ${f.ackMs.p99} | ${f.messagesPerSec} | ` +
        `${f.cpuMsPer1000Deliveries}${cpuRatio === null ? '' : ` (${cpuRatio}×)`} | ` +
        `${round(k.loop.delayP99Ms, 1)} / ${round(k.loop.delayMaxMs, 1)} | ${r ? `${round(r.loop.delayP99Ms, 1)}` : '–'} | ` +
        `${round(k.loop.gcMs, 0)} ms in ${k.loop.gcCount} | ${Math.round(f.cpu.server * 100)} % / ${Math.round(f.cpu.database * 100)} % | ` +
        `${Math.round(f.cpu.other * 100)} % | ${f.refused} |`
      );
    };
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
        `the server and the PostgreSQL backends of the run's database.`,
      '',
      '| server | load | figures |',
      '| --- | --- | --- |',
      ...rows('relay', relayRuns),
      ...rows('Kring (PostgreSQL)', kringRuns),
      '',
      `**Rate sweep**: ${SWEEP_ROOMS} rooms of ${SWEEP_ROOM_SIZE} sockets, random (Poisson) arrivals at the total rate, each ` +
        `message from a socket drawn at random; 2 s warm-up, then the window. Delivery latencies p50 / p99 in ms; the server's ` +
        `event-loop delay (p99 / max, ms) and GC are over warm-up, window and tail (bench/probe.ts). ` +
        (kneeRate === null
          ? `No knee up to ${SWEEP_RATES[SWEEP_RATES.length - 1]} msg/s (p99 ≤ 50 ms and ≤ 3× the relay's at every rate).`
          : `The knee (p99 past 50 ms, or 3× the relay's): ${kneeRate} msg/s.`),
      '',
      '| msg/s | relay delivery p50 / p99 | Kring delivery p50 / p99 | Kring ack p99 | Kring acked/s | Kring CPU per 1,000 deliveries (× relay) | Kring loop delay p99 / max | relay loop delay p99 | Kring GC | server / PostgreSQL CPU | other processes | refused |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...kringSweep.map((point, i) => sweepRow(point, relaySweep[i])),
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
      data: { relay: relayRuns, kring: kringRuns, relaySweep, kringSweep, kneeRate },
    };
  } finally {
    await load.stop();
    await stopProcess(relay);
    await kring?.stop();
  }
}
