import { describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import type { ThreadView } from '../src/contracts/forums.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { browserSuite, DESKTOP, goInApp, logInThroughForm, PHONE, screenshot } from './support/browser.js';
import { createGroup, joinGroup } from './support/groups.js';

const NEUTRAL_URL = 'https://www.google.com/';

/**
 * Drafts in the browser (issue 15): what a member was writing in a thread's reply box, a group's
 * new-thread form or a chat room's composer is kept per place while the page lives, so moving
 * around inside the app and coming back finds it again; a draft of one place never shows in
 * another. Across a reload only on a device the member marked as their own at login; without that
 * mark a reload logs the member out and nothing of the draft is left anywhere in the browser's
 * storage, and logging out or the quick exit leaves none either; a draft that was sent leaves its
 * place empty. In English on a 1280 px desktop and a 390 px phone, and in Dutch on a 390 px phone
 * and a 1280 px desktop.
 */
describe('the browser client: drafts of a reply, a new thread or a chat message', () => {
  const suite = browserSuite({ admin: true });
  const { app, admin } = suite;

  const WORDS = {
    en: {
      locale: 'en-GB',
      reply: 'Reply',
      message: 'Your message',
      keep: 'This is my own device — keep me signed in',
      login: 'Log in',
      quickExit: 'Quick exit',
    },
    nl: {
      locale: 'nl-BE',
      reply: 'Antwoord',
      message: 'Je bericht',
      keep: 'Dit is mijn eigen toestel — blijf ingelogd',
      login: 'Inloggen',
      quickExit: 'Snel weg',
    },
  } as const;
  type Language = keyof typeof WORDS;

  interface Place {
    slug: string;
    member: TestMember;
    threadA: string;
    threadB: string;
  }

  /** A group with two threads started by someone else, and the member who writes the drafts. */
  async function place(): Promise<Place> {
    const group = await createGroup(app, admin);
    const member = await registerMember(app);
    await joinGroup(app, member, group.slug);
    const starter = await registerMember(app);
    await joinGroup(app, starter, group.slug);
    const start = async (title: string): Promise<string> => {
      const response = await app.http
        .post(`/api/groups/${group.slug}/threads`)
        .set('Authorization', starter.bearer)
        .send({ title, body: `${title}: how do you get through it?` });
      expect(response.status).toBe(201);
      return (response.body as ThreadView).id;
    };
    return { slug: group.slug, member, threadA: await start('Evenings'), threadB: await start('Mornings') };
  }

  /** A fresh profile whose quick exit lands on a neutral page answered locally. */
  async function profile(language: Language, viewport: { width: number; height: number }): Promise<BrowserContext> {
    const context = await suite.newContext({ locale: WORDS[language].locale, viewport });
    await context.route(`${NEUTRAL_URL}**`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Search</title>' }),
    );
    return context;
  }

  /** Logs in through the form, ticking "this is my own device" when asked, and lands on `path`. */
  async function logIn(page: Page, language: Language, member: TestMember, path: string, ownDevice: boolean) {
    await page.goto(`${app.baseUrl}/login?next=${encodeURIComponent(path)}`);
    await page.locator('input[name="loginName"]').fill(member.loginName);
    await page.locator('input[name="password"]').fill(member.password);
    if (ownDevice) {
      await page.getByLabel(WORDS[language].keep).check();
    }
    await page.locator('main form button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname === path);
    await page.locator('main .page h1').first().waitFor();
  }

  const threadPath = (at: Place, thread: string) => `/groups/${at.slug}/threads/${thread}`;
  const chatPath = (at: Place) => `/groups/${at.slug}/chat`;
  const replyBox = (page: Page, language: Language) =>
    page.getByRole('textbox', { name: WORDS[language].reply, exact: true });
  const chatBox = (page: Page, language: Language) =>
    page.getByRole('textbox', { name: WORDS[language].message, exact: true });

  /**
   * Where this origin keeps any of `texts` in the browser: localStorage, sessionStorage, every
   * IndexedDB store and the Cache Storage (the service worker's), each hit as "<where>: <text>".
   */
  async function storedAnywhere(page: Page, texts: string[]): Promise<string[]> {
    return page.evaluate<string[]>(`(async () => {
      const texts = ${JSON.stringify(texts)};
      const found = [];
      const look = (where, value) => {
        for (const text of texts) {
          if (String(value).includes(text)) { found.push(where + ': ' + text); }
        }
      };
      for (const [label, storage] of [['localStorage', localStorage], ['sessionStorage', sessionStorage]]) {
        for (let index = 0; index < storage.length; index++) {
          const key = storage.key(index);
          look(label + ' ' + key, key + '=' + storage.getItem(key));
        }
      }
      const request = (r) => new Promise((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      for (const { name } of await indexedDB.databases()) {
        const db = await request(indexedDB.open(name));
        for (const store of Array.from(db.objectStoreNames)) {
          const rows = await request(db.transaction(store).objectStore(store).getAll());
          look('IndexedDB ' + name + '/' + store, JSON.stringify(rows));
        }
        db.close();
      }
      if (typeof caches !== 'undefined') {
        for (const name of await caches.keys()) {
          const cache = await caches.open(name);
          for (const key of await cache.keys()) {
            const response = await cache.match(key);
            look('cache ' + name + ' ' + key.url, response ? await response.text() : '');
          }
        }
      }
      return found;
    })()`);
  }

  /** Drafts typed: unique per test, so that a search of the storage cannot find another test's. */
  let counter = 0;
  function drafts(language: Language) {
    counter += 1;
    return language === 'nl'
      ? {
          a: `Concept ${counter} voor Evenings: ik durf het bijna niet te zeggen`,
          chat: `Chatconcept ${counter}: is er iemand wakker?`,
        }
      : {
          a: `Draft ${counter} for Evenings: I hardly dare to say it`,
          chat: `Chat draft ${counter}: is anyone awake?`,
        };
  }

  it('keeps each draft in its own place while moving around; without "my own device" a reload logs out and leaves nothing (en, 1280 px)', async () => {
    const at = await place();
    const text = drafts('en');
    const context = await profile('en', DESKTOP);
    const page = await suite.newPage(context);
    await logIn(page, 'en', at.member, threadPath(at, at.threadA), false);

    await replyBox(page, 'en').fill(text.a);
    // Away to the group's list by its link, and back by the thread's title.
    await page.getByRole('link', { name: 'Back to the threads' }).click();
    await page.getByRole('link', { name: 'Evenings', exact: true }).click();
    await page.waitForURL((url) => url.pathname === threadPath(at, at.threadA));
    expect(await replyBox(page, 'en').inputValue()).toBe(text.a);

    // Thread B and the chat start empty.
    await goInApp(page, threadPath(at, at.threadB));
    expect(await replyBox(page, 'en').inputValue()).toBe('');
    await goInApp(page, chatPath(at));
    expect(await chatBox(page, 'en').inputValue()).toBe('');
    await chatBox(page, 'en').fill(text.chat);
    await goInApp(page, threadPath(at, at.threadA));
    expect(await replyBox(page, 'en').inputValue()).toBe(text.a);
    await goInApp(page, '/account');
    await goInApp(page, chatPath(at));
    expect(await chatBox(page, 'en').inputValue()).toBe(text.chat);
    await goInApp(page, threadPath(at, at.threadB));
    expect(await replyBox(page, 'en').inputValue()).toBe('');
    // Kept in memory only on a device not marked as the member's own.
    expect(await storedAnywhere(page, [text.a, text.chat])).toEqual([]);
    await screenshot(page, 'drafts-thread-b-empty-en-desktop');

    // A reload: logged out, and nothing of either draft anywhere.
    await goInApp(page, threadPath(at, at.threadA));
    await page.reload();
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Log in' }).waitFor();
    expect(await replyBox(page, 'en').count()).toBe(0);
    expect(await storedAnywhere(page, [text.a, text.chat])).toEqual([]);
    await logIn(page, 'en', at.member, threadPath(at, at.threadA), false);
    expect(await replyBox(page, 'en').inputValue()).toBe('');
    await goInApp(page, chatPath(at));
    expect(await chatBox(page, 'en').inputValue()).toBe('');
    expect(await page.locator('main').innerText()).not.toContain(text.chat);
  });

  it("on a device marked as the member's own, drafts survive a reload; the quick exit leaves none in any storage (nl, 390 px)", async () => {
    const at = await place();
    const text = drafts('nl');
    const context = await profile('nl', PHONE);
    const page = await suite.newPage(context, { dialogs: false });
    await logIn(page, 'nl', at.member, threadPath(at, at.threadA), true);

    await replyBox(page, 'nl').fill(text.a);
    await goInApp(page, chatPath(at));
    expect(await chatBox(page, 'nl').inputValue()).toBe('');
    await chatBox(page, 'nl').fill(text.chat);

    // A reload on the member's own device: still logged in, both drafts back, each in its place.
    await page.reload();
    await chatBox(page, 'nl').waitFor();
    expect(await chatBox(page, 'nl').inputValue()).toBe(text.chat);
    await goInApp(page, threadPath(at, at.threadA));
    expect(await replyBox(page, 'nl').inputValue()).toBe(text.a);
    await goInApp(page, threadPath(at, at.threadB));
    expect(await replyBox(page, 'nl').inputValue()).toBe('');
    await page.goto(app.baseUrl + threadPath(at, at.threadA));
    await replyBox(page, 'nl').waitFor();
    expect(await replyBox(page, 'nl').inputValue()).toBe(text.a);
    await screenshot(page, 'drafts-after-reload-nl-phone');

    // A draft emptied by the member is not brought back by the next reload.
    await replyBox(page, 'nl').fill('');
    await page.reload();
    await replyBox(page, 'nl').waitFor();
    expect(await replyBox(page, 'nl').inputValue()).toBe('');
    await replyBox(page, 'nl').fill(text.a);
    // On the member's own device the draft is kept in storage (which the search below would find).
    expect(await storedAnywhere(page, [text.a])).toEqual([`localStorage kring.drafts: ${text.a}`]);

    // The quick exit: to the neutral page, and no draft text left for the next person at this device.
    await page.getByRole('link', { name: WORDS.nl.quickExit }).click();
    await page.waitForURL(NEUTRAL_URL);
    const again = await suite.newPage(context, { dialogs: false });
    await again.goto(`${app.baseUrl}/login`);
    await again.locator('input[name="loginName"]').waitFor();
    expect(await storedAnywhere(again, [text.a, text.chat])).toEqual([]);
    expect(await again.evaluate<string[]>('Object.keys(localStorage)')).not.toContain('kring.drafts');
    await logInThroughForm(again, app.baseUrl, at.member, threadPath(at, at.threadA));
    expect(await replyBox(again, 'nl').inputValue()).toBe('');
    await goInApp(again, chatPath(at));
    expect(await chatBox(again, 'nl').inputValue()).toBe('');
  });
  it("logging out on the member's own device forgets every draft, and a sent one is gone from its place (en, 390 px)", async () => {
    const at = await place();
    const text = drafts('en');
    const context = await profile('en', PHONE);
    const page = await suite.newPage(context);
    await logIn(page, 'en', at.member, threadPath(at, at.threadA), true);
    await replyBox(page, 'en').fill(text.a);
    await goInApp(page, chatPath(at));
    await chatBox(page, 'en').fill(text.chat);
    expect(await storedAnywhere(page, [text.a, text.chat])).toEqual([
      `localStorage kring.drafts: ${text.a}`,
      `localStorage kring.drafts: ${text.chat}`,
    ]);

    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Log in' }).waitFor();
    expect(await storedAnywhere(page, [text.a, text.chat])).toEqual([]);
    await page.reload();
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Log in' }).waitFor();
    expect(await storedAnywhere(page, [text.a, text.chat])).toEqual([]);

    await logIn(page, 'en', at.member, threadPath(at, at.threadA), true);
    expect(await replyBox(page, 'en').inputValue()).toBe('');
    await goInApp(page, chatPath(at));
    expect(await chatBox(page, 'en').inputValue()).toBe('');

    // A draft that was sent is gone from its place, after moving around and after a reload.
    await chatBox(page, 'en').fill(text.chat);
    await chatBox(page, 'en').press('Enter');
    await page.locator('main .chat-room').getByText(text.chat).last().waitFor();
    await goInApp(page, threadPath(at, at.threadA));
    await replyBox(page, 'en').fill(text.a);
    await page.getByRole('button', { name: 'Post the reply' }).click();
    await page.locator('main ol.posts').getByText(text.a).waitFor();
    expect(await replyBox(page, 'en').inputValue()).toBe('');
    await goInApp(page, chatPath(at));
    expect(await chatBox(page, 'en').inputValue()).toBe('');
    await page.reload();
    await chatBox(page, 'en').waitFor();
    expect(await chatBox(page, 'en').inputValue()).toBe('');
    await goInApp(page, threadPath(at, at.threadA));
    expect(await replyBox(page, 'en').inputValue()).toBe('');
    expect(await page.evaluate<string[]>('Object.keys(localStorage)')).not.toContain('kring.drafts');
  });
  it('keeps the draft of a new thread per group until it is posted (nl, 1280 px)', async () => {
    const at = await place();
    const other = await createGroup(app, admin, { name: 'Alleen wonen' });
    await joinGroup(app, at.member, other.slug);
    counter += 1;
    const title = `Nachten ${counter}`;
    const body = `Concept ${counter}: wie ligt er ook wakker om vier uur?`;
    const page = await suite.newPage(await profile('nl', DESKTOP));
    await logIn(page, 'nl', at.member, `/groups/${at.slug}/threads/new`, false);
    const titleBox = page.getByRole('textbox', { name: 'Titel', exact: true });
    const bodyBox = page.getByRole('textbox', { name: 'Je tekst', exact: true });
    await titleBox.fill(title);
    await bodyBox.fill(body);

    // Away and back: both parts are there; another group's form and this group's reply box are empty.
    await page.getByRole('link', { name: 'Terug naar de gesprekken' }).click();
    await page.getByRole('link', { name: 'Begin een gesprek' }).first().click();
    await page.waitForURL((url) => url.pathname === `/groups/${at.slug}/threads/new`);
    await titleBox.waitFor();
    expect(await titleBox.inputValue()).toBe(title);
    expect(await bodyBox.inputValue()).toBe(body);
    await goInApp(page, `/groups/${other.slug}/threads/new`);
    expect(await titleBox.inputValue()).toBe('');
    expect(await bodyBox.inputValue()).toBe('');
    await goInApp(page, threadPath(at, at.threadA));
    expect(await replyBox(page, 'nl').inputValue()).toBe('');
    expect(await storedAnywhere(page, [title, body])).toEqual([]);

    // Posted: the form of this group starts empty again.
    await goInApp(page, `/groups/${at.slug}/threads/new`);
    expect(await titleBox.inputValue()).toBe(title);
    await page.getByRole('button', { name: 'Gesprek plaatsen' }).click();
    await page.locator('main h1', { hasText: title }).waitFor();
    await goInApp(page, `/groups/${at.slug}/threads/new`);
    expect(await titleBox.inputValue()).toBe('');
    expect(await bodyBox.inputValue()).toBe('');
  });
});
