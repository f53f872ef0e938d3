import { describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { registerMember, type TestMember } from './support/accounts.js';
import { browserSuite, goInApp, heading, PHONE, screenshot } from './support/browser.js';
import { appointResponder } from './support/crisis.js';
import { createGroup, joinGroup, registerAdmin } from './support/groups.js';
import { startPushDevice } from './support/web-push.js';

/**
 * The notification badge in the main menu on a 390 px phone: it counts live, "my groups" says how
 * many are new in each group, and the centre clears it.
 */

describe('the browser client: notifications', () => {
  const { app, newContext, newPage, loggedIn } = browserSuite();

  it('shows a reply on the badge at once, and the notification centre marks it read', async () => {
    const admin = await registerAdmin(app);
    const group = await createGroup(app, admin, { name: 'Depressie' });
    const member = await registerMember(app);
    const membership = await joinGroup(app, member, group.slug);
    const other = await registerMember(app);
    const otherIn = await joinGroup(app, other, group.slug);
    const thread = await app.http
      .post(`/api/groups/${group.slug}/threads`)
      .set('Authorization', member.bearer)
      .send({ title: 'Hoe kom je de ochtend door?', body: 'Ik kom moeilijk op gang.' });
    expect(thread.status).toBe(201);

    const page = await loggedIn(await newContext({ viewport: PHONE }), member, `/groups/${group.slug}`);
    const bell = page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: /^Notifications/ });
    await bell.waitFor();
    expect(await page.locator('.bell-count').count()).toBe(0);

    const replied = await app.http
      .post(`/api/groups/${group.slug}/threads/${thread.body.id as string}/posts`)
      .set('Authorization', other.bearer)
      .send({ body: 'Herkenbaar. Mij helpt een vaste wandeling.' });
    expect(replied.status).toBe(201);
    await page.locator('.bell-count').filter({ hasText: '1' }).waitFor({ timeout: 5000 });
    await screenshot(page, 'notifications-badge-390');
    await goInApp(page, '/groups');
    await page.locator('.my-groups .card').filter({ hasText: 'Depressie' }).getByText('1 new notification').waitFor();

    await bell.click();
    await heading(page, 'Notifications');
    await page.getByRole('link', { name: `${otherIn.alias} replied in a thread you take part in` }).waitFor();
    await page.getByText(`In Depressie, as ${membership.alias}`).waitFor();
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await page.locator('.bell-count').waitFor({ state: 'detached' });
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
  });

  /**
   * A page whose browser push subscription is a stand-in (headless Chromium has no push service to
   * subscribe at): `held` is whether the browser still holds one from before, as a real browser does
   * after the server ended that login. Counts the page's `unsubscribe()` calls in `__unsubscribed`.
   */
  async function pushPage(
    context: BrowserContext,
    subscription: { endpoint: string; keys: { p256dh: string; auth: string } },
    held: boolean,
  ): Promise<Page> {
    const page = await newPage(context);
    await page.addInitScript(`(() => {
      const json = ${JSON.stringify(subscription)};
      window.__unsubscribed = 0;
      const make = () => ({
        endpoint: json.endpoint,
        expirationTime: null,
        toJSON: () => ({ ...json, expirationTime: null }),
        unsubscribe: () => {
          current = null;
          window.__unsubscribed += 1;
          return Promise.resolve(true);
        },
      });
      let current = ${held} ? make() : null;
      PushManager.prototype.getSubscription = () => Promise.resolve(current);
      PushManager.prototype.subscribe = () => Promise.resolve((current ??= make()));
    })()`);
    return page;
  }

  /** Logs in through the form, ticking "This is my own device" when `own`, and lands on the notifications. */
  async function logInTo(page: Page, member: TestMember, own: boolean): Promise<void> {
    await page.goto(`${app.baseUrl}/login?next=${encodeURIComponent('/notifications')}`);
    await page.locator('input[name="loginName"]').fill(member.loginName);
    await page.locator('input[name="password"]').fill(member.password);
    if (own) {
      await page.locator('input[name="keepSignedIn"]').check();
    }
    await page.locator('main form button[type="submit"]').click();
    await heading(page, 'Notifications');
  }

  it('offers to turn pushes on again when the browser kept a subscription of a login the server ended', async () => {
    const device = await startPushDevice();
    try {
      const member = await registerMember(app);
      const rows = async () =>
        app.app
          .get(DataSource)
          .query<unknown[]>('SELECT 1 FROM push_subscription WHERE endpoint = $1', [device.subscription.endpoint]);
      const context = await newContext({ permissions: ['notifications'] });
      const turnOn = (page: Page) => page.getByRole('button', { name: 'Turn on push notifications on this device' });
      const turnOff = (page: Page) => page.getByRole('button', { name: 'Turn off push notifications on this device' });

      // Turned on on the member's own device: the server holds it for this login, the page says on.
      const first = await pushPage(context, device.subscription, false);
      await logInTo(first, member, true);
      await turnOn(first).click();
      await turnOff(first).waitFor();
      await first.getByText('Push notifications are on for this device.').first().waitFor();
      expect(await rows()).toHaveLength(1);

      // That login is ended from another device; the browser still holds its subscription.
      const devices = await app.http.get('/api/auth/devices').set('Authorization', member.bearer).expect(200);
      const ended = (devices.body as { id: string; current: boolean }[]).filter((one) => !one.current);
      expect(ended).toHaveLength(1);
      await app.http.delete(`/api/auth/devices/${ended[0].id}`).set('Authorization', member.bearer).expect(204);
      expect(await rows()).toHaveLength(0);

      // The next login on that device is offered "turn on", not "turn off" for pushes that no longer come.
      const second = await pushPage(context, device.subscription, true);
      await logInTo(second, member, true);
      await turnOn(second).waitFor();
      expect(await turnOff(second).count()).toBe(0);
      expect(await second.evaluate('window.__unsubscribed')).toBe(1);
      await second.close();

      // A login not marked as the member's own (a browser where the member's own device is not
      // kept signed in) gets the own-device notice, no button.
      const third = await pushPage(await newContext({ permissions: ['notifications'] }), device.subscription, true);
      await logInTo(third, member, false);
      await third.getByText(/Push notifications are only for your own device/).waitFor();
      expect(await third.getByRole('button', { name: /push notifications on this device/ }).count()).toBe(0);
      expect(await third.evaluate('window.__unsubscribed')).toBe(1);
    } finally {
      await device.close();
    }
  });
});

