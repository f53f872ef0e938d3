import { type ChildProcess, execFileSync, spawn, type StdioOptions } from 'node:child_process';
import { openSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

/** The server runs on core 0; the load generator, PostgreSQL and Redis on core 1. */
export const SERVER_CORE = 0;
export const LOAD_CORE = availableParallelism() > 1 ? 1 : 0;

const hasTaskset = (() => {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

export const pinningAvailable = hasTaskset && availableParallelism() > 1;

/** Pins a running process and all its threads to one core; false when that is not possible. */
export function pin(pid: number, core: number | string): boolean {
  if (!pinningAvailable) {
    return false;
  }
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(core), String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The cores a process may run on, as taskset prints them (`0,1`), or null. */
export function affinityOf(pid: number): string | null {
  try {
    const out = execFileSync('taskset', ['-c', '-p', String(pid)]).toString();
    return out.split(':').pop()?.trim() ?? null;
  } catch {
    return null;
  }
}

export interface SpawnOptions {
  core: number;
  env?: Record<string, string | undefined>;
  /** File for stdout and stderr; default: discarded (stderr kept in the log folder). */
  logFile?: string;
  ipc?: boolean;
  cwd?: string;
  nodeArgs?: string[];
}

/** Every process the bench started and that still runs: killed if the run is interrupted. */
export const running = new Set<ChildProcess>();

/** Starts `node <script>` pinned to a core (through taskset, so every thread is born pinned). */
export function spawnNode(script: string, args: string[], options: SpawnOptions): ChildProcess {
  const out = options.logFile ? openSync(options.logFile, 'a') : 'ignore';
  const stdio: StdioOptions = ['ignore', out, out];
  if (options.ipc) {
    stdio.push('ipc');
  }
  const nodeArgs = [...(options.nodeArgs ?? []), script, ...args];
  const command = pinningAvailable ? 'taskset' : process.execPath;
  const commandArgs = pinningAvailable ? ['-c', String(options.core), process.execPath, ...nodeArgs] : nodeArgs;
  const child = spawn(command, commandArgs, {
    stdio,
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Resolves once the process has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(child.exitCode);
  }
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** SIGTERM, then SIGKILL after `graceMs`. */
export async function stopProcess(child: ChildProcess | undefined, graceMs = 5000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited(child);
  clearTimeout(timer);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `url` until it answers (any status below 500) or fails after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs = 60_000, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(`the process serving ${url} exited (${child.exitCode ?? child.signalCode})`);
    }
    try {
      const response = await fetch(url);
      if (response.status < 500) {
        return;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    }
    await sleep(100);
  }
}

/** The compiled bench folder (dist/bench), for child scripts. */
export const BENCH_DIST = join(import.meta.dirname, '..');
/** The repository root. */
export const REPO_ROOT = join(BENCH_DIST, '..', '..');
