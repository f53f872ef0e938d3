import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource, type EntityManager } from 'typeorm';
import { AccountPurgeRegistry } from '../src/accounts/account-purge.registry.js';
import { AccountsService } from '../src/accounts/accounts.service.js';
import { SessionCleanupService } from '../src/auth/session-cleanup.service.js';
import { DomainError, httpStatusFor } from '../src/common/domain-error.js';
import { registerMember, strongPassword, uniqueLoginName, type TestMember } from './support/accounts.js';
import { accountId, countRows } from './support/database-rows.js';
import { expectError, fieldMessage } from './support/errors.js';
import { decodeToken } from './support/tokens.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app.close();
});

describe('an account, from registration to deletion', () => {
  const me = (bearer: string) => app.http.get('/api/me').set('Authorization', bearer);
  const login = (loginName: string, password: string) => app.http.post('/api/auth/login').send({ loginName, password });

  async function secondSession(member: TestMember): Promise<{ refreshToken: string; bearer: string }> {
    const response = await login(member.loginName, member.password);
    expect(response.status).toBe(200);
    return { refreshToken: response.body.refreshToken, bearer: `Bearer ${response.body.accessToken}` };
  }

  it('registers with a login name and password only, and shows ten recovery codes once', async () => {
    const loginName = uniqueLoginName('Quiet');
    const response = await app.http.post('/api/auth/register').send({ loginName, password: strongPassword() });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      account: { loginName: loginName.toLowerCase(), createdAt: expect.any(String) },
      recoveryCodes: expect.any(Array),
    });
    expect(new Date(response.body.account.createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(response.body.recoveryCodes).toHaveLength(10);
    expect(new Set(response.body.recoveryCodes).size).toBe(10);
    for (const code of response.body.recoveryCodes) {
      expect(code).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);
    }
  });

  it('keeps the login name in lower case and logs in with any case of it', async () => {
    const member = await registerMember(app, { loginName: uniqueLoginName('Mixed.Case') });
    const response = await login(member.loginName.toUpperCase(), member.password);
    expect(response.status).toBe(200);
    const stored = await app.app
      .get(DataSource)
      .query<{ login_name: string }[]>('SELECT login_name FROM account WHERE lower(login_name) = $1', [
        member.loginName,
      ]);
    expect(stored).toEqual([{ login_name: member.loginName }]);
  });

  it('logs in with a fifteen-minute HS256 access token for this issuer and audience, and an opaque refresh token', async () => {
    const member = await registerMember(app);
    expect(member.tokens).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 900,
    });
    const { header, claims } = decodeToken(member.tokens.accessToken);
    expect(header.alg).toBe('HS256');
    expect(claims).toMatchObject({ iss: 'kring', aud: 'kring-api', ver: 0 });
    expect(claims.exp - claims.iat).toBe(900);
    expect(member.tokens.refreshToken).not.toContain(member.loginName);
    expect(member.tokens.refreshToken.split('.')).toHaveLength(2);
  });

  it('reads the own account with the access token, and refuses it without one', async () => {
    const member = await registerMember(app);
    const response = await me(member.bearer);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      loginName: member.loginName,
      role: 'member',
      createdAt: expect.any(String),
      crisis: { responder: false, desk: false, duty: false },
    });
    expectError(await app.http.get('/api/me'), 401, 'unauthorized');
  });

  it('refreshes to a new pair whose access token works', async () => {
    const member = await registerMember(app);
    const refreshed = await app.http.post('/api/auth/refresh').send({ refreshToken: member.tokens.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 900,
    });
    expect(refreshed.body.refreshToken).not.toBe(member.tokens.refreshToken);
    expect((await me(`Bearer ${refreshed.body.accessToken}`)).status).toBe(200);
    const again = await app.http.post('/api/auth/refresh').send({ refreshToken: refreshed.body.refreshToken });
    expect(again.status).toBe(200);
  });

  it('logs out this session only: its tokens stop working while another session goes on', async () => {
    const member = await registerMember(app);
    const other = await secondSession(member);
    const logout = await app.http.post('/api/auth/logout').set('Authorization', member.bearer).send({});
    expect(logout.status).toBe(204);
    expectError(await me(member.bearer), 401, 'unauthorized');
    expectError(
      await app.http.post('/api/auth/refresh').send({ refreshToken: member.tokens.refreshToken }),
      401,
      'invalid_refresh_token',
    );
    expect((await me(other.bearer)).status).toBe(200);
    expect((await app.http.post('/api/auth/refresh').send({ refreshToken: other.refreshToken })).status).toBe(200);
  });

  it('logs out with a bare POST that has no body at all', async () => {
    const member = await registerMember(app);
    const logout = await app.http.post('/api/auth/logout').set('Authorization', member.bearer);
    expect(logout.status).toBe(204);
    expectError(await me(member.bearer), 401, 'unauthorized');
  });

  it('logs out everywhere: every session of the account ends, and a new login works', async () => {
    const member = await registerMember(app);
    const other = await secondSession(member);
    const logout = await app.http
      .post('/api/auth/logout')
      .set('Authorization', member.bearer)
      .send({ everywhere: true });
    expect(logout.status).toBe(204);
    for (const bearer of [member.bearer, other.bearer]) {
      expectError(await me(bearer), 401, 'unauthorized');
    }
    for (const refreshToken of [member.tokens.refreshToken, other.refreshToken]) {
      expectError(await app.http.post('/api/auth/refresh').send({ refreshToken }), 401, 'invalid_refresh_token');
    }
    const fresh = await secondSession(member);
    expect((await me(fresh.bearer)).status).toBe(200);
  });

  it('refuses a logout without a valid access token', async () => {
    expectError(await app.http.post('/api/auth/logout').send({}), 401, 'unauthorized');
  });

  it('changes the password: the old one stops working, the new one works, and every token is cut', async () => {
    const member = await registerMember(app);
    const other = await secondSession(member);
    const newPassword = strongPassword();
    const change = await app.http
      .post('/api/me/password')
      .set('Authorization', member.bearer)
      .send({ currentPassword: member.password, newPassword });
    expect(change.status).toBe(204);
    expectError(await login(member.loginName, member.password), 401, 'invalid_credentials');
    expect((await login(member.loginName, newPassword)).status).toBe(200);
    for (const bearer of [member.bearer, other.bearer]) {
      expectError(await me(bearer), 401, 'unauthorized');
    }
    expectError(
      await app.http.post('/api/auth/refresh').send({ refreshToken: other.refreshToken }),
      401,
      'invalid_refresh_token',
    );
  });

  it('refuses a password change with a wrong current password and keeps the old password', async () => {
    const member = await registerMember(app);
    const change = await app.http
      .post('/api/me/password')
      .set('Authorization', member.bearer)
      .send({ currentPassword: `${member.password}-not`, newPassword: strongPassword() });
    expectError(change, 401, 'invalid_credentials');
    expect((await login(member.loginName, member.password)).status).toBe(200);
    expect((await me(member.bearer)).status).toBe(200);
  });

  it('refuses a common new password on a password change and keeps the old one', async () => {
    const member = await registerMember(app);
    const change = await app.http
      .post('/api/me/password')
      .set('Authorization', member.bearer)
      .send({ currentPassword: member.password, newPassword: 'Password1234' });
    expect(expectError(change, 400, 'validation_failed').details).toEqual([
      { field: 'newPassword', message: expect.stringContaining('common') },
    ]);
    expect((await login(member.loginName, member.password)).status).toBe(200);
  });

  it('deletes the account with its password: login fails and its codes, sessions and refresh tokens are gone', async () => {
    const member = await registerMember(app);
    const other = await secondSession(member);
    await app.http.post('/api/auth/refresh').send({ refreshToken: other.refreshToken });
    const id = await accountId(app, member.loginName);
    const dataSource = app.app.get(DataSource);
    const sessionIds = (
      await dataSource.query<{ id: string }[]>('SELECT id FROM auth_session WHERE account_id = $1', [id])
    ).map((row) => row.id);
    expect(sessionIds).toHaveLength(2);

    const deletion = await app.http
      .delete('/api/me')
      .set('Authorization', member.bearer)
      .send({ password: member.password });
    expect(deletion.status).toBe(204);

    expectError(await login(member.loginName, member.password), 401, 'invalid_credentials');
    expectError(await me(other.bearer), 401, 'unauthorized');
    const left = await dataSource.query<{ accounts: number; codes: number; sessions: number; refresh: number }[]>(
      `SELECT (SELECT count(*)::int FROM account WHERE id = $1) AS accounts,
              (SELECT count(*)::int FROM recovery_code WHERE account_id = $1) AS codes,
              (SELECT count(*)::int FROM auth_session WHERE account_id = $1) AS sessions,
              (SELECT count(*)::int FROM refresh_token WHERE session_id = ANY($2::uuid[])) AS refresh`,
      [id, sessionIds],
    );
    expect(left).toEqual([{ accounts: 0, codes: 0, sessions: 0, refresh: 0 }]);
    const recovery = await app.http
      .post('/api/auth/recover')
      .send({ loginName: member.loginName, recoveryCode: member.recoveryCodes[0], newPassword: strongPassword() });
    expectError(recovery, 401, 'invalid_recovery_code');
  });

  it('frees the login name of a deleted account for someone new', async () => {
    const member = await registerMember(app);
    await app.http.delete('/api/me').set('Authorization', member.bearer).send({ password: member.password });
    const again = await app.http
      .post('/api/auth/register')
      .send({ loginName: member.loginName, password: strongPassword() });
    expect(again.status).toBe(201);
  });

  it('refuses a deletion with a wrong password and deletes nothing', async () => {
    const member = await registerMember(app);
    const deletion = await app.http
      .delete('/api/me')
      .set('Authorization', member.bearer)
      .send({ password: `${member.password}-not` });
    expectError(deletion, 401, 'invalid_credentials');
    expect(await accountId(app, member.loginName)).toEqual(expect.any(String));
    expect((await me(member.bearer)).status).toBe(200);
  });

  it("runs each feature's purge step inside the deletion, before the account row goes", async () => {
    const purges = app.app.get(AccountPurgeRegistry);
    const seen: { accountId: string; accountStillThere: number }[] = [];
    purges.register('test-probe', async (manager: EntityManager, id: string) => {
      const [row] = await manager.query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM account WHERE id = $1',
        [id],
      );
      seen.push({ accountId: id, accountStillThere: row.count });
    });
    try {
      const member = await registerMember(app);
      const id = await accountId(app, member.loginName);
      const deletion = await app.http
        .delete('/api/me')
        .set('Authorization', member.bearer)
        .send({ password: member.password });
      expect(deletion.status).toBe(204);
      expect(seen).toEqual([{ accountId: id, accountStillThere: 1 }]);
    } finally {
      purges.register('test-probe', () => Promise.resolve());
    }
  });

  it('deletes nothing when one purge step fails, and answers a plain 500', async () => {
    const purges = app.app.get(AccountPurgeRegistry);
    purges.register('test-failing', async (manager: EntityManager, id: string) => {
      await manager.query('DELETE FROM recovery_code WHERE account_id = $1', [id]);
      throw new Error('this feature could not erase its part');
    });
    try {
      const member = await registerMember(app);
      const id = await accountId(app, member.loginName);
      const deletion = await app.http
        .delete('/api/me')
        .set('Authorization', member.bearer)
        .send({ password: member.password });
      const body = expectError(deletion, 500, 'internal');
      expect(body.message).not.toContain('could not erase');
      const [codes] = await app.app
        .get(DataSource)
        .query<{ count: number }[]>('SELECT count(*)::int AS count FROM recovery_code WHERE account_id = $1', [id]);
      expect(codes.count).toBe(10);
      expect((await me(member.bearer)).status).toBe(200);
    } finally {
      purges.register('test-failing', () => Promise.resolve());
    }
  });
});

