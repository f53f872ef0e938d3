import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { registerMember } from './support/accounts.js';
import { browserSuite, goInApp, heading, PHONE, screenshot } from './support/browser.js';
import { appointResponder } from './support/crisis.js';
import { createGroup, joinGroup, registerAdmin } from './support/groups.js';

/**
 * The notification badge in the main menu on a 390 px phone: it counts live, "my groups" says how
 * many are new in each group, and the centre clears it.
 */

describe('the browser client: notifications', () => {
  const { app, newContext, loggedIn } = browserSuite();

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
