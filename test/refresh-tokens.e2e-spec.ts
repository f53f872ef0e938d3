import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import type { TokenPair } from '../src/contracts/auth.js';
import { registerMember, strongPassword, type TestMember } from './support/accounts.js';
import { expectError } from './support/errors.js';
import { decodeToken } from './support/tokens.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('refresh tokens', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const refresh = (refreshToken: string) => app.http.post('/api/auth/refresh').send({ refreshToken });
  const me = (accessToken: string) => app.http.get('/api/me').set('Authorization', `Bearer ${accessToken}`);
  const expectEnded = async (refreshToken: string) => {
    expect(expectError(await refresh(refreshToken), 401, 'invalid_refresh_token')).toEqual({
      statusCode: 401,
      error: 'invalid_refresh_token',
      message: 'This session has ended. Please log in again.',
    });
  };

  async function rotate(refreshToken: string): Promise<TokenPair> {
    const response = await refresh(refreshToken);
    expect(response.status).toBe(200);
    return response.body as TokenPair;
  }

  async function login(member: TestMember): Promise<TokenPair> {
    const response = await app.http
      .post('/api/auth/login')
      .send({ loginName: member.loginName, password: member.password });
    expect(response.status).toBe(200);
    return response.body as TokenPair;
  }

  it('rotate: each refresh spends the token and hands out the next one, in the same session', async () => {
    const member = await registerMember(app);
    const second = await rotate(member.tokens.refreshToken);
    const third = await rotate(second.refreshToken);
    expect(new Set([member.tokens.refreshToken, second.refreshToken, third.refreshToken]).size).toBe(3);
    const sessions = [member.tokens, second, third].map((pair) => decodeToken(pair.accessToken).claims.sid);
    expect(new Set(sessions).size).toBe(1);
    expect((await me(third.accessToken)).status).toBe(200);
  });

  it('are stored only as a hash of their secret', async () => {
    const member = await registerMember(app);
    const [id, secret] = member.tokens.refreshToken.split('.');
    const rows = await app.app
      .get(DataSource)
      .query<{ token_hash: string }[]>('SELECT token_hash FROM refresh_token WHERE id = $1', [id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].token_hash).not.toContain(secret);
  });

  it('used a second time revoke the whole session: the newest refresh and access tokens stop working too', async () => {
    const member = await registerMember(app);
    const stolen = member.tokens.refreshToken;
    const second = await rotate(stolen);
    const newest = await rotate(second.refreshToken);

    await expectEnded(stolen);

    await expectEnded(newest.refreshToken);
    expectError(await me(newest.accessToken), 401, 'unauthorized');
    expectError(await me(member.tokens.accessToken), 401, 'unauthorized');
  });

  it('reused in one session leave the other sessions of the account alone', async () => {
    const member = await registerMember(app);
    const other = await login(member);
    await rotate(member.tokens.refreshToken);
    await expectEnded(member.tokens.refreshToken);
    expect((await me(other.accessToken)).status).toBe(200);
    expect((await rotate(other.refreshToken)).expiresIn).toBe(900);
  });

  it('sent twice at the same moment never give two pairs', async () => {
    const member = await registerMember(app);
    const responses = await Promise.all([
      refresh(member.tokens.refreshToken),
      refresh(member.tokens.refreshToken),
      refresh(member.tokens.refreshToken),
    ]);
    const succeeded = responses.filter((response) => response.status === 200);
    expect(succeeded.length).toBeLessThanOrEqual(1);
    for (const response of responses.filter((r) => r.status !== 200)) {
      expectError(response, 401, 'invalid_refresh_token');
    }
    // A reuse happened, so whatever pair was handed out belongs to a revoked session.
    for (const response of succeeded) {
      await expectEnded((response.body as TokenPair).refreshToken);
    }
  });

  it('refuse an empty token as invalid input', async () => {
    expectError(await refresh(''), 400, 'validation_failed');
  });

  it.each([
    ['garbage', 'not-a-token'],
    ['an unknown id', '00000000-0000-4000-8000-000000000000.c2VjcmV0'],
    ['a token with a dot too many', 'a.b.c'],
    ['a real-looking id with nothing after the dot', '00000000-0000-4000-8000-000000000000.'],
  ])('refuse %s like an ended session', async (_case, token) => {
    await expectEnded(token);
  });

  it("refuse a real token's id with another secret, without spending the real one", async () => {
    const member = await registerMember(app);
    const [id, secret] = member.tokens.refreshToken.split('.');
    const forged = `${id}.${secret.slice(0, -2)}${secret.endsWith('AA') ? 'BB' : 'AA'}`;
    await expectEnded(forged);
    expect((await rotate(member.tokens.refreshToken)).expiresIn).toBe(900);
  });

  it('of a session that logged out are refused', async () => {
    const member = await registerMember(app);
    const logout = await app.http.post('/api/auth/logout').set('Authorization', member.bearer).send({});
    expect(logout.status).toBe(204);
    await expectEnded(member.tokens.refreshToken);
  });

  it('are refused after a logout everywhere, a password change and a recovery', async () => {
    const member = await registerMember(app);

    const beforeLogout = await login(member);
    await app.http.post('/api/auth/logout').set('Authorization', member.bearer).send({ everywhere: true });
    await expectEnded(beforeLogout.refreshToken);

    const beforeChange = await login(member);
    const newPassword = strongPassword();
    const change = await app.http
      .post('/api/me/password')
      .set('Authorization', `Bearer ${beforeChange.accessToken}`)
      .send({ currentPassword: member.password, newPassword });
    expect(change.status).toBe(204);
    await expectEnded(beforeChange.refreshToken);

    const beforeRecovery = await login({ ...member, password: newPassword });
    const recovery = await app.http.post('/api/auth/recover').send({
      loginName: member.loginName,
      recoveryCode: member.recoveryCodes[0],
      newPassword: strongPassword(),
    });
    expect(recovery.status).toBe(204);
    await expectEnded(beforeRecovery.refreshToken);
  });

  it('of a deleted account are refused', async () => {
    const member = await registerMember(app);
    await app.http.delete('/api/me').set('Authorization', member.bearer).send({ password: member.password });
    await expectEnded(member.tokens.refreshToken);
  });

  it('of an expired session are refused', async () => {
    const member = await registerMember(app);
    const sessionId = decodeToken(member.tokens.accessToken).claims.sid;
    await app.app
      .get(DataSource)
      .query(`UPDATE auth_session SET expires_at = now() - interval '1 second' WHERE id = $1`, [sessionId]);
    await expectEnded(member.tokens.refreshToken);
    expectError(await me(member.tokens.accessToken), 401, 'unauthorized');
  });
});
