import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { PostView, ThreadView } from '../src/contracts/forums.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { browserSuite, DESKTOP, goInApp, PHONE, screenshot } from './support/browser.js';
import { createGroup, joinGroup } from './support/groups.js';
import { call, connectChat, joinRoom } from './support/sockets.js';

/**
 * Content warnings everywhere (issue 14), in Chromium: a reply and a chat message with a warning
 * come folded under "Inhoudswaarschuwing: …" and open on click; a member's own hidden word folds a
 * post for that member only. Dutch on a 390 px phone and English on a desktop; in English the
 * warning is written through the reply form and the chat box too.
 */
describe('the browser client: content warnings and hidden words', () => {
  const suite = browserSuite({ admin: true });
  const { app, admin } = suite;

  const WORDS = {
    nl: {
      warning: 'Inhoudswaarschuwing:',
      show: 'Toon de tekst',
      fold: 'Weer dichtvouwen',
      hiddenWords: 'Woorden om te verbergen',
      save: 'Leesvoorkeuren bewaren',
      saved: 'Je leesvoorkeuren zijn bewaard.',
      hiddenReason: 'Dichtgevouwen: er staat een woord in dat je verbergt.',
      addWarning: 'Inhoudswaarschuwing toevoegen',
      chatWarning: 'Inhoudswaarschuwing',
      message: 'Je bericht',
      send: 'Versturen',
    },
    en: {
      warning: 'Content warning:',
      show: 'Show the text',
      fold: 'Fold it away again',
      hiddenWords: 'Words to hide',
      save: 'Save reading preferences',
      saved: 'Your reading preferences are saved.',
      hiddenReason: 'Folded: it holds a word you hide.',
      addWarning: 'Add a content warning',
      chatWarning: 'Content warning',
      message: 'Your message',
      send: 'Send',
    },
  } as const;

  async function fitsWidth(page: Page): Promise<boolean> {
    return page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');
  }

  async function post(member: TestMember, path: string, body: object): Promise<unknown> {
    const response = await app.http.post(path).set('Authorization', member.bearer).send(body);
    expect(response.status).toBe(201);
    return response.body;
  }

  for (const [lang, viewport, locale] of [
    ['nl', PHONE, 'nl-BE'],
    ['en', DESKTOP, 'en-GB'],
  ] as const) {
    it(`folds a warned reply and chat message until opened, and a hidden word folds a post for me only (${lang}, ${viewport.width} px)`, async () => {
      const words = WORDS[lang];
      const group = await createGroup(app, admin, { locale: lang });
      const [anna, bram, carl] = [await registerMember(app), await registerMember(app), await registerMember(app)];
      for (const member of [anna, bram, carl]) {
        await joinGroup(app, member, group.slug);
      }
      const thread = (await post(anna, `/api/groups/${group.slug}/threads`, {
        title: 'Hoe houden jullie het vol?',
        body: 'Ik zoek wat steun deze weken.',
      })) as ThreadView;
      const warned = (await post(anna, `/api/groups/${group.slug}/threads/${thread.id}/posts`, {
        body: 'Mijn zus overleed vorig jaar in deze tijd.',
        contentWarning: 'verlies',
      })) as PostView;
      await post(anna, `/api/groups/${group.slug}/threads/${thread.id}/posts`, {
        body: 'Het ziekenhuis blijft in mijn hoofd.',
      });
      const socket = await connectChat(app, anna);
      await joinRoom(socket, { group: group.slug });
      // Sent again with the same clientMsgId when a busy machine loses the acknowledgement: stored once.
      const request = {
        group: group.slug,
        clientMsgId: randomUUID(),
        body: 'Vandaag was ik weer in de war.',
        contentWarning: 'zelfbeschadiging',
      };
      let sent: unknown;
      for (let attempt = 0; sent === undefined; attempt++) {
        sent = await call(socket, 'message:send', request).catch((error: unknown) => {
          if (attempt >= 3) {
            throw error;
          }
          return undefined;
        });
      }
      expect(sent).toMatchObject({ ok: true });

      const context = await suite.newContext({ locale, viewport });
      const page = await suite.loggedIn(context, bram, `/groups/${group.slug}/threads/${thread.id}`);

      // The warned reply: its warning and a button, the text hidden until opened.
      const reply = page.locator(`article.post.reply`, { hasText: 'verlies' });
      await reply.getByText(words.warning).waitFor();
      const text = reply.getByText('Mijn zus overleed vorig jaar in deze tijd.');
      expect(await text.isVisible()).toBe(false);
      const show = reply.getByRole('button', { name: words.show });
      expect(await show.getAttribute('aria-expanded')).toBe('false');
      await screenshot(page, `reply-warning-${lang}-${viewport.width}`);
      await show.click();
      await text.waitFor();
      expect(await reply.getByRole('button', { name: words.fold }).getAttribute('aria-expanded')).toBe('true');
      expect(await fitsWidth(page)).toBe(true);
      expect(warned.contentWarning).toBe('verlies');

      // A reply without a warning reads as usual.
      await page.getByText('Het ziekenhuis blijft in mijn hoofd.').waitFor();

      // The warned chat message: folded under its warning, opened on click.
      await goInApp(page, `/groups/${group.slug}/chat`);
      const message = page.locator('ol.messages li.message', { hasText: 'zelfbeschadiging' });
      await message.getByText(words.warning).waitFor();
      const said = message.getByText('Vandaag was ik weer in de war.');
      expect(await said.isVisible()).toBe(false);
      await message.getByRole('button', { name: words.show }).click();
      await said.waitFor();
      await screenshot(page, `chat-warning-${lang}-${viewport.width}`);

      // A hidden word, saved on the account page, folds the post that holds it — for Bram only.
      await goInApp(page, '/account');
      await page.getByLabel(words.hiddenWords).fill('Ziekenhuis');
      await page.getByRole('button', { name: words.save }).click();
      await page.getByText(words.saved).waitFor();
      await goInApp(page, `/groups/${group.slug}/threads/${thread.id}`);
      const hidden = page.locator('article.post.reply', { hasText: words.hiddenReason });
      await hidden.waitFor();
      const hiddenText = hidden.getByText('Het ziekenhuis blijft in mijn hoofd.');
      expect(await hiddenText.isVisible()).toBe(false);
      await hidden.getByRole('button', { name: words.show }).click();
      await hiddenText.waitFor();
      expect(await fitsWidth(page)).toBe(true);

      const other = await suite.loggedIn(
        await suite.newContext({ locale, viewport }),
        carl,
        `/groups/${group.slug}/threads/${thread.id}`,
      );
      await other.getByText('Het ziekenhuis blijft in mijn hoofd.').waitFor();
      expect(await other.getByText(words.hiddenReason).count()).toBe(0);

      if (lang === 'en') {
        // Writing one: a reply with a warning through the form, and a chat message through the box.
        await other.getByLabel(words.chatWarning).first().fill('rouw');
        await other.locator('section.reply-area textarea[name="body"]').fill('Ik denk aan jullie.');
        await other.getByRole('button', { name: 'Post the reply' }).click();
        const mine = other.locator('article.post.reply', { hasText: 'rouw' });
        await mine.getByText(words.warning).waitFor();

        await goInApp(page, `/groups/${group.slug}/chat`);
        await goInApp(other, `/groups/${group.slug}/chat`);
        await other.getByText(words.addWarning).click();
        await other.getByLabel(words.chatWarning).fill('angst');
        await other.getByLabel(words.message).fill('Ik had vannacht een paniekaanval.');
        await other.getByRole('button', { name: words.send }).click();
        const arrived = page.locator('ol.messages li.message', { hasText: 'angst' });
        await arrived.getByText(words.warning).waitFor();
        expect(await arrived.getByText('Ik had vannacht een paniekaanval.').isVisible()).toBe(false);
      }
    }, 240_000);
  }
  for (const [lang, viewport, locale] of [
    ['nl', PHONE, 'nl-BE'],
    ['en', DESKTOP, 'en-GB'],
  ] as const) {
    it(`a hidden word folds a thread title in the list, a search hit and a quote too, not my own words (${lang}, ${viewport.width} px)`, async () => {
      const words = WORDS[lang];
      const group = await createGroup(app, admin, { locale: lang });
      const base = `/api/groups/${group.slug}`;
      const [anna, bram, carl] = [await registerMember(app), await registerMember(app), await registerMember(app)];
      for (const member of [anna, bram, carl]) {
        await joinGroup(app, member, group.slug);
      }
      const put = await app.http
        .put('/api/me/content-preferences')
        .set('Authorization', bram.bearer)
        .send({ foldWarned: true, hiddenWords: ['Ziekenhuis'] });
      expect(put.status).toBe(200);
      const hurting = (await post(anna, `${base}/threads`, {
        title: 'Terug uit het Ziekenhuis',
        body: 'Een week opgenomen geweest.',
      })) as ThreadView;
      await post(bram, `${base}/threads`, {
        title: 'Mijn eigen ziekenhuisverhaal',
        body: 'Het ziekenhuis was voor mij een goede plek.',
      });
      const plain = (await post(anna, `${base}/threads`, {
        title: 'Wat helpt jullie slapen?',
        body: 'Ik lig vaak wakker.',
      })) as ThreadView;
      const quoted = (await post(anna, `${base}/threads/${plain.id}/posts`, {
        body: 'Sinds het ziekenhuis slaap ik slecht.',
      })) as PostView;
      // The word starts just before the quote's cut (140 characters): the quote never shows half of it.
      const lead = 'Ik schrijf hier wat langer over hoe de weken gaan, en wat mij helpt om de nachten door te komen. '
        .repeat(2)
        .slice(0, 134);
      const long = (await post(anna, `${base}/threads/${plain.id}/posts`, {
        body: `${lead} ziekenhuisbezoeken blijven zwaar voor mij.`,
      })) as PostView;
      await post(carl, `${base}/threads/${plain.id}/posts`, {
        body: 'Sterkte, ik herken het.',
        quotePostId: quoted.id,
      });
      await post(carl, `${base}/threads/${plain.id}/posts`, { body: 'Dat lijkt me lastig.', quotePostId: long.id });

      const page = await suite.loggedIn(await suite.newContext({ locale, viewport }), bram, `/groups/${group.slug}`);

      // The thread list: the title (a link) folded; her own thread and the other title as usual.
      const folded = page.locator('li.thread', { hasText: words.hiddenReason });
      await folded.waitFor();
      const title = folded.getByRole('link', { name: 'Terug uit het Ziekenhuis' });
      expect(await title.isVisible()).toBe(false);
      await page.getByRole('link', { name: 'Mijn eigen ziekenhuisverhaal' }).waitFor();
      await page.getByRole('link', { name: 'Wat helpt jullie slapen?' }).waitFor();
      expect(await page.locator('li.thread', { hasText: words.hiddenReason }).count()).toBe(1);
      await folded.getByRole('button', { name: words.show }).click();
      await title.waitFor();
      expect(await title.getAttribute('href')).toBe(`/groups/${group.slug}/threads/${hurting.id}`);
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, `hidden-word-thread-list-${lang}-${viewport.width}`);

      // Search: every hit of someone else holding the word comes folded, her own does not.
      await goInApp(page, `/search?q=ziekenhuis&group=${group.slug}`);
      await page.locator('ol.hits li.hit').first().waitFor();
      const hits = page.locator('ol.hits li.hit');
      const foldedHits = page.locator('ol.hits li.hit', { hasText: words.hiddenReason });
      expect(await hits.count()).toBe(3);
      expect(await foldedHits.count()).toBe(2);
      for (const snippet of await foldedHits.locator('.snippet').all()) {
        expect(await snippet.isVisible()).toBe(false);
      }
      await page.getByRole('link', { name: 'Mijn eigen ziekenhuisverhaal' }).waitFor();
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, `hidden-word-search-${lang}-${viewport.width}`);

      // A quote holding the word folds within the reply, whose own text reads as usual.
      await goInApp(page, `/groups/${group.slug}/threads/${plain.id}`);
      const reply = page.locator('article.post.reply', { hasText: 'Sterkte, ik herken het.' });
      await reply.locator('blockquote.quote').getByText(words.hiddenReason).waitFor();
      expect(await reply.getByText('Sinds het ziekenhuis slaap ik slecht.').isVisible()).toBe(false);
      expect(await reply.getByText('Sterkte, ik herken het.').isVisible()).toBe(true);
      await reply.locator('blockquote.quote').getByRole('button', { name: words.show }).click();
      await reply.getByText('Sinds het ziekenhuis slaap ik slecht.').waitFor();
      // The long post's quote stops before the word rather than showing part of it.
      const cut = page.locator('article.post.reply', { hasText: 'Dat lijkt me lastig.' }).locator('.quote-text');
      await cut.waitFor();
      expect(await cut.innerText()).not.toMatch(/zieke/i);
      expect(await cut.innerText()).toMatch(/…$/);
      await screenshot(page, `hidden-word-quote-${lang}-${viewport.width}`);

      // Someone without hidden words reads all of it open.
      const other = await suite.loggedIn(await suite.newContext({ locale, viewport }), carl, `/groups/${group.slug}`);
      await other.getByRole('link', { name: 'Terug uit het Ziekenhuis' }).waitFor();
      expect(await other.getByText(words.hiddenReason).count()).toBe(0);
    }, 240_000);
  }
});
