import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Letters only, so the name is a valid login name and cannot look like a phone number. */
function canary(prefix: string): string {
  const letters = [...randomBytes(12)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('');
  return `${prefix}${letters}`;
}

/**
 * Logs say what was asked and how it went, never who asked or what they sent: a canary login name
 * and canary passwords go through every account route, and must not appear in any log line, at the
 * most talkative log level.
 */
describe('the logs', () => {
  let app: TestApp;
  const loginName = canary('canary_');
  const password = canary('Canary-Password-');
  const newPassword = canary('Canary-Recovered-');
  const changedPassword = canary('Canary-Changed-');
  const secrets: string[] = [loginName, password, newPassword, changedPassword];

  beforeAll(async () => {
    app = await startTestApp({ env: { LOG_LEVEL: 'trace' } });

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

  afterAll(async () => {
    await app.close();
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
