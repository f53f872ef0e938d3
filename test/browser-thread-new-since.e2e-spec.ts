import { describe, expect, it } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import type { ThreadView } from '../src/contracts/forums.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { browserSuite, DESKTOP, goInApp, PHONE, screenshot } from './support/browser.js';
import { createGroup, joinGroup } from './support/groups.js';

/**
 * "New since your last visit" in a thread (issue 15), tried as a member does it: she reads a
 * thread in the browser and answers, leaves; someone else replies twice; she opens the thread
 * again and a line sits just before the first reply she has not seen (not before her own);
 * opening it once more with nothing new shows no line. In Dutch on a 1280 px desktop and in
 * English on a 390 px phone (the other two pairs are tried in browser-moderator-tools).
 */
describe('the browser client: the "new since your last visit" line in a thread', () => {
  const suite = browserSuite({ admin: true });
  const { app, admin } = suite;

  const WORDS = {
    nl: {
      locale: 'nl-BE',
      title: 'Avonden',
      line: 'Nieuw sinds je vorige bezoek',
      back: 'Terug naar de gesprekken',
      reply: 'Antwoord',
      submit: 'Antwoord plaatsen',
      unread: '2 nieuw',
    },
    en: {
      locale: 'en-GB',
      title: 'Evenings',
      line: 'New since your last visit',
      back: 'Back to the threads',
      reply: 'Reply',
      submit: 'Post the reply',
      unread: '2 new',
    },
  } as const;
  type Language = keyof typeof WORDS;

  async function reply(who: TestMember, slug: string, threadId: string, body: string): Promise<void> {
    const response = await app.http
      .post(`/api/groups/${slug}/threads/${threadId}/posts`)
      .set('Authorization', who.bearer)
      .send({ body });
    expect(response.status).toBe(201);
  }

  /** The reply items of the thread as shown, the line among them. */
  const items = (page: Page): Locator => page.locator('main ol.posts > li');
  const line = (page: Page): Locator => page.locator('main ol.posts > li.new-since');

  async function openThread(page: Page, language: Language, lastReply: string): Promise<void> {
    await page.getByRole('link', { name: WORDS[language].title, exact: true }).click();
    await page.locator('main ol.posts').getByText(lastReply).waitFor();
  }

  async function leave(page: Page, language: Language): Promise<void> {
    await page.getByRole('link', { name: WORDS[language].back }).click();
    await page.locator('main ol.posts').waitFor({ state: 'detached' });
  }

  async function tryIt(language: Language, viewport: { width: number; height: number }): Promise<void> {
    const words = WORDS[language];
    const group = await createGroup(app, admin, { locale: language });
    const anna = await registerMember(app);
    await joinGroup(app, anna, group.slug, { alias: 'Anna Zee' });
    const bram = await registerMember(app);
    await joinGroup(app, bram, group.slug, { alias: 'Bram Bos' });
    const started = await app.http
      .post(`/api/groups/${group.slug}/threads`)
      .set('Authorization', bram.bearer)
      .send({ title: words.title, body: 'How do your evenings go?' });
    expect(started.status).toBe(201);
    const threadId = (started.body as ThreadView).id;
    await reply(bram, group.slug, threadId, 'First reply: restless, honestly.');

    // Anna's first visit: everything is new to her, and no line says so.
    const page = await suite.loggedIn(
      await suite.newContext({ locale: words.locale, viewport }),
      anna,
      `/groups/${group.slug}`,
    );
    await openThread(page, language, 'First reply: restless, honestly.');
    expect(await line(page).count()).toBe(0);
    // She answers; her own reply is never "new" to her.
    await page.getByRole('textbox', { name: words.reply, exact: true }).fill('Anna answers: walking helps me.');
    await page.getByRole('button', { name: words.submit }).click();
    await page.locator('main ol.posts').getByText('Anna answers: walking helps me.').waitFor();
    await leave(page, language);

    await reply(bram, group.slug, threadId, 'Second reply: better than last week.');
    await reply(bram, group.slug, threadId, 'Third reply: sleep well, everyone.');

    // Back later: the group's list says two are new, and the thread has the line just before the first of them.
    await goInApp(page, `/groups/${group.slug}`);
    await page.locator('main li', { hasText: words.title }).first().getByText(words.unread).waitFor();
    await openThread(page, language, 'Third reply: sleep well, everyone.');
    await line(page).getByText(words.line, { exact: true }).waitFor();
    expect(await line(page).count()).toBe(1);
    const texts = await items(page).allInnerTexts();
    const at = texts.findIndex((text) => text.includes(words.line));
    expect(texts[at - 1]).toContain('Anna answers: walking helps me.');
    expect(texts[at + 1]).toContain('Second reply: better than last week.');
    expect(texts.slice(at + 2).join(' ')).toContain('Third reply: sleep well, everyone.');
    // Seen where it is: below her own reply, above the first new one, across the width of the list.
    const shown = await line(page).boundingBox();
    const before = await items(page)
      .nth(at - 1)
      .boundingBox();
    const after = await items(page)
      .nth(at + 1)
      .boundingBox();
    expect(shown && before && after).toBeTruthy();
    expect(shown!.height).toBeGreaterThan(0);
    expect(shown!.y).toBeGreaterThanOrEqual(before!.y + before!.height - 1);
    expect(shown!.y + shown!.height).toBeLessThanOrEqual(after!.y + 1);
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await line(page).scrollIntoViewIfNeeded();
    await screenshot(page, `thread-new-since-${language}-${viewport.width}`);

    // Once more, with nothing new since: no line.
    await leave(page, language);
    await openThread(page, language, 'Third reply: sleep well, everyone.');
    expect(await items(page).count()).toBe(4);
    expect(await line(page).count()).toBe(0);
    expect(await page.locator('main').innerText()).not.toContain(words.line);
  }

  it('marks the first reply not seen yet, and nothing once all is seen, in Dutch on a 1280 px desktop', async () => {
    await tryIt('nl', DESKTOP);
  });

  it('marks the first reply not seen yet, and nothing once all is seen, in English on a 390 px phone', async () => {
    await tryIt('en', PHONE);
  });
});
