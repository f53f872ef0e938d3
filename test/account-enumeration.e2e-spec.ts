import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { registerMember, strongPassword, uniqueLoginName, type TestMember } from './support/accounts.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const ROUNDS = 7;
/** Generous on purpose: a missing bcrypt comparison shows up as a factor of five or more. */
const FACTOR = 2;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Times two kinds of failing request, interleaved so that any slowdown of the machine hits both,
 * and returns the median of each.
 */
async function medians(
  first: () => Promise<Response>,
  second: () => Promise<Response>,
  status: number,
): Promise<[number, number]> {
  await first();
  await second();
  const times: [number[], number[]] = [[], []];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, request] of [first, second].entries()) {
      const start = performance.now();
      const response = await request();
      times[index].push(performance.now() - start);
      expect(response.status).toBe(status);
    }
  }
  return [median(times[0]), median(times[1])];
}

/**
 * Nobody can tell from a failed login or recovery whether a login name exists: not from the
 * answer (checked elsewhere) and not from how long it takes. bcrypt cost 8 here, so that a
 * comparison (≈15 ms) stands well above the noise of an HTTP round trip.
 */
describe('failed logins and recoveries', () => {
  let app: TestApp;
  let member: TestMember;

  beforeAll(async () => {
    app = await startTestApp({ env: { BCRYPT_COST: '8' } });
    member = await registerMember(app);
  });

  afterAll(async () => {
    await app.close();
  });

  it('take about the same time for a wrong password as for an unknown login name', async () => {
    const [wrongPassword, unknownName] = await medians(
      () => app.http.post('/api/auth/login').send({ loginName: member.loginName, password: strongPassword() }),
      () => app.http.post('/api/auth/login').send({ loginName: uniqueLoginName('nobody'), password: strongPassword() }),
      401,
    );
    expect(Math.max(wrongPassword, unknownName) / Math.min(wrongPassword, unknownName)).toBeLessThan(FACTOR);
  });

  it('take about the same time for a wrong recovery code as for an unknown login name', async () => {
    const attempt = (loginName: string) =>
      app.http
        .post('/api/auth/recover')
        .send({ loginName, recoveryCode: 'aaaa-bbbb-cccc-dddd', newPassword: strongPassword() });
    const [wrongCode, unknownName] = await medians(
      () => attempt(member.loginName),
      () => attempt(uniqueLoginName('nobody')),
      401,
    );
    expect(Math.max(wrongCode, unknownName) / Math.min(wrongCode, unknownName)).toBeLessThan(FACTOR);
  });
});
