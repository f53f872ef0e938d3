import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ThreadView } from '../src/contracts/forums.js';
import { registerMember, type TestMember } from './support/accounts.js';
import {
  assertBrowserReady,
  goInApp,
  launchChromium,
  logInThroughForm,
  PageProblems,
  screenshot,
  seriousAxeViolations,
} from './support/browser.js';
import { createGroup, joinGroup, registerAdmin } from './support/groups.js';
import { type ChatClient, closeChatClients, connectChat, joinRoom, sendMessage } from './support/sockets.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The chat on a phone, like a messenger (issue 15), in Chromium at 390 × 844 and 1280 × 900, in
 * Dutch and in English: in a long room the box to write in stays in view and the page itself does
 * not scroll; new lines arriving while the reader is further up get a marker and a jump to the
 * newest; the report action sits in a menu per message, usable by keyboard; the quick-exit button
 * covers no control and no text on the main pages; axe finds nothing serious in light or dark mode.
 * Expects a fresh `client/dist`. Screenshots go to test-artifacts/screenshots/.
 */
const SIZES = [
  ['phone', { width: 390, height: 844 }],
  ['desktop', { width: 1280, height: 900 }],
] as const;
type Size = (typeof SIZES)[number][0];
type Language = 'nl' | 'en';

const WORDS: Record<
  Language,
  { locale: string; actions: string; report: string; reason: string; submit: string; thanks: string; marker: string }
> = {
  nl: {
    locale: 'nl-BE',
    actions: 'Acties voor dit bericht',
    report: 'Meld dit bericht',
    reason: 'Kwetsend of intimiderend',
    submit: 'Melding versturen',
    thanks: 'Dank je. Een moderator bekijkt het.',
    marker: 'Nieuwe berichten',
  },
  en: {
    locale: 'en-GB',
    actions: 'Actions for this message',
    report: 'Report this message',
    reason: 'Hurtful or harassing',
    submit: 'Send the report',
    thanks: 'Thank you. A moderator will look at it.',
    marker: 'New messages',
  },
};

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * What the quick-exit button overlaps on the page as it is now: every visible control and every
 * visible piece of text (text nodes, measured by their own line boxes) whose box meets the button's.
 */
const QUICK_EXIT_OVERLAPS = `(() => {
  const exit = document.querySelector('.quick-exit');
  if (!exit) { return ['no quick exit button']; }
  const wrap = exit.closest('.quick-exit-wrap') ?? exit;
  const mine = exit.getBoundingClientRect();
  // A box as far as it shows: cut by every scrolling or clipping ancestor (a list scrolled past it).
  const clipped = (element, r) => {
    let box = { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    for (let node = element; node && node !== document.body; node = node.parentElement) {
      if (getComputedStyle(node).overflow === 'visible') { continue; }
      const c = node.getBoundingClientRect();
      box = { left: Math.max(box.left, c.left), right: Math.min(box.right, c.right), top: Math.max(box.top, c.top), bottom: Math.min(box.bottom, c.bottom) };
    }
    return { ...box, width: box.right - box.left, height: box.bottom - box.top };
  };
  const meets = (element, rect) => {
    const r = clipped(element, rect);
    return r.width > 1 && r.height > 1 && r.left < mine.right - 0.5 && r.right > mine.left + 0.5 && r.top < mine.bottom - 0.5 && r.bottom > mine.top + 0.5;
  };
  const shown = (element) => {
    for (let node = element; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.display === 'none' || style.visibility === 'hidden' || node.classList.contains('visually-hidden')) { return false; }
    }
    return true;
  };
  const found = [];
  const controls = document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])');
  for (const control of controls) {
    if (wrap.contains(control) || !shown(control)) { continue; }
    if (meets(control, control.getBoundingClientRect())) { found.push('control: ' + (control.textContent || control.getAttribute('aria-label') || control.tagName).trim().slice(0, 40)); }
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    if (!text.textContent.trim() || !text.parentElement || wrap.contains(text) || !shown(text.parentElement)) { continue; }
    const range = document.createRange();
    range.selectNodeContents(text);
    for (const rect of range.getClientRects()) {
      if (meets(text.parentElement, rect)) { found.push('text: ' + text.textContent.trim().slice(0, 40)); break; }
    }
  }
  return found;
})()`;

