import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createKringApp } from '../../src/bootstrap.js';
import { loadAppConfig } from '../../src/config/app-config.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  app: NestFastifyApplication;
  baseUrl: string;
  http: ReturnType<typeof request>;
  /** Every log line the app wrote, as text. */
  logs: () => string;
  database: TestDatabase;
  /** Closes the app, then drops the database; call it in afterAll. */
  close(): Promise<void>;
  /** Closes the app but keeps the database, to start a second app on it. */
  stop(): Promise<void>;
}

export interface TestAppOptions {
  /** Extra environment for this app (a lower rate limit, say). */
  env?: Record<string, string>;
  /** Reuse a database (a restart); by default the app gets a fresh one. */
  database?: TestDatabase;
}

/** Test defaults: cheap bcrypt and generous limits, so tests measure behaviour rather than waiting. */
const TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  BCRYPT_COST: '4',
  LOG_LEVEL: 'info',
  AUTH_RATE_LIMIT_PER_CLIENT: '10000',
  AUTH_RATE_LIMIT_PER_LOGIN_NAME: '10000',
  AUTH_RECOVER_RATE_LIMIT_PER_CLIENT: '10000',
  API_RATE_LIMIT_PER_CLIENT: '100000',
  // Apps of one test file share the local Redis's keys and channels; other files (and a second
  // test run beside this one) never meet them. Modules load afresh for every test file.
  REDIS_KEY_PREFIX: `kring-test-${randomBytes(4).toString('hex')}:`,
};

/**
 * Boots the real Kring app on a random port, on a database of its own.
 *
 * Passport keeps its strategies in one process-wide registry, and every app registers its own
 * `local` and `jwt` there: the app started last checks logins and tokens for all apps in this
 * process. Run two apps at once only when they share the database and JWT secret (scale-out),
 * and do not use the first one for logins after the second has stopped.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const chunks: string[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  const config = loadAppConfig({
    ...TEST_ENV,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ...database.env,
    ...options.env,
  });
  const app = await createKringApp({ config, logDestination });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  if (!address || typeof address === 'string') {
    throw new Error('the test app is not listening on a TCP port');
  }
  const baseUrl = `http://127.0.0.1:${address.port}`;
  let stopped = false;
  const stop = async () => {
    if (!stopped) {
      stopped = true;
      await app.close();
    }
  };
  return {
    app,
    baseUrl,
    http: request(baseUrl),
    logs: () => chunks.join(''),
    database,
    stop,
    async close() {
      await stop();
      if (!options.database) {
        await database.drop();
      }
    },
  };
}
