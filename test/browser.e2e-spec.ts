import { describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { registerMember, strongPassword, uniqueLoginName } from './support/accounts.js';
import { browserSuite, heading, PHONE, screenshot, seriousAxeViolations } from './support/browser.js';
import { createGroup, registerAdmin } from './support/groups.js';

/**
 * The browser client in a real headless Chromium (Debian's package; never a downloaded browser),
 * against the real app on its own database. Expects a fresh `client/dist` (`npm run build:client`).
 * Screenshots of the main pages go to test-artifacts/screenshots/.
 */
const NEUTRAL_URL = 'https://www.google.com/';

describe('the browser client', () => {
  const suite = browserSuite();
  const { app } = suite;

  /** A fresh browser profile: no storage, no history. The neutral site is answered locally. */
  async function newContext(
    options: { locale?: string; viewport?: { width: number; height: number }; bypassCSP?: boolean } = {},
  ): Promise<BrowserContext> {
    const context = await suite.newContext({ ...options, permissions: ['clipboard-read', 'clipboard-write'] });
    await context.route(`${NEUTRAL_URL}**`, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: '<!doctype html><title>Search</title><p>Search</p>',
      }),
    );
    return context;
  }

  /** Opens a path; with `fakeClock`, the page's timers and Date are under the test's control. */
  async function openPage(context: BrowserContext, path: string, options: { fakeClock?: boolean } = {}): Promise<Page> {
    const page = await suite.newPage(context, { dialogs: false });
    if (options.fakeClock) {
      await page.clock.install();
    }
    await page.goto(app.baseUrl + path);
    await page.locator('h1').first().waitFor();
    return page;
  }

  async function logInThroughTheForm(page: Page, loginName: string, password: string): Promise<void> {
    await page.getByRole('navigation').getByRole('link', { name: 'Log in' }).click();
    await heading(page, 'Log in');
    await page.getByLabel('Login name').fill(loginName);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.locator('form').getByRole('button', { name: 'Log in' }).click();
    // A member lands on their groups after logging in.
    await heading(page, 'Groups');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Your account' }).click();
    await heading(page, 'Your account');
  }

  /** Follows an in-app link by its text, so the session in memory survives. */
  async function follow(page: Page, linkText: string, expectedHeading: string | RegExp): Promise<void> {
    await page.getByRole('link', { name: linkText }).first().click();
    await heading(page, expectedHeading);
  }

  it('registers, shows the recovery codes once, logs in and shows the account', async () => {
    const context = await newContext();
    const page = await openPage(context, '/');
    await screenshot(page, 'home');
    await follow(page, 'Create an account', 'Create an account');
    await screenshot(page, 'register');

    const loginName = uniqueLoginName('Quiet_Heron');
    const password = strongPassword();
    await page.getByLabel('Login name').fill(loginName);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();

    await heading(page, 'Your recovery codes');
    const codes = await page.locator('.codes li').allTextContents();
    expect(codes).toHaveLength(10);
    for (const code of codes) {
      expect(code).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    }
    await screenshot(page, 'recovery-codes');

    await page.getByRole('button', { name: 'Copy the codes' }).click();
    await page.getByText('The codes are copied.').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(codes.join('\n'));

    // Going on without confirming is refused at the checkbox.
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Tick this box once you have saved the codes.').waitFor();
    expect(await page.getByLabel('I have saved my recovery codes somewhere safe.').getAttribute('aria-invalid')).toBe(
      'true',
    );

    await page.getByLabel('I have saved my recovery codes somewhere safe.').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await heading(page, 'Log in');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByText('Your account is ready.').waitFor();
    expect(await page.getByLabel('Login name').inputValue()).toBe(loginName.toLowerCase());

    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.locator('form').getByRole('button', { name: 'Log in' }).click();
    // A member lands on their groups after logging in.
    await heading(page, 'Groups');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Your account' }).click();
    await heading(page, 'Your account');
    await page.locator('.facts').getByText(loginName.toLowerCase()).waitFor();
    await page.locator('.facts').getByText('Member', { exact: true }).waitFor();
    await screenshot(page, 'account');

    // Nothing of the member's ends up in the browser's storage: no codes, no name, no token.
    const storage = await page.evaluate<{
      local: string[];
      session: string[];
      localText: string;
      databases: string[];
      cookies: string;
    }>(`(async () => ({
      local: Object.keys(localStorage),
      session: Object.keys(sessionStorage),
      localText: JSON.stringify({ ...localStorage }),
      databases: (await indexedDB.databases()).map((db) => db.name),
      cookies: document.cookie,
    }))()`);
    expect(storage.session).toEqual([]);
    expect(storage.databases).toEqual([]);
    expect(storage.cookies).toBe('');
    for (const key of storage.local) {
      expect(['kring.lang', 'kring.discreet']).toContain(key);
    }
    expect(storage.localText).not.toContain(loginName.toLowerCase());
    expect(storage.localText).not.toContain(codes[0]);

    // A reload forgets the login (tokens live in memory only) and asks to log in to go on.
    await page.reload();
    await heading(page, 'Log in');
    expect(new URL(page.url()).search).toBe('?next=%2Faccount');
  });

  it("shows the server's reasons for refusing a login name and a password at their fields", async () => {
    const taken = await registerMember(app);
    const context = await newContext();
    const page = await openPage(context, '/register');
    const loginName = page.getByLabel('Login name');
    const password = page.getByLabel('Password', { exact: true });
    const submit = page.getByRole('button', { name: 'Create account' });

    // Checked in the browser with the shared contract, before anything is sent.
    await loginName.fill('someone@example.com');
    await password.fill(strongPassword());
    await submit.click();
    await page.getByText('This looks like an email address.', { exact: false }).waitFor();
    expect(await loginName.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate('document.activeElement.name')).toBe('loginName');
    await page.getByRole('alert').getByText('Some fields need your attention.').waitFor();
    await screenshot(page, 'register-refused');

    // Refused by the server: a taken name, then one of the most common passwords.
    await loginName.fill(taken.loginName);
    await submit.click();
    await page.getByText('This login name is taken.').waitFor();
    expect(await loginName.getAttribute('aria-invalid')).toBe('true');

    await loginName.fill(uniqueLoginName());
    await password.fill('password1234');
    await submit.click();
    await page.getByText('This password is one of the most common ones').waitFor();
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    expect(await loginName.getAttribute('aria-invalid')).toBeNull();

    // And in Dutch, the server's English reason is shown translated.
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.getByLabel('Loginnaam').fill(taken.loginName);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(strongPassword());
    await page.getByRole('button', { name: 'Account maken' }).click();
    await page.getByText('Deze loginnaam is al in gebruik. Kies een andere.').waitFor();
  });

  it('recovers with a code, changes the password, logs out, and deletes the account saying what goes', async () => {
    const member = await registerMember(app);
    const context = await newContext();
    const page = await openPage(context, '/login');
    await follow(page, 'Use a recovery code', 'Use a recovery code');
    await screenshot(page, 'recover');

    const recovered = strongPassword();
    await page.getByLabel('Login name').fill(member.loginName);
    await page.getByLabel('Recovery code').fill('aaaa-bbbb-cccc-dddd');
    await page.getByLabel('New password', { exact: true }).fill(recovered);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('This login name and recovery code do not match.').waitFor();

    await page.getByLabel('Recovery code').fill(member.recoveryCodes[3].toUpperCase());
    await page.getByRole('button', { name: 'Set new password' }).click();
    await heading(page, 'Your account');
    await page.getByText('That recovery code is now used up').waitFor();

    await follow(page, 'Change your password', 'Change your password');
    await screenshot(page, 'change-password');
    const changed = strongPassword();
    await page.getByLabel('Current password').fill('not the password at all');
    await page.getByLabel('New password', { exact: true }).fill(changed);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('The password is not right.').waitFor();
    expect(await page.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Current password').fill(recovered);
    await page.getByRole('button', { name: 'Change password' }).click();
    await heading(page, 'Your account');
    await page.getByText('Your password is changed. Other devices have been logged out.').waitFor();

    await page.locator('main').getByRole('button', { name: 'Log out', exact: true }).click();
    await heading(page, 'A place to meet people who have been there');
    await page.getByText('You are logged out.').waitFor();

    await logInThroughTheForm(page, member.loginName, changed);
    await follow(page, 'Delete your account', 'Delete your account');
    await page.getByText('your recovery codes;').waitFor();
    await page.getByText('every login, on every device').waitFor();
    await page.getByText('your membership of every group').waitFor();
    await screenshot(page, 'delete-account');
    await page.getByLabel('Your password, to confirm').fill('wrong password here');
    await page.getByRole('button', { name: 'Delete my account for good' }).click();
    await page.getByText('The password is not right.').waitFor();
    await page.getByLabel('Your password, to confirm').fill(changed);
    await page.getByRole('button', { name: 'Delete my account for good' }).click();
    await heading(page, 'A place to meet people who have been there');
    await page.getByText('Your account is deleted.').waitFor();

    const login = await app.http.post('/api/auth/login').send({ loginName: member.loginName, password: changed });
    expect(login.status).toBe(401);
  });

  it('renews the access token a minute before it expires, without the member noticing', async () => {
    const member = await registerMember(app);
    const context = await newContext();
    const page = await openPage(context, '/', { fakeClock: true });
    await logInThroughTheForm(page, member.loginName, member.password);

    // Not yet: the 15-minute token is renewed at 14 minutes.
    let renewals = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/api/auth/refresh')) {
        renewals += 1;
      }
    });
    await page.clock.fastForward('13:00');
    expect(renewals).toBe(0);
    const renewed = page.waitForResponse((response) => response.url().endsWith('/api/auth/refresh'));
    await page.clock.fastForward('01:30');
    expect((await renewed).status()).toBe(200);

    // The new token works: the account still loads.
    await follow(page, 'Groups', 'Groups');
    const me = page.waitForResponse((response) => response.url().endsWith('/api/me'));
    await page.getByRole('navigation').getByRole('link', { name: 'Your account' }).click();
    expect((await me).status()).toBe(200);
    await heading(page, 'Your account');
  });

  it('sends the member to the login page, saying why, when the session was ended elsewhere', async () => {
    const member = await registerMember(app);
    const context = await newContext();
    const page = await openPage(context, '/');
    await logInThroughTheForm(page, member.loginName, member.password);
    await follow(page, 'Groups', 'Groups');

    const ended = await app.http
      .post('/api/auth/logout')
      .set('Authorization', member.bearer)
      .send({ everywhere: true });
    expect(ended.status).toBe(204);

    await page.getByRole('navigation').getByRole('link', { name: 'Your account' }).click();
    await heading(page, 'Log in');
    await page.getByText('Your session has ended. Please log in again.').waitFor();
    expect(new URL(page.url()).search).toBe('?next=%2Faccount');
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Log in' }).isVisible()).toBe(true);
  });

  it('leaves for a neutral page with the quick exit button, replacing the history entry', async () => {
    const context = await newContext();
    const page = await openPage(context, '/help');
    expect(await page.evaluate('history.length')).toBe(2);

    await page.getByRole('link', { name: 'Quick exit' }).click();
    await page.waitForURL(NEUTRAL_URL);
    expect(await page.evaluate('history.length')).toBe(2);
    await page.goBack();
    expect(page.url()).toBe('about:blank');
  });

  it('leaves with Escape pressed twice, and ends the login on the server on the way out', async () => {
    const member = await registerMember(app);
    const context = await newContext();
    const page = await openPage(context, '/');
    await logInThroughTheForm(page, member.loginName, member.password);

    const logout = page.waitForRequest((request) => request.url().endsWith('/api/auth/logout'));
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.waitForURL(NEUTRAL_URL);
    const authorization = (await logout).headers().authorization ?? '';
    expect(authorization).toMatch(/^Bearer /);

    // The token sent on the way out no longer works: the login really ended.
    let status = 200;
    for (let attempt = 0; attempt < 50 && status === 200; attempt++) {
      status = (await app.http.get('/api/me').set('Authorization', authorization)).status;
      if (status === 200) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    expect(status).toBe(401);

    // One Escape alone does nothing.
    const other = await openPage(context, '/help');
    await other.keyboard.press('Escape');
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await other.keyboard.press('Escape');
    expect(new URL(other.url()).pathname).toBe('/help');
  });

  it('switches between Dutch and English, keeps what was typed, and remembers the choice', async () => {
    const dutch = await newContext({ locale: 'nl-BE' });
    const dutchPage = await openPage(dutch, '/');
    await heading(dutchPage, 'Een plek om lotgenoten te ontmoeten');
    expect(await dutchPage.getAttribute('html', 'lang')).toBe('nl');
    await screenshot(dutchPage, 'home-nl');

    const context = await newContext({ locale: 'en-GB' });
    const page = await openPage(context, '/register');
    await heading(page, 'Create an account');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByLabel('Login name').fill('typed.before.switching');

    await page.getByRole('button', { name: 'Nederlands' }).click();
    await heading(page, 'Account maken');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await page.title()).toBe('Account maken · Kring');
    expect(await page.getByLabel('Loginnaam').inputValue()).toBe('typed.before.switching');
    await page
      .getByRole('button', { name: 'Snel weg' })
      .or(page.getByRole('link', { name: 'Snel weg' }))
      .waitFor();
    await screenshot(page, 'register-nl');

    await page.reload();
    await heading(page, 'Account maken');
    await page.getByRole('button', { name: 'English' }).click();
    await heading(page, 'Create an account');
    expect(await page.title()).toBe('Create an account · Kring');
  });

  it('shows a neutral tab title and icon in discreet mode, and adds no history entries', async () => {
    const context = await newContext();
    const page = await openPage(context, '/');
    await page.getByRole('button', { name: 'Discreet' }).click();
    expect(await page.getByRole('button', { name: 'Discreet' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.title()).toBe('Notes');
    expect(await page.getAttribute('link[rel="icon"]', 'href')).toBe('/icon-neutral.svg');

    const entries = await page.evaluate('history.length');
    await follow(page, 'Log in', 'Log in');
    await follow(page, 'Help now', 'Help now');
    expect(await page.title()).toBe('Notes');
    expect(await page.evaluate('history.length')).toBe(entries);

    // Kept for the next visit, before anyone logs in.
    await page.reload();
    await heading(page, 'Help now');
    expect(await page.title()).toBe('Notes');

    await page.getByRole('link', { name: 'Quick exit' }).click();
    await page.waitForURL(NEUTRAL_URL);
    await page.goBack();
    expect(page.url()).toBe('about:blank');
  });

  it('registers with the keyboard alone, with a visible focus at every step', async () => {
    const context = await newContext();
    const page = await openPage(context, '/register');
    const focused = () =>
      page.evaluate<{ tag: string; name: string; text: string; outline: boolean }>(`(() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        return {
          tag: el.tagName.toLowerCase(),
          name: el.getAttribute('name') || '',
          text: (el.textContent || '').trim(),
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        };
      })()`);

    /** Presses Tab until the wanted element has the focus; returns what was passed on the way. */
    async function tabTo(wanted: (element: { tag: string; name: string; text: string }) => boolean): Promise<string[]> {
      const passed: string[] = [];
      for (let step = 0; step < 30; step++) {
        await page.keyboard.press('Tab');
        const element = await focused();
        expect(element.outline).toBe(true);
        passed.push(element.name || element.text);
        if (wanted(element)) {
          return passed;
        }
      }
      throw new Error(`not reached by Tab; passed ${passed.join(' → ')}`);
    }

    const before = await tabTo((element) => element.name === 'loginName');
    // The skip link and the quick exit come first.
    expect(before.slice(0, 2)).toEqual(['Skip to content', 'Quick exit']);
    const loginName = uniqueLoginName('keys');
    const password = strongPassword();
    await page.keyboard.type(loginName);
    await tabTo((element) => element.name === 'password');
    await page.keyboard.type(password);
    await tabTo((element) => element.name === 'showPassword');
    await page.keyboard.press('Space');
    expect(await page.getByLabel('Password', { exact: true }).getAttribute('type')).toBe('text');
    await tabTo((element) => element.text === 'Create account');
    await page.keyboard.press('Enter');

    await heading(page, 'Your recovery codes');
    expect(await page.evaluate('document.activeElement.tagName')).toBe('H1');
    await tabTo((element) => element.name === 'saved');
    await page.keyboard.press('Space');
    await tabTo((element) => element.text === 'Continue');
    await page.keyboard.press('Enter');

    await heading(page, 'Log in');
    await tabTo((element) => element.name === 'password');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    // A member lands on their groups after logging in.
    await heading(page, 'Groups');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Your account' }).click();
    await heading(page, 'Your account');
    await page.locator('.facts').getByText(loginName.toLowerCase()).waitFor();
  });

  it('has no serious or critical axe violations on the main pages', async () => {
    // The CSP forbids the injected axe script; this context alone bypasses it.
    const context = await newContext({ bypassCSP: true });
    const page = await openPage(context, '/');
    const violations: string[] = [];

    async function check(label: string): Promise<void> {
      violations.push(...(await seriousAxeViolations(page, label)));
    }

    await check('home');
    for (const [link, title] of [
      ['Groups', 'Groups'],
      ['Help now', 'Help now'],
      ['Log in', 'Log in'],
      ['Use a recovery code', 'Use a recovery code'],
      ['Create an account', 'Create an account'],
    ] as const) {
      await follow(page, link, title);
      await check(title);
    }
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Choose a login name.').waitFor();
    await check('register with errors');

    const loginName = uniqueLoginName('axe');
    const password = strongPassword();
    await page.getByLabel('Login name').fill(loginName);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await heading(page, 'Your recovery codes');
    await check('recovery codes');
    await page.getByLabel('I have saved my recovery codes somewhere safe.').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await heading(page, 'Log in');
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.locator('form').getByRole('button', { name: 'Log in' }).click();
    // A member lands on their groups after logging in.
    await heading(page, 'Groups');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Your account' }).click();
    await heading(page, 'Your account');
    await check('account');
    await follow(page, 'Change your password', 'Change your password');
    await check('change password');
    await follow(page, 'Your account', 'Your account');
    await follow(page, 'Delete your account', 'Delete your account');
    await check('delete account');
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await heading(page, 'Je account verwijderen');
    await check('delete account (nl)');

    const missing = await openPage(context, '/no-such-page');
    await heading(missing, 'Pagina niet gevonden');
    violations.push(...(await seriousAxeViolations(missing, 'not found')));

    expect(violations).toEqual([]);
  });

  it('fits a 360 px wide phone screen without sideways scrolling', async () => {
    const context = await newContext({ viewport: PHONE });
    const page = await openPage(context, '/');
    const pages: [string, string][] = [
      ['/', 'home'],
      ['/register', 'register'],
      ['/login', 'login'],
      ['/recover', 'recover'],
      ['/groups', 'groups'],
      ['/help', 'help'],
    ];
    for (const [path, name] of pages) {
      await page.goto(app.baseUrl + path);
      await page.locator('h1').first().waitFor();
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
      await screenshot(page, `phone-${name}`);
    }
    // The quick exit stays on screen while scrolling.
    await page.goto(app.baseUrl + '/help');
    await page.mouse.wheel(0, 2000);
    expect(await page.getByRole('link', { name: 'Quick exit' }).isVisible()).toBe(true);
  });

  it('shows the group directory and a group, with everything people wrote as plain text', async () => {
    const admin = await registerAdmin(app);
    const payload = '<img src=x onerror="window.__xss=1">';
    const group = await createGroup(app, admin, {
      name: `Rouw ${payload}`,
      description: '<script>window.__xss = 2</script><b>Na een verlies</b>',
      pledge: 'Wat hier gezegd wordt, blijft hier. <iframe src="/"></iframe>',
    });
    const context = await newContext();
    const page = await openPage(context, '/groups');
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.locator('.directory:not([aria-busy])').waitFor();
    const card = page.locator('.card', { has: page.locator(`a[href="/groups/${group.slug}"]`) });
    expect(await card.locator('h3').innerText()).toBe(`Rouw ${payload}`);
    await card.getByText('<script>window.__xss = 2</script><b>Na een verlies</b>').waitFor();
    expect(await card.locator('img, script, b, iframe').count()).toBe(0);
    await screenshot(page, 'groups');

    await card.locator(`a[href="/groups/${group.slug}"]`).click();
    await heading(page, `Rouw ${payload}`);
    await page.getByText('<iframe src="/"></iframe>', { exact: false }).waitFor();
    expect(await page.locator('main img, main script, main iframe, main b').count()).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(dialogs).toEqual([]);
    await screenshot(page, 'group');
  });

  it('shows the crisis lines for Belgium and the Netherlands, and 112', async () => {
    const context = await newContext({ locale: 'nl-NL' });
    const page = await openPage(context, '/help');
    await heading(page, 'Hulp nu');
    const crisis = page.locator('main .crisis');
    for (const href of ['tel:1813', 'tel:080032123', 'tel:113', 'tel:08000113', 'tel:112']) {
      expect(await crisis.locator(`a[href="${href}"]`).count()).toBe(1);
    }
    await crisis.getByText('Zelfmoordlijn 1813').waitFor();
    await crisis.getByText('Centre de Prévention du Suicide').waitFor();
    await crisis.getByText('113 Zelfmoordpreventie').waitFor();
    // A Dutch browser in the Netherlands sees the Dutch lines first.
    const countries = await crisis.locator('h3').allTextContents();
    expect(countries).toEqual(['Nederland', 'België']);
    await screenshot(page, 'help-nl');
  });
});
