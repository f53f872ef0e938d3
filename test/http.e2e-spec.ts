import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { registerMember, strongPassword, type TestMember } from './support/accounts.js';
import { expectError } from './support/errors.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Letters only, so the name is a valid login name and cannot look like a phone number. */
function canary(prefix: string): string {
  const letters = [...randomBytes(12)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('');
  return `${prefix}${letters}`;
}

/** What helmet puts on every response, as configured in bootstrap.ts. */
function expectSecurityHeaders(response: Response): void {
  const headers = response.headers;
  expect(headers['content-security-policy']).toContain("default-src 'self'");
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toContain("object-src 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('SAMEORIGIN');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['strict-transport-security']).toMatch(/max-age=\d+/);
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['x-powered-by']).toBeUndefined();
  expect(headers['x-robots-tag']).toContain('noindex');
}

function expectApiHeaders(response: Response): void {
  expectSecurityHeaders(response);
  expect(response.headers['cache-control']).toBe('no-store');
}

let app: TestApp;

beforeAll(async () => {
  // The most talkative level, for the log spec below.
  app = await startTestApp({ env: { LOG_LEVEL: 'trace' } });
});

afterAll(async () => {
  await app.close();
});

describe('HTTP', () => {
  let member: TestMember;

  beforeAll(async () => {
    member = await registerMember(app);
  });

  it('GET /api/health answers 200 with the database up', async () => {
    const response = await app.http.get('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', database: 'up' });
    expectApiHeaders(response);
  });

  it('sends the security headers, no-store and noindex on API answers that carry secrets', async () => {
    const login = await app.http
      .post('/api/auth/login')
      .send({ loginName: member.loginName, password: member.password });
    expect(login.status).toBe(200);
    expectApiHeaders(login);
    const registration = await app.http
      .post('/api/auth/register')
      .send({ loginName: `${member.loginName}_2`, password: strongPassword() });
    expect(registration.status).toBe(201);
    expectApiHeaders(registration);
    expectApiHeaders(await app.http.get('/api/me').set('Authorization', member.bearer));
  });

  it('sends the security headers on the web client and its assets too', async () => {
    const page = await app.http.get('/');
    expect(page.status).toBe(200);
    expectSecurityHeaders(page);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.text)?.[1];
    expect(script).toBeDefined();
    expectSecurityHeaders(await app.http.get(script!));
  });

  it('sends them on refusals too: 400, 401, 404 and 413', async () => {
    expectApiHeaders(await app.http.post('/api/auth/register').send({}));
    expectApiHeaders(await app.http.get('/api/me'));
    expectApiHeaders(await app.http.get('/api/no-such-thing'));
    expectApiHeaders(await app.http.post('/api/no-such-thing').send({}));
    expectApiHeaders(await app.http.post('/api/auth/login').send({ loginName: 'x'.repeat(70 * 1024) }));
  });

  it('asks search engines to keep away from the site itself, not only the API', async () => {
    const response = await app.http.get('/');
    expectSecurityHeaders(response);
  });

  it('serves the OpenAPI UI at /api/docs and the document beside it', async () => {
    const ui = await app.http.get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
    expect(ui.text).toContain('swagger-ui');
    const document = await app.http.get('/api/docs-json');
    expect(document.status).toBe(200);
    expect(document.body.info.title).toBe('Kring API');
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/register', '/api/auth/login', '/api/auth/refresh', '/api/me', '/api/health']),
    );
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await app.http
      .post('/api/auth/register')
      .set('Content-Type', 'application/xml')
      .send('<account><loginName>quiet</loginName></account>');
    expectError(response, 415, 'unsupported_media_type');
  });

  it('refuses an empty body that says it is JSON with 400', async () => {
    const response = await app.http.post('/api/auth/login').set('Content-Type', 'application/json').send('');
    expectError(response, 400, 'validation_failed');
  });
});

/**
 * Logs say what was asked and how it went, never who asked or what they sent: a canary login name
 * and canary passwords go through every account route, and must not appear in any log line, at the
 * most talkative log level.
 */
describe('the logs', () => {
  const loginName = canary('canary_');
  const password = canary('Canary-Password-');
  const newPassword = canary('Canary-Recovered-');
  const changedPassword = canary('Canary-Changed-');
  const secrets: string[] = [loginName, password, newPassword, changedPassword];

  beforeAll(async () => {
    const registered = await app.http.post('/api/auth/register').send({ loginName: loginName.toUpperCase(), password });
    expect(registered.status).toBe(201);
    const codes = registered.body.recoveryCodes as string[];
    secrets.push(...codes, ...codes.map((code) => code.replaceAll('-', '')));

    const taken = await app.http.post('/api/auth/register').send({ loginName, password });
    expect(taken.status).toBe(409);
    const emailLike = await app.http
      .post('/api/auth/register')
      .send({ loginName: `${loginName}@example.com`, password });
    expect(emailLike.status).toBe(400);

    const login = await app.http.post('/api/auth/login').send({ loginName, password });
    expect(login.status).toBe(200);
    secrets.push(login.body.accessToken, login.body.refreshToken, ...(login.body.refreshToken as string).split('.'));
    const failed = await app.http.post('/api/auth/login').send({ loginName, password: `${password}-wrong` });
    expect(failed.status).toBe(401);
    const unknown = await app.http.post('/api/auth/login').send({ loginName: `${loginName}x`, password });
    expect(unknown.status).toBe(401);

    const refreshed = await app.http.post('/api/auth/refresh').send({ refreshToken: login.body.refreshToken });
    expect(refreshed.status).toBe(200);
    secrets.push(refreshed.body.accessToken, refreshed.body.refreshToken);
    const reused = await app.http.post('/api/auth/refresh').send({ refreshToken: login.body.refreshToken });
    expect(reused.status).toBe(401);

    const recovered = await app.http.post('/api/auth/recover').send({ loginName, recoveryCode: codes[0], newPassword });
    expect(recovered.status).toBe(204);
    const reusedCode = await app.http
      .post('/api/auth/recover')
      .send({ loginName, recoveryCode: codes[0], newPassword });
    expect(reusedCode.status).toBe(401);

    const again = await app.http.post('/api/auth/login').send({ loginName, password: newPassword });
    expect(again.status).toBe(200);
    secrets.push(again.body.accessToken, again.body.refreshToken);
    const bearer = `Bearer ${again.body.accessToken}`;
    expect((await app.http.get('/api/me').set('Authorization', bearer)).status).toBe(200);
    const change = await app.http
      .post('/api/me/password')
      .set('Authorization', bearer)
      .send({ currentPassword: newPassword, newPassword: changedPassword });
    expect(change.status).toBe(204);
    const search = await app.http.get(`/api/no-such-thing?name=${loginName}`);
    expect(search.status).toBe(404);
  });

  it('record the requests: method, path and status', () => {
    const logs = app.logs();
    expect(logs).toContain('"method":"POST"');
    expect(logs).toContain('"path":"/api/auth/login"');
    expect(logs).toContain('"statusCode":401');
  });

  it('never hold a login name, password, recovery code or token that was sent or handed out', () => {
    const logs = app.logs();
    const lowered = logs.toLowerCase();
    const found = secrets.filter((secret) => lowered.includes(secret.toLowerCase()));
    expect(found).toEqual([]);
  });

  it("never hold the client's address, nor headers", () => {
    const logs = app.logs();
    expect(logs).not.toContain('127.0.0.1');
    expect(logs).not.toMatch(/remoteAddress|remotePort|"headers"|authorization|user-agent|"query"/i);
  });
});
