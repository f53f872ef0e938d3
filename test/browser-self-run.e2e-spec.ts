import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import type { ReferralCreated } from '../src/contracts/group-proposals.js';
import { registerMember } from './support/accounts.js';
import {
  browserSuite,
  DESKTOP,
  goInApp,
  logInThroughForm,
  PHONE,
  screenshot,
  seriousAxeViolations,
} from './support/browser.js';
import { createGroup, joinGroup, makeModerator } from './support/groups.js';

/**
 * Groups that run themselves, in the browser client: a member proposes a group on a 390 px phone in
 * Dutch, an admin approves it on a desktop in English, the proposer moderates it and prints a
 * referral card; a guest follows a card's short link, and an expired code is said plainly. One
 * browser for the file; each test few page loads.
 */

describe('the browser client: proposing a group and printing a referral card', () => {
  const suite = browserSuite({ admin: true });
  const { app, admin } = suite;

  /** axe runs on every page here, whose injected script the CSP would refuse. */
  async function newPage(locale: string, viewport: { width: number; height: number }): Promise<Page> {
    return suite.newPage(await suite.newContext({ locale, viewport, bypassCSP: true }));
  }

  async function fitsWidth(page: Page): Promise<boolean> {
    return page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');
  }

  it('a member proposes a group (nl, 390 px), an admin approves it (en, desktop), and its new moderator prints a referral card', async () => {
    const member = await registerMember(app);
    const phone = await newPage('nl-BE', PHONE);
    await logInThroughForm(phone, app.baseUrl, member, '/propose-group');
    await phone.locator('main h1', { hasText: 'Een nieuwe groep voorstellen' }).waitFor();
    await phone.getByLabel('Naam van de groep').fill('Rouw na een miskraam');
    await phone
      .getByLabel('Voor wie is de groep, en waarvoor?')
      .fill('Voor ouders die een kindje verloren voor de geboorte.');
    await phone.getByLabel('Familie en naasten').check();
    await phone.getByLabel('Ik wil de eerste moderator zijn').check();
    await phone.getByLabel('Je schuilnaam in de nieuwe groep').fill('Sterretje');
    const send = phone.getByRole('button', { name: 'Voorstel versturen' });
    await send.click();
    // Members propose groups: an account in no group yet is told so, and keeps what it typed.
    await phone
      .getByRole('alert')
      .getByText('Leden stellen nieuwe groepen voor: word eerst lid van een groep.')
      .waitFor();
    await joinGroup(app, member, (await createGroup(app, admin)).slug);
    await send.click();
    await phone.getByText('Je voorstel is naar de beheerders gestuurd.').waitFor();
    const mine = phone.locator('main .queue');
    await mine.getByRole('heading', { name: 'Rouw na een miskraam · wacht op een beheerder' }).waitFor();
    expect(await fitsWidth(phone)).toBe(true);
    expect(await seriousAxeViolations(phone, 'propose a group (nl, 390 px)')).toEqual([]);
    await screenshot(phone, 'self-run-propose-nl-390');

    const desk = await newPage('en-GB', DESKTOP);
    await logInThroughForm(desk, app.baseUrl, admin, '/admin/group-proposals');
    await desk.locator('main h1', { hasText: 'Proposed groups' }).waitFor();
    const proposal = desk.locator('main article', { hasText: 'Rouw na een miskraam' });
    await proposal.getByText('Relatives and people close to them · NL · proposer will moderate').waitFor();
    await proposal.getByText('Voor ouders die een kindje verloren voor de geboorte.').waitFor();
    // The admin sees the proposal, never who made it.
    expect(await desk.locator('body').innerText()).not.toContain(member.loginName);
    expect(await seriousAxeViolations(desk, 'proposed groups (en, desktop)')).toEqual([]);
    await proposal.getByRole('button', { name: 'Decline' }).click();
    await proposal.getByText('Give a reason to decline: the member who proposed it reads it.').waitFor();
    await proposal.getByRole('button', { name: 'Approve and make the group' }).click();
    await desk.getByText('The group is made.').waitFor();
    await desk.getByRole('heading', { name: 'Rouw na een miskraam · approved' }).waitFor();
    await screenshot(desk, 'self-run-approved-en-desktop');

    await goInApp(phone, '/propose-group');
    await mine.getByRole('heading', { name: 'Rouw na een miskraam · goedgekeurd' }).waitFor();
    await mine.getByRole('link', { name: 'Naar de groep' }).click();
    await phone.locator('main h1', { hasText: 'Rouw na een miskraam' }).waitFor();
    await phone.getByText('Je bent Sterretje in deze groep.').waitFor();
    const groupNav = phone.getByRole('navigation', { name: 'Deze groep' });
    await groupNav.getByRole('link', { name: 'Moderatie' }).waitFor();
    await groupNav.getByRole('link', { name: 'Instellingen' }).click();

    const referrals = phone.locator('section', {
      has: phone.getByRole('heading', { name: 'Verwijscodes en de kaart om af te drukken' }),
    });
    await referrals.getByText('Nog geen codes.').waitFor();
    await referrals.getByLabel('Hoeveel mensen ermee binnen kunnen').fill('10');
    await referrals.getByRole('button', { name: 'Code maken' }).click();
    await referrals.getByText('Je nieuwe code, alleen nu te zien:').waitFor();
    const code = (await referrals.locator('.referral-code').textContent()) ?? '';
    const link = (await referrals.locator('.referral-link').textContent()) ?? '';
    expect(link).toMatch(new RegExp(`/r/${code}$`));
    const print = referrals.getByRole('button', { name: 'Kaart met deze code afdrukken' });
    expect(await print.isVisible()).toBe(true);
    await print.click();
    await referrals.getByText('De kaart is klaar om af te drukken (A6).').waitFor();

    // The card is the server's A6 SVG: the group's name, the short link and its QR code.
    const card = phone.locator('body > .print-card img');
    const svg = decodeURIComponent(
      ((await card.getAttribute('src')) ?? '').replace(/^data:image\/svg\+xml;[^,]*,/, ''),
    );
    expect(svg).toMatch(/^<svg [^>]*width="105mm" height="148mm"/);
    expect(svg).toContain('>Rouw na een miskraam</text>');
    expect(svg).toContain(`>${link}</text>`);
    expect(svg).toContain('Scan de code of typ de link:');
    expect(svg).toMatch(/<path d="(M\d+ \d+h1v1h-1z)+" fill="#000"\/>/);
    // On screen the card stays out of the way; printed, it is all there is.
    expect(await card.isVisible()).toBe(false);
    await phone.emulateMedia({ media: 'print' });
    expect(await phone.locator('.site-header').isVisible()).toBe(false);
    expect(await phone.locator('.site-footer').isVisible()).toBe(false);
    expect(await phone.locator('main').isVisible()).toBe(false);
    expect(await card.isVisible()).toBe(true);
    const box = await card.boundingBox();
    expect((box?.height ?? 0) / (box?.width ?? 1)).toBeCloseTo(148 / 105, 2);
    await screenshot(phone, 'self-run-card-print');
    await phone.emulateMedia({ media: 'screen' });
    expect(await phone.locator('.site-header').isVisible()).toBe(true);
    expect(await fitsWidth(phone)).toBe(true);
    expect(await seriousAxeViolations(phone, 'referral codes (nl, 390 px)')).toEqual([]);
  }, 120_000);

  it("a guest follows a card's short link to the join form with the code filled in (en, desktop); an expired code says so (nl, 390 px)", async () => {
    const group = await createGroup(app, admin, { name: 'Living with tinnitus', locale: 'en' });
    const moderator = await registerMember(app);
    await makeModerator(app, await joinGroup(app, moderator, group.slug));
    const makeCode = async (): Promise<ReferralCreated> => {
      const response = await app.http
        .post(`/api/groups/${group.slug}/referrals`)
        .set('Authorization', moderator.bearer)
        .send({ uses: 5, days: 30 });
      expect(response.status).toBe(201);
      return response.body as ReferralCreated;
    };
    const [fresh, old] = [await makeCode(), await makeCode()];
    await app.app
      .get(DataSource)
      .query(`UPDATE group_invite SET expires_at = now() - interval '1 day' WHERE id = $1`, [old.id]);

    const guest = await registerMember(app);
    const page = await newPage('en-GB', DESKTOP);
    await page.goto(`${app.baseUrl}/r/${fresh.code}`);
    await page.locator('main h1', { hasText: 'An invitation to a group' }).waitFor();
    await page.getByText('Living with tinnitus').waitFor();
    await page.getByText('Log in to join.', { exact: false }).waitFor();
    await page.locator('main').getByRole('link', { name: 'Log in' }).click();
    await page.locator('input[name="loginName"]').fill(guest.loginName);
    await page.locator('input[name="password"]').fill(guest.password);
    await page.locator('main form button[type="submit"]').click();
    await page.locator('main h1', { hasText: 'Living with tinnitus' }).waitFor();
    const invite = page.getByLabel('Invite code');
    expect(await invite.inputValue()).toBe(fresh.code);
    await invite.scrollIntoViewIfNeeded();
    expect(await invite.isVisible()).toBe(true);
    expect(await seriousAxeViolations(page, 'join with a referral code (en, desktop)')).toEqual([]);
    await page.getByLabel('I accept the pledge', { exact: false }).check();
    await page.getByRole('button', { name: 'Join the group' }).click();
    await page.getByText(/^Welcome\. You are in the group as /).waitFor();
    await screenshot(page, 'self-run-referral-join-en-desktop');

    const phone = await newPage('nl-BE', PHONE);
    await phone.goto(`${app.baseUrl}/r/${old.code}`);
    await phone.locator('main h1', { hasText: 'Een uitnodiging voor een groep' }).waitFor();
    await phone.getByText('Deze code is vervallen. Vraag wie ze je gaf om een nieuwe.').waitFor();
    await phone.getByRole('link', { name: 'Alle groepen bekijken' }).waitFor();
    expect(await phone.getByText('Living with tinnitus').count()).toBe(0);
    expect(await fitsWidth(phone)).toBe(true);
    expect(await seriousAxeViolations(phone, 'expired referral code (nl, 390 px)')).toEqual([]);
    await screenshot(phone, 'self-run-referral-expired-nl-390');
  }, 120_000);
});
