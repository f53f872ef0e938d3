import type { ChildProcess } from 'node:child_process';
import { backendCpuBetween, backendCpuSeconds, coreBusy, coreTimes, type CoreTimes, processCpuSeconds } from './cpu.js';
import { type LoadClient } from './ipc.js';
import { LOAD_CORE, SERVER_CORE, spawnNode, BENCH_DIST } from './procs.js';
import { createdDatabases } from './services.js';
import { round } from './stats.js';
import { join } from 'node:path';

/** CPU used in the load generator's measured window, each as a share of one core. */
export interface WindowCpu {
  seconds: number;
  /** The server process(es) under test. */
  server: number;
  /** The PostgreSQL backends of this run's databases. */
  database: number;
  redis: number;
  /** Busy share of the server core and the load core (everything that ran there). */
  serverCore: number;
  loadCore: number;
  /** Everything else that ran on either core (other people's work on a shared machine), as a share of one core. */
  other: number;
}

interface Snapshot {
  at: number;
  server: number;
  database: Map<number, number>;
  redis: number;
  mine: number;
  cores: CoreTimes[];
}

export interface Watched {
  serverPids: () => number[];
  redisPid?: number;
}

function snapshot(watched: Watched, loadPid: number | undefined): Snapshot {
  return {
    at: performance.now(),
    server: watched.serverPids().reduce((sum, pid) => sum + processCpuSeconds(pid), 0),
    database: backendCpuSeconds(createdDatabases),
    redis: watched.redisPid ? processCpuSeconds(watched.redisPid) : 0,
    mine: (loadPid ? processCpuSeconds(loadPid) : 0) + processCpuSeconds(process.pid),
    cores: coreTimes(),
  };
}

/**
 * Runs one load request and reads the CPU counters when the generator marks the start and end of
 * its measured window, so warm-up and set-up are not charged.
 */
export async function measured<T>(
  load: LoadClient,
  watched: Watched,
  cmd: string,
  args: unknown,
): Promise<{ result: T; cpu: WindowCpu }> {
  let start: Snapshot | null = null;
  let end: Snapshot | null = null;
  const stop = load.onMark((mark) => {
    if (mark === 'window-start') {
      start = snapshot(watched, load.child.pid);
    } else if (mark === 'window-end') {
      end = snapshot(watched, load.child.pid);
    }
  });
  try {
    const result = await load.request<T>(cmd, args);
    const first: Snapshot | null = start;
    const last: Snapshot = end ?? snapshot(watched, load.child.pid);
    if (!first) {
      throw new Error(`${cmd}: the load generator marked no window`);
    }
    return { result, cpu: cpuBetween(first, last) };
  } finally {
    stop();
  }
}

function cpuBetween(a: Snapshot, b: Snapshot): WindowCpu {
  const seconds = (b.at - a.at) / 1000;
  const busy = coreBusy(a.cores, b.cores);
  const database = backendCpuBetween(a.database, b.database);
  const accounted = b.server - a.server + database + (b.redis - a.redis) + (b.mine - a.mine);
  const busySeconds = busy.reduce((sum, share) => sum + share, 0) * seconds;
  return {
    seconds: round(seconds),
    server: round((b.server - a.server) / seconds, 3),
    database: round(database / seconds, 3),
    redis: round((b.redis - a.redis) / seconds, 3),
    serverCore: round(busy[SERVER_CORE] ?? 0, 3),
    loadCore: round(busy[LOAD_CORE] ?? 0, 3),
    other: round(Math.max(0, busySeconds - accounted) / seconds, 3),
  };
}

/** Starts a load generator script from dist/bench/load on the load core. */
export function startLoad(script: string, logFile: string, nodeArgs: string[] = []): ChildProcess {
  return spawnNode(join(BENCH_DIST, 'load', script), [], {
    core: LOAD_CORE,
    ipc: true,
    logFile,
    nodeArgs: ['--max-old-space-size=4096', ...nodeArgs],
  });
}
