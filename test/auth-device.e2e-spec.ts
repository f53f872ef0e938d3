import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import type { DeviceTokens, DeviceView, TokenPair } from '../src/contracts/auth.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { expectError } from './support/errors.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let app: TestApp;

beforeAll(async () => {
  // Behind a proxy: X-Forwarded-Proto tells the app whether the member's request came over HTTPS.
  app = await startTestApp({ env: { TRUST_PROXY: 'true' } });
});

afterAll(async () => {
  await app.close();
});

const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';

function setCookies(response: Response): string[] {
  const header = response.headers['set-cookie'] as string[] | string | undefined;
  return header === undefined ? [] : Array.isArray(header) ? header : [header];
}

/** The one device cookie a response sets, with its attributes. */
function deviceCookie(response: Response): { value: string; attributes: string[]; raw: string } {
  const cookies = setCookies(response).filter((cookie) => cookie.startsWith('kring_device='));
  expect(cookies).toHaveLength(1);
  const [pair, ...attributes] = cookies[0].split(';').map((part) => part.trim());
  return { value: pair.slice('kring_device='.length), attributes, raw: cookies[0] };
}

async function loginOnOwnDevice(member: TestMember, userAgent = ANDROID_CHROME) {
  const response = await app.http
    .post('/api/auth/login')
    .set('User-Agent', userAgent)
    .send({ loginName: member.loginName, password: member.password, keepSignedIn: true });
  expect(response.status).toBe(200);
  return { body: response.body as DeviceTokens, cookie: deviceCookie(response).value };
}

const refreshWithCookie = (cookie: string) =>
  app.http.post('/api/auth/refresh').set('Cookie', `kring_device=${cookie}`).send({});

const me = (accessToken: string) => app.http.get('/api/me').set('Authorization', `Bearer ${accessToken}`);

describe('"this is my own device"', () => {
  let member: TestMember;

  beforeAll(async () => {
    member = await registerMember(app);
  });

  it('without the opt-in sets no cookie: the refresh token is in the body, for the page memory only', async () => {
    const response = await app.http
      .post('/api/auth/login')
      .send({ loginName: member.loginName, password: member.password });
    expect(response.status).toBe(200);
    expect(setCookies(response)).toEqual([]);
    expect(typeof (response.body as TokenPair).refreshToken).toBe('string');
  });

  it('with the opt-in puts the refresh token in an HttpOnly, SameSite=Strict cookie for the refresh route only', async () => {
    const response = await app.http
      .post('/api/auth/login')
      .send({ loginName: member.loginName, password: member.password, keepSignedIn: true });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body as object).sort()).toEqual(['accessToken', 'expiresIn']);
    const cookie = deviceCookie(response);
    expect(cookie.value).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]+$/);
    expect(cookie.attributes).toEqual(
      expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/api/auth/refresh', 'Max-Age=2592000']),
    );
    // Plain HTTP (a local run): a Secure cookie would not come back.
    expect(cookie.attributes).not.toContain('Secure');
    expect((await me((response.body as DeviceTokens).accessToken)).status).toBe(200);
  });

  it('marks the cookie Secure when the request came over HTTPS', async () => {
    const response = await app.http
      .post('/api/auth/login')
      .set('X-Forwarded-Proto', 'https')
      .send({ loginName: member.loginName, password: member.password, keepSignedIn: true });
    expect(deviceCookie(response).attributes).toContain('Secure');
  });

  it('rotates the cookie on refresh, and the new access token works', async () => {
    const { cookie } = await loginOnOwnDevice(member);
    const refreshed = await refreshWithCookie(cookie);
    expect(refreshed.status).toBe(200);
    const next = deviceCookie(refreshed);
    expect(next.value).not.toBe(cookie);
    expect(next.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/api/auth/refresh']));
    expect((refreshed.body as TokenPair).refreshToken).toBeUndefined();
    expect((await me((refreshed.body as DeviceTokens).accessToken)).status).toBe(200);
    expect((await refreshWithCookie(next.value)).status).toBe(200);
  });

  it('takes a reused cookie for a stolen copy: 401, and the whole device is signed out, new cookie and access token too', async () => {
    const { cookie: first } = await loginOnOwnDevice(member);
    const rotated = await refreshWithCookie(first);
    const second = deviceCookie(rotated).value;
    const accessToken = (rotated.body as DeviceTokens).accessToken;

    const reused = await refreshWithCookie(first);
    expectError(reused, 401, 'invalid_refresh_token');
    expect(deviceCookie(reused).attributes).toContain('Max-Age=0');
    expectError(await refreshWithCookie(second), 401, 'invalid_refresh_token');
    expectError(await me(accessToken), 401, 'unauthorized');
  });

  it('refuses a refresh by cookie that is not JSON (what a cross-site form would send)', async () => {
    const { cookie } = await loginOnOwnDevice(member);
    const form = await app.http
      .post('/api/auth/refresh')
      .set('Cookie', `kring_device=${cookie}`)
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('a=b');
    expect(form.status).toBeGreaterThanOrEqual(400);
    expect(form.status).toBeLessThan(500);
    expect(setCookies(form)).toEqual([]);
    // The cookie was not spent by the refused request.
    expect((await refreshWithCookie(cookie)).status).toBe(200);
  });

  it('refuses a refresh with neither a body token nor a cookie', async () => {
    expectError(await app.http.post('/api/auth/refresh').send({}), 401, 'invalid_refresh_token');
  });

  it('clears the cookie on logout, on the same path, and its token no longer refreshes', async () => {
    const { body, cookie } = await loginOnOwnDevice(member);
    const logout = await app.http.post('/api/auth/logout').set('Authorization', `Bearer ${body.accessToken}`);
    expect(logout.status).toBe(204);
    const cleared = deviceCookie(logout);
    expect(cleared.value).toBe('');
    expect(cleared.attributes).toEqual(expect.arrayContaining(['Max-Age=0', 'Path=/api/auth/refresh', 'HttpOnly']));
    expectError(await refreshWithCookie(cookie), 401, 'invalid_refresh_token');
  });
});

