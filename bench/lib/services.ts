import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import pg from 'pg';
import { pidsNamed } from './cpu.js';
import { affinityOf, pin, pinningAvailable, running, sleep } from './procs.js';

/** The local PostgreSQL server the benchmark makes its own databases on. */
export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery<T extends object = Record<string, unknown>>(
  sql: string,
  params: unknown[] = [],
  url = ADMIN_URL,
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Databases made by this run and not dropped yet (dropped if the run is interrupted). */
export const createdDatabases = new Set<string>();

export async function createDatabase(prefix: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  createdDatabases.add(name);
  return {
    name,
    url: databaseUrl(name),
    drop: async () => {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      createdDatabases.delete(name);
    },
  };
}

/**
 * Pins every PostgreSQL process (the postmaster's children inherit it) to the load core, and
 * returns how to put them back as they were.
 */
export function pinPostgres(core: number): { pinned: boolean; restore(): void } {
  const pids = pidsNamed('postgres');
  const before = new Map(pids.map((pid) => [pid, affinityOf(pid)]));
  const pinned = pids.length > 0 && pids.map((pid) => pin(pid, core)).every(Boolean);
  return {
    pinned,
    restore() {
      for (const pid of pidsNamed('postgres')) {
        const original = before.get(pid) ?? before.values().next().value;
        if (original) {
          pin(pid, original);
        }
      }
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface PrivateRedis {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * A Redis of the benchmark's own on a free port, pinned to the load core: the shared one on 6379
 * serves other people's test runs, which would disturb the figures (and be disturbed).
 */
export async function startRedis(core: number): Promise<PrivateRedis | null> {
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    return null;
  }
  const port = await freePort();
  const serverArgs = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child: ChildProcess = pinningAvailable
    ? spawn('taskset', ['-c', String(core), 'redis-server', ...serverArgs], { stdio: 'ignore' })
    : spawn('redis-server', serverArgs, { stdio: 'ignore' });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    if (
      spawnSync('redis-cli', ['-p', String(port), 'ping'])
        .stdout?.toString()
        .includes('PONG')
    ) {
      return {
        url,
        pid: child.pid!,
        async stop() {
          child.kill('SIGTERM');
          await new Promise((resolve) => child.once('exit', resolve));
        },
      };
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  return null;
}
