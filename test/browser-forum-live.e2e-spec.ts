import { describe, expect, it } from '@jest/globals';
import type { ThreadView } from '../src/contracts/forums.js';
import { registerMember } from './support/accounts.js';
import { browserSuite, DESKTOP, logInThroughForm, PHONE, screenshot } from './support/browser.js';
import { createGroup, joinGroup, registerAdmin } from './support/groups.js';

/** Typed by another member: formatting, and the usual payloads that must stay harmless text. */
const REPLY = [
  'Wat mij hielp: **een vaste wandeling** en *vroeg* naar bed.',
  '',
  '- water drinken',
  '- [de hulplijn](https://www.113.nl/)',
  '',
  '<script>window.__ran = 1</script> <img src=x onerror="window.__ran = 2"> [klik](javascript:window.__ran=3) [data](data:text/html,<script>parent.__ran=4</script>)',
].join('\n');

/**
 * A thread open in Chromium while another member replies: the reply appears without a reload,
 * with its light formatting, and what looks like code stays text. At 390 px in Dutch and at
 * desktop width in English.
 */
describe('the browser client: a live thread', () => {
  const { app, newContext, newPage } = browserSuite();

  it.each([
    { locale: 'nl-BE', viewport: PHONE, size: '390', replied: 'Er is een nieuw antwoord.' },
    { locale: 'en-GB', viewport: DESKTOP, size: 'desktop', replied: 'A new reply arrived.' },
  ])(
    'shows a reply as it arrives, formatted and harmless ($locale, $size)',
    async ({ locale, viewport, size, replied: said }) => {
      const admin = await registerAdmin(app);
      const group = await createGroup(app, admin, { name: 'Slapeloosheid' });
      const reader = await registerMember(app);
      await joinGroup(app, reader, group.slug);
      const writer = await registerMember(app);
      await joinGroup(app, writer, group.slug);
      const thread = (
        await app.http
          .post(`/api/groups/${group.slug}/threads`)
          .set('Authorization', reader.bearer)
          .send({ title: 'Wakker om drie uur', body: 'Hoe komen jullie de nacht door?' })
      ).body as ThreadView;

      const page = await newPage(await newContext({ locale, viewport }));
      const path = `/groups/${group.slug}/threads/${thread.id}`;
      await logInThroughForm(page, app.baseUrl, reader, path);
      await page.locator('article.post.opening').waitFor();
      // Give the live connection a moment to join the thread's room.
      await page.waitForTimeout(500);

      const replied = await app.http
        .post(`/api/groups/${group.slug}/threads/${thread.id}/posts`)
        .set('Authorization', writer.bearer)
        .send({ body: REPLY });
      expect(replied.status).toBe(201);

      const reply = page.locator('article.post.reply');
      await reply.waitFor({ timeout: 5000 });
      const text = reply.locator('.post-text');
      await text.locator('strong', { hasText: 'een vaste wandeling' }).waitFor();
      await text.locator('em', { hasText: 'vroeg' }).waitFor();
      expect(await text.locator('li').count()).toBe(2);
      const link = text.locator('a');
      expect(await link.count()).toBe(1);
      expect(await link.getAttribute('href')).toBe('https://www.113.nl/');
      // The address is in view beside the words.
      expect(await text.textContent()).toContain('de hulplijn (https://www.113.nl/)');
      // The payloads are text: no element, no script ran, nothing to click.
      expect(await text.locator('script, img, iframe').count()).toBe(0);
      expect(await text.textContent()).toContain('<script>window.__ran = 1</script>');
      expect(await text.textContent()).toContain('[klik](javascript:window.__ran=3)');
      expect(await page.evaluate('window.__ran')).toBeUndefined();
      // Screen readers are told, in the page's language.
      await page.locator('[aria-live]', { hasText: said }).waitFor({ state: 'attached' });
      await screenshot(page, `forum-live-${size}-${locale}`);
    },
    60_000,
  );
});
