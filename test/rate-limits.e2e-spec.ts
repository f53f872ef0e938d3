import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { strongPassword, uniqueLoginName } from './support/accounts.js';
import { countRows } from './support/database-rows.js';
import { expectError } from './support/errors.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** A 429 in the one error shape, with a `Retry-After` of whole seconds within the one-minute window. */
function expectRateLimited(response: Response): void {
  const body = expectError(response, 429, 'rate_limited');
  const retryAfter = Number(response.headers['retry-after']);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(body.message).toMatch(/try again/);
}

describe('rate limits', () => {
  describe('per client, on registration and login', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp({ env: { AUTH_RATE_LIMIT_PER_CLIENT: '3', AUTH_RATE_LIMIT_PER_LOGIN_NAME: '100' } });
    });

    afterAll(async () => {
      await app.close();
    });

    it('refuses the attempt after the limit with 429 and Retry-After, whatever the login name, and writes nothing', async () => {
      const loginName = uniqueLoginName();
      const password = strongPassword();
      expect((await app.http.post('/api/auth/register').send({ loginName, password })).status).toBe(201);
      expect((await app.http.post('/api/auth/login').send({ loginName, password })).status).toBe(200);
      expect((await app.http.post('/api/auth/login').send({ loginName: uniqueLoginName(), password })).status).toBe(
        401,
      );
      const before = await countRows(app);

      expectRateLimited(
        await app.http.post('/api/auth/register').send({ loginName: uniqueLoginName(), password: strongPassword() }),
      );
      expectRateLimited(await app.http.post('/api/auth/login').send({ loginName, password }));
      expectRateLimited(await app.http.post('/api/auth/refresh').send({ refreshToken: 'x.y' }));
      expectRateLimited(
        await app.http
          .post('/api/auth/recover')
          .send({ loginName, recoveryCode: 'aaaa-bbbb-cccc-dddd', newPassword: strongPassword() }),
      );
      expect(await countRows(app)).toEqual(before);
    });

    it('leaves the rest of the API alone', async () => {
      expect((await app.http.get('/api/health')).status).toBe(200);
    });
  });

  describe('per login name, on login and registration', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp({ env: { AUTH_RATE_LIMIT_PER_CLIENT: '100', AUTH_RATE_LIMIT_PER_LOGIN_NAME: '3' } });
    });

    afterAll(async () => {
      await app.close();
    });

    it('refuses guesses at one name after the limit, even the right password and in another case, and writes nothing', async () => {
      const loginName = uniqueLoginName('target');
      const password = strongPassword();
      expect((await app.http.post('/api/auth/register').send({ loginName, password })).status).toBe(201);
      for (let guess = 0; guess < 2; guess++) {
        const response = await app.http.post('/api/auth/login').send({ loginName, password: strongPassword() });
        expectError(response, 401, 'invalid_credentials');
      }
      const before = await countRows(app);

      expectRateLimited(await app.http.post('/api/auth/login').send({ loginName, password }));
      expectRateLimited(
        await app.http.post('/api/auth/login').send({ loginName: ` ${loginName.toUpperCase()} `, password }),
      );
      expectRateLimited(await app.http.post('/api/auth/register').send({ loginName, password: strongPassword() }));
      expect(await countRows(app)).toEqual(before);
    });

    it('still lets another name in from the same client', async () => {
      const loginName = uniqueLoginName('bystander');
      const password = strongPassword();
      expect((await app.http.post('/api/auth/register').send({ loginName, password })).status).toBe(201);
      expect((await app.http.post('/api/auth/login').send({ loginName, password })).status).toBe(200);
    });

    it('counts registrations of one name too', async () => {
      const loginName = uniqueLoginName('popular');
      const before = await countRows(app);
      for (let attempt = 0; attempt < 3; attempt++) {
        const response = await app.http
          .post('/api/auth/register')
          .send({ loginName, password: attempt === 2 ? 'short' : 'password1234' });
        expectError(response, 400, 'validation_failed');
      }
      expectRateLimited(await app.http.post('/api/auth/register').send({ loginName, password: strongPassword() }));
      expect(await countRows(app)).toEqual(before);
    });
  });

  describe('per client, on the whole API', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp({ env: { API_RATE_LIMIT_PER_CLIENT: '5' } });
    });

    afterAll(async () => {
      await app.close();
    });

    it('refuses the request after the limit with 429 and Retry-After', async () => {
      for (let request = 0; request < 5; request++) {
        expect((await app.http.get('/api/health')).status).toBe(200);
      }
      expectRateLimited(await app.http.get('/api/health'));
      expectRateLimited(await app.http.get('/api/me'));
    });
  });
});
