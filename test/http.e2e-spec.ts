import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { registerMember, strongPassword, type TestMember } from './support/accounts.js';
import { expectError } from './support/errors.js';
import { startTestApp, type TestApp } from './support/test-app.js';

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

describe('HTTP', () => {
  let app: TestApp;
  let member: TestMember;

  beforeAll(async () => {
    app = await startTestApp();
    member = await registerMember(app);
  });

  afterAll(async () => {
    await app.close();
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
