import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { ThreadView } from '../src/contracts/forums.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { browserSuite, DESKTOP, goInApp, PHONE, screenshot, seriousAxeViolations } from './support/browser.js';
import { createGroup, joinGroup, makeModerator } from './support/groups.js';
import { connectChat, joinRoom, sendMessage } from './support/sockets.js';

/**
 * The moderators' tools in the browser (issue 15), in Dutch and English, on a 390 px phone and a
 * 1280 px desktop: an admin appoints a moderator by picking part of an alias (no id anywhere); a
 * report in the queue shows the reporter's note, the chat lines around the message and a link
 * that opens the room at it; the audit log filtered by action and moderator, reading well at
 * both widths; and the "new since your last visit" line in a thread.
 */
describe('the browser client: moderator tools', () => {
  const suite = browserSuite({ admin: true });
  const { app, admin } = suite;

  /** axe runs on these pages, whose injected script the CSP would refuse. */
  async function loggedIn(
    who: TestMember,
    path: string,
    locale: string,
    viewport: { width: number; height: number },
  ): Promise<Page> {
    return suite.loggedIn(await suite.newContext({ locale, viewport, bypassCSP: true }), who, path);
  }

  const post = (who: TestMember, path: string, body: object) =>
    app.http.post(path).set('Authorization', who.bearer).send(body);

  async function fitsWidth(page: Page): Promise<boolean> {
    return page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');
  }

  it('an admin finds a member by part of the alias and appoints them, with one clear action per standing (en, desktop; nl, phone)', async () => {
    const group = await createGroup(app, admin);
    const member = await registerMember(app);
    await joinGroup(app, member, group.slug, { alias: 'Stille Reiger' });
    await joinGroup(app, await registerMember(app), group.slug, { alias: 'Reiziger Ruud' });

    const page = await loggedIn(admin, `/admin/groups/${group.slug}`, 'en-GB', DESKTOP);
    // No id to paste anywhere: a picker by alias.
    expect(await page.locator('main input[name="memberId"]').count()).toBe(0);
    await page.getByLabel('Find a member by their alias').fill('rei');
    await page.getByText('2 found.').waitFor();
    await page.getByRole('button', { name: 'Choose Stille Reiger' }).click();
    await page.getByRole('button', { name: 'Make Stille Reiger a moderator' }).waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(await seriousAxeViolations(page, 'admin member (en, desktop)')).toEqual([]);
    await page.getByRole('button', { name: 'Make Stille Reiger a moderator' }).click();
    await page.getByText('The member is now a moderator.').waitFor();
    // Now the one action that fits is the other one.
    // An action, not a statement: the button says what pressing it does.
    await page.getByRole('button', { name: 'Remove Stille Reiger as a moderator' }).waitFor();
    expect(await page.getByRole('button', { name: 'Make Stille Reiger a moderator' }).count()).toBe(0);
    await screenshot(page, 'moderator-tools-appoint-en-desktop');

    const phone = await loggedIn(admin, `/admin/groups/${group.slug}`, 'nl-BE', PHONE);
    await phone.getByLabel('Zoek een lid op schuilnaam').fill('Stil');
    await phone.getByRole('button', { name: 'Kies Stille Reiger' }).click();
    await phone.getByRole('button', { name: 'Beëindig de moderatorrol van Stille Reiger' }).waitFor();
    await phone.locator('main .member-standing', { hasText: 'moderator' }).waitFor();
    expect(await fitsWidth(phone)).toBe(true);
    expect(await seriousAxeViolations(phone, 'admin member (nl, 390 px)')).toEqual([]);
    await screenshot(phone, 'moderator-tools-appoint-nl-390');
  }, 180_000);

  it('a reported post reads as the thread shows it (bold, not asterisks), under "Reason:" for one reason; the Dutch labels read naturally (nl, phone; en, desktop)', async () => {
    const group = await createGroup(app, admin);
    const moderator = await registerMember(app);
    await makeModerator(app, await joinGroup(app, moderator, group.slug, { alias: 'Waakzame Wil' }));
    const anna = await registerMember(app);
    const annaIn = await joinGroup(app, anna, group.slug, { alias: 'Anna Zee' });
    const bram = await registerMember(app);
    await joinGroup(app, bram, group.slug, { alias: 'Bram Bos' });
    const thread = await post(bram, `/api/groups/${group.slug}/threads`, {
      title: 'Slecht slapen',
      body: 'Wie herkent dit?',
    });
    expect(thread.status).toBe(201);
    const reply = await post(anna, `/api/groups/${group.slug}/threads/${thread.body.id as string}/posts`, {
      body: 'Sterkte, ik **herken** dit. Zie *ook* [de gids](https://example.org/gids).',
    });
    expect(reply.status).toBe(201);
    const report = { target: { kind: 'post', id: reply.body.id as string }, reason: 'harassment' };
    expect((await post(bram, `/api/groups/${group.slug}/reports`, report)).status).toBe(202);
    // A chat line is shown as typed: the chat has no formatting.
    const socket = await connectChat(app, anna);
    await joinRoom(socket, { group: group.slug });
    const line = await sendMessage(socket, { group: group.slug }, 'In de chat blijft **dit** gewoon tekst');
    socket.disconnect();
    for (const reason of ['spam', 'other']) {
      const reporter = await registerMember(app);
      await joinGroup(app, reporter, group.slug);
      const body = { target: { kind: 'message', id: line.id }, reason };
      expect((await post(reporter, `/api/groups/${group.slug}/reports`, body)).status).toBe(202);
    }

    const phone = await loggedIn(moderator, `/groups/${group.slug}/moderation`, 'nl-BE', PHONE);
    const entry = phone.locator('main li.case', { hasText: 'herken' });
    const excerpt = entry.locator('blockquote.excerpt');
    await excerpt.locator('strong', { hasText: 'herken' }).waitFor();
    await excerpt.locator('em', { hasText: 'ook' }).waitFor();
    expect(await excerpt.locator('a[href="https://example.org/gids"]').count()).toBe(1);
    expect(await excerpt.innerText()).not.toContain('*');
    await entry.getByText('Reden: Kwetsend of intimiderend', { exact: true }).waitFor();
    expect(await entry.getByText(/Redenen:/).count()).toBe(0);
    const chatEntry = phone.locator('main li.case', { hasText: 'In de chat blijft' });
    expect(await chatEntry.locator('blockquote.excerpt').innerText()).toContain('**dit**');
    await chatEntry.getByText(/^Redenen: \S/).waitFor();
    expect(await fitsWidth(phone)).toBe(true);
    await screenshot(phone, 'moderator-tools-queue-markdown-nl-390');

    // The member's own wording of ignoring someone and of a search in one group.
    expect((await post(bram, `/api/groups/${group.slug}/mutes`, { memberId: annaIn.memberId })).status).toBe(204);
    const member = await loggedIn(bram, `/groups/${group.slug}/membership`, 'nl-BE', PHONE);
    await member.getByRole('button', { name: 'Anna Zee niet langer negeren' }).waitFor();
    await goInApp(member, `/search?group=${group.slug}&q=herken`);
    await member.getByText('Alleen resultaten uit deze groep.', { exact: true }).waitFor();

    const desk = await loggedIn(moderator, `/groups/${group.slug}/moderation`, 'en-GB', DESKTOP);
    const card = desk.locator('main li.case', { hasText: 'herken' });
    await card.locator('blockquote.excerpt strong', { hasText: 'herken' }).waitFor();
    await card.getByText('Reason: Hurtful or harassing', { exact: true }).waitFor();
    await desk
      .locator('main li.case', { hasText: 'In de chat blijft' })
      .getByText(/^Reasons: \S/)
      .waitFor();
  }, 180_000);

  it('a reported chat message shows the note and the lines around it, and its link opens the room at it (nl, phone; en, desktop)', async () => {
    const group = await createGroup(app, admin);
    const moderator = await registerMember(app);
    await makeModerator(app, await joinGroup(app, moderator, group.slug, { alias: 'Waakzame Wil' }));
    const anna = await registerMember(app);
    await joinGroup(app, anna, group.slug, { alias: 'Anna Zee' });
    const bram = await registerMember(app);
    await joinGroup(app, bram, group.slug, { alias: 'Bram Bos' });
    const room = { group: group.slug };
    const annaSocket = await connectChat(app, anna);
    const bramSocket = await connectChat(app, bram);
    await joinRoom(annaSocket, room);
    await joinRoom(bramSocket, room);
    let reported = '';
    for (let index = 1; index <= 8; index += 1) {
      const sent = await sendMessage(index % 2 ? annaSocket : bramSocket, room, `Regel ${index} van vanavond`);
      if (index === 5) {
        reported = sent.id;
      }
    }
    annaSocket.disconnect();
    bramSocket.disconnect();
    expect(
      (
        await post(bram, `/api/groups/${group.slug}/reports`, {
          target: { kind: 'message', id: reported },
          reason: 'harassment',
          note: 'Dit gaat al de hele avond zo door.',
        })
      ).status,
    ).toBe(202);

    const phone = await loggedIn(moderator, `/groups/${group.slug}/moderation`, 'nl-BE', PHONE);
    const entry = phone.locator('main li.case', { hasText: 'Regel 5 van vanavond' });
    await entry.getByText('Woordje voor de moderatoren:').waitFor();
    await entry.getByText('Dit gaat al de hele avond zo door.').waitFor();
    await entry.getByText('Toon het gesprek eromheen').click();
    const lines = entry.locator('.context-line');
    await lines.nth(5).waitFor();
    expect(await lines.allInnerTexts()).toHaveLength(6);
    expect(await lines.first().innerText()).toContain('Regel 2 van vanavond');
    expect(await entry.locator('.context-line.flagged').innerText()).toContain('Regel 5 van vanavond');
    expect(await lines.last().innerText()).toContain('Regel 7 van vanavond');
    expect(await fitsWidth(phone)).toBe(true);
    expect(await seriousAxeViolations(phone, 'queue with context (nl, 390 px)')).toEqual([]);
    await screenshot(phone, 'moderator-tools-queue-nl-390');

    await entry.getByRole('link', { name: 'De chat bij dit bericht openen' }).click();
    const focused = phone.locator('.message.focused-message');
    await focused.waitFor();
    expect(await focused.innerText()).toContain('Regel 5 van vanavond');
    expect(await phone.evaluate("document.activeElement?.classList.contains('focused-message') === true")).toBe(true);
    await screenshot(phone, 'moderator-tools-room-at-message-nl-390');

    const desk = await loggedIn(moderator, `/groups/${group.slug}/moderation`, 'en-GB', DESKTOP);
    const card = desk.locator('main li.case', { hasText: 'Regel 5 van vanavond' });
    await card.getByText('Note for the moderators:').waitFor();
    await card.getByText('Show the conversation around it').click();
    await card.getByText('Reading these lines is noted in the audit log.').waitFor();
    await card.getByRole('link', { name: 'Open the chat at this message' }).waitFor();
    expect(await seriousAxeViolations(desk, 'queue with context (en, desktop)')).toEqual([]);
    await screenshot(desk, 'moderator-tools-queue-en-desktop');
  }, 180_000);

  it('the audit log is filtered by action and moderator, uses the width on a desktop and reads as cards on a phone (en, desktop; nl, phone)', async () => {
    const group = await createGroup(app, admin);
    const base = `/api/groups/${group.slug}`;
    const wil = await registerMember(app);
    await makeModerator(app, await joinGroup(app, wil, group.slug, { alias: 'Waakzame Wil' }));
    const tine = await registerMember(app);
    await makeModerator(app, await joinGroup(app, tine, group.slug, { alias: 'Tweede Tine' }));
    const lotte = await joinGroup(app, await registerMember(app), group.slug, { alias: 'Lid Lotte' });
    const long =
      'Na drie eerdere waarschuwingen in het gesprek over slapen, waarin je andere leden bleef aansporen om hun medicatie te stoppen, ' +
      'vragen we je nu echt om dat niet meer te doen: het is gevaarlijk en hoort hier niet.';
    const act = async (who: TestMember, body: object) =>
      expect((await post(who, `${base}/moderation/actions`, { memberId: lotte.memberId, ...body })).status).toBe(201);
    await act(wil, { action: 'warn', reason: long });
    await act(tine, { action: 'warn', reason: 'Tweede waarschuwing van Tine.' });
    await act(wil, { action: 'mute', minutes: 10, reason: 'Even rust in de chat.' });

    const desk = await loggedIn(wil, `/groups/${group.slug}/moderation/audit`, 'en-GB', DESKTOP);
    await desk.locator('main table.audit-log').waitFor();
    await desk.getByLabel('Action', { exact: true }).selectOption('warn');
    await desk.getByLabel('Moderator (optional)', { exact: true }).fill('waakzame');
    await desk.getByRole('button', { name: 'Filter' }).click();
    await desk.waitForURL((url) => url.search === '?action=warn&moderator=waakzame');
    // The filtered page replaces the whole log (three entries) with the one that matches.
    await desk.locator('main table.audit-log tbody tr').nth(1).waitFor({ state: 'detached' });
    const rows = desk.locator('main table.audit-log tbody tr');
    expect(await rows.count()).toBe(1);
    // The whole reason, wrapped, not cut.
    const reason = rows.first().locator('td').nth(4);
    expect(await reason.innerText()).toContain('het is gevaarlijk en hoort hier niet.');
    expect(await reason.evaluate((cell) => cell.scrollWidth <= cell.clientWidth)).toBe(true);
    const box = await desk.locator('main table.audit-log').boundingBox();
    expect(box?.width).toBeGreaterThan(1000);
    expect(await fitsWidth(desk)).toBe(true);
    expect(await seriousAxeViolations(desk, 'audit log (en, desktop)')).toEqual([]);
    await screenshot(desk, 'moderator-tools-audit-en-desktop');

    const phone = await loggedIn(tine, `/groups/${group.slug}/moderation/audit`, 'nl-BE', PHONE);
    await phone.locator('main table.audit-log').waitFor();
    await phone.getByLabel('Moderator (niet verplicht)', { exact: true }).fill('tweede');
    await phone.getByRole('button', { name: 'Filteren' }).click();
    await phone.waitForURL((url) => url.search === '?moderator=tweede');
    await phone.locator('main table.audit-log tbody tr').nth(1).waitFor({ state: 'detached' });
    expect(await phone.locator('main table.audit-log tbody tr').count()).toBe(1);
    await goInApp(phone, `/groups/${group.slug}/moderation/audit?action=warn`);
    await phone.locator('main table.audit-log tbody tr').nth(1).waitFor();
    // Each entry a card with its column names; nothing wider than the phone.
    expect(await phone.locator('main table.audit-log td').first().getAttribute('data-label')).toBe('Wanneer');
    expect(await fitsWidth(phone)).toBe(true);
    expect(await phone.locator('main').innerText()).toContain('het is gevaarlijk en hoort hier niet.');
    expect(await seriousAxeViolations(phone, 'audit log (nl, 390 px)')).toEqual([]);
    await screenshot(phone, 'moderator-tools-audit-nl-390');
  }, 180_000);

  it('the audit log is filtered to what an admin did, by role only (nl, phone; en, desktop)', async () => {
    const group = await createGroup(app, admin);
    const base = `/api/groups/${group.slug}`;
    const wil = await registerMember(app);
    await makeModerator(app, await joinGroup(app, wil, group.slug, { alias: 'Waakzame Wil' }));
    const noor = await joinGroup(app, await registerMember(app), group.slug, { alias: 'Nieuwe Noor' });
    expect((await post(admin, `${base}/moderators`, { memberId: noor.memberId })).status).toBe(204);
    expect(
      (await post(wil, `${base}/moderation/actions`, { action: 'warn', memberId: noor.memberId, reason: 'Let op.' }))
        .status,
    ).toBe(201);

    const phone = await loggedIn(wil, `/groups/${group.slug}/moderation/audit`, 'nl-BE', PHONE);
    await phone.locator('main table.audit-log tbody tr').nth(1).waitFor();
    await phone.getByLabel('Gedaan door', { exact: true }).selectOption({ label: 'Een beheerder' });
    // The alias only narrows moderators down: it steps aside for an admin.
    expect(await phone.getByLabel('Moderator (niet verplicht)', { exact: true }).isVisible()).toBe(false);
    await phone.getByRole('button', { name: 'Filteren' }).click();
    await phone.waitForURL((url) => url.search === '?by=admin');
    await phone.locator('main table.audit-log tbody tr').nth(1).waitFor({ state: 'detached' });
    const row = phone.locator('main table.audit-log tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.locator('td').nth(2).innerText()).toBe('Een beheerder');
    expect(await row.innerText()).toContain('Nieuwe Noor');
    expect(await phone.locator('main').innerText()).not.toContain('Let op.');
    expect(await fitsWidth(phone)).toBe(true);
    expect(await seriousAxeViolations(phone, 'audit log by an admin (nl, 390 px)')).toEqual([]);

    const desk = await loggedIn(wil, `/groups/${group.slug}/moderation/audit?by=admin`, 'en-GB', DESKTOP);
    await desk.locator('main table.audit-log tbody tr').first().waitFor();
    expect(await desk.getByLabel('Done by', { exact: true }).inputValue()).toBe('admin');
    expect(await desk.locator('main table.audit-log tbody tr').count()).toBe(1);
    expect(await desk.locator('main table.audit-log tbody td').nth(2).innerText()).toBe('An admin');
    await screenshot(desk, 'moderator-tools-audit-admin-en-desktop');
  }, 180_000);

  it('a thread marks what is new since the last visit, and the list marks the thread (nl, phone; en, desktop)', async () => {
    const group = await createGroup(app, admin);
    const base = `/api/groups/${group.slug}`;
    const anna = await registerMember(app);
    await joinGroup(app, anna, group.slug);
    const bram = await registerMember(app);
    await joinGroup(app, bram, group.slug);
    const thread = (await post(anna, `${base}/threads`, { title: 'Avonden', body: 'Hoe gaan jullie avonden?' }))
      .body as ThreadView;
    await post(bram, `${base}/threads/${thread.id}/posts`, { body: 'Onrustig, eerlijk gezegd.' });
    // Anna's last visit: she saw the first reply.
    expect((await app.http.get(`${base}/threads/${thread.id}`).set('Authorization', anna.bearer)).status).toBe(200);
    await post(bram, `${base}/threads/${thread.id}/posts`, { body: 'Maar beter dan vorige week.' });
    await post(bram, `${base}/threads/${thread.id}/posts`, { body: 'Wandelen helpt.' });

    const phone = await loggedIn(anna, `/groups/${group.slug}`, 'nl-BE', PHONE);
    const listed = phone.locator('main li', { hasText: 'Avonden' }).first();
    await listed.getByText('2 nieuw', { exact: false }).waitFor();
    await goInApp(phone, `/groups/${group.slug}/threads/${thread.id}`);
    const line = phone.locator('main li.new-since');
    await line.getByText('Nieuw sinds je vorige bezoek').waitFor();
    // Right before the first reply she had not seen.
    expect(await line.locator('xpath=following-sibling::li[1]').innerText()).toContain('Maar beter dan vorige week.');
    expect(await fitsWidth(phone)).toBe(true);
    expect(await seriousAxeViolations(phone, 'thread new since (nl, 390 px)')).toEqual([]);
    await screenshot(phone, 'moderator-tools-new-since-nl-390');

    await post(bram, `${base}/threads/${thread.id}/posts`, { body: 'Slaap lekker allemaal.' });
    const desk = await loggedIn(anna, `/groups/${group.slug}/threads/${thread.id}`, 'en-GB', DESKTOP);
    const marker = desk.locator('main li.new-since');
    await marker.getByText('New since your last visit').waitFor();
    expect(await marker.locator('xpath=following-sibling::li[1]').innerText()).toContain('Slaap lekker allemaal.');
    expect(await desk.locator('main li.new-since').count()).toBe(1);
    await screenshot(desk, 'moderator-tools-new-since-en-desktop');
  }, 180_000);
});