describe('the chat on a phone, like a messenger', () => {
  let app: TestApp;
  let browser: Browser;
  let admin: TestMember;
  const contexts: BrowserContext[] = [];
  const problems = new PageProblems();

  beforeAll(async () => {
    assertBrowserReady();
    // Chat history is seeded through sockets faster than a person types.
    app = await startTestApp({ env: { CHAT_RATE_LIMIT_PER_CONNECTION: '1000' } });
    admin = await registerAdmin(app);
    browser = await launchChromium();
  }, 120_000);

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    expect(problems.take()).toEqual([]);
    expect(served.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    closeChatClients();
    await browser?.close();
    await app?.close();
  });

  /** axe runs on every page here: its injected script needs the CSP bypassed. */
  async function newPage(size: Size, language: Language): Promise<Page> {
    const viewport = SIZES.find(([name]) => name === size)![1];
    const context = await browser.newContext({ locale: WORDS[language].locale, viewport, bypassCSP: true });
    contexts.push(context);
    const page = await context.newPage();
    problems.watch(page, { dialogs: true });
    // The service worker keeps the app shell only: no API answer may ever come from it.
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if ((path.startsWith('/api') || path.startsWith('/socket.io')) && response.fromServiceWorker()) {
        served.push(path);
      }
    });
    return page;
  }

  /** API or chat answers a service worker gave (none, ever). */
  const served: string[] = [];

  /** A group (in the reader's language) with a long room: 80 messages from another member. */
  async function longRoom(language: Language): Promise<{ slug: string; reader: TestMember; talker: ChatClient }> {
    const group = await createGroup(app, admin, {
      name: language === 'nl' ? 'Lange avond' : 'Long evening',
      locale: language,
    });
    const reader = await registerMember(app);
    await joinGroup(app, reader, group.slug, { alias: 'Stille Lezer' });
    const other = await registerMember(app);
    await joinGroup(app, other, group.slug, { alias: 'Lange Prater' });
    const talker = await connectChat(app, other);
    await joinRoom(talker, { group: group.slug });
    for (let index = 1; index <= 80; index++) {
      await sendMessage(
        talker,
        { group: group.slug },
        `Line ${index}: a longer line about the week, the weather, sleep and work, so that the room fills up.`,
      );
    }
    return { slug: group.slug, reader, talker };
  }

  async function box(page: Page, selector: string): Promise<Box> {
    const found = await page.locator(selector).first().boundingBox();
    if (!found) {
      throw new Error(`${selector} is not on screen`);
    }
    return found;
  }

  async function withinViewport(page: Page, selector: string): Promise<boolean> {
    const { x, y, width, height } = await box(page, selector);
    const viewport = page.viewportSize()!;
    return x >= 0 && y >= 0 && x + width <= viewport.width + 0.5 && y + height <= viewport.height + 0.5;
  }

  async function pageScrolls(page: Page): Promise<boolean> {
    return page.evaluate<boolean>(
      'document.documentElement.scrollHeight > document.documentElement.clientHeight + 1 || window.scrollY > 0',
    );
  }

  /** The quick exit covers nothing: at the top of the page, and scrolled to its end. */
  async function expectQuickExitClear(page: Page, label: string): Promise<void> {
    await page.evaluate('window.scrollTo(0, 0)');
    expect({ label, top: await page.evaluate<string[]>(QUICK_EXIT_OVERLAPS) }).toEqual({ label, top: [] });
    await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
    expect({ label, end: await page.evaluate<string[]>(QUICK_EXIT_OVERLAPS) }).toEqual({ label, end: [] });
    await page.evaluate('window.scrollTo(0, 0)');
  }

  /** axe, light and dark; a screenshot of each. */
  async function checkLooks(page: Page, name: string): Promise<void> {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await seriousAxeViolations(page, `${name} (${colorScheme})`)).toEqual([]);
      await screenshot(page, colorScheme === 'light' ? name : `${name}-dark`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  }

  for (const [size] of SIZES) {
    for (const language of ['nl', 'en'] as const) {
      it(`on a ${size} in ${language}: a long room keeps the box in view without scrolling the page, marks new lines, jumps to the newest and reports through a message's menu`, async () => {
        const words = WORDS[language];
        const { slug, reader, talker } = await longRoom(language);
        const page = await newPage(size, language);
        await logInThroughForm(page, app.baseUrl, reader, `/groups/${slug}/chat`);
        const list = page.locator('ol.messages');
        await list.getByText('Line 80:', { exact: false }).waitFor();

        // The box and its button are on screen; the list scrolls, the page does not.
        expect(await withinViewport(page, '.chat-form textarea')).toBe(true);
        expect(await withinViewport(page, '.chat-form button[type="submit"]')).toBe(true);
        expect(await pageScrolls(page)).toBe(false);
        expect(
          await page.evaluate<boolean>(
            '(() => { const s = document.querySelector(".message-scroller"); return s.scrollHeight > s.clientHeight; })()',
          ),
        ).toBe(true);
        expect(await withinViewport(page, 'ol.messages li.message:last-child')).toBe(true);
        await expectQuickExitClear(page, `chat ${size} ${language}`);

        // Who is here: behind a button on a phone, beside the list on a desktop.
        const toggle = page.locator('.here-toggle');
        const side = page.locator('.chat-side');
        if (size === 'phone') {
          expect(await side.isVisible()).toBe(false);
          await toggle.click();
          await side.getByText('Lange Prater').waitFor();
          expect(await toggle.getAttribute('aria-expanded')).toBe('true');
          expect(await withinViewport(page, '.chat-form textarea')).toBe(true);
          await toggle.click();
          await side.waitFor({ state: 'hidden' });
        } else {
          expect(await toggle.isVisible()).toBe(false);
          await side.getByText('Lange Prater').waitFor();
        }

        // Scrolled up, new lines arrive: a marker above the first, a button to jump down.
        await page.evaluate('document.querySelector(".message-scroller").scrollTop = 0');
        await sendMessage(talker, { group: slug }, 'Line 81: are you still there?');
        await sendMessage(talker, { group: slug }, 'Line 82: I hope so.');
        const jump = page.locator('.jump-newest');
        await jump.filter({ hasText: '2' }).waitFor();
        const marker = list.locator('li.new-marker');
        expect((await marker.textContent())?.trim()).toBe(words.marker);
        expect(
          await page.evaluate<boolean>(
            'document.querySelector("li.new-marker").nextElementSibling.textContent.includes("Line 81:")',
          ),
        ).toBe(true);
        expect(await withinViewport(page, '.jump-newest')).toBe(true);
        await screenshot(page, `phone-chat-new-lines-${size}-${language}`);
        await jump.click();
        await jump.waitFor({ state: 'hidden' });
        expect(await withinViewport(page, 'ol.messages li.message:last-child')).toBe(true);
        expect(await page.evaluate<boolean>('document.activeElement?.tagName === "TEXTAREA"')).toBe(true);

        // The report action: one button per message, a small menu, by keyboard.
        const message = list.locator('li.message', { hasText: 'Line 82:' });
        const menuButton = message.getByRole('button', { name: words.actions });
        expect(await list.getByRole('button', { name: words.actions }).count()).toBe(
          await list.locator('li.message').count(),
        );
        expect(await list.locator('details').count()).toBe(0);
        await menuButton.focus();
        await page.keyboard.press('Enter');
        const item = message.getByRole('menuitem', { name: words.report });
        await item.waitFor();
        expect(await page.evaluate<string | null>('document.activeElement?.getAttribute("role")')).toBe('menuitem');
        expect(await menuButton.getAttribute('aria-expanded')).toBe('true');
        await page.keyboard.press('Escape');
        await item.waitFor({ state: 'hidden' });
        expect(await page.evaluate<string | null>('document.activeElement?.getAttribute("aria-haspopup")')).toBe(
          'menu',
        );
        expect(await menuButton.getAttribute('aria-expanded')).toBe('false');
        // Two Escapes in a row would leave the site: wait before the next one.
        await page.waitForTimeout(1100);
        await page.keyboard.press('ArrowDown');
        await item.waitFor();
        await page.keyboard.press('Enter');
        await message.getByLabel(words.reason).check();
        await screenshot(page, `phone-chat-report-${size}-${language}`);
        await message.getByRole('button', { name: words.submit }).click();
        await message.getByText(words.thanks).waitFor();
        // A click elsewhere closes an open menu.
        await menuButton.click();
        await item.waitFor();
        await list.locator('li.message .message-body').first().click();
        await item.waitFor({ state: 'hidden' });

        expect(await pageScrolls(page)).toBe(false);
        expect(await withinViewport(page, '.chat-form textarea')).toBe(true);
        await checkLooks(page, `phone-chat-room-${size}-${language}`);
        talker.disconnect();
      }, 300_000);
    }
  }

  for (const [size] of SIZES) {
    for (const language of ['nl', 'en'] as const) {
      it(`on a ${size} in ${language}: the quick exit covers nothing on the main pages, and axe finds nothing serious in light or dark mode`, async () => {
        const group = await createGroup(app, admin, { name: language === 'nl' ? 'Rouw' : 'Grief', locale: language });
        const member = await registerMember(app);
        await joinGroup(app, member, group.slug, { alias: 'Open Hemel' });
        const created = await app.http
          .post(`/api/groups/${group.slug}/threads`)
          .set('Authorization', member.bearer)
          .send({ title: 'Een lange week', body: 'Het was een lange week, en ik wilde het hier kwijt.' });
        expect(created.status).toBe(201);
        const thread = created.body as ThreadView;
        const page = await newPage(size, language);

        await page.goto(`${app.baseUrl}/login`);
        await page.locator('input[name="loginName"]').waitFor();
        await expectQuickExitClear(page, `login ${size} ${language}`);
        await checkLooks(page, `phone-chat-login-${size}-${language}`);

        await logInThroughForm(page, app.baseUrl, member, '/groups');
        const pages: [string, string][] = [
          ['groups', '/groups'],
          ['group', `/groups/${group.slug}`],
          ['thread', `/groups/${group.slug}/threads/${thread.id}`],
          ['chat', `/groups/${group.slug}/chat`],
          ['account', '/account'],
        ];
        for (const [name, path] of pages) {
          if (name !== 'groups') {
            await goInApp(page, path);
          }
          if (name === 'chat') {
            await page.locator('ol.messages .empty').waitFor();
          }
          await expectQuickExitClear(page, `${name} ${size} ${language}`);
          await checkLooks(page, `phone-chat-${name}-${size}-${language}`);
        }
      }, 300_000);
    }
  }

  it('installs as an app under the site’s own security policy: one service worker (shell and push), a manifest, and a clear line when offline', async () => {
    const context = await browser.newContext({ locale: 'nl-BE', viewport: { width: 390, height: 844 } });
    contexts.push(context);
    const page = await context.newPage();
    problems.watch(page, { dialogs: true });
    await page.goto(`${app.baseUrl}/login`);
    await page.locator('input[name="loginName"]').waitFor();
    const workers = await page.evaluate<string[]>(
      `navigator.serviceWorker.ready
        .then(() => navigator.serviceWorker.getRegistrations())
        .then((all) => all.map((one) => one.scope + ' ' + (one.active ?? one.waiting ?? one.installing).scriptURL))`,
    );
    expect(workers).toEqual([`${app.baseUrl}/ ${app.baseUrl}/sw.mjs`]);
    const manifest = await page.evaluate<{ name: string; icons: { src: string }[]; theme_color: string }>(
      `fetch(document.querySelector('link[rel="manifest"]').href).then((response) => response.json())`,
    );
    expect(manifest.name).toBe('Kring');
    for (const icon of manifest.icons) {
      expect((await app.http.get(icon.src)).status).toBe(200);
    }

    // Offline: the page says so, plainly; back online, the line goes.
    const banner = page.locator('.offline-banner');
    expect(await banner.isVisible()).toBe(false);
    await context.setOffline(true);
    await banner.getByText('Je bent offline.', { exact: false }).waitFor();
    await screenshot(page, 'phone-chat-offline-phone-nl');
    // Opened again without a connection: the kept shell opens, says it is offline, and the quick exit is there.
    await page.goto(`${app.baseUrl}/groups`);
    await banner.getByText('Je bent offline.', { exact: false }).waitFor();
    expect(await page.getByRole('link', { name: 'Snel weg' }).isVisible()).toBe(true);
    await context.setOffline(false);
    await banner.waitFor({ state: 'hidden' });
  }, 120_000);
});
