import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ConfigError, loadAppConfig } from './app-config.js';

const SECRET = 's'.repeat(40);

/** The message `loadAppConfig` fails with, or a failure of the test when it does not fail. */
function problem(env: Record<string, string | undefined>): string {
  try {
    loadAppConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error(`loadAppConfig accepted ${JSON.stringify(env)}`);
}

describe('loadAppConfig', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'kring-config-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('has the documented defaults', () => {
    const config = loadAppConfig({ JWT_SECRET: SECRET, DATA_DIR: dataDir });
    expect(config).toMatchObject({
      env: 'development',
      http: { port: 3000, host: '127.0.0.1' },
      database: { url: undefined, poolSize: 10, dataDir },
      auth: { jwtSecret: SECRET, bcryptCost: 12, accessTokenTtlSeconds: 900 },
      rateLimits: { authPerClient: 20, authPerLoginName: 10, apiPerClient: 600, windowMs: 60_000 },
      logLevel: 'info',
    });
  });

  it('bounds every wait on the database and the chat send queue by default', () => {
    const config = loadAppConfig({ JWT_SECRET: SECRET, DATA_DIR: dataDir });
    expect(config.database).toMatchObject({ connectTimeoutMs: 5_000, statementTimeoutMs: 10_000 });
    expect(config.chat.sendQueueLimit).toBe(100);
  });

  it('names the hot statements unless DATABASE_PREPARED_STATEMENTS=false (PgBouncer before 1.21)', () => {
    expect(loadAppConfig({ JWT_SECRET: SECRET, DATA_DIR: dataDir }).database.preparedStatements).toBe(true);
    const off = loadAppConfig({ JWT_SECRET: SECRET, DATA_DIR: dataDir, DATABASE_PREPARED_STATEMENTS: 'false' });
    expect(off.database.preparedStatements).toBe(false);
  });

  it.each([
    ['DATABASE_CONNECT_TIMEOUT_MS', '0'],
    ['DATABASE_CONNECT_TIMEOUT_MS', 'soon'],
    ['DATABASE_STATEMENT_TIMEOUT_MS', '-5'],
    ['DATABASE_STATEMENT_TIMEOUT_MS', '99'],
    ['CHAT_SEND_QUEUE_LIMIT', '0'],
    ['DATABASE_PREPARED_STATEMENTS', 'no'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(problem({ JWT_SECRET: SECRET, DATA_DIR: dataDir, [name]: value })).toContain(name);
  });

  it('treats an empty variable as unset', () => {
    const config = loadAppConfig({ JWT_SECRET: SECRET, DATA_DIR: dataDir, PORT: '', DATABASE_URL: '' });
    expect(config.http.port).toBe(3000);
    expect(config.database.url).toBeUndefined();
  });

  it.each([['development'], ['production']])('refuses BCRYPT_COST below 12 when NODE_ENV=%s', (env) => {
    const message = problem({ NODE_ENV: env, BCRYPT_COST: '11', JWT_SECRET: SECRET, DATA_DIR: dataDir });
    expect(message).toMatch(/BCRYPT_COST: must be at least 12/);
  });

  it('allows a low BCRYPT_COST only when NODE_ENV=test', () => {
    expect(loadAppConfig({ NODE_ENV: 'test', BCRYPT_COST: '4', JWT_SECRET: SECRET }).auth.bcryptCost).toBe(4);
  });

  it.each([['3'], ['16'], ['twelve'], ['12.5']])('refuses BCRYPT_COST=%s, naming it', (cost) => {
    expect(problem({ NODE_ENV: 'test', BCRYPT_COST: cost, JWT_SECRET: SECRET })).toMatch(/BCRYPT_COST/);
  });

  it('refuses a missing JWT_SECRET in production, naming it', () => {
    expect(problem({ NODE_ENV: 'production', DATA_DIR: dataDir })).toMatch(
      /JWT_SECRET: required when NODE_ENV=production/,
    );
  });

  it('refuses a JWT_SECRET shorter than 32 characters, naming it', () => {
    expect(problem({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toMatch(/JWT_SECRET: must be at least 32/);
  });

  it('names Redis keys with REDIS_KEY_PREFIX, "kring:" unless set, and refuses one that could run into a key', () => {
    expect(loadAppConfig({ JWT_SECRET: SECRET, DATA_DIR: dataDir }).redis.keyPrefix).toBe('kring:');
    expect(loadAppConfig({ JWT_SECRET: SECRET, DATA_DIR: dataDir, REDIS_KEY_PREFIX: 'staging:' }).redis.keyPrefix).toBe(
      'staging:',
    );
    for (const prefix of ['staging', 'a b:', 'x'.repeat(49) + ':']) {
      expect(problem({ JWT_SECRET: SECRET, DATA_DIR: dataDir, REDIS_KEY_PREFIX: prefix })).toMatch(
        /REDIS_KEY_PREFIX: /,
      );
    }
  });

  it('takes PUBLIC_URL as an origin for printed links (no trailing slash), null when unset', () => {
    expect(loadAppConfig({ JWT_SECRET: SECRET, DATA_DIR: dataDir }).publicUrl).toBeNull();
    expect(
      loadAppConfig({ JWT_SECRET: SECRET, DATA_DIR: dataDir, PUBLIC_URL: 'https://kring.example/' }).publicUrl,
    ).toBe('https://kring.example');
  });

  it.each([['kring.example'], ['ftp://kring.example'], ['https://kring.example/app'], ['https://kring.example?x=1']])(
    'refuses PUBLIC_URL=%s, naming it',
    (url) => {
      expect(problem({ PUBLIC_URL: url, JWT_SECRET: SECRET, DATA_DIR: dataDir })).toMatch(/^ {2}PUBLIC_URL: /m);
    },
  );

  it.each([['abc'], ['70000'], ['-1'], ['80.5']])('refuses PORT=%s, naming it', (port) => {
    expect(problem({ PORT: port, JWT_SECRET: SECRET, DATA_DIR: dataDir })).toMatch(/^ {2}PORT: /m);
  });

  it.each([
    ['DATABASE_URL', 'mysql://root@localhost/kring'],
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'loud'],
    ['DATABASE_POOL_SIZE', '0'],
    ['AUTH_RATE_LIMIT_PER_CLIENT', 'many'],
    ['AUTH_RATE_LIMIT_PER_LOGIN_NAME', '-5'],
    ['API_RATE_LIMIT_PER_CLIENT', '1.5'],
  ])('refuses a bad %s, naming it', (variable, value) => {
    expect(problem({ [variable]: value, JWT_SECRET: SECRET, DATA_DIR: dataDir })).toMatch(
      new RegExp(`^ {2}${variable}: `, 'm'),
    );
  });

  it('keeps metrics off unless METRICS_PORT or METRICS_TOKEN is set; their listener on 127.0.0.1', () => {
    expect(loadAppConfig({ JWT_SECRET: SECRET, DATA_DIR: dataDir }).metrics).toEqual({
      port: null,
      host: '127.0.0.1',
      token: null,
    });
    const token = 't'.repeat(32);
    expect(
      loadAppConfig({ JWT_SECRET: SECRET, DATA_DIR: dataDir, METRICS_PORT: '9464', METRICS_TOKEN: token }).metrics,
    ).toEqual({ port: 9464, host: '127.0.0.1', token });
  });

  it.each([
    ['METRICS_TOKEN', { METRICS_TOKEN: 'short' }],
    ['METRICS_TOKEN', { METRICS_TOKEN: `${'t'.repeat(32)} with spaces` }],
    ['METRICS_PORT', { METRICS_PORT: '70000' }],
    ['METRICS_PORT', { METRICS_PORT: '3000' }],
    ['METRICS_HOST', { METRICS_HOST: '0.0.0.0' }],
  ])('refuses a bad %s (%p), naming it', (variable, env) => {
    expect(problem({ ...env, JWT_SECRET: SECRET, DATA_DIR: dataDir })).toMatch(new RegExp(`^ {2}${variable}: `, 'm'));
  });

  it('names every bad variable at once', () => {
    const message = problem({ PORT: 'x', LOG_LEVEL: 'loud', JWT_SECRET: SECRET, DATA_DIR: dataDir });
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/LOG_LEVEL/);
  });

  it('generates a JWT secret once in development, kept private in DATA_DIR for the next start', () => {
    const first = loadAppConfig({ DATA_DIR: dataDir });
    const second = loadAppConfig({ DATA_DIR: dataDir });
    expect(first.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(second.auth.jwtSecret).toBe(first.auth.jwtSecret);
    const file = join(dataDir, 'jwt-secret');
    expect(readFileSync(file, 'utf8')).toBe(first.auth.jwtSecret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses to make a new secret for a folder that holds a database, rather than quietly ending every login', () => {
    writeFileSync(join(dataDir, 'kring-database.json'), '{}');
    expect(problem({ DATA_DIR: dataDir })).toMatch(
      /JWT_SECRET: unset, and .*jwt-secret is missing although .* holds a database/,
    );
    expect(loadAppConfig({ DATA_DIR: dataDir, JWT_SECRET: SECRET }).auth.jwtSecret).toBe(SECRET);
  });

  it('refuses an empty kept secret rather than signing tokens with it, naming JWT_SECRET', () => {
    writeFileSync(join(dataDir, 'jwt-secret'), '\n');
    expect(problem({ DATA_DIR: dataDir })).toMatch(/JWT_SECRET: .*shorter than 32 characters/);
  });

  it('never writes a generated secret when JWT_SECRET is given', () => {
    loadAppConfig({ JWT_SECRET: SECRET, DATA_DIR: dataDir });
    expect(() => statSync(join(dataDir, 'jwt-secret'))).toThrow(/ENOENT/);
  });
});
