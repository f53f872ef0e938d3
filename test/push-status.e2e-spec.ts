import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import type { PushKeyView } from '../src/contracts/notifications.js';
import { registerMember, strongPassword, type TestMember } from './support/accounts.js';
import { expectError } from './support/errors.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { startPushDevice, type TestPushDevice } from './support/web-push.js';

type Login = TestMember & { sessionId: string };

/**
 * `GET /api/notifications/push?endpoint=` says whether the caller's own login holds a push
 * subscription. A browser keeps its subscription when the server ended the login some other way,
 * so the notifications page asks this before it offers "turn off".
 */
describe('push status of this login', () => {
  let app: TestApp;
  let device: TestPushDevice;

  beforeAll(async () => {
    app = await startTestApp();
    device = await startPushDevice();
  });

  afterAll(async () => {
    await device.close();
    await app.close();
  });

  /** The member logged in again on a device they marked as their own ("Dit is mijn eigen toestel"). */
  async function ownDevice(who: TestMember): Promise<Login> {
    const response = await app.http
      .post('/api/auth/login')
      .send({ loginName: who.loginName, password: who.password, keepSignedIn: true });
    expect(response.status).toBe(200);
    const bearer = `Bearer ${response.body.accessToken as string}`;
    const devices = await app.http.get('/api/auth/devices').set('Authorization', bearer);
    const sessionId = (devices.body as { id: string; current: boolean }[]).find((one) => one.current)!.id;
    return { ...who, bearer, sessionId };
  }

  async function turnOn(login: Login): Promise<void> {
    await app.http
      .put('/api/notifications/push')
      .set('Authorization', login.bearer)
      .send({ ...device.subscription, language: 'nl' })
      .expect(204);
  }

  async function subscribed(login: TestMember, endpoint = device.subscription.endpoint): Promise<boolean> {
    const response = await app.http
      .get('/api/notifications/push')
      .query({ endpoint })
      .set('Authorization', login.bearer);
    expect(response.status).toBe(200);
    const view = response.body as PushKeyView;
    expect(view.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    return view.subscribed;
  }

  const stored = async () =>
    app.app
      .get(DataSource)
      .query<{ sessionId: string }[]>('SELECT session_id AS "sessionId" FROM push_subscription WHERE endpoint = $1', [
        device.subscription.endpoint,
      ]);

  it('says on only to the login that turned pushes on, never to another login or account', async () => {
    const member = await registerMember(app);
    const first = await ownDevice(member);
    expect(await subscribed(first)).toBe(false);
    await turnOn(first);
    expect(await subscribed(first)).toBe(true);
    // Without an address it says nothing about any subscription; a non-address is refused.
    const bare = await app.http.get('/api/notifications/push').set('Authorization', first.bearer).expect(200);
    expect(bare.body).toEqual({ publicKey: expect.any(String), subscribed: false });
    expectError(
      await app.http
        .get('/api/notifications/push')
        .query({ endpoint: 'not an address' })
        .set('Authorization', first.bearer),
      400,
      'validation_failed',
    );
    expectError(
      await app.http.get('/api/notifications/push').query({ endpoint: device.subscription.endpoint }),
      401,
      'unauthorized',
    );

    // Another account that learned the address cannot learn whether it is someone's.
    const stranger = await ownDevice(await registerMember(app));
    expect(await subscribed(stranger)).toBe(false);
    // Nor does another live login of the same member: the subscription is this device's login's.
    const second = await ownDevice(member);
    expect(await subscribed(second)).toBe(false);
    expect(await subscribed(first)).toBe(true);

    // Ended from the other device: the browser still holds the subscription, the next login is told
    // it is off (so the page offers "turn on"), and turning it on again works.
    await app.http.delete(`/api/auth/devices/${first.sessionId}`).set('Authorization', second.bearer).expect(204);
    const next = await ownDevice(member);
    expect(await subscribed(next)).toBe(false);
    await turnOn(next);
    expect(await subscribed(next)).toBe(true);
    expect(await subscribed(second)).toBe(false);
  });

  it('says off after the login expired or a password change, while the browser kept its subscription', async () => {
    const member = await registerMember(app);
    const first = await ownDevice(member);
    await turnOn(first);
    // Expired: nothing ended it, so the row is still there, but it is that old login's.
    await app.app
      .get(DataSource)
      .query(`UPDATE auth_session SET expires_at = now() - interval '1 minute' WHERE id = $1`, [first.sessionId]);
    expect(await stored()).toEqual([{ sessionId: first.sessionId }]);
    const second = await ownDevice(member);
    expect(await subscribed(second)).toBe(false);

    await turnOn(second);
    expect(await subscribed(second)).toBe(true);
    const newPassword = strongPassword();
    await app.http
      .post('/api/me/password')
      .set('Authorization', second.bearer)
      .send({ currentPassword: member.password, newPassword })
      .expect(204);
    const third = await ownDevice({ ...member, password: newPassword });
    expect(await subscribed(third)).toBe(false);
  });
});
