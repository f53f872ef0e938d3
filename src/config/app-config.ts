import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { MARKER_FILE } from '../database/data-dir-guard.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Every environment variable Kring reads; nothing else in the code touches process.env. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: positiveInt(10),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
  /** Named (prepared) statements for the chat's hot statements; off for PgBouncer < 1.21 in transaction mode. */
  DATABASE_PREPARED_STATEMENTS: z.enum(['true', 'false']).default('true'),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  /** Names every Redis key, stream and channel of this site, so sites that share one Redis never meet. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,48}:$/, 'must be 1–48 letters, digits, dots, dashes or underscores, then a colon')
    .default('kring:'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(12),
  AUTH_RATE_LIMIT_PER_CLIENT: positiveInt(20),
  AUTH_RATE_LIMIT_PER_LOGIN_NAME: positiveInt(10),
  /** Recovery costs a bcrypt comparison without a login: stricter than login. */
  AUTH_RECOVER_RATE_LIMIT_PER_CLIENT: positiveInt(5),
  API_RATE_LIMIT_PER_CLIENT: positiveInt(600),
  ALLOWED_ORIGINS: z
    .string()
    .transform((value, ctx) => {
      const origins: string[] = [];
      for (const entry of value.split(',').map((part) => part.trim().replace(/\/$/, ''))) {
        if (!entry) {
          continue;
        }
        if (!URL.canParse(entry) || new URL(entry).origin !== entry) {
          ctx.addIssue({ code: 'custom', message: `"${entry}" is not an origin like https://kring.example` });
          return z.NEVER;
        }
        origins.push(entry);
      }
      return origins;
    })
    .optional(),
  /** The address people open Kring at, for links printed on a referral card; unset: the server's own. */
  PUBLIC_URL: z
    .string()
    .transform((value, ctx) => {
      const url = value.trim().replace(/\/+$/, '');
      if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol) || new URL(url).origin !== url) {
        ctx.addIssue({ code: 'custom', message: `"${value}" is not an address like https://kring.example` });
        return z.NEVER;
      }
      return url;
    })
    .optional(),
  CHAT_RATE_LIMIT_PER_CONNECTION: positiveInt(5),
  CHAT_AUTH_GRACE_SECONDS: positiveInt(30),
  /** How long a crisis alert waits for a group moderator's claim before it goes to the on-duty crisis responders. */
  CRISIS_ESCALATION_SECONDS: z.coerce.number().int().min(10).max(3600).default(180),
  /** How long marking oneself on duty for crisis alerts lasts before it ends by itself. */
  CRISIS_DUTY_HOURS: z.coerce.number().int().min(1).max(24).default(8),
  CHAT_SEND_QUEUE_LIMIT: positiveInt(100),
  /** Prometheus metrics on a listener of their own (off when unset); 0 picks a free port. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().min(1).optional(),
  /** A bearer token for the metrics: on the main port's /api/metrics, or on METRICS_PORT's listener. */
  METRICS_TOKEN: z
    .string()
    .min(32, 'must be at least 32 characters')
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    .optional(),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  http: { port: number; host: string };
  database: {
    url: string | undefined;
    poolSize: number;
    dataDir: string;
    /** How long opening a connection (or waiting for a free one in the pool) may take. */
    connectTimeoutMs: number;
    /** How long one statement may run: PostgreSQL cancels it, and the driver gives up on a server that does not answer. */
    statementTimeoutMs: number;
    /** Whether the hot statements are sent as named (prepared) statements, planned once per connection. */
    preparedStatements: boolean;
  };
  /** Only for running several processes: shared socket rooms, rate limits and events. */
  redis: { url: string | undefined; keyPrefix: string };
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (for rate limits only). */
  trustProxy: boolean;
  /** The origin printed in links (a referral card); null: the server's own (see `ownOrigins`), never a request's Host. */
  publicUrl: string | null;
  auth: {
    jwtSecret: string;
    bcryptCost: number;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    issuer: string;
    audience: string;
  };
  rateLimits: {
    authPerClient: number;
    authPerLoginName: number;
    /** Account recovery per client, on top of the auth limits. */
    recoverPerClient: number;
    apiPerClient: number;
    windowMs: number;
  };
  chat: {
    /** Browser origins allowed to open a socket; null: the server's own (localhost and 127.0.0.1 on its port). */
    allowedOrigins: string[] | null;
    /** Messages one connection may send per window. */
    messagesPerWindow: number;
    windowMs: number;
    /** How long an expired connection may take to send a fresh token. */
    authGraceMs: number;
    /** Sends this process may have in progress; one more is refused at once with `service_unavailable`. */
    sendQueueLimit: number;
  };
  /** Crisis alerts: after this long unclaimed they go to the on-duty responders, and are announced again as often. */
  crisis: { escalationMs: number; manualDutyMs: number };
  /**
   * Prometheus metrics, off when neither is set: on a listener of their own (`port`, on `host`) when
   * a port is set, else on the main port's `/api/metrics` behind the token.
   */
  metrics: { port: number | null; host: string; token: string | null };
  logLevel: LogLevel;
}

