import { describe, expect, it } from '@jest/globals';
import type { BrowserContext, Cookie, Page } from 'playwright-core';
import { registerMember, type TestMember } from './support/accounts.js';
import { browserSuite, goInApp, heading } from './support/browser.js';

const NEUTRAL_URL = 'https://www.google.com/';

describe('"this is my own device", in the browser', () => {
  const { app, newContext, newPage } = browserSuite();

  /** A fresh profile; the neutral site of the quick exit is answered locally. */
  async function openLogin(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newContext();
    await context.route(`${NEUTRAL_URL}**`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Search</title>' }),
    );
    const page = await newPage(context, { dialogs: false });
    await page.goto(`${app.baseUrl}/login`);
    await heading(page, 'Log in');
    return { context, page };
  }

  async function logIn(page: Page, member: TestMember, keepSignedIn: boolean): Promise<void> {
    await page.getByLabel('Login name').fill(member.loginName);
    await page.getByLabel('Password', { exact: true }).fill(member.password);
    if (keepSignedIn) {
      await page.getByLabel('This is my own device — keep me signed in').check();
    }
    await page.locator('form').getByRole('button', { name: 'Log in' }).click();
    // Not the account page: a member lands on their groups.
    await heading(page, 'Groups');
    expect(new URL(page.url()).pathname).toBe('/groups');
  }

  const nav = (page: Page) => page.getByRole('navigation', { name: 'Main menu' });
  const deviceCookies = async (context: BrowserContext): Promise<Cookie[]> =>
    (await context.cookies()).filter((cookie) => cookie.name === 'kring_device');
  const storageKeys = (page: Page) => page.evaluate<string[]>('Object.keys(localStorage)');

  /** Whether the server still takes this cookie, asked until the quick exit's request has arrived. */
  async function cookieStillWorks(value: string): Promise<boolean> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const response = await app.http.post('/api/auth/refresh').set('Cookie', `kring_device=${value}`).send({});
      if (response.status !== 200) {
        return false;
      }
      value = /kring_device=([^;]*)/.exec(String(response.headers['set-cookie']))?.[1] ?? value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return true;
  }

  it('with the opt-in, a reload keeps me logged in; the quick exit leaves no working cookie', async () => {
    const member = await registerMember(app);
    const { context, page } = await openLogin();
    await logIn(page, member, true);

    const [cookie] = await deviceCookies(context);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth/refresh' });
    // No script reads it: the page sees no cookie at all.
    expect(await page.evaluate('document.cookie')).toBe('');

    await page.reload();
    await heading(page, 'Groups');
    await nav(page).getByRole('link', { name: 'Your account' }).waitFor();
    await goInApp(page, '/account');
    await page.locator('[data-device]', { hasText: 'this device' }).getByText('stays signed in').waitFor();

    const [rotated] = await deviceCookies(context);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.waitForURL(NEUTRAL_URL);
    expect(await cookieStillWorks(rotated.value)).toBe(false);

    const again = await newPage(context, { dialogs: false });
    await again.goto(`${app.baseUrl}/account`);
    await heading(again, 'Log in');
    expect(await deviceCookies(context)).toEqual([]);
    expect(await storageKeys(again)).not.toContain('kring.device');
  });

  it('without the opt-in (in discreet mode too), nothing is kept: a reload, or coming back after a quick exit, asks to log in', async () => {
    const member = await registerMember(app);
    const { context, page } = await openLogin();
    await page.getByRole('button', { name: 'Discreet' }).click();
    await logIn(page, member, false);
    expect(await context.cookies()).toEqual([]);
    expect((await storageKeys(page)).sort()).toEqual(['kring.discreet']);

    await page.reload();
    await nav(page).getByRole('link', { name: 'Log in' }).waitFor();
    await page.goto(`${app.baseUrl}/account`);
    await heading(page, 'Log in');

    await page.goto(`${app.baseUrl}/login`);
    await heading(page, 'Log in');
    await logIn(page, member, false);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.waitForURL(NEUTRAL_URL);
    const again = await newPage(context, { dialogs: false });
    await again.goto(`${app.baseUrl}/account`);
    await heading(again, 'Log in');
    expect(await context.cookies()).toEqual([]);
    expect(await storageKeys(again)).toEqual(['kring.discreet']);
  });
});
