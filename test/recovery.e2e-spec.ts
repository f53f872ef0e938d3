import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import bcrypt from 'bcrypt';
import { DataSource } from 'typeorm';
import { registerMember, strongPassword, uniqueLoginName, type TestMember } from './support/accounts.js';
import { accountId } from './support/database-rows.js';
import { expectError } from './support/errors.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Account recovery needs no login, so what one attempt costs is what anyone can make the server
 * spend: one bcrypt comparison, whatever the name and however many codes the account has.
 */
describe('account recovery', () => {
  let app: TestApp;
  let compare: { mock: { calls: unknown[][] }; mockRestore(): void } | undefined;
  const jwtSecret = randomBytes(32).toString('hex');

  beforeAll(async () => {
    app = await startTestApp({ env: { JWT_SECRET: jwtSecret } });
  });

  afterEach(() => {
    compare?.mockRestore();
  });

  afterAll(async () => {
    await app.close();
  });

  /** Counts bcrypt comparisons made while `work` runs (bcrypt is the library, not ours: it is only watched). */
  async function comparisonsDuring(work: () => Promise<unknown>): Promise<number> {
    const spy = jest.spyOn(bcrypt, 'compare');
    compare = spy;
    await work();
    const count: number = spy.mock.calls.length;
    spy.mockRestore();
    return count;
  }

  const recover = (loginName: string, recoveryCode: string) =>
    app.http.post('/api/auth/recover').send({ loginName, recoveryCode, newPassword: strongPassword() });

  const db = () => app.app.get(DataSource);

  it('stores each code as a bcrypt hash and a keyed index (HMAC-SHA256 under a key from JWT_SECRET), never the code', async () => {
    const member = await registerMember(app);
    const rows = await db().query<{ code_hash: string; code_index: string }[]>(
      'SELECT code_hash, code_index FROM recovery_code WHERE account_id = $1',
      [await accountId(app, member.loginName)],
    );
    expect(rows).toHaveLength(10);
    const key = Buffer.from(hkdfSync('sha256', jwtSecret, 'kring', 'recovery-code-index v1', 32));
    const keyId = createHmac('sha256', key).update('key id').digest('hex').slice(0, 8);
    const expected = member.recoveryCodes
      .map((code) => `${keyId}:${createHmac('sha256', key).update(code.replaceAll('-', '')).digest('hex')}`)
      .sort();
    expect(rows.map((row) => row.code_index).sort()).toEqual(expected);
    for (const row of rows) {
      expect(row.code_hash).toMatch(/^\$2[aby]\$/);
      expect(member.recoveryCodes.some((code) => row.code_index.includes(code.replaceAll('-', '')))).toBe(false);
    }
  });

  it('costs one bcrypt comparison for an unknown name, a wrong code and a right one, as many as for a login', async () => {
    const member = await registerMember(app);
    const unknown = await comparisonsDuring(async () => {
      expectError(await recover(uniqueLoginName('nobody'), 'aaaa-bbbb-cccc-dddd'), 401, 'invalid_recovery_code');
    });
    const wrong = await comparisonsDuring(async () => {
      expectError(await recover(member.loginName, 'aaaa-bbbb-cccc-dddd'), 401, 'invalid_recovery_code');
    });
    const right = await comparisonsDuring(async () => {
      expect((await recover(member.loginName, member.recoveryCodes[3])).status).toBe(204);
    });
    const used = await comparisonsDuring(async () => {
      expectError(await recover(member.loginName, member.recoveryCodes[3]), 401, 'invalid_recovery_code');
    });
    const login = await comparisonsDuring(async () => {
      expect((await app.http.post('/api/auth/login').send({ loginName: member.loginName, password: 'x' })).status).toBe(
        401,
      );
    });
    expect({ unknown, wrong, right, used }).toEqual({ unknown: 1, wrong: 1, right: 1, used: 1 });
    expect(login).toBe(1);
  });

  it('does not compare more when the account holds more codes', async () => {
    const member = await registerMember(app);
    const id = await accountId(app, member.loginName);
    await db().query(
      `INSERT INTO recovery_code (account_id, code_hash, code_index)
       SELECT $1, $2, substr(code_index, 1, 9) || md5(random()::text) || md5(random()::text)
         FROM generate_series(1, 40), (SELECT code_index FROM recovery_code WHERE account_id = $1 LIMIT 1) one`,
      [id, await bcrypt.hash('unrelated', 4)],
    );
    const wrong = await comparisonsDuring(async () => {
      expectError(await recover(member.loginName, 'aaaa-bbbb-cccc-dddd'), 401, 'invalid_recovery_code');
    });
    const right = await comparisonsDuring(async () => {
      expect((await recover(member.loginName, member.recoveryCodes[0])).status).toBe(204);
    });
    expect({ wrong, right }).toEqual({ wrong: 1, right: 1 });
  });

  it('still takes a code issued before the index, or indexed under an earlier JWT_SECRET (tried one by one)', async () => {
    for (const earlier of ['NULL', `'0badc0de:' || md5(id::text) || md5(code_hash)`]) {
      const member: TestMember = await registerMember(app);
      await db().query(`UPDATE recovery_code SET code_index = ${earlier} WHERE account_id = $1`, [
        await accountId(app, member.loginName),
      ]);
      expectError(await recover(member.loginName, 'aaaa-bbbb-cccc-dddd'), 401, 'invalid_recovery_code');
      const comparisons = await comparisonsDuring(async () => {
        expect((await recover(member.loginName, member.recoveryCodes[5])).status).toBe(204);
      });
      expect(comparisons).toBe(10);
      expectError(await recover(member.loginName, member.recoveryCodes[5]), 401, 'invalid_recovery_code');
    }
  });
});

describe('the recovery rate limit', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      env: {
        AUTH_RATE_LIMIT_PER_CLIENT: '100',
        AUTH_RATE_LIMIT_PER_LOGIN_NAME: '100',
        AUTH_RECOVER_RATE_LIMIT_PER_CLIENT: '2',
      },
    });
  });

  afterAll(async () => {
    await app.close();
  });

  it('is stricter than login’s: the third recovery in a minute is refused with 429, while logins go on', async () => {
    const member = await registerMember(app);
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await app.http
        .post('/api/auth/recover')
        .send({ loginName: uniqueLoginName(), recoveryCode: 'aaaa-bbbb-cccc-dddd', newPassword: strongPassword() });
      expectError(response, 401, 'invalid_recovery_code');
    }
    const refused = await app.http
      .post('/api/auth/recover')
      .send({ loginName: member.loginName, recoveryCode: member.recoveryCodes[0], newPassword: strongPassword() });
    expectError(refused, 429, 'rate_limited');
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    for (let attempt = 0; attempt < 3; attempt++) {
      const login = await app.http
        .post('/api/auth/login')
        .send({ loginName: member.loginName, password: member.password });
      expect(login.status).toBe(200);
    }
  });

  it('defaults to 5 a minute per client, below login’s 20', async () => {
    const { loadAppConfig } = await import('../src/config/app-config.js');
    const config = loadAppConfig({ JWT_SECRET: randomBytes(32).toString('hex'), DATA_DIR: '/tmp' });
    expect(config.rateLimits.recoverPerClient).toBe(5);
    expect(config.rateLimits.recoverPerClient).toBeLessThan(config.rateLimits.authPerClient);
  });
});
