import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registerMember } from './support/accounts.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app?.close();
});

interface RequestLine {
  level: number;
  req?: { id: string; method: string; path: string };
  res?: { statusCode: number };
  msg?: string;
}

function requestLines(): RequestLine[] {
  return app
    .logs()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RequestLine)
    .filter((line) => line.msg === 'request completed');
}

describe('the request log of the running app', () => {
  it('has one line per API request: id, method, path without query, status; never the token, body, query or address', async () => {
    const member = await registerMember(app);
    const before = requestLines().length;
    const groups = await app.http.get('/api/groups?q=canaryquery').set('Authorization', member.bearer);
    expect(groups.status).toBe(200);
    const refused = await app.http
      .post('/api/auth/login')
      .set('X-Forwarded-For', '203.0.113.9')
      .send({ loginName: 'canarylogin', password: 'canary password text' });
    expect(refused.status).toBe(401);

    const lines = requestLines().slice(before);
    expect(lines).toEqual([
      {
        level: 30,
        time: expect.any(Number),
        pid: process.pid,
        hostname: expect.any(String),
        req: { id: expect.stringMatching(/^[0-9a-f-]{36}$/), method: 'GET', path: '/api/groups' },
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
        msg: 'request completed',
      },
      expect.objectContaining({ level: 40, req: expect.objectContaining({ method: 'POST', path: '/api/auth/login' }) }),
    ]);
    expect(lines[0].req?.id).not.toBe(lines[1].req?.id);

    const logs = app.logs();
    const token = member.bearer.replace('Bearer ', '');
    for (const sent of [token, 'canaryquery', 'canarylogin', 'canary password text', '203.0.113.9', '127.0.0.1']) {
      expect(logs).not.toContain(sent);
    }
  });
});
