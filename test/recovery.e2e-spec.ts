import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { registerMember, strongPassword, uniqueLoginName, type TestMember } from './support/accounts.js';
import { accountId, countRows } from './support/database-rows.js';
import { expectError, fieldMessage } from './support/errors.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('recovering an account with a recovery code', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const recover = (loginName: string, recoveryCode: string, newPassword = strongPassword()) =>
    app.http.post('/api/auth/recover').send({ loginName, recoveryCode, newPassword });
  const login = (loginName: string, password: string) => app.http.post('/api/auth/login').send({ loginName, password });

  async function codesLeft(member: TestMember): Promise<number> {
    const id = await accountId(app, member.loginName);
    const [row] = await app.app
      .get(DataSource)
      .query<{ count: number }[]>('SELECT count(*)::int AS count FROM recovery_code WHERE account_id = $1', [id]);
    return row.count;
  }

  it('sets the new password, uses up the code and ends every session', async () => {
    const member = await registerMember(app);
    const newPassword = strongPassword();
    const response = await recover(member.loginName, member.recoveryCodes[0], newPassword);
    expect(response.status).toBe(204);
    expectError(await login(member.loginName, member.password), 401, 'invalid_credentials');
    expect((await login(member.loginName, newPassword)).status).toBe(200);
    expect(await codesLeft(member)).toBe(9);
    expectError(await app.http.get('/api/me').set('Authorization', member.bearer), 401, 'unauthorized');
  });

  it('takes the code as people type it: in capitals, with spaces instead of dashes, in any case of the name', async () => {
    const member = await registerMember(app);
    const typed = ` ${member.recoveryCodes[5].toUpperCase().replaceAll('-', ' ')} `;
    const response = await recover(member.loginName.toUpperCase(), typed);
    expect(response.status).toBe(204);
    expect(await codesLeft(member)).toBe(9);
  });

  it('accepts a code only once', async () => {
    const member = await registerMember(app);
    expect((await recover(member.loginName, member.recoveryCodes[1])).status).toBe(204);
    const again = await recover(member.loginName, member.recoveryCodes[1]);
    expectError(again, 401, 'invalid_recovery_code');
    expect(await codesLeft(member)).toBe(9);
  });

  it('lets only one of two requests that race with the same code through', async () => {
    const member = await registerMember(app);
    const responses = await Promise.all([
      recover(member.loginName, member.recoveryCodes[2]),
      recover(member.loginName, member.recoveryCodes[2]),
    ]);
    expect(responses.map((response) => response.status).sort()).toEqual([204, 401]);
    expect(await codesLeft(member)).toBe(9);
  });

  it('works with each of the ten codes, and then with none', async () => {
    const member = await registerMember(app);
    let password = member.password;
    for (const code of member.recoveryCodes) {
      password = strongPassword();
      expect((await recover(member.loginName, code, password)).status).toBe(204);
    }
    expect(await codesLeft(member)).toBe(0);
    expectError(await recover(member.loginName, member.recoveryCodes[0]), 401, 'invalid_recovery_code');
    expect((await login(member.loginName, password)).status).toBe(200);
  });

  it('refuses a wrong code, a used code, a code of another account and an unknown name with the same 401', async () => {
    const member = await registerMember(app);
    const other = await registerMember(app);
    expect((await recover(member.loginName, member.recoveryCodes[9])).status).toBe(204);
    const before = await countRows(app);

    const refusals = [
      await recover(member.loginName, 'aaaa-bbbb-cccc-dddd'),
      await recover(member.loginName, member.recoveryCodes[9]),
      await recover(member.loginName, other.recoveryCodes[0]),
      await recover(uniqueLoginName('nobody'), member.recoveryCodes[0]),
    ];
    for (const response of refusals) {
      expect(expectError(response, 401, 'invalid_recovery_code')).toEqual(refusals[0].body);
    }
    expect(await countRows(app)).toEqual(before);
    expect(await codesLeft(other)).toBe(10);
  });

  it('refuses a common or short new password without using up the code', async () => {
    const member = await registerMember(app);
    const before = await countRows(app);
    const common = expectError(
      await recover(member.loginName, member.recoveryCodes[0], 'qwerty123456'),
      400,
      'validation_failed',
    );
    expect(fieldMessage(common, 'newPassword')).toMatch(/common/);
    const short = expectError(
      await recover(member.loginName, member.recoveryCodes[0], 'too-short'),
      400,
      'validation_failed',
    );
    expect(fieldMessage(short, 'newPassword')).toMatch(/at least 12/);
    expect(await countRows(app)).toEqual(before);
    expect((await login(member.loginName, member.password)).status).toBe(200);
    expect((await recover(member.loginName, member.recoveryCodes[0])).status).toBe(204);
  });

  it('stores the codes only as bcrypt hashes', async () => {
    const member = await registerMember(app);
    const id = await accountId(app, member.loginName);
    const rows = await app.app
      .get(DataSource)
      .query<{ code_hash: string }[]>('SELECT code_hash FROM recovery_code WHERE account_id = $1', [id]);
    expect(rows).toHaveLength(10);
    for (const { code_hash: hash } of rows) {
      expect(hash).toMatch(/^\$2b\$\d\d\$/);
      for (const code of member.recoveryCodes) {
        expect(hash).not.toContain(code.replaceAll('-', ''));
      }
    }
  });
});
