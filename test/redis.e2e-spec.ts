import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { DomainEvents } from '../src/events/domain-events.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Two processes' worth of Kring on one database and one Redis (the local one on 6379, which CI
 * starts): what must be shared between processes is shared.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('with REDIS_URL set', () => {
  let database: TestDatabase;
  let first: TestApp;
  let second: TestApp;
  const secret = `shared-secret-${Date.now()}-0123456789abcdef`;

  beforeAll(async () => {
    if (process.env.DATABASE_URL) {
      database = await createTestDatabase();
      const env = { REDIS_URL, JWT_SECRET: secret, AUTH_RATE_LIMIT_PER_LOGIN_NAME: '3' };
      first = await startTestApp({ database, env });
      second = await startTestApp({ database, env });
    } else {
      // The embedded database belongs to one process: two apps get two folders and share only Redis.
      const env = { REDIS_URL, JWT_SECRET: secret, AUTH_RATE_LIMIT_PER_LOGIN_NAME: '3' };
      first = await startTestApp({ env });
      second = await startTestApp({ env });
    }
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.drop();
  });

  it('reports Redis in the health check', async () => {
    const health = await first.http.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok', database: 'up', redis: 'up' });
  });

  it('shares the per-login-name limit between processes', async () => {
    const loginName = `shared_${Date.now()}`;
    const statuses: number[] = [];
    for (const app of [first, second, first, second]) {
      const response = await app.http.post('/api/auth/login').send({ loginName, password: 'not the password at all' });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('carries domain events to the other process, ids only', async () => {
    const received: unknown[] = [];
    const stop = second.app.get(DomainEvents).on('session.revoked', (payload) => {
      received.push(payload);
    });
    const payload = {
      accountId: '00000000-0000-4000-8000-000000000001',
      sessionId: '00000000-0000-4000-8000-000000000002',
    };
    await first.app.get(DomainEvents).emit('session.revoked', payload);
    for (let i = 0; i < 250 && received.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    stop();
    expect(received).toEqual([payload]);
  });

  it('keeps serving, degraded, while Redis does not answer', async () => {
    const admin = new Redis(REDIS_URL);
    try {
      await admin.client('PAUSE', 3000, 'ALL');
      const health = await first.http.get('/api/health');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: 'degraded', database: 'up', redis: 'down' });
    } finally {
      await admin.client('UNPAUSE');
      admin.disconnect();
    }
    const back = await first.http.get('/api/health');
    expect(back.body.status).toBe('ok');
  });

  // Last: a third app registers its own passport strategies (see startTestApp).
  it('keeps a site with another REDIS_KEY_PREFIX apart on the same Redis', async () => {
    const other = await startTestApp({
      env: { REDIS_URL, JWT_SECRET: `other-site-${Date.now()}-0123456789abcdef`, REDIS_KEY_PREFIX: 'other-site:' },
    });
    try {
      const toOther: unknown[] = [];
      const toSecond: unknown[] = [];
      const stopOther = other.app.get(DomainEvents).on('session.revoked', (payload) => {
        toOther.push(payload);
      });
      const stopSecond = second.app.get(DomainEvents).on('session.revoked', (payload) => {
        toSecond.push(payload);
      });
      await first.app.get(DomainEvents).emit('session.revoked', {
        accountId: '00000000-0000-4000-8000-000000000003',
        sessionId: '00000000-0000-4000-8000-000000000004',
      });
      for (let i = 0; i < 250 && toSecond.length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // By the time its own site's process has it, the relay has published it once and for all.
      await new Promise((resolve) => setTimeout(resolve, 200));
      stopOther();
      stopSecond();
      expect(toSecond).toHaveLength(1);
      expect(toOther).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
