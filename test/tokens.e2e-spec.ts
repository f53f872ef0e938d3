import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import type { TokenPair } from '../src/contracts/auth.js';
import { registerMember, strongPassword, type TestMember } from './support/accounts.js';
import { expectError } from './support/errors.js';
import { authConfig, decodeToken, signToken, unsignedToken } from './support/tokens.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app.close();
});

/**
 * An access token is accepted only when it is exactly what the app signed: HS256 with its secret,
 * not expired, for its issuer and audience, of a live session and the account's current token version.
 */
describe('access tokens', () => {
  let member: TestMember;

  beforeAll(async () => {
    member = await registerMember(app);
  });

  const me = (token: string) => app.http.get('/api/me').set('Authorization', `Bearer ${token}`);
  const expectRefused = async (token: string) => {
    const body = expectError(await me(token), 401, 'unauthorized');
    expect(body).toEqual({ statusCode: 401, error: 'unauthorized', message: 'You need to log in.' });
  };

  /** The member's real claims, re-signed with the real secret, with some of them changed. */
  function realClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const { claims } = decodeToken(member.tokens.accessToken);
    return { ...claims, ...overrides };
  }

  it('accepts the real claims re-signed with the real secret (so each refusal below is about one change)', async () => {
    const token = await signToken(realClaims(), authConfig(app).jwtSecret);
    expect((await me(token)).status).toBe(200);
  });

  it('refuses a token signed with another secret', async () => {
    await expectRefused(await signToken(realClaims(), randomBytes(32).toString('hex')));
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const other = await registerMember(app);
    const [header, , signature] = member.tokens.accessToken.split('.');
    const payload = Buffer.from(JSON.stringify(realClaims({ sub: decodeToken(other.tokens.accessToken).claims.sub })));
    await expectRefused(`${header}.${payload.toString('base64url')}.${signature}`);
  });

  it('refuses a token whose signature was cut off', async () => {
    const [header, payload] = member.tokens.accessToken.split('.');
    await expectRefused(`${header}.${payload}.`);
  });

  it('refuses an expired token signed with the real secret', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(await signToken(realClaims({ iat: now - 1000, exp: now - 60 }), authConfig(app).jwtSecret));
  });

  it('refuses a token with alg none', async () => {
    await expectRefused(unsignedToken(realClaims()));
  });

  it('refuses a token with another HMAC algorithm, even with the real secret', async () => {
    await expectRefused(await signToken(realClaims(), authConfig(app).jwtSecret, 'HS512'));
  });

  it('refuses a token signed with RS256, whoever holds the key pair', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await expectRefused(await new JwtService({ privateKey }).signAsync(realClaims(), { algorithm: 'RS256' }));
  });

  it('refuses a token from another issuer', async () => {
    await expectRefused(await signToken(realClaims({ iss: 'someone-else' }), authConfig(app).jwtSecret));
  });

  it('refuses a token for another audience', async () => {
    await expectRefused(await signToken(realClaims({ aud: 'kring-admin' }), authConfig(app).jwtSecret));
  });

  it('refuses a token without an expiry, even with the real secret', async () => {
    const { exp: _exp, ...claims } = realClaims();
    await expectRefused(await signToken(claims, authConfig(app).jwtSecret));
  });

  it('refuses a token with an older token version, even with the real secret', async () => {
    await expectRefused(await signToken(realClaims({ ver: -1 }), authConfig(app).jwtSecret));
  });

  it('refuses a token whose ids are not ids, with a 401 rather than a database error', async () => {
    const secret = authConfig(app).jwtSecret;
    await expectRefused(await signToken(realClaims({ sid: 'not-a-uuid' }), secret));
    await expectRefused(await signToken(realClaims({ sub: "'; DROP TABLE account; --" }), secret));
    await expectRefused(await signToken(realClaims({ ver: '0' }), secret));
  });

  it('refuses a token whose session belongs to another account', async () => {
    const other = await registerMember(app);
    const otherSession = decodeToken(other.tokens.accessToken).claims.sid;
    await expectRefused(await signToken(realClaims({ sid: otherSession }), authConfig(app).jwtSecret));
  });

  describe('of a member who', () => {
    it('deleted the account are refused', async () => {
      const leaving = await registerMember(app);
      const deletion = await app.http
        .delete('/api/me')
        .set('Authorization', leaving.bearer)
        .send({ password: leaving.password });
      expect(deletion.status).toBe(204);
      await expectRefused(leaving.tokens.accessToken);
    });

    it('logged out everywhere are refused, each of them', async () => {
      const careful = await registerMember(app);
      const second = await app.http
        .post('/api/auth/login')
        .send({ loginName: careful.loginName, password: careful.password });
      const logout = await app.http
        .post('/api/auth/logout')
        .set('Authorization', careful.bearer)
        .send({ everywhere: true });
      expect(logout.status).toBe(204);
      await expectRefused(careful.tokens.accessToken);
      await expectRefused(second.body.accessToken as string);
    });

    it('changed the password are refused', async () => {
      const changing = await registerMember(app);
      const change = await app.http
        .post('/api/me/password')
        .set('Authorization', changing.bearer)
        .send({ currentPassword: changing.password, newPassword: strongPassword() });
      expect(change.status).toBe(204);
      await expectRefused(changing.tokens.accessToken);
    });

    it('recovered the account are refused', async () => {
      const forgetful = await registerMember(app);
      const recovery = await app.http.post('/api/auth/recover').send({
        loginName: forgetful.loginName,
        recoveryCode: forgetful.recoveryCodes[3],
        newPassword: strongPassword(),
      });
      expect(recovery.status).toBe(204);
      await expectRefused(forgetful.tokens.accessToken);
    });
  });
});

describe('refresh tokens', () => {
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
