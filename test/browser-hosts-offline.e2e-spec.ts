import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { registerMember } from './support/accounts.js';
import { browserSuite, DESKTOP, goInApp, PHONE, screenshot } from './support/browser.js';
import { createGroup, joinGroup } from './support/groups.js';

/**
 * Issue 14 in the browser: a guest reads a group's information page and asks its host one
 * question (Dutch, 390 px phone), the host answers from the inbox (English, desktop) and the guest
 * reads the answer; an admin imports groups that meet in person from CSV (a bad row refused with
 * its row number, English desktop) and the directory finds one by region (Dutch phone, English
 * desktop).
 */
describe('the browser client: hosts and groups that meet in person', () => {
  const suite = browserSuite({ admin: true });
  const { app, admin } = suite;

  async function fitsWidth(page: Page): Promise<boolean> {
    return page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');
  }

  it('a guest reads a group page and asks a host (nl, phone); the host answers (en, desktop); the guest reads it', async () => {
    const group = await createGroup(app, admin, {
      name: 'Rouw na verlies',
      description: 'Samen verder na een verlies.',
    });
    const host = await registerMember(app);
    await joinGroup(app, host, group.slug, { alias: 'Warme Haven' });
    const volunteered = await app.http.post(`/api/groups/${group.slug}/hosts/me`).set('Authorization', host.bearer);
    expect(volunteered.status).toBe(200);
    const guest = await registerMember(app);

    // The guest, not signed in, reads the information page and is asked to sign in to ask.
    const guestPage = await suite.newPage(await suite.newContext({ locale: 'nl-BE', viewport: PHONE }));
    await guestPage.goto(`${app.baseUrl}/groups/${group.slug}/about`);
    await guestPage.locator('main h1', { hasText: 'Rouw na verlies' }).waitFor();
    const panel = guestPage.locator('section.ask-host');
    await panel.getByRole('heading', { name: 'Vraag het een gastvrouw/gastheer' }).waitFor();
    await panel.getByRole('link', { name: 'Meld je aan om een gastvrouw of gastheer iets te vragen.' }).click();
    await guestPage.locator('input[name="loginName"]').fill(guest.loginName);
    await guestPage.locator('input[name="password"]').fill(guest.password);
    await guestPage.locator('main form button[type="submit"]').click();
    await guestPage.locator('main h1', { hasText: 'Rouw na verlies' }).waitFor();
    await panel.getByText('Deze groep heeft 1 gastvrouw of gastheer.').waitFor();
    // Words of crisis bring the crisis lines beside the box as they are typed, before anything is
    // sent: also when the server would refuse the text for the phone number in it.
    await panel.getByLabel('Je vraag').fill('Ik wil niet meer leven. Bel me op 0470 12 34 56.');
    await panel.locator('.crisis-aside.shown .crisis-aside-lead').waitFor();
    await panel.getByLabel('Je vraag').fill('Mag ik eerst een keer meelezen voor ik lid word?');
    await panel.locator('.crisis-aside.shown').waitFor({ state: 'detached' });
    await panel.getByRole('button', { name: 'Stuur mijn vraag' }).click();
    await panel.getByText('Je vraag is verstuurd.', { exact: false }).waitFor();
    await panel.getByText('Nog geen antwoord.', { exact: false }).waitFor();
    expect(await fitsWidth(guestPage)).toBe(true);
    await screenshot(guestPage, 'ask-host-nl-phone');

    // The host sees "Visitor 1", never the guest's login name, and answers.
    const hostPage = await suite.loggedIn(
      await suite.newContext({ locale: 'en-GB', viewport: DESKTOP }),
      host,
      `/groups/${group.slug}/about`,
    );
    await hostPage.locator('section.hosts-panel').getByText('You are a host of this group.').waitFor();
    await hostPage.getByRole('link', { name: 'Questions from newcomers' }).click();
    await hostPage.locator('main h1', { hasText: 'Questions from newcomers' }).waitFor();
    const item = hostPage.locator('.host-inbox .card').first();
    await item.getByRole('heading', { name: 'Visitor 1' }).waitFor();
    await item.getByText('Mag ik eerst een keer meelezen voor ik lid word?').waitFor();
    expect(await hostPage.locator('main').textContent()).not.toContain(guest.loginName);
    await item.getByLabel('Your answer').fill('Natuurlijk, kijk gerust eerst rond.');
    await item.getByRole('button', { name: 'Send the answer' }).click();
    await hostPage.getByText('Answered by Warme Haven').waitFor();
    await screenshot(hostPage, 'host-inbox-en-desktop');

    await goInApp(guestPage, `/groups/${group.slug}/about`);
    await panel.getByRole('heading', { name: 'Antwoord van Warme Haven' }).waitFor();
    await panel.getByText('Natuurlijk, kijk gerust eerst rond.').waitFor();
    expect(await panel.getByRole('button', { name: 'Stuur mijn vraag' }).count()).toBe(0);
    // Two browsers and several page loads on a machine shared by many: a generous limit, no timing asserted.
  }, 180_000);

  it('an admin imports groups that meet in person (en, desktop); the directory finds one by region (nl phone, en desktop)', async () => {
    const adminPage = await suite.loggedIn(
      await suite.newContext({ locale: 'en-GB', viewport: DESKTOP }),
      admin,
      '/admin/offline-groups',
    );
    await adminPage.locator('main h1', { hasText: 'Groups that meet in person' }).waitFor();
    const header = 'name,topic,category,region,rhythm,contact';
    const good = 'Praatgroep angst,Angst en paniek,psychological,Gent,Elke tweede dinsdag,trefpunt.example';
    await adminPage
      .getByLabel('CSV text')
      .fill(`${header}\n${good}\nZonder plaats,Rouw,psychological,,Maandelijks,x.example\n`);
    await adminPage.getByRole('button', { name: 'Import' }).click();
    const problems = adminPage.locator('.import-problems');
    // Worded from the problem's code and its row and column, in the admin's language.
    await problems.getByText('Row 3, column region: fill this in.').waitFor();
    await adminPage.getByText('Nothing was imported.', { exact: false }).waitFor();
    // A file Excel saved as Windows-1252 arrives with its accents, not as U+FFFD.
    await adminPage.getByLabel('CSV file').setInputFiles({
      name: 'lijst.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${header}\r\nPraatcafé Liège,Angst,psychological,Luik,Maandelijks,x.example\r\n`, 'latin1'),
    });
    await adminPage.waitForFunction(`document.querySelector('textarea[name="csv"]').value.includes('Praatcafé Liège')`);
    expect(await adminPage.getByLabel('CSV text').inputValue()).not.toContain('\uFFFD');
    await adminPage
      .getByLabel('CSV text')
      .fill(`${header}\n${good}\nRouwgroep Brugge,Rouw,psychological,Brugge,Maandelijks,rouw.example\n`);
    await adminPage.getByRole('button', { name: 'Import' }).click();
    await adminPage.getByText('Imported: 2 new, 0 updated, 0 removed; 2 groups in all.').waitFor();
    await screenshot(adminPage, 'offline-import-en-desktop');

    const phone = await suite.newPage(await suite.newContext({ locale: 'nl-BE', viewport: PHONE }));
    await phone.goto(`${app.baseUrl}/groups`);
    await phone.locator('main h1').first().waitFor();
    await phone.getByRole('searchbox', { name: 'Zoeken' }).fill('in de buurt van Gent');
    await phone.getByRole('button', { name: 'Zoeken' }).click();
    const offline = phone.locator('section.offline-groups');
    await offline.getByRole('heading', { name: 'Groepen die samenkomen in het echt' }).waitFor();
    const card = offline.locator('.card');
    await card.getByRole('heading', { name: 'Praatgroep angst' }).waitFor();
    await card.getByText('Komt samen in het echt').waitFor();
    await card.getByText('Waar: Gent').waitFor();
    await card.getByText('Wanneer: Elke tweede dinsdag').waitFor();
    expect(await card.count()).toBe(1);
    expect(await fitsWidth(phone)).toBe(true);
    await screenshot(phone, 'offline-directory-nl-phone');

    const desktop = await suite.newPage(await suite.newContext({ locale: 'en-GB', viewport: DESKTOP }));
    await desktop.goto(`${app.baseUrl}/groups?q=Brugge`);
    const found = desktop.locator('section.offline-groups .card');
    await found.getByRole('heading', { name: 'Rouwgroep Brugge' }).waitFor();
    await found.getByText('Meets in person').waitFor();
    await found.getByText('Where: Brugge').waitFor();
    expect(await found.count()).toBe(1);
  }, 180_000);
});