describe('my devices', () => {
  let member: TestMember;

  beforeAll(async () => {
    member = await registerMember(app);
  });

  const devices = (accessToken: string) =>
    app.http.get('/api/auth/devices').set('Authorization', `Bearer ${accessToken}`);
  const endDevice = (accessToken: string, id: string) =>
    app.http.delete(`/api/auth/devices/${id}`).set('Authorization', `Bearer ${accessToken}`);

  it('lists my logins with a coarse label, when, and which one is this; no IP and no whole User-Agent', async () => {
    const phone = await loginOnOwnDevice(member);
    await refreshWithCookie(phone.cookie);
    const listed = await devices(member.tokens.accessToken);
    expect(listed.status).toBe(200);
    const list = listed.body as DeviceView[];
    expect(list).toHaveLength(2);
    const current = list.find((device) => device.current);
    const other = list.find((device) => !device.current);
    expect(current).toMatchObject({ keepSignedIn: false, lastUsedAt: null });
    expect(other).toMatchObject({ browser: 'Chrome', os: 'Android', keepSignedIn: true });
    expect(Date.parse(other?.lastUsedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(other?.createdAt ?? ''));
    expect(Object.keys(other ?? {}).sort()).toEqual(
      ['browser', 'createdAt', 'current', 'id', 'keepSignedIn', 'lastUsedAt', 'os'].sort(),
    );
  });

  it('ends another of my devices: its cookie no longer refreshes and it leaves the list', async () => {
    const phone = await loginOnOwnDevice(member);
    const phoneId = ((await devices(phone.body.accessToken)).body as DeviceView[]).find((d) => d.current)?.id ?? '';
    const ended = await endDevice(member.tokens.accessToken, phoneId);
    expect(ended.status).toBe(204);
    expect(setCookies(ended)).toEqual([]);
    expectError(await refreshWithCookie(phone.cookie), 401, 'invalid_refresh_token');
    expectError(await me(phone.body.accessToken), 401, 'unauthorized');
    const ids = ((await devices(member.tokens.accessToken)).body as DeviceView[]).map((device) => device.id);
    expect(ids).not.toContain(phoneId);
  });

  it("refuses to end another account's device as if it did not exist (404), and it keeps working", async () => {
    const stranger = await registerMember(app);
    const theirs = await loginOnOwnDevice(stranger);
    const theirId = ((await devices(theirs.body.accessToken)).body as DeviceView[]).find((d) => d.current)?.id ?? '';
    expectError(await endDevice(member.tokens.accessToken, theirId), 404, 'not_found');
    expectError(await endDevice(member.tokens.accessToken, '00000000-0000-4000-8000-000000000000'), 404, 'not_found');
    expect((await refreshWithCookie(theirs.cookie)).status).toBe(200);
  });

  it('ending this device is a logout: the cookie is cleared and the access token stops working', async () => {
    const laptop = await loginOnOwnDevice(member);
    const id = ((await devices(laptop.body.accessToken)).body as DeviceView[]).find((d) => d.current)?.id ?? '';
    const ended = await endDevice(laptop.body.accessToken, id);
    expect(ended.status).toBe(204);
    expect(deviceCookie(ended).attributes).toContain('Max-Age=0');
    expectError(await me(laptop.body.accessToken), 401, 'unauthorized');
    expectError(await refreshWithCookie(laptop.cookie), 401, 'invalid_refresh_token');
  });
});
