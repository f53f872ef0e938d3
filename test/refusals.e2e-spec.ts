import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { registerMember, strongPassword, uniqueLoginName, type TestMember } from './support/accounts.js';
import { countRows, type RowCounts } from './support/database-rows.js';
import { expectError, fieldMessage } from './support/errors.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Every refusal of the account API: its status, the one error shape, and that nothing was written.
 * Each test leaves the account tables exactly as it found them (checked after each test).
 */
describe('refused account requests', () => {
  let app: TestApp;
  let member: TestMember;
  let before: RowCounts;

  beforeAll(async () => {
    app = await startTestApp();
    member = await registerMember(app, { loginName: uniqueLoginName('Existing') });
  });

  beforeEach(async () => {
    before = await countRows(app);
  });

  afterEach(async () => {
    expect(await countRows(app)).toEqual(before);
  });

  afterAll(async () => {
    await app.close();
  });

  const register = (body: unknown) => app.http.post('/api/auth/register').send(body as object);

  describe('a login name', () => {
    it.each([
      ['too short', 'ab'],
      ['too long', 'a'.repeat(33)],
      ['with a space', 'quiet heron'],
      ['with an exclamation mark', 'quiet!heron'],
      ['with an accented letter', 'stille_reiger_é'],
      ['with a slash', 'quiet/heron'],
      ['empty', ''],
    ])('is refused when it is %s, with a message saying what is allowed', async (_case, loginName) => {
      const body = expectError(await register({ loginName, password: strongPassword() }), 400, 'validation_failed');
      expect(fieldMessage(body, 'loginName')).toMatch(/3 to 32 characters/);
    });

    it.each([['someone@example.com'], ['some.one@mail'], ['@quiet'], ['quiet.heron.nl'], ['hidden.person.com']])(
      'is refused when it looks like an email address (%s), saying it would identify you',
      async (loginName) => {
        const body = expectError(await register({ loginName, password: strongPassword() }), 400, 'validation_failed');
        expect(fieldMessage(body, 'loginName')).toMatch(/email address.*identify you/);
      },
    );

    it.each([['0470123456'], ['+32 470 12 34 56'], ['06-12345678'], ['0031.6.1234.5678'], ['call_0612345678']])(
      'is refused when it looks like a phone number (%s), saying it would identify you',
      async (loginName) => {
        const body = expectError(await register({ loginName, password: strongPassword() }), 400, 'validation_failed');
        expect(fieldMessage(body, 'loginName')).toMatch(/phone number.*identify you/);
      },
    );

    it('that is taken is refused with 409 whatever its case (Quiet against quiet)', async () => {
      const name = uniqueLoginName('quiet');
      const first = await register({ loginName: name, password: strongPassword() });
      expect(first.status).toBe(201);
      before = await countRows(app);
      const body = expectError(
        await register({ loginName: name.replace('quiet', 'Quiet'), password: strongPassword() }),
        409,
        'login_name_taken',
      );
      expect(fieldMessage(body, 'loginName')).toMatch(/taken/);
    });

    it('that two people register at the same moment goes to exactly one of them', async () => {
      const loginName = uniqueLoginName('race');
      const [a, b] = await Promise.all([
        register({ loginName, password: strongPassword() }),
        register({ loginName: loginName.toUpperCase(), password: strongPassword() }),
      ]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      expectError(a.status === 409 ? a : b, 409, 'login_name_taken');
      const after = await countRows(app);
      expect(after.account - before.account).toBe(1);
      expect(after.recovery_code - before.recovery_code).toBe(10);
      before = after;
    });
  });

  describe('a new password', () => {
    it('is refused under 12 characters', async () => {
      const body = expectError(
        await register({ loginName: uniqueLoginName(), password: 'short-pass1' }),
        400,
        'validation_failed',
      );
      expect(fieldMessage(body, 'password')).toMatch(/at least 12 characters/);
    });

    it('is refused over 72 bytes (30 emoji), never silently truncated', async () => {
      const password = '🌧️'.repeat(15) + '🌈'.repeat(15);
      expect(Buffer.byteLength(password)).toBeGreaterThan(72);
      const body = expectError(await register({ loginName: uniqueLoginName(), password }), 400, 'validation_failed');
      expect(fieldMessage(body, 'password')).toMatch(/72 bytes/);
    });

    it.each([['password1234'], ['Wachtwoord123'], ['123456789012'], ['aaaaaaaaaaaaaaaa'], ['abcabcabcabcabc']])(
      'is refused when it is one of the most common ones (%s)',
      async (password) => {
        const body = expectError(await register({ loginName: uniqueLoginName(), password }), 400, 'validation_failed');
        expect(fieldMessage(body, 'password')).toMatch(/common/);
      },
    );
  });

  describe('a body', () => {
    it('with an email address field is refused, not ignored', async () => {
      const body = expectError(
        await register({ loginName: uniqueLoginName(), password: strongPassword(), email: 'me@example.com' }),
        400,
        'validation_failed',
      );
      expect(body.details).toEqual([{ field: 'email', message: expect.any(String) }]);
    });

    it.each([
      ['phone', { phone: '0470123456' }],
      ['realName', { realName: 'Jan Peeters' }],
      ['role', { role: 'admin' }],
    ])('with an unknown field (%s) is refused on registration', async (field, extra) => {
      const body = expectError(
        await register({ loginName: uniqueLoginName(), password: strongPassword(), ...extra }),
        400,
        'validation_failed',
      );
      expect(body.details).toEqual([{ field, message: expect.any(String) }]);
    });

    it('with an unknown field is refused on login, refresh, recovery, logout, password change and deletion', async () => {
      const extra = { email: 'me@example.com' };
      expectError(
        await app.http
          .post('/api/auth/login')
          .send({ loginName: member.loginName, password: member.password, ...extra }),
        400,
        'validation_failed',
      );
      expectError(
        await app.http.post('/api/auth/refresh').send({ refreshToken: member.tokens.refreshToken, ...extra }),
        400,
        'validation_failed',
      );
      expectError(
        await app.http.post('/api/auth/recover').send({
          loginName: member.loginName,
          recoveryCode: member.recoveryCodes[0],
          newPassword: strongPassword(),
          ...extra,
        }),
        400,
        'validation_failed',
      );
      expectError(
        await app.http
          .post('/api/auth/logout')
          .set('Authorization', member.bearer)
          .send({ everywhere: true, ...extra }),
        400,
        'validation_failed',
      );
      expectError(
        await app.http
          .post('/api/me/password')
          .set('Authorization', member.bearer)
          .send({ currentPassword: member.password, newPassword: strongPassword(), ...extra }),
        400,
        'validation_failed',
      );
      expectError(
        await app.http
          .delete('/api/me')
          .set('Authorization', member.bearer)
          .send({ password: member.password, ...extra }),
        400,
        'validation_failed',
      );
      // None of them went through: the member's session and password are as they were.
      expect((await app.http.get('/api/me').set('Authorization', member.bearer)).status).toBe(200);
    });

    it('without the required fields names each missing field', async () => {
      const body = expectError(await register({}), 400, 'validation_failed');
      expect(body.details?.map((detail) => detail.field).sort()).toEqual(['loginName', 'password']);
      const login = expectError(await app.http.post('/api/auth/login').send({}), 400, 'validation_failed');
      expect(login.details?.map((detail) => detail.field).sort()).toEqual(['loginName', 'password']);
    });

    it('that is not a JSON object is refused with 400', async () => {
      expectError(await register(['loginName', 'password']), 400, 'validation_failed');
      expectError(
        await app.http.post('/api/auth/register').set('Content-Type', 'application/json').send('"quiet"'),
        400,
        'validation_failed',
      );
    });

    it('that is malformed JSON is refused with 400', async () => {
      const response = await app.http
        .post('/api/auth/register')
        .set('Content-Type', 'application/json')
        .send('{"loginName": "quiet", "password": ');
      expect(expectError(response, 400, 'validation_failed').message).toMatch(/JSON/);
      expectError(
        await app.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{bad'),
        400,
        'validation_failed',
      );
    });

    it('over 64 KiB is refused with 413', async () => {
      const response = await register({ loginName: uniqueLoginName(), password: 'x'.repeat(65 * 1024) });
      expect(expectError(response, 413, 'payload_too_large').message).toMatch(/64 KiB/);
    });

    it('just under 64 KiB is read, and refused for what it says', async () => {
      const response = await register({ loginName: uniqueLoginName(), password: 'x'.repeat(63 * 1024) });
      expect(fieldMessage(expectError(response, 400, 'validation_failed'), 'password')).toMatch(/72 bytes/);
    });
  });

  describe('logging in', () => {
    it('with a wrong password and with an unknown name gives the same 401', async () => {
      const wrongPassword = await app.http
        .post('/api/auth/login')
        .send({ loginName: member.loginName, password: `${member.password}-not` });
      const unknownName = await app.http
        .post('/api/auth/login')
        .send({ loginName: uniqueLoginName('nobody'), password: member.password });
      expectError(wrongPassword, 401, 'invalid_credentials');
      expect(unknownName.status).toBe(401);
      expect(unknownName.body).toEqual(wrongPassword.body);
      expect(Object.keys(unknownName.headers).sort()).toEqual(Object.keys(wrongPassword.headers).sort());
    });

    it('with a password that only starts with the right 72 bytes is refused', async () => {
      const password = randomBytes(36).toString('hex');
      expect(Buffer.byteLength(password)).toBe(72);
      const holder = await registerMember(app, { password });
      before = await countRows(app);
      expectError(
        await app.http.post('/api/auth/login').send({ loginName: holder.loginName, password: `${password}and-more` }),
        401,
        'invalid_credentials',
      );
      expect((await app.http.post('/api/auth/login').send({ loginName: holder.loginName, password })).status).toBe(200);
      before = await countRows(app);
    });
  });

  describe('routes', () => {
    it('that do not exist answer 404 in the same shape, for any method', async () => {
      expect(expectError(await app.http.get('/api/no-such-thing'), 404, 'not_found').message).toBe('Not found.');
      expectError(await app.http.post('/api/no-such-thing').send({}), 404, 'not_found');
      expectError(await app.http.delete('/api/auth/register'), 404, 'not_found');
    });

    it('that need a login answer 401 without a token, and with a malformed Authorization header', async () => {
      expectError(await app.http.get('/api/me'), 401, 'unauthorized');
      expectError(await app.http.get('/api/me').set('Authorization', 'Bearer'), 401, 'unauthorized');
      expectError(await app.http.get('/api/me').set('Authorization', 'Basic cXVpZXQ6aGVyb24='), 401, 'unauthorized');
      expectError(await app.http.get('/api/me').set('Authorization', `Bearer not.a.jwt`), 401, 'unauthorized');
      expectError(await app.http.delete('/api/me').send({ password: member.password }), 401, 'unauthorized');
      expectError(
        await app.http
          .post('/api/me/password')
          .send({ currentPassword: member.password, newPassword: strongPassword() }),
        401,
        'unauthorized',
      );
    });
  });
});
