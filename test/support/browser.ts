import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/**
 * What the browser specs share: Debian's Chromium (never a downloaded browser), a check that
 * `client/dist` is built from the current sources, the page problems every test must not have,
 * and screenshots in test-artifacts/screenshots/.
 */
const CHROMIUM = '/usr/bin/chromium';
const CLIENT_DIST = join(process.cwd(), 'client', 'dist');
const SCREENSHOTS = join(process.cwd(), 'test-artifacts', 'screenshots');
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 360, height: 740 };

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
