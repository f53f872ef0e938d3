import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import type { ConnectArgs, ConnectResult, SendArgs, SendResult, StormResult } from '../load/chat-load.js';
import type { BenchContext } from './context.js';
import { LoadClient } from './ipc.js';
import { type BenchAccount, createGroup, joinAll, makeAdmin, seedAccounts, startKring } from './kring.js';
import { measured, startLoad, type Watched, type WindowCpu } from './measure.js';
import { BENCH_DIST } from './procs.js';
import { createDatabase } from './services.js';
import { round } from './stats.js';

export const ROOMS = 20;
export const ROOM_SIZE = 50;

/** The chat load generator process, driven step by step. */
export class ChatLoad {
  private constructor(readonly client: LoadClient) {}

  static start(ctx: BenchContext, name: string): ChatLoad {
    return new ChatLoad(new LoadClient(startLoad('chat-load.js', join(ctx.logsDir, `${name}.log`))));
  }

  connect(args: ConnectArgs): Promise<ConnectResult> {
    return this.client.request<ConnectResult>('connect', args);
  }

  async send(watched: Watched, args: SendArgs): Promise<ChatFigures> {
    const { result, cpu } = await measured<SendResult>(this.client, watched, 'send', args);
    const cpuSeconds = (cpu.server + cpu.database + cpu.redis) * cpu.seconds;
    return {
      ...result,
      cpu,
      cpuMsPer1000Deliveries: result.deliveries ? round((cpuSeconds / result.deliveries) * 1e6, 1) : NaN,
      loadBound: cpu.loadCore > 0.9,
    };
  }

  close(set: string): Promise<{ closed: number }> {
    return this.client.request('close', { set });
  }

  armStorm(set: string): Promise<{ armed: number }> {
    return this.client.request('armStorm', { set });
  }

  markStormOrigin(): Promise<unknown> {
    return this.client.request('markStormOrigin', {});
  }

  collectStorm(set: string, timeoutSec: number): Promise<StormResult> {
    return this.client.request('collectStorm', { set, timeoutSec });
  }

  stop(): Promise<void> {
    return this.client.close();
  }
}

export interface ChatFigures extends SendResult {
  cpu: WindowCpu;
  /** Server, PostgreSQL and Redis CPU per 1,000 deliveries, in ms. */
  cpuMsPer1000Deliveries: number;
  /** The load core was over 90 % busy: the generator (with PostgreSQL and Redis beside it) may have been the limit. */
  loadBound: boolean;
}

export function describeChat(f: ChatFigures): string {
  const a = f.ackMs;
  const d = f.deliveryMs;
  const pct = (share: number) => `${Math.round(share * 100)} %`;
  return (
    `${f.messagesPerSec} msg/s acked, ${f.deliveriesPerSec} deliveries/s (${f.deliveries}/${f.expectedDeliveries} expected)` +
    `; send→ack p50 ${a.p50} / p95 ${a.p95} / p99 ${a.p99} / max ${a.max} ms` +
    `; send→delivery p50 ${d.p50} / p95 ${d.p95} / p99 ${d.p99} / max ${d.max} ms` +
    `; ${f.cpuMsPer1000Deliveries} ms CPU per 1,000 deliveries` +
    `; server ${pct(f.cpu.server)}, PostgreSQL ${pct(f.cpu.database)}${f.cpu.redis ? `, Redis ${pct(f.cpu.redis)}` : ''}, load generator ${pct(f.loadCpu)} of a core` +
    `; core 0 ${pct(f.cpu.serverCore)}, core 1 ${pct(f.cpu.loadCore)} busy` +
    (f.cpu.other > 0.1 ? `, **other processes and kernel ${pct(f.cpu.other)}**` : '') +
    (f.refused ? `; ${f.refused} refused (${f.refusals.join(', ')})` : '')
  );
}

export interface ChatFixture {
  url: string;
  admin: BenchAccount;
  /** 10,000 accounts with a login each; the first 1,000 are members of the rooms. */
  accounts: BenchAccount[];
  groups: string[];
  /** Account i is in group i % 20 (50 per room). */
  members: { account: BenchAccount; group: string }[];
}

/**
 * One database for every chat section, made once: 10,000 accounts, 20 groups, 1,000 members.
 * Groups and memberships go through the API, which a short-lived Kring serves.
 */