describe('recovering an account with a recovery code', () => {
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

/** What `npm run kring -- admin:grant <loginName>` does, through the running app's service. */
describe('granting the admin role', () => {
  let accounts: AccountsService;

  beforeAll(() => {
    accounts = app.app.get(AccountsService);
  });

  const roleOf = async (bearer: string) =>
    (await app.http.get('/api/me').set('Authorization', bearer)).body.role as string;

  it('makes the account an admin, whatever the case of the name, and its current token carries the role at once', async () => {
    const member = await registerMember(app);
    const bystander = await registerMember(app);
    expect(await roleOf(member.bearer)).toBe('member');
    await accounts.grantAdmin(member.loginName.toUpperCase());
    expect(await roleOf(member.bearer)).toBe('admin');
    expect(await roleOf(bystander.bearer)).toBe('member');
  });

  it('can be given twice without harm', async () => {
    const member = await registerMember(app);
    await accounts.grantAdmin(member.loginName);
    await accounts.grantAdmin(member.loginName);
    expect(await roleOf(member.bearer)).toBe('admin');
  });

  it('fails with not_found (a 404) for a login name nobody has', async () => {
    const error = await accounts.grantAdmin(uniqueLoginName('nobody')).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('not_found');
    expect(httpStatusFor((error as DomainError).code)).toBe(404);
    expect((error as DomainError).message).toBe('No account with this login name.');
  });
});

describe('housekeeping of ended logins', () => {
  it('deletes logins a week after they ended, with their refresh tokens, and keeps live ones', async () => {
    const member = await registerMember(app);
    const logout = await app.http.post('/api/auth/logout').set('Authorization', member.bearer).send({});
    expect(logout.status).toBe(204);
    const live = await registerMember(app);
    const id = await accountId(app, member.loginName);
    const liveId = await accountId(app, live.loginName);
    const cleanup = app.app.get(SessionCleanupService);
    expect(await cleanup.removeEnded(new Date())).toBe(0);
    const inEightDays = new Date(Date.now() + 8 * 24 * 60 * 60 * 1000);
    expect(await cleanup.removeEnded(inEightDays)).toBeGreaterThanOrEqual(1);
    const sessions = async (accountIdValue: string) =>
      Number(
        (
          await app.app
            .get(DataSource)
            .query<{ n: number }[]>('SELECT count(*)::int AS n FROM auth_session WHERE account_id = $1', [
              accountIdValue,
            ])
        )[0].n,
      );
    expect(await sessions(id!)).toBe(0);
    expect(await sessions(liveId!)).toBe(1);
    const stillWorks = await app.http.get('/api/me').set('Authorization', live.bearer);
    expect(stillWorks.status).toBe(200);
  });

  it('counts a password of six emoji as six characters, too short', async () => {
    const response = await app.http
      .post('/api/auth/register')
      .send({ loginName: uniqueLoginName(), password: '😀😀😀😀😀😀' });
    expect(response.status).toBe(400);
    expect(fieldMessage(response.body, 'password')).toContain('at least 12');
  });
});
