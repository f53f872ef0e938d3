import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { TokenPair } from '../src/contracts/auth.js';
import type { GroupDetail } from '../src/contracts/groups.js';
import { loadAppConfig } from '../src/config/app-config.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { createGroup, joinGroup, registerAdmin } from './support/groups.js';
import {
  call,
  closeChatClients,
  connectChat,
  connectionRefusal,
  firstOf,
  joinRoom,
  sendMessage,
  waitForEvent,
} from './support/sockets.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { authConfig, decodeToken, signToken } from './support/tokens.js';

describe('chat connections', () => {
  let app: TestApp;
  let admin: TestMember;
  let group: GroupDetail;

  beforeAll(async () => {
    // A one-second grace after expiry instead of thirty, so the test does not wait.
    app = await startTestApp({ env: { CHAT_AUTH_GRACE_SECONDS: '1' } });
    admin = await registerAdmin(app);
    group = await createGroup(app, admin);
  });

  afterAll(async () => {
    closeChatClients();
    await app.close();
  });

  const port = () => new URL(app.baseUrl).port;

  /** The member's own access token with other claims, signed as the app (or an attacker) would. */
  async function forged(member: TestMember, claims: Record<string, unknown>, secret = authConfig(app).jwtSecret) {
    return signToken({ ...decodeToken(member.tokens.accessToken).claims, ...claims }, secret);
  }

  it('refuses a handshake without a token, with a bad signature, expired or not a token, all as "unauthorized"', async () => {
    const member = await registerMember(app);
    const now = Math.floor(Date.now() / 1000);
    const refusals = [
      await connectionRefusal(app, member, { token: null }),
      await connectionRefusal(app, member, { token: await forged(member, {}, randomBytes(32).toString('hex')) }),
      await connectionRefusal(app, member, { token: await forged(member, { iat: now - 1000, exp: now - 60 }) }),
      await connectionRefusal(app, member, { token: 'not-a-token' }),
    ];
    expect(refusals.map((error) => error.message)).toEqual([
      'unauthorized',
      'unauthorized',
      'unauthorized',
      'unauthorized',
    ]);
    await expect(connectChat(app, member)).resolves.toBeDefined();
  });

  it('takes the token from the handshake auth payload only, never from the URL', async () => {
    const member = await registerMember(app);
    const inUrl = await connectionRefusal(app, member, { token: null, query: { token: member.tokens.accessToken } });
    expect(inUrl.message).toBe('unauthorized');
    const both = await connectionRefusal(app, member, { query: { token: member.tokens.accessToken } });
    expect(both.message).toBe('unauthorized');
  });

  it("refuses a browser origin that is not allowed, before Socket.IO accepts the handshake; lets the server's own origin and clients without an Origin in", async () => {
    const member = await registerMember(app);
    const refused = await connectionRefusal(app, member, { origin: 'https://evil.example' });
    expect(refused.message).not.toBe('unauthorized');
    await expect(connectChat(app, member, { origin: `http://127.0.0.1:${port()}` })).resolves.toBeDefined();
    await expect(connectChat(app, member, { origin: `http://localhost:${port()}` })).resolves.toBeDefined();
    await expect(connectChat(app, member)).resolves.toBeDefined();

    const handshake = (origin?: string) => {
      const call = request(app.baseUrl).get('/socket.io/').query({ EIO: '4', transport: 'polling' });
      return origin ? call.set('Origin', origin) : call;
    };
    expect((await handshake('https://evil.example')).status).toBe(403);
    expect((await handshake('null')).status).toBe(403);
    expect((await handshake(`http://127.0.0.1:${port()}`)).status).toBe(200);
    expect((await handshake()).status).toBe(200);
  });

  it('reads ALLOWED_ORIGINS as a list of origins and names the variable when one is not an origin', () => {
    const base = { JWT_SECRET: 's'.repeat(40), NODE_ENV: 'test', DATA_DIR: '/tmp/kring-unused' };
    expect(loadAppConfig(base).chat.allowedOrigins).toBeNull();
    expect(
      loadAppConfig({ ...base, ALLOWED_ORIGINS: 'https://kring.example, https://www.kring.example/' }).chat
        .allowedOrigins,
    ).toEqual(['https://kring.example', 'https://www.kring.example']);
    expect(() => loadAppConfig({ ...base, ALLOWED_ORIGINS: 'https://kring.example/path' })).toThrow(/ALLOWED_ORIGINS/);
  });

  it('cuts a live socket at once on logout everywhere, and its token no longer connects', async () => {
    const member = await registerMember(app);
    await joinGroup(app, member, group.slug);
    const socket = await connectChat(app, member);
    await joinRoom(socket, { group: group.slug });
    const cut = waitForEvent<string>(socket, 'disconnect');
    const logout = await app.http
      .post('/api/auth/logout')
      .set('Authorization', member.bearer)
      .send({ everywhere: true });
    expect(logout.status).toBe(204);
    expect(await cut).toBe('io server disconnect');
    expect((await connectionRefusal(app, member)).message).toBe('unauthorized');
  });

  it("cuts only that login's sockets on logout; the account's other logins stay connected", async () => {
    const member = await registerMember(app);
    await joinGroup(app, member, group.slug);
    const login = await app.http
      .post('/api/auth/login')
      .send({ loginName: member.loginName, password: member.password });
    const second = login.body as TokenPair;
    const first = await connectChat(app, member);
    const other = await connectChat(app, member, { token: second.accessToken });
    await joinRoom(other, { group: group.slug });
    const cut = waitForEvent<string>(first, 'disconnect');
    expect((await app.http.post('/api/auth/logout').set('Authorization', member.bearer)).status).toBe(204);
    expect(await cut).toBe('io server disconnect');
    expect(other.connected).toBe(true);
    await expect(sendMessage(other, { group: group.slug }, 'nog hier')).resolves.toMatchObject({ body: 'nog hier' });
  });

  it('asks for a fresh token when the access token runs out, and disconnects when none comes within the grace', async () => {
    const member = await registerMember(app);
    const now = Math.floor(Date.now() / 1000);
    const socket = await connectChat(app, member, { token: await forged(member, { exp: now + 2 }) });
    const expired = await waitForEvent<{ graceMs: number }>(socket, 'auth:expired', 5000);
    expect(expired).toEqual({ graceMs: 1000 });
    const startedGrace = Date.now();
    expect(await waitForEvent<string>(socket, 'disconnect')).toBe('io server disconnect');
    expect(Date.now() - startedGrace).toBeGreaterThanOrEqual(900);
  });

  it("keeps a connection that sends a fresh token of the same account in time, and refuses another account's", async () => {
    const member = await registerMember(app);
    const stranger = await registerMember(app);
    await joinGroup(app, member, group.slug);
    const now = Math.floor(Date.now() / 1000);
    const socket = await connectChat(app, member, { token: await forged(member, { exp: now + 2 }) });
    await waitForEvent(socket, 'auth:expired', 5000);
    const wrong = await call(socket, 'auth:refresh', { token: stranger.tokens.accessToken });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const fresh = await call<{ expiresAt: string }>(socket, 'auth:refresh', { token: member.tokens.accessToken });
    expect(fresh).toMatchObject({ ok: true, expiresAt: expect.any(String) });
    const outcome = await firstOf(socket, ['disconnect'], 1800).catch(() => 'still connected');
    expect(outcome).toBe('still connected');
    await expect(joinRoom(socket, { group: group.slug })).resolves.toMatchObject({ ok: true });
  });

  it('refuses room:join to someone who is not a member of the group, and names no such group alike for everyone', async () => {
    const member = await registerMember(app);
    const stranger = await registerMember(app);
    await joinGroup(app, member, group.slug);
    const socket = await connectChat(app, stranger);
    expect(await call(socket, 'room:join', { group: group.slug })).toMatchObject({
      ok: false,
      error: { code: 'not_a_member', message: expect.any(String) },
    });
    expect(
      await call(socket, 'message:send', { group: group.slug, clientMsgId: randomUUID(), body: 'hoi' }),
    ).toMatchObject({ ok: false, error: { code: 'not_a_member' } });
    expect(await call(socket, 'room:history', { group: group.slug, beforeSeq: 10 })).toMatchObject({
      ok: false,
      error: { code: 'not_a_member' },
    });
    expect(await call(socket, 'room:join', { group: 'no-such-group' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(socket.connected).toBe(true);
  });

  it('answers an unknown event and an event without a payload with an error, and stays connected', async () => {
    const member = await registerMember(app);
    const socket = await connectChat(app, member);
    expect(await call(socket, 'room:destroy', { group: group.slug })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await call(socket, 'room:join')).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(await call(socket, 'room:join', 'text', 42)).toMatchObject({
      ok: false,
      error: { code: 'validation_failed' },
    });
    expect(socket.connected).toBe(true);
  });
});
