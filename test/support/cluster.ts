import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll } from '@jest/globals';
import { Redis } from 'ioredis';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import {
  type Ack,
  CHAT_NAMESPACE,
  type ChatMember,
  type ChatMessage,
  type ClientToServerEvents,
  type RoomJoined,
  type RoomRef,
  type ServerToClientEvents,
} from '../../src/contracts/chat.js';
import type { TokenPair } from '../../src/contracts/auth.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * Real Kring server processes (`node dist/src/main.js`, as production runs them) and a Redis of
 * the test's own, for the scale-out tests: they kill processes with SIGKILL and pause or restart
 * Redis, which nobody else's Redis should suffer.
 */

const MAIN = join(process.cwd(), 'dist', 'src', 'main.js');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface TestRedis {
  url: string;
  /** `CLIENT PAUSE <ms> ALL`: every client's commands wait until then. */
  pause(ms: number): Promise<void>;
  /** Stops the server (its data is gone: it keeps nothing on disk) and starts a fresh one on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A redis-server on a free port, with no persistence. */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    for (let i = 0; i < 100; i++) {
      if (
        spawnSync('redis-cli', ['-p', String(port), 'ping'])
          .stdout?.toString()
          .includes('PONG')
      ) {
        return;
      }
      await sleep(50);
    }
    throw new Error('redis-server did not start');
  };
  const stop = async () => {
    const running = child;
    if (running && running.exitCode === null && running.signalCode === null) {
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    }
  };
  await start();
  const url = `redis://127.0.0.1:${port}`;
  return {
    url,
    async pause(ms) {
      const admin = new Redis(url);
      try {
        await admin.client('PAUSE', ms, 'ALL');
      } finally {
        admin.disconnect();
      }
    },
    async restart() {
      await stop();
      await start();
    },
    stop,
  };
}

export interface KringProcess {
  name: string;
  baseUrl: string;
  readonly pid: number;
  /** What the process wrote to stdout and stderr (log lines). */
  output(): string;
  /** SIGKILL: no shutdown hooks, connections cut as by a crash. */
  kill(): Promise<void>;
  /** A graceful stop (SIGTERM). */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same environment. */
  restart(): Promise<void>;
}

/** Test settings: cheap bcrypt and generous HTTP limits; the chat limit stays as configured. */
const PROCESS_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  BCRYPT_COST: '4',
  LOG_LEVEL: 'info',
  HOST: '127.0.0.1',
  AUTH_RATE_LIMIT_PER_CLIENT: '10000',
  AUTH_RATE_LIMIT_PER_LOGIN_NAME: '10000',
  API_RATE_LIMIT_PER_CLIENT: '100000',
};

/** Spawns `node dist/src/main.js` (built by `npm test`'s pretest) and waits until it answers. */
export async function startKring(name: string, env: Record<string, string>): Promise<KringProcess> {
  if (!existsSync(MAIN)) {
    throw new Error(`${MAIN} is missing: run "npm run build:server" (npm test does it first)`);
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const chunks: string[] = [];
  let child: ChildProcess;
  const start = async () => {
    child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, ...PROCESS_ENV, ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) {
        throw new Error(`${name} exited while starting:\n${chunks.join('')}`);
      }
      try {
        if ((await fetch(`${baseUrl}/api/health`)).ok) {
          return;
        }
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        throw new Error(`${name} did not answer within 30 s:\n${chunks.join('')}`);
      }
      await sleep(50);
    }
  };
  const ended = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  };
  await start();
  return {
    name,
    baseUrl,
    get pid() {
      return child.pid!;
    },
    output: () => chunks.join(''),
    kill: () => ended('SIGKILL'),
    stop: () => ended('SIGTERM'),
    restart: start,
  };
}

