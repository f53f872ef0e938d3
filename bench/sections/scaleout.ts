import { join } from 'node:path';
import { type ChatFigures, ChatLoad, chatFixture, describeChat, ROOMS } from '../lib/chat.js';
import { type BenchContext, type Comparison, ratio, type SectionResult } from '../lib/context.js';
import { type KringProcess, startKring } from '../lib/kring.js';
import { LOAD_CORE, SERVER_CORE } from '../lib/procs.js';
import { round } from '../lib/stats.js';
import { CHAT_ENV, STEADY_RATE } from './chat.js';

/** The Kring processes' CPU (not PostgreSQL's or Redis's) per 1,000 deliveries, in ms. */
function serverCpuPer1000(f: ChatFigures): number {
  return f.deliveries ? round(((f.cpu.server * f.cpu.seconds) / f.deliveries) * 1e6, 1) : NaN;
}

/**
 * One Kring process against two on the same database and Redis. The second process can only go
 * on the load core (two cores in all), beside the load generator, PostgreSQL and Redis.
 */
export async function scaleout(ctx: BenchContext): Promise<SectionResult> {
  const started = performance.now();
  if (!ctx.redis) {
    throw new Error('needs redis-server');
  }
  const fixture = await chatFixture(ctx);
  const duration = ctx.quick ? 5 : 10;
  const warmup = ctx.quick ? 2 : 3;
  const load = ChatLoad.start(ctx, 'scaleout-load');
  const processes: KringProcess[] = [];
  const start = async (name: string, core: number) => {
    const kring = await startKring({
      port: await ctx.nextPort(),
      jwtSecret: ctx.jwtSecret,
      databaseUrl: fixture.url,
      redisUrl: ctx.redis!.url,
      core,
      logFile: join(ctx.logsDir, `scaleout-${name}.log`),
      env: CHAT_ENV,
    });
    processes.push(kring);
    return kring;
  };
  try {
    const a = await start('a', SERVER_CORE);
    const watched = { serverPids: () => processes.map((p) => p.child.pid!), redisPid: ctx.redis.pid };
    const sockets = (split: boolean, b?: KringProcess) =>
      fixture.members.map((member, i) => ({
        token: member.account.token,
        group: member.group,
        // Alternate members of each room between the processes.
        url: split && b && Math.floor(i / ROOMS) % 2 === 1 ? b.baseUrl : a.baseUrl,
        node: split && b && Math.floor(i / ROOMS) % 2 === 1 ? 'B' : 'A',
      }));
    const runs: Record<string, ChatFigures> = {};
    await load.connect({ set: 'one', url: a.baseUrl, sockets: sockets(false), concurrency: 100 });
    runs.oneSteady = await load.send(watched, {
      set: 'one',
      rate: STEADY_RATE,
      durationSec: duration,
      warmupSec: warmup,
    });
    runs.oneSaturated = await load.send(watched, {
      set: 'one',
      senders: ROOMS,
      durationSec: duration,
      warmupSec: warmup,
    });
    await load.close('one');
    const b = await start('b', LOAD_CORE);
    await load.connect({ set: 'two', url: a.baseUrl, sockets: sockets(true, b), concurrency: 100 });
    runs.twoSteady = await load.send(watched, {
      set: 'two',
      rate: STEADY_RATE,
      durationSec: duration,
      warmupSec: warmup,
    });
    runs.twoSaturated = await load.send(watched, {
      set: 'two',
      senders: ROOMS,
      durationSec: duration,
      warmupSec: warmup,
    });
    await load.close('two');

    const serverCpuOne = serverCpuPer1000(runs.oneSteady);
    const serverCpuTwo = serverCpuPer1000(runs.twoSteady);
    const same = runs.twoSteady.sameNodeDeliveryMs.p99;
    const cross = runs.twoSteady.crossNodeDeliveryMs.p99;
    const comparisons: Comparison[] = [
      {
        // A second process on a two-core machine can only take CPU from the first core's neighbours:
        // what it can show is that the cluster machinery (Redis, cross-process notices) costs little.
        section: 'Scale-out',
        metric: 'server CPU per 1,000 deliveries, two processes + Redis vs one, 100 msg/s',
        kring: serverCpuTwo,
        baseline: serverCpuOne,
        unit: 'ms',
        ratio: ratio(serverCpuTwo, serverCpuOne),
        goal: '≤ 1.1× one process',
        met: (ratio(serverCpuTwo, serverCpuOne) ?? Infinity) <= 1.1,
      },
      {
        section: 'Scale-out',
        metric: 'delivery p99 cross-process vs same-process, 100 msg/s',
        kring: cross,
        baseline: same,
        unit: 'ms',
        ratio: ratio(cross, same),
        goal: '≤ same + 15 ms',
        met: cross <= same + 15,
      },
    ];
    const l = (f: ChatFigures, which: 'sameNodeDeliveryMs' | 'crossNodeDeliveryMs') =>
      `p50 ${f[which].p50} / p95 ${f[which].p95} / p99 ${f[which].p99} / max ${f[which].max} ms (${f[which].n} deliveries)`;
    const markdown = [
      `Kring on PostgreSQL with \`REDIS_URL\` (the Redis streams adapter), the same 1,000 sockets in 20 rooms of 50. ` +
        `One process: all on A (core ${SERVER_CORE}). Two processes: every other member of each room on B, which runs on core ` +
        `${LOAD_CORE} with the load generator, PostgreSQL and Redis — on this two-core machine a second process has no core of its own, ` +
        `so this measures what the cluster machinery costs more than what a second machine would add.`,
      '',
      '| processes | load | figures |',
      '| --- | --- | --- |',
      `| one | steady | ${describeChat(runs.oneSteady)} |`,
      `| one | saturated | ${describeChat(runs.oneSaturated)} |`,
      `| two | steady | ${describeChat(runs.twoSteady)} |`,
      `| two | saturated | ${describeChat(runs.twoSaturated)} |`,
      '',
      `Server CPU (the Kring processes only) per 1,000 deliveries, steady: one process ${serverCpuOne} ms, two ${serverCpuTwo} ms. ` +
        `Deliveries/s at saturation, two against one: ${runs.twoSaturated.deliveriesPerSec} against ${runs.oneSaturated.deliveriesPerSec}.`,
      '',
      `Two processes, steady: deliveries on the sender's own process ${l(runs.twoSteady, 'sameNodeDeliveryMs')}; ` +
        `on the other process ${l(runs.twoSteady, 'crossNodeDeliveryMs')}.`,
    ].join('\n');
    return {
      id: 'scaleout',
      title: 'Scale-out',
      seconds: Math.round((performance.now() - started) / 1000),
      comparisons,
      markdown,
      data: runs,
    };
  } finally {
    await load.stop();
    for (const kring of processes) {
      await kring.stop();
    }
  }
}
