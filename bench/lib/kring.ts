import type { ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { REPO_ROOT, SERVER_CORE, spawnNode, stopProcess, waitForHttp } from './procs.js';

/** A Kring server process as `npm run start:prod` runs it, pinned to the server core. */
export interface KringProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  stop(): Promise<void>;
}

export interface KringOptions {
  port: number;
  jwtSecret: string;
  databaseUrl?: string;
  dataDir?: string;
  redisUrl?: string;
  core?: number;
  logFile: string;
  env?: Record<string, string>;
  nodeArgs?: string[];
  /** Wait for /api/health (default true). */
  wait?: boolean;
  /** An IPC channel to the process (for the memory probe). */
  ipc?: boolean;
}

/**
 * Production settings, request logs included (they go to /dev/null as they would go to a log
 * shipper); only the limits that would refuse the load generator's one address are raised.
 */
export function kringEnv(options: KringOptions): Record<string, string | undefined> {
  return {
    NODE_ENV: 'production',
    PORT: String(options.port),
    HOST: '127.0.0.1',
    JWT_SECRET: options.jwtSecret,
    DATABASE_URL: options.databaseUrl,
    DATA_DIR: options.dataDir,
    REDIS_URL: options.redisUrl,
    LOG_LEVEL: 'info',
    API_RATE_LIMIT_PER_CLIENT: '100000000',
    ...options.env,
  };
}

export async function startKring(options: KringOptions): Promise<KringProcess> {
  const child = spawnNode(join(REPO_ROOT, 'dist', 'src', 'main.js'), [], {
    core: options.core ?? SERVER_CORE,
    env: kringEnv(options),
    cwd: REPO_ROOT,
    // BENCH_KRING_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles every Kring the bench starts.
    nodeArgs: [...(options.nodeArgs ?? []), ...(process.env.BENCH_KRING_NODE_ARGS?.split(' ').filter(Boolean) ?? [])],
    logFile: options.logFile,
    ipc: options.ipc,
  });
  const baseUrl = `http://127.0.0.1:${options.port}`;
  if (options.wait !== false) {
    await waitForHttp(`${baseUrl}/api/health`, 120_000, child);
  }
  return { child, port: options.port, baseUrl, stop: () => stopProcess(child) };
}

/** An HS256 access token as Kring signs them (the benchmark holds the JWT secret). */
export function mintAccessToken(secret: string, accountId: string, sessionId: string, ttlSeconds = 6 * 3600): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const header = encode({ alg: 'HS256', typ: 'JWT' });
  const claims = encode({
    sid: sessionId,
    ver: 0,
    iat: now,
    exp: now + ttlSeconds,
    sub: accountId,
    iss: 'kring',
    aud: 'kring-api',
  });
  const signature = createHmac('sha256', secret).update(`${header}.${claims}`).digest('base64url');
  return `${header}.${claims}.${signature}`;
}

export interface BenchAccount {
  accountId: string;
  sessionId: string;
  token: string;
}

/** Something that runs SQL: a `pg` client or pool, or the embedded database's DataSource. */
export interface Sql {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

async function rows<T>(sql: Sql, text: string, params: unknown[] = []): Promise<T[]> {
  const result = (await sql.query(text, params)) as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

/**
 * Accounts with a login session each, straight into the tables (registering through the API costs
 * two bcrypt hashes each, which is not what is measured); nobody logs in with these.
 */
export async function seedAccounts(sql: Sql, secret: string, count: number, prefix: string): Promise<BenchAccount[]> {
  const unusable = `$2b$12$${'x'.repeat(53)}`;
  const created = await rows<{ account_id: string; session_id: string }>(
    sql,
    `WITH a AS (
       INSERT INTO account (login_name, password_hash)
       SELECT $1 || i, $2 FROM generate_series(1, $3::int) i
       RETURNING id
     )
     INSERT INTO auth_session (account_id, token_version, expires_at)
     SELECT id, 0, now() + interval '1 day' FROM a
     RETURNING account_id, id AS session_id`,
    [`${prefix}_${randomBytes(2).toString('hex')}_`, unusable, count],
  );
  return created.map((row) => ({
    accountId: row.account_id,
    sessionId: row.session_id,
    token: mintAccessToken(secret, row.account_id, row.session_id),
  }));
}

export async function makeAdmin(sql: Sql, account: BenchAccount): Promise<void> {
  await sql.query(`UPDATE account SET role = 'admin' WHERE id = $1`, [account.accountId]);
}

async function api<T>(baseUrl: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  }
  return (text ? JSON.parse(text) : {}) as T;
}

/** Creates an open group through the admin API; returns its slug. */
export async function createGroup(baseUrl: string, admin: BenchAccount, slug: string): Promise<string> {
  await api(baseUrl, admin.token, 'POST', '/api/groups', {
    slug,
    name: `Bench ${slug}`.slice(0, 80),
    description: 'A group the benchmark made.',
    pledge: 'Wat hier gezegd wordt, blijft hier.',
    locale: 'nl',
    kind: 'open',
    audience: 'peers',
    chatRetentionDays: 30,
  });
  return slug;
}

/** Joins members to a group through the API (pledge accepted), a few at a time; returns membership ids. */
export async function joinAll(
  baseUrl: string,
  slug: string,
  members: BenchAccount[],
  aliasPrefix = 'Deelnemer',
): Promise<string[]> {
  const ids: string[] = new Array<string>(members.length);
  let next = 0;
  const worker = async () => {
    while (next < members.length) {
      const i = next++;
      // A chosen alias: generated ones can collide between joins running side by side.
      const joined = await api<{ memberId: string }>(baseUrl, members[i].token, 'POST', `/api/groups/${slug}/join`, {
        pledgeAccepted: true,
        // An account may not use one alias in two groups (that would link them).
        alias: `${aliasPrefix} ${i + 1}`,
      });
      ids[i] = joined.memberId;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return ids;
}

export function pgPool(url: string, max = 4): pg.Pool {
  return new pg.Pool({ connectionString: url, max });
}

export { api };
