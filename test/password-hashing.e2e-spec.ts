import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { registerMember, strongPassword } from './support/accounts.js';
import { accountId } from './support/database-rows.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** The other specs run with bcrypt cost 4 to stay fast; this one runs with the real default, 12. */
describe('passwords and recovery codes at the default bcrypt cost', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { BCRYPT_COST: '12' } });
  });

  afterAll(async () => {
    await app.close();
  });

  it('are stored as bcrypt hashes of cost 12 only, at registration and after a password change', async () => {
    const member = await registerMember(app);
    const id = await accountId(app, member.loginName);
    const dataSource = app.app.get(DataSource);
    const hashes = async () => {
      const [account] = await dataSource.query<{ password_hash: string }[]>(
        'SELECT password_hash FROM account WHERE id = $1',
        [id],
      );
      const codes = await dataSource.query<{ code_hash: string }[]>(
        'SELECT code_hash FROM recovery_code WHERE account_id = $1',
        [id],
      );
      return [account.password_hash, ...codes.map((code) => code.code_hash)];
    };

    const registered = await hashes();
    expect(registered).toHaveLength(11);
    for (const hash of registered) {
      expect(hash).toMatch(/^\$2b\$12\$[./A-Za-z0-9]{53}$/);
      expect(hash).not.toContain(member.password);
    }

    const newPassword = strongPassword();
    const change = await app.http
      .post('/api/me/password')
      .set('Authorization', member.bearer)
      .send({ currentPassword: member.password, newPassword });
    expect(change.status).toBe(204);
    const [changed] = await hashes();
    expect(changed).toMatch(/^\$2b\$12\$/);
    expect(changed).not.toBe(registered[0]);
    expect(
      (await app.http.post('/api/auth/login').send({ loginName: member.loginName, password: newPassword })).status,
    ).toBe(200);
  });
});
