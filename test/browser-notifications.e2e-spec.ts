import { describe, expect, it } from '@jest/globals';
import { registerMember } from './support/accounts.js';
import { browserSuite, goInApp, heading, PHONE, screenshot } from './support/browser.js';
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
