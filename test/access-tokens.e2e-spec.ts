import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registerMember, strongPassword, type TestMember } from './support/accounts.js';
import { expectError } from './support/errors.js';
import { authConfig, decodeToken, signToken, unsignedToken } from './support/tokens.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * An access token is accepted only when it is exactly what the app signed: HS256 with its secret,
 * not expired, for its issuer and audience, of a live session and the account's current token version.
 */
describe('access tokens', () => {
  let app: TestApp;
  let member: TestMember;

  beforeAll(async () => {
    app = await startTestApp();
    member = await registerMember(app);
  });

  afterAll(async () => {
    await app.close();
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