describe('the browser client: the badge and logging out stay in reach on a phone', () => {
  const { app, admin, newContext, loggedIn } = browserSuite({ admin: true });

  /** Where an element is drawn, and whether it is the top element at its centre (nothing covers it). */
  async function placed(page: Page, selector: string): Promise<{ box: Box; onTop: boolean } | null> {
    return page.evaluate<{ box: Box; onTop: boolean } | null>(`(() => {
      const element = document.querySelector(${JSON.stringify(selector)});
      if (!element) {
        return null;
      }
      const rect = element.getBoundingClientRect();
      const top = document.elementFromPoint(rect.x + rect.width / 2, rect.y + rect.height / 2);
      const box = { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
      return { box, onTop: top !== null && (top === element || element.contains(top)) };
    })()`);
  }

  interface Box {
    x: number;
    y: number;
    width: number;
    height: number;
  }

  const overlaps = (a: Box, b: Box) =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

  it.each(['nl', 'en'] as const)(
    'in %s at 390 px: the live badge, the crisis desk and logging out are inside the screen on every page, the chat included',
    async (language) => {
      // A crisis responder (the longest menu a member has) with a reply waiting in their group.
      const { member, home } = await appointResponder(app, admin, { onDuty: false });
      const other = await registerMember(app);
      await joinGroup(app, other, home.slug);
      const thread = await app.http
        .post(`/api/groups/${home.slug}/threads`)
        .set('Authorization', member.bearer)
        .send({ title: 'Zqx ochtend', body: 'Ik kom moeilijk op gang.' });
      expect(thread.status).toBe(201);
      const threadId = thread.body.id as string;
      expect(
        (
          await app.http
            .post(`/api/groups/${home.slug}/threads/${threadId}/posts`)
            .set('Authorization', other.bearer)
            .send({ body: 'Herkenbaar.' })
        ).status,
      ).toBe(201);

      const context = await newContext({ viewport: PHONE, locale: language === 'nl' ? 'nl-BE' : 'en-GB' });
      const paths = [
        `/groups/${home.slug}/chat`,
        `/groups/${home.slug}`,
        `/groups/${home.slug}/threads/${threadId}`,
        '/groups',
        '/account',
        '/help',
        '/crisis',
      ];
      const page = await loggedIn(context, member, paths[0]);
      const problems: string[] = [];
      for (const [index, path] of paths.entries()) {
        if (index > 0) {
          await goInApp(page, path);
        }
        await page.locator('.bell-count').filter({ hasText: '1' }).waitFor({ timeout: 5000 });
        await page.locator('.desk-item a').waitFor();
        await page.evaluate('window.scrollTo(0, 0)');
        const exit = await placed(page, '.quick-exit');
        const width = await page.evaluate<number>('window.innerWidth');
        for (const [name, selector] of [
          ['badge', '.bell-count'],
          ['notifications', '.bell-link'],
          ['desk', '.desk-item a'],
          ['logout', '.site-nav li[data-when="in"] > .link-button'],
        ] as const) {
          const found = await placed(page, selector);
          if (!found) {
            problems.push(`${path}: no ${name}`);
            continue;
          }
          const { box, onTop } = found;
          const inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.width > 0;
          if (!inside || !onTop || (exit && overlaps(box, exit.box))) {
            problems.push(`${path}: ${name} at ${JSON.stringify(box)}${onTop ? '' : ', covered'}`);
          }
        }
        if (index === 0) {
          await screenshot(page, `chat-menu-badge-390-${language}`);
        }
      }
      expect(problems).toEqual([]);
    },
  );
});