/** Runs a process that is expected to exit by itself; its exit code and output. */
export async function runToExit(
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<{ code: number | null; output: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, ...PROCESS_ENV, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  return { code, output: chunks.join('') };
}

async function call<T>(baseUrl: string, method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${path}: ${response.status} ${text}`);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A request as `who` through `on`; throws on an error status. */
export function clusterApi<T>(on: KringProcess, method: string, path: string, who: ClusterMember, body?: unknown) {
  return call<T>(on.baseUrl, method, path, who.token, body);
}

export interface ClusterMember {
  loginName: string;
  token: string;
  /** The membership in the test's group, once joined. */
  memberId?: string;
}

/** Registers and logs in through one process; the token works on every process (one JWT secret). */
export async function register(kring: KringProcess): Promise<ClusterMember> {
  // Letters only: a run of digits would look like a phone number and be refused.
  const loginName = `c_${[...randomBytes(10)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('')}`;
  const password = `calm-river-${randomBytes(6).toString('hex')}`;
  await call(kring.baseUrl, 'POST', '/api/auth/register', undefined, { loginName, password });
  const tokens = await call<TokenPair>(kring.baseUrl, 'POST', '/api/auth/login', undefined, { loginName, password });
  return { loginName, token: tokens.accessToken };
}

export async function createGroup(kring: KringProcess, admin: ClusterMember): Promise<string> {
  const slug = `cluster-${randomBytes(4).toString('hex')}`;
  await call(kring.baseUrl, 'POST', '/api/groups', admin.token, {
    slug,
    name: 'Samen sterk',
    description: 'Een groep voor de clustertests.',
    pledge: 'Wat hier gezegd wordt, blijft hier.',
    locale: 'nl',
    kind: 'open',
    audience: 'peers',
    chatRetentionDays: 30,
  });
  return slug;
}

export async function joinGroup(kring: KringProcess, member: ClusterMember, slug: string): Promise<void> {
  const joined = await call<{ memberId: string }>(kring.baseUrl, 'POST', `/api/groups/${slug}/join`, member.token, {
    pledgeAccepted: true,
  });
  member.memberId = joined.memberId;
}

export async function ban(kring: KringProcess, admin: ClusterMember, slug: string, memberId: string): Promise<void> {
  await call(kring.baseUrl, 'POST', '/api/admin/bans', admin.token, {
    group: slug,
    memberId,
    reason: 'Herhaaldelijk kwetsende berichten.',
  });
}

/** Adds a site-wide watched word (admins); returns a function that removes it again. */
export async function watchWord(
  kring: KringProcess,
  admin: ClusterMember,
  phrase: string,
  action: 'block' | 'hold' | 'crisis',
): Promise<(on: KringProcess) => Promise<void>> {
  const { id } = await call<{ id: string }>(kring.baseUrl, 'POST', '/api/admin/watched-words', admin.token, {
    phrase,
    action,
  });
  return (on) => call(on.baseUrl, 'DELETE', `/api/admin/watched-words/${id}`, admin.token);
}

export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A chat member as a careful client behaves: it keeps every message once, by `seq`, notes
 * whether any came out of order or twice, and after a reconnect joins again from the last
 * `seq` it holds.
 */
export class ChatPeer {
  socket!: ChatSocket;
  /** Every `message:new` and catch-up message, in the order it arrived. */
  readonly arrivals: ChatMessage[] = [];
  readonly disconnects: string[] = [];
  /** Every `presence:sync` (who is in the room, after a process went away), in arrival order. */
  readonly presenceSyncs: ChatMember[][] = [];

  constructor(
    readonly member: ClusterMember,
    readonly room: RoomRef,
  ) {}

  get seqs(): number[] {
    return this.arrivals.map((message) => message.seq);
  }

  get lastSeq(): number {
    return this.arrivals.reduce((max, message) => Math.max(max, message.seq), 0);
  }

  /** Connects to a process (the websocket transport only: no sticky sessions needed) and joins the room. */
  async connect(kring: KringProcess, sinceSeq?: number): Promise<RoomJoined> {
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    const socket: ChatSocket = io(`${kring.baseUrl}${CHAT_NAMESPACE}`, {
      transports: ['websocket'],
      auth: { token: this.member.token },
      reconnection: false,
      forceNew: true,
    });
    this.socket = socket;
    // Live messages that arrive in the same read as the join's answer are handed over before the
    // answer's promise settles: they wait, and follow the history.
    let early: ChatMessage[] | null = [];
    socket.on('message:new', (message) => (early ?? this.arrivals).push(message));
    socket.on('presence:sync', (sync) => this.presenceSyncs.push(sync.presence));
    socket.on('disconnect', (reason) => this.disconnects.push(reason));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => reject(error));
    });
    const answer = (await socket
      .timeout(10_000)
      .emitWithAck('room:join', sinceSeq === undefined ? this.room : { ...this.room, sinceSeq })) as Ack<RoomJoined>;
    const live = early;
    early = null;
    if (!answer.ok) {
      throw new Error(`room:join refused: ${answer.error.code} ${answer.error.message}`);
    }
    // History first, then live messages: the server guarantees they do not overlap.
    if (sinceSeq !== undefined) {
      this.arrivals.push(...answer.history);
    }
    this.arrivals.push(...live);
    return answer;
  }

  /** Sends one message and returns its ack (refusals included). */
  async send(body: string): Promise<Ack<{ message: ChatMessage }>> {
    return (await this.socket
      .timeout(15_000)
      .emitWithAck('message:send', { ...this.room, clientMsgId: randomUUID(), body })) as Ack<{ message: ChatMessage }>;
  }

  close(): void {
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
  }
}

export interface TwoProcesses {
  /** Process A; it and the fields below are filled in before the first test. */
  a: KringProcess;
  b: KringProcess;
  redis: TestRedis;
  /** A fresh PostgreSQL database of the suite's own. */
  database: TestDatabase;
  /** A client on that database. */
  sql: {
    query<R extends pg.QueryResultRow = pg.QueryResultRow>(
      text: string,
      values?: unknown[],
    ): Promise<pg.QueryResult<R>>;
  };
  /** A site admin, registered through A. */
  admin: ClusterMember;
  /** What a test connects, closed after all before the processes stop. */
  peers: ChatPeer[];
  sockets: ChatSocket[];
}

/**
 * The scale-out set-up, registered in the calling `describe` (PostgreSQL only: the embedded
 * database belongs to one process): before all, a Redis and a database of the suite's own, then
 * processes A and B on both with one JWT secret and `env`, a client on the database and an admin;
 * after all, all of it closes again.
 */
export function twoProcesses(env: Record<string, string> = {}): TwoProcesses {
  // Filled in by beforeAll, so that a spec can take them apart at the top of its describe.
  const fill = <T extends object>(into: T, from: T) =>
    Object.defineProperties(into, Object.getOwnPropertyDescriptors(from));
  const a = {} as KringProcess;
  const b = {} as KringProcess;
  const redis = {} as TestRedis;
  const database = {} as TestDatabase;
  const admin = {} as ClusterMember;
  const peers: ChatPeer[] = [];
  const sockets: ChatSocket[] = [];
  const started: {
    a?: KringProcess;
    b?: KringProcess;
    redis?: TestRedis;
    database?: TestDatabase;
    sql?: pg.Client;
  } = {};

  beforeAll(async () => {
    fill(redis, (started.redis = await startRedis()));
    fill(database, (started.database = await createTestDatabase()));
    const processEnv = { ...database.env, REDIS_URL: redis.url, JWT_SECRET: randomBytes(32).toString('hex'), ...env };
    // One after the other: the first runs the migrations (see the README on starting a cluster).
    fill(a, (started.a = await startKring('A', processEnv)));
    fill(b, (started.b = await startKring('B', processEnv)));
    started.sql = new pg.Client({ connectionString: database.env.DATABASE_URL });
    await started.sql.connect();
    fill(admin, await register(a));
    await started.sql.query(`UPDATE account SET role = 'admin' WHERE login_name = $1`, [admin.loginName]);
  }, 90_000);

  afterAll(async () => {
    for (const socket of sockets) {
      socket.disconnect();
    }
    for (const peer of peers) {
      peer.close();
    }
    await started.a?.stop();
    await started.b?.stop();
    await started.sql?.end();
    await started.database?.drop();
    await started.redis?.stop();
  });

  return {
    a,
    b,
    redis,
    database,
    sql: {
      query: <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => {
        if (!started.sql) {
          throw new Error('twoProcesses() has not started');
        }
        return started.sql.query<R>(text, values);
      },
    },
    admin,
    peers,
    sockets,
  };
}

/** Waits until `check` holds, or fails with `what` after `timeoutMs`. */
export async function eventually(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    }
    await sleep(25);
  }
}

export { sleep };