export async function chatFixture(ctx: BenchContext): Promise<ChatFixture> {
  const existing = ctx.shared.get('chat') as Promise<ChatFixture> | undefined;
  if (existing) {
    return existing;
  }
  const made = (async () => {
    const database = await createDatabase('kring_bench_chat');
    ctx.cleanup.push(() => database.drop());
    const kring = await startKring({
      port: await ctx.nextPort(),
      jwtSecret: ctx.jwtSecret,
      databaseUrl: database.url,
      logFile: join(ctx.logsDir, 'chat-fixture.log'),
    });
    const sql = new pg.Client({ connectionString: database.url });
    try {
      await sql.connect();
      const [admin, ...accounts] = await seedAccounts(sql, ctx.jwtSecret, 10_001, 'chat');
      await makeAdmin(sql, admin);
      const groups: string[] = [];
      for (let i = 0; i < ROOMS; i++) {
        groups.push(await createGroup(kring.baseUrl, admin, `bench-room-${String(i + 1).padStart(2, '0')}`));
      }
      const members = accounts.slice(0, ROOMS * ROOM_SIZE).map((account, i) => ({ account, group: groups[i % ROOMS] }));
      for (const group of groups) {
        await joinAll(
          kring.baseUrl,
          group,
          members.filter((member) => member.group === group).map((member) => member.account),
        );
      }
      await sql.query('VACUUM ANALYZE');
      return { url: database.url, admin, accounts, groups, members };
    } finally {
      await sql.end();
      await kring.stop();
    }
  })();
  ctx.shared.set('chat', made);
  return made;
}

/** The room sockets for a server: 1,000 sockets, 50 in each of the 20 rooms. */
export function roomSockets(fixture: ChatFixture, withTokens: boolean): ConnectArgs['sockets'] {
  return fixture.members.map((member) => ({
    token: withTokens ? member.account.token : undefined,
    group: member.group,
  }));
}

/** 16 senders, each alone in its own room: every message is one insert and one delivery. */
export function persistSockets(fixture: ChatFixture, withTokens: boolean): ConnectArgs['sockets'] {
  return fixture.groups.slice(0, 16).map((group) => {
    const member = fixture.members.find((m) => m.group === group)!;
    return { token: withTokens ? member.account.token : undefined, group };
  });
}

/** Node arguments that load the memory probe (bench/probe.ts) into a server. */
export const PROBE_ARGS = ['--expose-gc', '--import', pathToFileURL(join(BENCH_DIST, 'probe.js')).href];

export interface Memory {
  heapUsed: number;
  rss: number;
}

export interface LoopFigures {
  delayP50Ms: number;
  delayP99Ms: number;
  delayMaxMs: number;
  gcMs: number;
  gcCount: number;
}

/** Event-loop delay and GC of a server started with PROBE_ARGS and an IPC channel, since the last call. */
export function loopOf(child: ChildProcess): Promise<LoopFigures> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the loop probe did not answer')), 30_000);
    const listener = (message: { probe?: string } & LoopFigures) => {
      if (message?.probe === 'loop') {
        clearTimeout(timer);
        child.off('message', listener);
        const { probe: _probe, ...figures } = message;
        resolve(figures);
      }
    };
    child.on('message', listener);
    child.send({ probe: 'loop' });
  });
}

/** Sweep sockets: `rooms` rooms of `size` (the first groups of the fixture), for the rate sweep. */
export function sweepSockets(
  fixture: ChatFixture,
  withTokens: boolean,
  rooms: number,
  size: number,
): ConnectArgs['sockets'] {
  return fixture.groups.slice(0, rooms).flatMap((group) =>
    fixture.members
      .filter((member) => member.group === group)
      .slice(0, size)
      .map((member) => ({ token: withTokens ? member.account.token : undefined, group })),
  );
}

/** Heap and RSS of a server started with PROBE_ARGS and an IPC channel, after full collections. */
export function memoryOf(child: ChildProcess): Promise<Memory> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the memory probe did not answer')), 30_000);
    const listener = (message: { probe?: string; heapUsed: number; rss: number }) => {
      if (message?.probe === 'memory') {
        clearTimeout(timer);
        child.off('message', listener);
        resolve({ heapUsed: message.heapUsed, rss: message.rss });
      }
    };
    child.on('message', listener);
    child.send({ probe: 'memory' });
  });
}
