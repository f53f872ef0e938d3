import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registerMember, strongPassword, uniqueLoginName } from './support/accounts.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('accounts and login', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('registers with a login name and password only, and shows ten recovery codes once', async () => {
    const loginName = uniqueLoginName('Quiet');
    const response = await app.http.post('/api/auth/register').send({ loginName, password: strongPassword() });
    expect(response.status).toBe(201);
    expect(response.body.account.loginName).toBe(loginName.toLowerCase());
    expect(response.body.recoveryCodes).toHaveLength(10);
    expect(new Set(response.body.recoveryCodes).size).toBe(10);
  });

  it('logs in and reads the own account with the access token', async () => {
    const member = await registerMember(app);
    const me = await app.http.get('/api/me').set('Authorization', member.bearer);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ loginName: member.loginName, role: 'member', createdAt: expect.any(String) });
  });
});
