import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { BrowserContext } from 'playwright-core';
import { DataSource } from 'typeorm';
import type { CrisisCoverage, CrisisResponderView, DutyView } from '../src/contracts/crisis.js';
import { registerMember } from './support/accounts.js';
import { browserSuite, DESKTOP, PHONE, screenshot, seriousAxeViolations } from './support/browser.js';
import { appointResponder, as, groupWithoutModerator, sendCrisis } from './support/crisis.js';
import { createGroup, joinGroup, makeModerator } from './support/groups.js';

/**
 * The crisis safety net's admin side in the browser (issue 12): an admin appoints a crisis
 * responder from a member's admin page and revokes one with a reason; coverage at a glance (groups
 * without a moderator, the hours of the week nobody's rota covers, the cases that waited longest);
 * a responder keeps their weekly rota on the desk page. In Dutch and English, on a 390 px phone and
 * a desktop. Expects a fresh `client/dist`.
 */
describe('crisis responders and coverage in the browser', () => {
  const suite = browserSuite({ admin: true });
  const { app, admin, loggedIn } = suite;

  /** Every test here runs axe on the page, whose injected script the CSP would refuse. */
  function newContext(viewport: { width: number; height: number }, locale = 'en-GB'): Promise<BrowserContext> {
    return suite.newContext({ locale, viewport, bypassCSP: true });
  }

  async function coverage(): Promise<CrisisCoverage> {
    const response = await as(app, admin, 'get', '/api/admin/crisis/coverage');
    expect(response.status).toBe(200);
    return response.body as CrisisCoverage;
  }

  async function responders(): Promise<CrisisResponderView[]> {
    const response = await as(app, admin, 'get', '/api/admin/crisis/responders');
    expect(response.status).toBe(200);
    return response.body as CrisisResponderView[];
  }

  it('lets an admin on a 390 px phone, in Dutch, appoint a member as crisis responder from the member’s admin page, asking for a reason, without showing the account; the new responder then has the crisis desk', async () => {
    const group = await createGroup(app, admin, { name: 'Rouw en verlies', locale: 'nl' });
    const member = await registerMember(app);
    const membership = await joinGroup(app, member, group.slug, { alias: 'Zachte Wind' });
    const path = `/admin/members?group=${encodeURIComponent(group.slug)}&member=${encodeURIComponent(membership.memberId)}&alias=${encodeURIComponent('Zachte Wind')}`;
    const page = await loggedIn(await newContext(PHONE, 'nl-BE'), admin, path);

    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Crisisvrijwilliger' }) });
    await section.getByText('Zachte Wind verschijnt daar onder de naam die je geeft').waitFor();
    await section.getByLabel('Naam op de crisisdesk').fill('Nachtuil');
    // Without a reason nothing is sent: the audit log needs one.
    await section.getByRole('button', { name: 'Aanstellen als crisisvrijwilliger' }).click();
    await section.locator('[aria-invalid="true"][name="reason"]').waitFor();
    expect(await page.evaluate<string | null>('document.activeElement?.getAttribute("name") ?? null')).toBe('reason');
    expect((await responders()).some((responder) => responder.name === 'Nachtuil')).toBe(false);

    await section.getByLabel('Waarom').fill('Opgeleid bij de Zelfmoordlijn, wil nachtdiensten doen.');
    await section.getByRole('button', { name: 'Aanstellen als crisisvrijwilliger' }).click();
    await section.getByText('Het lid is nu crisisvrijwilliger.').waitFor();
    expect(await seriousAxeViolations(page, 'appoint a responder (nl, 390 px)')).toEqual([]);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'crisis-admin-appoint-390-nl');
    expect(await page.locator('body').innerText()).not.toContain(member.loginName);
    const appointed = (await responders()).find((responder) => responder.name === 'Nachtuil');
    expect(appointed).toBeDefined();
    expect(Object.keys(appointed ?? {}).sort()).toEqual(['appointedAt', 'id', 'name', 'onDuty', 'rota', 'timezone']);

    // The list of responders shows the new one by the name given, with the link from the admin home.
    await page.getByRole('link', { name: 'Crisisvrijwilligers en bezetting' }).click();
    await page.locator('h1', { hasText: 'Crisisvrijwilligers en bezetting' }).waitFor();
    await page.locator(`li.responder[data-responder="${appointed?.id ?? ''}"] h3`, { hasText: 'Nachtuil' }).waitFor();
    expect(await page.locator('body').innerText()).not.toContain(member.loginName);

    const desk = await loggedIn(await newContext(DESKTOP), member, '/crisis');
    await desk.locator('h1', { hasText: 'Crisis desk' }).waitFor();
    await desk.getByRole('button', { name: 'On duty' }).waitFor();
    await desk.getByRole('heading', { name: 'Your weekly rota' }).waitFor();
  }, 120_000);

  it('lets an admin revoke a responder only with a reason; the revoked volunteer no longer has the desk', async () => {
    const volunteer = await appointResponder(app, admin, { name: 'Ochtendploeg', onDuty: false });
    const page = await loggedIn(await newContext(DESKTOP), admin, '/admin/crisis');
    const item = page.locator(`li.responder[data-responder="${volunteer.view.id}"]`);
    await item.getByRole('heading', { name: 'Ochtendploeg' }).waitFor();
    await item.getByText('Revoke Ochtendploeg').click();
    await item.getByRole('button', { name: 'Revoke the responder' }).click();
    await item.locator('[aria-invalid="true"][name="reason"]').waitFor();
    expect((await responders()).some((responder) => responder.id === volunteer.view.id)).toBe(true);

    await item.getByLabel('Why').fill('Stopt als vrijwilliger, op eigen vraag.');
    await item.getByRole('button', { name: 'Revoke the responder' }).click();
    await item.waitFor({ state: 'detached' });
    expect(await page.evaluate<string>('document.activeElement?.textContent ?? ""')).toBe('Crisis responders');
    expect((await responders()).some((responder) => responder.id === volunteer.view.id)).toBe(false);

    const desk = await loggedIn(await newContext(DESKTOP), volunteer.member, '/crisis');
    await desk.getByText('The crisis desk is for crisis responders.').waitFor();
  }, 120_000);

  it('shows coverage at a glance on a desktop: a group without a moderator, the hours nobody covers as a week table, the case that waited; a responder’s rota hours, set on a phone in Dutch with the keyboard, cover those hours', async () => {
    const volunteer = await appointResponder(app, admin, { name: 'Woensdagavond', onDuty: false });
    const lonely = await createGroup(app, admin, { name: 'Harbour lights', locale: 'en' });
    const moderated = await createGroup(app, admin, { name: 'Lighthouse keepers', locale: 'en' });
    await makeModerator(app, await joinGroup(app, await registerMember(app), moderated.slug, { alias: 'Keeper' }));
    const { group: waiting, ref, members } = await groupWithoutModerator(app, admin, 1);
    const [person] = members;
    const answer = await sendCrisis(person.socket, ref);
    const caseId = answer.crisisStatus?.caseId ?? '';
    expect(caseId).not.toBe('');
    const before = await coverage();
    // Wednesday 20:00–22:00 (Europe/Brussels): nobody's rota has it yet.
    expect(before.uncoveredHours).toEqual(
      expect.arrayContaining([
        { weekday: 3, hour: 20 },
        { weekday: 3, hour: 21 },
      ]),
    );

    const page = await loggedIn(await newContext(DESKTOP), admin, '/admin/crisis');
    const withoutModerator = page.locator('ul.groups-without-moderator');
    await withoutModerator.getByRole('link', { name: 'Harbour lights' }).waitFor();
    expect(await withoutModerator.getByRole('link', { name: 'Harbour lights' }).getAttribute('href')).toBe(
      `/admin/groups/${lonely.slug}`,
    );
    expect(await withoutModerator.getByText('Lighthouse keepers').count()).toBe(0);

    const week = page.getByRole('table', { name: 'The rota by hour and day' });
    expect(await week.locator('tbody tr').count()).toBe(24);
    expect(await week.locator('tbody td').count()).toBe(168);
    expect(await week.locator('thead th span[aria-hidden="true"]').allInnerTexts()).toEqual([
      'Mon',
      'Tue',
      'Wed',
      'Thu',
      'Fri',
      'Sat',
      'Sun',
    ]);
    await week.getByRole('columnheader', { name: 'Wednesday', exact: true }).waitFor();
    await week.getByRole('rowheader', { name: '20:00–21:00' }).waitFor();
    const wednesday20 = week.locator('td[data-slot="3-20"]');
    expect(await wednesday20.getAttribute('class')).toContain('uncovered');
    expect(await wednesday20.textContent()).toContain('nobody');
    await page
      .locator('p.week-summary', {
        hasText: `${before.uncoveredHours.length} of the 168 hours of the week have nobody on the rota`,
      })
      .waitFor();

    const waits = page.getByRole('table', { name: 'Crisis cases of the last seven days, longest wait first' });
    const waitRow = waits.locator(`tr[data-case="${caseId}"]`);
    await waitRow.getByText(waiting.name).waitFor();
    await waitRow.getByText('still nobody').waitFor();
    expect(await seriousAxeViolations(page, 'coverage (en, desktop)')).toEqual([]);
    await screenshot(page, 'crisis-admin-coverage-desktop');

    // The responder keeps their rota on the desk page, on a phone, in Dutch, with the keyboard.
    const desk = await loggedIn(await newContext(PHONE, 'nl-BE'), volunteer.member, '/crisis');
    const rota = desk.locator('section.rota');
    await rota.getByRole('heading', { name: 'Je weekrooster' }).waitFor();
    await rota.getByText('Nog geen uren in je rooster.').waitFor();
    expect(await rota.getByLabel('Tijdzone').inputValue()).toBe('Europe/Brussels');
    await rota.getByRole('button', { name: 'Uren toevoegen' }).focus();
    await desk.keyboard.press('Enter');
    expect(await desk.evaluate<string | null>('document.activeElement?.getAttribute("name") ?? null')).toBe('weekday');
    const row = rota.getByRole('group', { name: 'Uren 1' });
    await row.getByLabel('Dag').selectOption({ label: 'woensdag' });
    await row.getByLabel('Van').selectOption({ label: '20:00' });
    // A range that ends before it starts is refused at once, saying which.
    await row.getByLabel('Tot').selectOption({ label: '19:00' });
    await rota.getByRole('button', { name: 'Rooster bewaren' }).click();
    await rota.getByText('Uren 1 eindigen voor ze beginnen.').waitFor();
    expect(((await as(app, volunteer.member, 'get', '/api/crisis/duty')).body as DutyView).rota).toEqual([]);

    await row.getByLabel('Tot').selectOption({ label: '22:00' });
    await rota.getByRole('button', { name: 'Rooster bewaren' }).focus();
    await desk.keyboard.press('Enter');
    await rota.getByText('Je rooster is bewaard: 2 uur per week.').waitFor();
    expect(((await as(app, volunteer.member, 'get', '/api/crisis/duty')).body as DutyView).rota).toEqual([
      { weekday: 3, from: 20, to: 22 },
    ]);
    expect(await seriousAxeViolations(desk, 'rota editor (nl, 390 px)')).toEqual([]);
    expect(await desk.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await screenshot(desk, 'crisis-rota-390-nl');

    // Coverage follows: those two hours are covered now, the hour after them is not.
    const after = await coverage();
    expect(after.uncoveredHours.length).toBe(before.uncoveredHours.length - 2);
    // Read again by going there inside the app (a reload would drop the session kept in memory).
    await page.getByRole('link', { name: 'Back to admin' }).click();
    await page.locator('h1', { hasText: 'Admin' }).waitFor();
    await page.getByRole('link', { name: 'Crisis responders and coverage' }).click();
    await page.locator('h1', { hasText: 'Crisis responders and coverage' }).waitFor();
    const fresh = page.getByRole('table', { name: 'The rota by hour and day' });
    expect(await fresh.locator('td[data-slot="3-20"]').getAttribute('class')).not.toContain('uncovered');
    expect(await fresh.locator('td[data-slot="3-21"]').textContent()).toContain('covered');
    expect(await fresh.locator('td[data-slot="3-22"]').getAttribute('class')).toContain('uncovered');
    await page
      .locator('p.week-summary', {
        hasText: `${after.uncoveredHours.length} of the 168 hours of the week have nobody on the rota`,
      })
      .waitFor();
  }, 180_000);

  it('shows the coverage page on a 390 px phone in Dutch without sideways scrolling of the page, the week table scrolling in its own region', async () => {
    const page = await loggedIn(await newContext(PHONE, 'nl-BE'), admin, '/admin/crisis');
    await page.locator('h1', { hasText: 'Crisisvrijwilligers en bezetting' }).waitFor();
    const week = page.getByRole('table', { name: 'Het rooster per uur en dag' });
    expect(await week.locator('thead th span[aria-hidden="true"]').allInnerTexts()).toEqual([
      'ma',
      'di',
      'wo',
      'do',
      'vr',
      'za',
      'zo',
    ]);
    await week.getByRole('columnheader', { name: 'woensdag', exact: true }).waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousAxeViolations(page, 'coverage (nl, 390 px)')).toEqual([]);
    await screenshot(page, 'crisis-admin-coverage-390-nl');
  }, 120_000);

  it('shows the crisis log with the system’s words in Dutch and English, the actor’s own words and older rows as written', async () => {
    const phrase = `woord ${randomUUID().slice(0, 6)}`;
    expect((await as(app, admin, 'post', '/api/admin/watched-words', { phrase, action: 'hold' })).status).toBe(201);
    // A row from before codes whose sentence is no known one: shown as it was written.
    const old = 'Released by an older server for a reason it named so.';
    await app.app
      .get(DataSource)
      .query(`INSERT INTO crisis_audit (id, action, actor_kind, reason) VALUES ($1, 'case-released', 'admin', $2)`, [
        randomUUID(),
        old,
      ]);

    const phone = await loggedIn(await newContext(PHONE, 'nl-BE'), admin, '/admin/crisis');
    const dutch = phone.getByRole('table', { name: 'De nieuwste regels van het crisislogboek, nieuwste eerst' });
    const word = dutch.locator('tr', { hasText: phrase });
    await word.waitFor();
    expect((await word.locator('td').allInnerTexts()).slice(1)).toEqual([
      'Woord voor heel Kring toegevoegd',
      'Een beheerder',
      '—',
      `Woord dat een tekst laat nakijken door een moderator: ${phrase}`,
    ]);
    await dutch.locator('tr', { hasText: old }).waitFor();
    expect(await dutch.innerText()).not.toMatch(/Word that|Admin role granted|Released automatically/);
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousAxeViolations(phone, 'crisis log (nl, 390 px)')).toEqual([]);

    const desk = await loggedIn(await newContext(DESKTOP), admin, '/admin/crisis');
    const english = desk.getByRole('table', { name: 'The newest entries of the crisis log, newest first' });
    await english
      .locator('tr', { hasText: `Word that holds a text for a moderator: ${phrase}` })
      .getByText('Site-wide word added')
      .waitFor();
    await english.locator('tr', { hasText: old }).waitFor();
    await screenshot(desk, 'crisis-admin-log-en-desktop');
  }, 120_000);

  it('gives a plain member none of the admin pages: the pages say they are for admins, the API refuses, there is no link', async () => {
    const member = await registerMember(app);
    const group = await createGroup(app, admin, { locale: 'nl' });
    const membership = await joinGroup(app, member, group.slug);
    const page = await loggedIn(await newContext(PHONE, 'nl-BE'), member, '/admin/crisis');
    await page.getByText('Alleen beheerders kunnen deze pagina openen.').waitFor();
    expect(await page.locator('table').count()).toBe(0);
    expect(await page.locator('li.responder').count()).toBe(0);
    expect(await page.locator('a[href="/admin/crisis"]').count()).toBe(0);

    const english = await loggedIn(
      await newContext(DESKTOP),
      member,
      `/admin/members?group=${encodeURIComponent(group.slug)}&member=${encodeURIComponent(membership.memberId)}&alias=x`,
    );
    await english.getByText('Only admins can open this page.').waitFor();
    expect(await english.getByRole('button', { name: 'Appoint as crisis responder' }).count()).toBe(0);

    for (const path of ['/api/admin/crisis/coverage', '/api/admin/crisis/responders']) {
      expect((await as(app, member, 'get', path)).status).toBe(403);
    }
    const appoint = await as(app, member, 'post', '/api/admin/crisis/responders', {
      group: group.slug,
      memberId: membership.memberId,
      name: 'Zelf benoemd',
      reason: 'Ik wil graag helpen.',
    });
    expect(appoint.status).toBe(403);
  }, 120_000);
});
