import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { GroupsService } from '../src/groups/groups.service.js';
import { registerMember } from './support/accounts.js';
import { browserSuite, DESKTOP, goInApp, logInThroughForm, PHONE, screenshot } from './support/browser.js';
import { joinGroup, makeModerator } from './support/groups.js';

/**
 * Finding the right group in the browser client on a fresh site: the directory's search and
 * filters by category, audience and language, alone and together (Dutch on a 390 px phone,
 * English on a 1280 px desktop), a group's information page as a guest reads it, a newcomer's
 * welcome, and a moderator editing the page. One browser for the file; each test one context and
 * few page loads.
 */

describe('the browser client: the group directory and information pages', () => {
  const suite = browserSuite();
  const { app } = suite;

  beforeAll(async () => {
    await app.app.get(GroupsService).seedStarterGroups();
  });

  async function newPage(locale: string, viewport: { width: number; height: number }): Promise<Page> {
    return suite.newPage(await suite.newContext({ locale, viewport }));
  }

  async function openPage(locale: string, viewport: { width: number; height: number }, path: string): Promise<Page> {
    const page = await newPage(locale, viewport);
    await page.goto(app.baseUrl + path);
    await page.locator('main h1').first().waitFor();
    return page;
  }

  /**
   * The names on the result cards once the search has answered. Asked after one change at a time:
   * when a change replaces a search still on its way, the replaced search's end clears `aria-busy`
   * before the new answer is in (client/src/groups/directory.page.ts, `show`).
   */
  async function results(page: Page): Promise<string[]> {
    await page.locator('.directory:not([aria-busy]) h2').waitFor();
    return (await page.locator('.directory .card h3').allTextContents()).sort();
  }

  async function fitsWidth(page: Page): Promise<boolean> {
    return page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');
  }

  it('searches by part of a word and filters by language and category, in Dutch on a 390 px phone', async () => {
    const page = await openPage('nl-BE', PHONE, '/groups');
    await page.getByRole('searchbox', { name: 'Zoeken' }).fill('fobie');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    expect(await results(page)).toEqual(['Fobieën en angst']);
    await page.getByRole('status').filter({ hasText: '1 groep gevonden' }).waitFor();
    expect(new URL(page.url()).search).toBe('?q=fobie');

    await page.getByRole('searchbox', { name: 'Zoeken' }).fill('');
    await page.getByLabel('Taal', { exact: true }).selectOption('en');
    expect(await results(page)).toEqual(['Anxiety and panic', 'Living with chronic pain']);

    // One change at a time, each result looked at (see `results`).
    await page.getByLabel('Taal', { exact: true }).selectOption('');
    expect(await results(page)).toHaveLength(10);
    await page.getByLabel('Soort groep', { exact: true }).selectOption('addiction');
    expect(await results(page)).toEqual(['Verslaving: alcohol en drugs']);
    const card = page.locator('.directory .card');
    await card.getByText('Voor familie en vrienden is er een eigen groep:').waitFor();
    await card.getByRole('link', { name: 'Familie van mensen met een verslaving' }).waitFor();

    await page.getByLabel('Soort groep', { exact: true }).selectOption('');
    expect(await results(page)).toHaveLength(10);
    await page.getByRole('searchbox', { name: 'Zoeken' }).fill('geen-groep-heet-zo');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    expect(await results(page)).toEqual([]);
    await page.getByText('Geen groep gevonden.').waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'directory-search-nl-phone');
  });

  it('filters by audience, category and language, alone and together, in English on a 1280 px desktop', async () => {
    const page = await openPage('en-GB', DESKTOP, '/groups');
    const audience = page.getByLabel('For', { exact: true });
    const category = page.getByLabel('Category', { exact: true });
    const language = page.getByLabel('Language', { exact: true });
    const status = page.getByRole('status');

    // Relatives: the one group for families, and none of the groups for people who live it themselves.
    await audience.selectOption({ label: 'Relatives and friends' });
    expect(await results(page)).toEqual(['Familie van mensen met een verslaving']);
    await status.filter({ hasText: '1 group found' }).waitFor();
    const card = page.locator('.directory .card');
    await card.getByText('For relatives and friends', { exact: true }).waitFor();
    await card.getByText('For people who live it themselves there is a group of their own:').waitFor();
    await card.getByRole('link', { name: 'Verslaving: alcohol en drugs' }).waitFor();
    expect(new URL(page.url()).search).toBe('?audience=relatives');

    // Peers: every other group, and not the families' one.
    await audience.selectOption({ label: 'People who live it themselves' });
    const peers = await results(page);
    expect(peers).toContain('Depressie');
    expect(peers).toContain('Anxiety and panic');
    expect(peers).not.toContain('Familie van mensen met een verslaving');
    expect(peers).toHaveLength(9);
    await status.filter({ hasText: '9 groups found' }).waitFor();
    const facts = page.locator('.directory .card .facts-inline');
    expect(await facts.getByText('For relatives and friends', { exact: true }).count()).toBe(0);
    // The addiction group points families to theirs.
    await page
      .locator('.directory .card', { hasText: 'Verslaving: alcohol en drugs' })
      .getByText('For relatives and friends there is a group of their own:')
      .waitFor();

    // Peers in English only.
    await language.selectOption({ label: 'English' });
    expect(await results(page)).toEqual(['Anxiety and panic', 'Living with chronic pain']);
    expect(new URL(page.url()).search).toBe('?audience=peers&language=en');

    // Psychological groups in English, then in Dutch.
    await audience.selectOption({ label: 'All' });
    expect(await results(page)).toEqual(['Anxiety and panic', 'Living with chronic pain']);
    await category.selectOption({ label: 'Psychological' });
    expect(await results(page)).toEqual(['Anxiety and panic']);
    await language.selectOption({ label: 'Dutch' });
    expect(await results(page)).toEqual(['Depressie', 'Fobieën en angst', 'Zelfmoordgedachten']);
    for (const name of ['Depressie', 'Fobieën en angst', 'Zelfmoordgedachten']) {
      const facts = page.locator('.directory .card', { hasText: name }).locator('.facts-inline');
      await facts.getByText('Psychological', { exact: true }).waitFor();
      await facts.getByText('Language: Dutch', { exact: true }).waitFor();
    }

    // A word on top of the filters narrows further; a filter that excludes everything says so.
    await page.getByRole('searchbox', { name: 'Search' }).fill('angst');
    await page.getByRole('button', { name: 'Search' }).click();
    expect(await results(page)).toEqual(['Fobieën en angst']);
    await category.selectOption({ label: 'Social situation' });
    expect(await results(page)).toEqual([]);
    await page.getByText('No group matches. Try another word or fewer filters.').waitFor();

    // The address keeps the search: reloading it shows the same filters and the same groups.
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await page.getByRole('button', { name: 'Search' }).click();
    expect(await results(page)).toEqual(['Alleen wonen', 'Echtscheiding', 'Nabestaanden na zelfmoord']);
    expect(new URL(page.url()).search).toBe('?category=social&language=nl');
    await page.reload();
    await page.locator('main h1').first().waitFor();
    expect(await results(page)).toEqual(['Alleen wonen', 'Echtscheiding', 'Nabestaanden na zelfmoord']);
    expect(await category.inputValue()).toBe('social');
    expect(await language.inputValue()).toBe('nl');
    expect(await audience.inputValue()).toBe('');
    await screenshot(page, 'directory-filters-en-desktop');
  });

  it('filters by audience and by category with the audience, in Dutch on a 390 px phone', async () => {
    const page = await openPage('nl-BE', PHONE, '/groups');
    const audience = page.getByLabel('Voor', { exact: true });
    const category = page.getByLabel('Soort groep', { exact: true });
    const language = page.getByLabel('Taal', { exact: true });

    await audience.selectOption({ label: 'Familie en naasten' });
    expect(await results(page)).toEqual(['Familie van mensen met een verslaving']);
    await page.getByRole('status').filter({ hasText: '1 groep gevonden' }).waitFor();
    const card = page.locator('.directory .card');
    await card.getByText('Voor naasten', { exact: true }).waitFor();
    await card.getByText('Voor wie het zelf meemaakt is er een eigen groep:').waitFor();
    expect(await page.locator('.directory').innerText()).not.toContain('Depressie');
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'directory-audience-nl-phone');

    // The same category for the other audience: the group of people who live it themselves.
    await audience.selectOption({ label: 'Wie het zelf meemaakt' });
    expect(await results(page)).toHaveLength(9);
    await category.selectOption({ label: 'Verslaving' });
    expect(await results(page)).toEqual(['Verslaving: alcohol en drugs']);
    await category.selectOption({ label: 'Familie en naasten' });
    expect(await results(page)).toEqual([]);
    await page.getByText('Geen groep gevonden. Probeer een ander woord of minder filters.').waitFor();

    await audience.selectOption({ label: 'Alle' });
    expect(await results(page)).toEqual(['Familie van mensen met een verslaving']);
    await category.selectOption({ label: 'Lichamelijke ziekte' });
    expect(await results(page)).toEqual(['Living with chronic pain']);
    await page.locator('.directory .card').getByText('Taal: Engels', { exact: true }).waitFor();
    await language.selectOption({ label: 'Nederlands' });
    expect(await results(page)).toEqual([]);
    expect(new URL(page.url()).search).toBe('?category=physical&language=nl');
    expect(await fitsWidth(page)).toBe(true);

    // Two changes in quick succession: the list is the answer to the last one, never the replaced
    // search's (its end must not clear the newer search's aria-busy).
    await Promise.all([language.selectOption({ label: 'Engels' }), category.selectOption({ label: 'Psychisch' })]);
    expect(await results(page)).toEqual(['Anxiety and panic']);
  });

  it('finds a Dutch group with an upper-case accented search and reads its information page as a guest, in English on a desktop', async () => {
    const page = await openPage('en-GB', DESKTOP, '/groups?q=FOBIE%C3%8BN');
    expect(await results(page)).toEqual(['Fobieën en angst']);
    await page.getByRole('searchbox', { name: 'Search' }).fill('angst');
    await page.getByRole('button', { name: 'Search' }).click();
    expect(await results(page)).toEqual(['Anxiety and panic', 'Fobieën en angst']);

    await page.getByRole('link', { name: 'Anxiety and panic' }).click();
    await page.locator('main h1', { hasText: 'Anxiety and panic' }).waitFor();
    const main = page.locator('main');
    await main.getByRole('heading', { name: 'What the group is for' }).waitFor();
    await main.getByRole('heading', { name: 'Who it is for' }).waitFor();
    await main.getByRole('heading', { name: 'How sessions go' }).waitFor();
    await main.getByRole('heading', { name: 'Rules' }).waitFor();
    await main.getByText('0 members').waitFor();
    await main.getByText('0 moderators').waitFor();
    await main.getByText('This group has no moderator right now — crisis responders cover it.').waitFor();
    await main.getByText('No session is planned yet.').waitFor();
    // The guest is shown the pledge and the way in, and nothing of what members wrote.
    await main.getByText('What is said here stays here.', { exact: false }).first().waitFor();
    await main.getByRole('link', { name: 'Log in' }).waitFor();
    expect(await main.locator('.thread-title').count()).toBe(0);
    await screenshot(page, 'group-info-en-desktop');

    await page.goto(`${app.baseUrl}/groups/familie-bij-verslaving/about`);
    await page.locator('main h1', { hasText: 'Familie van mensen met een verslaving' }).waitFor();
    await main.getByRole('heading', { name: 'The pledge' }).waitFor();
    await main.getByRole('link', { name: 'Verslaving: alcohol en drugs' }).waitFor();
    expect(await main.getByRole('link', { name: 'Edit the information page' }).count()).toBe(0);
  });
  it('welcomes a newcomer to the introductions thread until closed, and lets only a moderator edit the information page, in Dutch on a phone', async () => {
    const member = await registerMember(app);
    const membership = await joinGroup(app, member, 'alleen-wonen');
    const page = await newPage('nl-BE', PHONE);
    await logInThroughForm(page, app.baseUrl, member, '/groups/alleen-wonen');
    const welcome = page.locator('section.welcome');
    await welcome.getByRole('heading', { name: 'Welkom in de groep' }).waitFor();
    const link = welcome.getByRole('link', { name: 'Naar het voorstelgesprek' });
    expect(await link.getAttribute('href')).toMatch(/^\/groups\/alleen-wonen\/threads\/[0-9a-f-]{36}$/);
    // The pinned thread speaks in the site's voice, not as a member.
    const pinned = page.locator('.thread-facts').first();
    await pinned.getByText('Kring').waitFor();
    await welcome.getByRole('button', { name: 'Dit welkom sluiten' }).click();
    await welcome.waitFor({ state: 'detached' });

    await goInApp(page, '/groups/alleen-wonen/about/edit');
    await page.getByText('Alleen moderatoren van deze groep kunnen haar informatiepagina aanpassen.').waitFor();
    expect(await page.locator('main form textarea').count()).toBe(0);

    await makeModerator(app, membership);
    await goInApp(page, '/groups/alleen-wonen/about');
    await page.getByRole('link', { name: 'Informatiepagina aanpassen' }).click();
    await page.getByRole('heading', { name: 'Informatiepagina aanpassen' }).waitFor();
    await page.getByLabel('Waar de groep voor is').fill('Samen de avonden en de weekends door.');
    await page.getByLabel('Afspraken').fill('x'.repeat(4001));
    await page.getByRole('button', { name: 'Bewaren' }).click();
    await page.getByText('Gebruik hoogstens 4000 tekens.').waitFor();
    await page.getByLabel('Afspraken').fill('Geen namen, geen adressen.');
    await page.getByRole('button', { name: 'Bewaren' }).click();
    await page.locator('main h1', { hasText: 'Alleen wonen' }).waitFor();
    await page.getByText('Samen de avonden en de weekends door.').waitFor();
    await page.getByText('Geen namen, geen adressen.').waitFor();
    expect(await fitsWidth(page)).toBe(true);
    // Back on the group page, the welcome stays closed.
    await goInApp(page, '/groups/alleen-wonen');
    await page.getByRole('link', { name: 'Over deze groep' }).waitFor();
    expect(await page.locator('section.welcome').count()).toBe(0);
  });
});
