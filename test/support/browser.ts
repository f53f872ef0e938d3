import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from '@jest/globals';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import type { TestMember } from './accounts.js';
import { registerAdmin } from './groups.js';
import { closeChatClients } from './sockets.js';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app.js';

/**
 * What the browser specs share: Debian's Chromium (never a downloaded browser), a check that
 * `client/dist` is built from the current sources, the page problems every test must not have,
 * and screenshots in test-artifacts/screenshots/.
 */
const CHROMIUM = '/usr/bin/chromium';
const CLIENT_DIST = join(process.cwd(), 'client', 'dist');
const SCREENSHOTS = join(process.cwd(), 'test-artifacts', 'screenshots');
export const DESKTOP = { width: 1280, height: 900 };
/** The phone the issues ask every page to work on: 390 px wide. */
export const PHONE = { width: 390, height: 844 };

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Fails at once, saying what to do, when the client is not built (or older than its sources) or Chromium is missing. */
export function assertBrowserReady(): void {
  const index = join(CLIENT_DIST, 'index.html');
  if (!existsSync(index)) {
    throw new Error('client/dist is missing: run `npm run build:client` before the browser tests.');
  }
  if (newestMtime(join(process.cwd(), 'client', 'src')) > statSync(index).mtimeMs) {
    throw new Error('client/dist is older than client/src: run `npm run build:client` again.');
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium).`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** CSP violations, uncaught errors and (when asked) dialogs of the pages of the current test. */
export class PageProblems {
  private seen: string[] = [];

  watch(page: Page, options: { dialogs?: boolean } = {}): void {
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
        this.seen.push(`CSP: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => this.seen.push(`page error: ${error.message}`));
    if (options.dialogs) {
      page.on('dialog', (dialog) => {
        this.seen.push(`dialog: ${dialog.message()}`);
        void dialog.dismiss();
      });
    }
  }

  /** What was seen since the last call. */
  take(): string[] {
    const seen = this.seen;
    this.seen = [];
    return seen;
  }
}

export interface BrowserSuite {
  /** The app on its own database; its fields are filled in before the first test. */
  app: TestApp;
  /** Checked empty after each test. */
  problems: PageProblems;
  /** A fresh profile (English, desktop unless told otherwise), closed after the test. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A page of `context` whose problems are watched (dialogs too, unless `dialogs: false`). */
  newPage(context: BrowserContext, options?: { dialogs?: boolean }): Promise<Page>;
  /** A watched page of `context`, logged in through the form and landed on `path` (see `logInThroughForm`). */
  loggedIn(context: BrowserContext, member: { loginName: string; password: string }, path: string): Promise<Page>;
}

export interface BrowserSuiteOptions {
  /** Environment of the app (a higher chat rate limit for seeded history, say). */
  env?: TestAppOptions['env'];
  /** Registers a site admin before the first test. */
  admin?: boolean;
}

/**
 * The set-up every browser spec shares, registered in the calling `describe`: before all, a
 * fresh client build is checked, the app starts and Chromium launches; after each test, its
 * contexts close and no page may have had a problem; after all, chat clients, Chromium and the
 * app close. Call it once at the top of the `describe`.
 */
export function browserSuite(options: BrowserSuiteOptions & { admin: true }): BrowserSuite & { admin: TestMember };
export function browserSuite(options?: BrowserSuiteOptions): BrowserSuite;
export function browserSuite(options: BrowserSuiteOptions = {}): BrowserSuite & { admin: TestMember } {
  // Filled in by beforeAll, so that a spec can take them apart at the top of its describe.
  const app = {} as TestApp;
  const admin = {} as TestMember;
  const problems = new PageProblems();
  const contexts: BrowserContext[] = [];
  let started: TestApp | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    assertBrowserReady();
    started = await startTestApp({ env: options.env });
    Object.assign(app, started);
    if (options.admin) {
      Object.assign(admin, await registerAdmin(app));
    }
    browser = await launchChromium();
  }, 120_000);

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    expect(problems.take()).toEqual([]);
  });

  afterAll(async () => {
    closeChatClients();
    await browser?.close();
    await started?.close();
  });

  async function newPage(context: BrowserContext, pageOptions: { dialogs?: boolean } = {}): Promise<Page> {
    const page = await context.newPage();
    problems.watch(page, { dialogs: pageOptions.dialogs ?? true });
    return page;
  }

  return {
    app,
    admin,
    problems,
    async newContext(contextOptions = {}) {
      if (!browser) {
        throw new Error('browserSuite: Chromium is not running (did its beforeAll fail?)');
      }
      const context = await browser.newContext({ locale: 'en-GB', viewport: DESKTOP, ...contextOptions });
      contexts.push(context);
      return context;
    },
    newPage,
    async loggedIn(context, member, path) {
      const page = await newPage(context);
      await logInThroughForm(page, app.baseUrl, member, path);
      return page;
    },
  };
}

export async function heading(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('h1', { hasText: text }).waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * The serious and critical axe-core violations on the page as it is now, each as
 * "<label>: <rule> (<impact>) at <selectors>". The page's context must bypass the CSP, which
 * forbids the injected script.
 */
export async function seriousAxeViolations(page: Page, label: string): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) {
    await page.addScriptTag({
      content: readFileSync(join(process.cwd(), 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'),
    });
  }
  const results = await page.evaluate<{
    violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
  }>(`axe.run(document, { resultTypes: ['violations'] })`);
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${label}: ${violation.id} (${violation.impact}) at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

/**
 * Logs in through the form on `page` (already opened), then lands (inside the app, so the session
 * in memory survives) on `path`, its query too when it has one. By field name, not label: it works
 * in Dutch and in English.
 */
export async function logInThroughForm(
  page: Page,
  baseUrl: string,
  member: { loginName: string; password: string },
  path: string,
): Promise<void> {
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(path)}`);
  await page.locator('input[name="loginName"]').fill(member.loginName);
  await page.locator('input[name="password"]').fill(member.password);
  await page.locator('main form button[type="submit"]').click();
  await page.waitForURL((url) => (path.includes('?') ? `${url.pathname}${url.search}` : url.pathname) === path);
  await page.locator('input[name="password"]').waitFor({ state: 'detached' });
  await page.locator('main h1').first().waitFor();
}

/**
 * Goes to a path inside the app without a reload (a reload ends the session, by design), and
 * waits until the new page has replaced the old one.
 */
export async function goInApp(page: Page, path: string): Promise<void> {
  await page.evaluate(`(() => {
    document.querySelector('main .page > *')?.setAttribute('data-left', '');
    const link = document.createElement('a');
    link.href = ${JSON.stringify(path)};
    document.body.append(link);
    link.click();
    link.remove();
  })()`);
  await page.locator('main .page > [data-left]').waitFor({ state: 'detached' });
  await page.locator('main .page h1').first().waitFor();
}