export class ConfigError extends Error {}

/**
 * Parses the environment once at boot. A wrong value stops the server with a message that
 * names the variable, so an operator knows what to fix.
 */
export function loadAppConfig(env: Record<string, string | undefined>): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const vars = parsed.data;
  if (vars.NODE_ENV === 'production' && !vars.JWT_SECRET) {
    throw new ConfigError('Invalid configuration:\n  JWT_SECRET: required when NODE_ENV=production');
  }
  if (vars.METRICS_PORT !== undefined && vars.METRICS_PORT !== 0 && vars.METRICS_PORT === vars.PORT) {
    throw new ConfigError(
      'Invalid configuration:\n  METRICS_PORT: must differ from PORT (unset it to serve /api/metrics on PORT)',
    );
  }
  if (vars.METRICS_HOST !== undefined && vars.METRICS_PORT === undefined) {
    throw new ConfigError('Invalid configuration:\n  METRICS_HOST: only means something with METRICS_PORT');
  }
  if (vars.BCRYPT_COST < 12 && vars.NODE_ENV !== 'test') {
    throw new ConfigError('Invalid configuration:\n  BCRYPT_COST: must be at least 12 (lower only when NODE_ENV=test)');
  }
  const dataDir = resolve(vars.DATA_DIR);
  return {
    env: vars.NODE_ENV,
    http: { port: vars.PORT, host: vars.HOST },
    database: {
      url: vars.DATABASE_URL,
      poolSize: vars.DATABASE_POOL_SIZE,
      dataDir,
      connectTimeoutMs: vars.DATABASE_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: vars.DATABASE_STATEMENT_TIMEOUT_MS,
      preparedStatements: vars.DATABASE_PREPARED_STATEMENTS === 'true',
    },
    redis: { url: vars.REDIS_URL, keyPrefix: vars.REDIS_KEY_PREFIX },
    trustProxy: vars.TRUST_PROXY === 'true',
    publicUrl: vars.PUBLIC_URL ?? null,
    auth: {
      jwtSecret: vars.JWT_SECRET ?? developmentJwtSecret(dataDir),
      bcryptCost: vars.BCRYPT_COST,
      accessTokenTtlSeconds: 15 * 60,
      refreshTokenTtlSeconds: 30 * 24 * 60 * 60,
      issuer: 'kring',
      audience: 'kring-api',
    },
    rateLimits: {
      authPerClient: vars.AUTH_RATE_LIMIT_PER_CLIENT,
      authPerLoginName: vars.AUTH_RATE_LIMIT_PER_LOGIN_NAME,
      recoverPerClient: vars.AUTH_RECOVER_RATE_LIMIT_PER_CLIENT,
      apiPerClient: vars.API_RATE_LIMIT_PER_CLIENT,
      windowMs: 60_000,
    },
    chat: {
      allowedOrigins: vars.ALLOWED_ORIGINS ?? null,
      messagesPerWindow: vars.CHAT_RATE_LIMIT_PER_CONNECTION,
      windowMs: 5_000,
      authGraceMs: vars.CHAT_AUTH_GRACE_SECONDS * 1000,
      sendQueueLimit: vars.CHAT_SEND_QUEUE_LIMIT,
    },
    crisis: { escalationMs: vars.CRISIS_ESCALATION_SECONDS * 1000, manualDutyMs: vars.CRISIS_DUTY_HOURS * 3_600_000 },
    metrics: {
      port: vars.METRICS_PORT ?? null,
      host: vars.METRICS_HOST ?? '127.0.0.1',
      token: vars.METRICS_TOKEN ?? null,
    },
    logLevel: vars.LOG_LEVEL,
  };
}

/** Generated once and kept beside the data, so tokens survive a restart in development. */
function developmentJwtSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length < 32) {
      // An empty or cut-off file (a full disk, a crash while writing) would sign tokens with a guessable key.
      throw new ConfigError(
        `Invalid configuration:\n  JWT_SECRET: unset, and the secret kept in ${file} is shorter than 32 characters; ` +
          'delete that file to generate a new one, or set JWT_SECRET',
      );
    }
    return kept;
  }
  if (existsSync(join(dataDir, MARKER_FILE))) {
    // The folder holds a database whose logins were signed with the lost secret: a new one would
    // quietly end every login (and what is keyed by it) instead of saying the folder is incomplete.
    throw new ConfigError(
      `Invalid configuration:\n  JWT_SECRET: unset, and ${file} is missing although ${dataDir} holds a database; ` +
        'restore that file from your backup together with the database, or set JWT_SECRET (every login made before then ends)',
    );
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return secret;
}
