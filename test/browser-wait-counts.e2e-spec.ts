import { describe, it } from '@jest/globals';
import { browserSuite } from './support/browser.js';

/**
 * "Wait 1 seconds" was what a member read when the server asked for one more second: a count that
 * can be one is said in the singular, in Dutch and English. The login answer is made a refusal for
 * too many attempts (the real limit needs many tries), once with one second to wait and once with five.
 */
describe('the browser client: how long to wait, said as people say it', () => {
  const { app, newContext, newPage } = browserSuite();

  it.each([
    [
      'nl-BE',
      'Te veel pogingen. Wacht een seconde en probeer opnieuw.',
      'Te veel pogingen. Wacht 5 seconden en probeer opnieuw.',
    ],
    ['en-GB', 'Too many attempts. Wait a second and try again.', 'Too many attempts. Wait 5 seconds and try again.'],
  ])('in %s: one second in the singular, five in the plural', async (locale, one, five) => {
    const page = await newPage(await newContext({ locale }));
    let retryAfterMs = 800;
    await page.route('**/api/auth/login', (route) =>
      route.fulfill({
        status: 429,
        contentType: 'application/json',
        headers: { 'retry-after': String(Math.ceil(retryAfterMs / 1000)) },
        body: JSON.stringify({ statusCode: 429, error: 'rate_limited', message: 'Too many attempts', retryAfterMs }),
      }),
    );
    await page.goto(`${app.baseUrl}/login`);
    await page.locator('input[name="loginName"]').fill('iemand');
    await page.locator('input[name="password"]').fill('een-lang-wachtwoord');
    await page.locator('main form button[type="submit"]').click();
    await page.getByText(one, { exact: true }).waitFor();
    retryAfterMs = 5000;
    await page.locator('main form button[type="submit"]').click();
    await page.getByText(five, { exact: true }).waitFor();
  });
});
