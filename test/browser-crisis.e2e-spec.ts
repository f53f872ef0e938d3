import { describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import type { CrisisDeskEntry } from '../src/contracts/crisis.js';
import type { ThreadView } from '../src/contracts/forums.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { browserSuite, DESKTOP, PHONE as PHONE_390, screenshot, seriousAxeViolations } from './support/browser.js';
import { appointResponder, as, CRISIS_TEXT, groupWithoutModerator, sendCrisis, setDuty } from './support/crisis.js';
import { createGroup, joinGroup, makeModerator } from './support/groups.js';
import { connectChat, joinRoom, sendMessage } from './support/sockets.js';

/**
 * The crisis help in the browser (issue 12): after a member sends words that signal crisis, the
 * help appears where they are looking (beside the box they wrote in), takes the focus, says what
 * is true right now, and carries the crisis lines as links to call; on a 390 px phone as on a
 * desktop. Expects a fresh `client/dist`. Screenshots go to test-artifacts/screenshots/.
 */
describe('the crisis help in the browser', () => {
  const suite = browserSuite({
    // Chat history is seeded through sockets faster than a person types.
    env: { CHAT_RATE_LIMIT_PER_CONNECTION: '1000' },
    admin: true,
  });
  const { app, admin, loggedIn } = suite;

  /** Every test here runs axe on the page, whose injected script the CSP would refuse. */
  function newContext(viewport: { width: number; height: number }, locale = 'en-GB'): Promise<BrowserContext> {
    return suite.newContext({ locale, viewport, bypassCSP: true });
  }

  /** Whether an element lies wholly inside the page's viewport as the member sees it now. */
  async function inViewport(page: Page, selector: string): Promise<boolean> {
    const box = await page.locator(selector).boundingBox();
    const viewport = page.viewportSize();
    if (!box || !viewport) {
      return false;
    }
    return box.y >= 0 && box.x >= 0 && box.y + box.height <= viewport.height && box.x + box.width <= viewport.width;
  }

  async function focusInside(page: Page, selector: string): Promise<boolean> {
    return page.evaluate<boolean>(
      `document.querySelector(${JSON.stringify(selector)})?.contains(document.activeElement) ?? false`,
    );
  }

  /** The open cases on the desk as a responder sees them. */
  async function deskOf(who: TestMember): Promise<CrisisDeskEntry[]> {
    const response = await as(app, who, 'get', '/api/crisis/desk');
    expect(response.status).toBe(200);
    return response.body as CrisisDeskEntry[];
  }

  async function roomWithLongHistory(name: string): Promise<{ slug: string; member: TestMember }> {
    const group = await createGroup(app, admin, { name, locale: 'en' });
    const member = await registerMember(app);
    await joinGroup(app, member, group.slug, { alias: 'Grey Morning' });
    const other = await registerMember(app);
    await joinGroup(app, other, group.slug, { alias: 'Long Talker' });
    const seeder = await connectChat(app, other);
    await joinRoom(seeder, { group: group.slug });
    for (let index = 1; index <= 50; index++) {
      await sendMessage(
        seeder,
        { group: group.slug },
        `Message ${index}: a longer line about the week, the weather, sleep and work, so the room fills up.`,
      );
    }
    seeder.disconnect();
    return { slug: group.slug, member };
  }

  for (const [device, viewport] of [
    ['a 390 px phone', PHONE_390],
    ['a desktop', DESKTOP],
  ] as const) {
    it(`on ${device}, shows the help beside the box after a crisis message at the bottom of a long room: in view, focused, with the lines to call, and closing gives the focus back to the box`, async () => {
      const { slug, member } = await roomWithLongHistory(`Late night (${device})`);
      const page = await loggedIn(await newContext(viewport), member, `/groups/${slug}/chat`);
      await page.locator('ol.messages').getByText('Message 50:', { exact: false }).waitFor();

      const box = page.getByLabel('Your message');
      await box.fill('I want to end my life, I cannot do this any more');
      await box.press('Enter');

      const panel = page.locator('.chat-room .crisis-panel');
      await panel.getByRole('heading', { name: 'You are not alone' }).waitFor();
      await page.locator('ol.messages li.message.mine', { hasText: 'I want to end my life' }).waitFor();
      // The page was long: the box sat far below the top of the room, where the help used to appear.
      expect(await page.evaluate<number>('document.documentElement.scrollHeight')).toBeGreaterThan(viewport.height);
      expect(await inViewport(page, '.crisis-panel .crisis-calls')).toBe(true);
      expect(await inViewport(page, '.crisis-panel h2')).toBe(true);
      expect(await focusInside(page, '.crisis-panel')).toBe(true);
      for (const dial of ['1813', '113', '08000113', '112']) {
        expect(await panel.locator(`a[href="tel:${dial}"]`).count()).toBe(1);
      }
      // No moderator in this group and nobody on duty: the member is told so, and to call now.
      await panel
        .locator('.crisis-state[data-state="nobody_on_duty"]', { hasText: 'Nobody of Kring is on duty right now' })
        .waitFor();
      expect(await panel.getByText('have been told', { exact: false }).count()).toBe(0);
      expect(await seriousAxeViolations(page, `crisis help on ${device}`)).toEqual([]);
      await screenshot(page, `crisis-panel-chat-${viewport.width}`);

      await panel.getByRole('button', { name: 'Close' }).click();
      expect(await page.evaluate<string | null>('document.activeElement?.getAttribute("name") ?? null')).toBe('body');
      expect(await page.evaluate<string>('document.activeElement?.tagName ?? ""')).toBe('TEXTAREA');
      // The numbers stay at hand, with a way back to the help.
      const reminder = page.locator('.chat-room .crisis-reminder');
      await reminder.locator('a[href="tel:1813"]').waitFor();
      await reminder.locator('a[href="tel:113"]').waitFor();
      await reminder.getByRole('button', { name: 'Show the help again' }).click();
      expect(await focusInside(page, '.crisis-panel')).toBe(true);
    });
  }

  it('on a 390 px phone, shows the help under the reply box after a crisis reply at the end of a long thread, in view and focused; closed to its reminder, it still says live when a volunteer has the case', async () => {
    const group = await createGroup(app, admin, { name: 'Heavy week', locale: 'en' });
    const author = await registerMember(app);
    await joinGroup(app, author, group.slug, { alias: 'Open Book' });
    const member = await registerMember(app);
    await joinGroup(app, member, group.slug, { alias: 'Quiet Rain' });
    const created = await app.http
      .post(`/api/groups/${group.slug}/threads`)
      .set('Authorization', author.bearer)
      .send({ title: 'How was your week?', body: 'Tell us how your week went. '.repeat(8) });
    expect(created.status).toBe(201);
    const thread = created.body as ThreadView;
    for (let index = 1; index <= 12; index++) {
      const reply = await app.http
        .post(`/api/groups/${group.slug}/threads/${thread.id}/posts`)
        .set('Authorization', author.bearer)
        .send({ body: `Reply ${index}. ${'Some days are better than others, and that is fine. '.repeat(4)}` });
      expect(reply.status).toBe(201);
    }

    const page = await loggedIn(await newContext(PHONE_390), member, `/groups/${group.slug}/threads/${thread.id}`);
    const box = page.getByLabel('Reply', { exact: true });
    await box.fill('Honestly I do not want to live any more.');
    await page.getByRole('button', { name: 'Post the reply' }).click();

    const panel = page.locator('.reply-area .crisis-panel');
    await panel.getByRole('heading', { name: 'You are not alone' }).waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollHeight')).toBeGreaterThan(3 * PHONE_390.height);
    expect(await inViewport(page, '.crisis-panel .crisis-calls')).toBe(true);
    expect(await focusInside(page, '.crisis-panel')).toBe(true);
    for (const dial of ['1813', '113', '08000113']) {
      expect(await panel.locator(`a[href="tel:${dial}"]`).count()).toBe(1);
    }
    await panel.locator('.crisis-state[data-state="nobody_on_duty"]').waitFor();
    expect(await seriousAxeViolations(page, 'crisis help after a reply')).toEqual([]);
    await screenshot(page, 'crisis-panel-reply-390');

    await panel.getByRole('button', { name: 'Close' }).click();
    expect(await page.evaluate<string>('document.activeElement?.tagName ?? ""')).toBe('TEXTAREA');

    // The forum page has no chat room: it follows the case over the live connection all the same.
    const volunteer = await appointResponder(app, admin, { onDuty: false });
    const entry = (await deskOf(volunteer.member)).find((item) => item.member?.alias === 'Quiet Rain');
    expect(entry?.target?.kind).toBe('post');
    const claimed = await as(app, volunteer.member, 'post', `/api/crisis/desk/${entry?.id ?? ''}/claim`);
    expect(claimed.status).toBe(200);
    await page
      .locator('.reply-area .crisis-reminder .crisis-state[data-state="claimed"]', {
        hasText: 'A volunteer of Kring has your message',
      })
      .waitFor();
  });

  it('after a member edits their reply into crisis language, shows the help right under that reply, focused, saying who knows', async () => {
    const group = await createGroup(app, admin, { name: 'Second thoughts', locale: 'en' });
    const author = await registerMember(app);
    await joinGroup(app, author, group.slug, { alias: 'First Writer' });
    const member = await registerMember(app);
    await joinGroup(app, member, group.slug, { alias: 'Late Editor' });
    const created = await app.http
      .post(`/api/groups/${group.slug}/threads`)
      .set('Authorization', author.bearer)
      .send({ title: 'Small wins', body: 'What went well this week?' });
    expect(created.status).toBe(201);
    const thread = created.body as ThreadView;
    const reply = await app.http
      .post(`/api/groups/${group.slug}/threads/${thread.id}/posts`)
      .set('Authorization', member.bearer)
      .send({ body: 'I went for a walk.' });
    expect(reply.status).toBe(201);

    const page = await loggedIn(await newContext(PHONE_390), member, `/groups/${group.slug}/threads/${thread.id}`);
    // The only reply: found by position, since its text becomes the edit box's value.
    const mine = page.locator('article.post.reply').first();
    await mine.getByText('I went for a walk.').waitFor();
    await mine.getByRole('button', { name: 'Edit' }).click();
    await mine.getByLabel('Your text').fill('I went for a walk. But honestly I want to end my life.');
    await mine.getByRole('button', { name: 'Save the change' }).click();

    const panel = page.locator('.crisis-panel');
    await panel.getByRole('heading', { name: 'You are not alone' }).waitFor();
    // Right under the edited reply, not at the top of the thread or under the reply box.
    expect(
      await page.evaluate<boolean>(
        `document.querySelector('.crisis-panel').closest('.crisis-notices').previousElementSibling?.matches('article.post.reply') ?? false`,
      ),
    ).toBe(true);
    expect(await inViewport(page, '.crisis-panel .crisis-calls')).toBe(true);
    expect(await focusInside(page, '.crisis-panel')).toBe(true);
    await panel.locator('.crisis-state[data-state="nobody_on_duty"]').waitFor();
    expect(await panel.locator('a[href="tel:1813"]').count()).toBe(1);
  });

  it('tells a member in Dutch, on a phone, that nobody is on duty and to call now, and says live that a volunteer has it once a responder claims the case', async () => {
    const volunteer = await appointResponder(app, admin, { name: 'Nachtwacht', onDuty: false });
    const { group } = await groupWithoutModerator(app, admin, 0);
    const member = await registerMember(app);
    const membership = await joinGroup(app, member, group.slug, { alias: 'Stille Vlinder' });
    const page = await loggedIn(await newContext(PHONE_390, 'nl-BE'), member, `/groups/${group.slug}/chat`);
    await page.locator('ol.messages .empty').waitFor();

    await page.locator('textarea[name="body"]').fill(CRISIS_TEXT);
    await page.locator('textarea[name="body"]').press('Enter');
    const panel = page.locator('.chat-room .crisis-panel');
    await panel.getByRole('heading', { name: 'Je staat er niet alleen voor' }).waitFor();
    const state = panel.locator('.crisis-state');
    await state.locator('text=Er is nu niemand van Kring van dienst').waitFor();
    expect(await state.getAttribute('role')).toBe('status');
    expect(await inViewport(page, '.crisis-panel .crisis-calls')).toBe(true);
    expect(await panel.locator('a[href="tel:1813"]').count()).toBe(1);
    expect(await panel.locator('a[href="tel:113"]').count()).toBe(1);
    expect(await panel.getByText('weten het', { exact: false }).count()).toBe(0);
    await screenshot(page, 'crisis-panel-nobody-on-duty-nl');

    const entry = (await deskOf(volunteer.member)).find((item) => item.member?.memberId === membership.memberId);
    expect(entry?.memberState).toBe('nobody_on_duty');
    const claimed = await as(app, volunteer.member, 'post', `/api/crisis/desk/${entry?.id ?? ''}/claim`);
    expect(claimed.status).toBe(200);
    await panel
      .locator('.crisis-state[data-state="claimed"]', { hasText: 'Een vrijwilliger van Kring heeft je bericht' })
      .waitFor();
    // The crisis lines stay, whatever the state.
    expect(await panel.locator('a[href="tel:1813"]').count()).toBe(1);
    await screenshot(page, 'crisis-panel-claimed-nl');
  });

  it('lets a member on a 390 px phone ask for a person from the chat room without writing crisis words: the honest state and the lines come into view, and a claim changes it live', async () => {
    const volunteer = await appointResponder(app, admin, { name: 'Luisteraar', onDuty: false });
    const { group } = await groupWithoutModerator(app, admin, 0);
    const member = await registerMember(app);
    const membership = await joinGroup(app, member, group.slug, { alias: 'Zachte Regen' });
    const page = await loggedIn(await newContext(PHONE_390, 'nl-BE'), member, `/groups/${group.slug}/chat`);
    await page.locator('ol.messages .empty').waitFor();

    const room = page.locator('.chat-room');
    await room.getByText('Voeg een korte notitie toe', { exact: false }).click();
    await room.locator('textarea.ask-person-note').fill('Ik kan niet slapen.');
    await room.getByRole('button', { name: 'Ik wil nu met iemand praten' }).click();
    const panel = page.locator('.chat-room .crisis-panel');
    const state = panel.locator('.crisis-state');
    await state.locator('text=Er is nu niemand van Kring van dienst').waitFor();
    expect(await inViewport(page, '.chat-room .crisis-panel .crisis-state')).toBe(true);
    expect(await panel.locator('a[href="tel:1813"]').count()).toBe(1);
    expect(await panel.locator('a[href="tel:113"]').count()).toBe(1);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE_390.width);
    await screenshot(page, 'crisis-ask-nobody-on-duty-390');

    const entry = (await deskOf(volunteer.member)).find((item) => item.member?.memberId === membership.memberId);
    expect(entry).toMatchObject({ asked: { note: 'Ik kan niet slapen.' }, memberState: 'nobody_on_duty' });
    const claimed = await as(app, volunteer.member, 'post', `/api/crisis/desk/${entry?.id ?? ''}/claim`);
    expect(claimed.status).toBe(200);
    await panel.locator('.crisis-state[data-state="claimed"]').waitFor();
    expect(await panel.locator('a[href="tel:1813"]').count()).toBe(1);
  });

  it('gives an on-duty responder the desk: a new case arrives live with the header count, its context on request, claim and close; duty switches off; discreet mode makes the header neutral', async () => {
    const volunteer = await appointResponder(app, admin, { name: 'Avondwacht' });
    try {
      const { group, ref, members } = await groupWithoutModerator(app, admin, 1);
      const [anna] = members;
      const page = await loggedIn(await newContext(DESKTOP), volunteer.member, '/crisis');
      await page.locator('h1', { hasText: 'Crisis desk' }).waitFor();
      const waitingBefore = (await deskOf(volunteer.member)).filter((item) => item.claimedBy === null).length;
      const indicator = page.locator('header .desk-item a[href="/crisis"]');
      await indicator.getByText('Crisis desk').waitFor();
      expect(await page.getByRole('button', { name: 'On duty' }).getAttribute('aria-pressed')).toBe('true');

      const answer = await sendCrisis(anna.socket, ref);
      const item = page.locator(`li.desk-case[data-case="${answer.crisisStatus?.caseId ?? ''}"]`);
      await item.getByText(anna.membership.alias).waitFor();
      await item.getByText(group.name).waitFor();
      await item.getByText('Nobody has this yet.').waitFor();
      await item.getByText('volunteers are notified, someone will look soon.').waitFor();
      await indicator.locator('.desk-count', { hasText: String(waitingBefore + 1) }).waitFor();
      // Read out without a sound and without taking the focus.
      await page.locator('[aria-live="polite"]', { hasText: 'A crisis case came in.' }).waitFor({ state: 'attached' });
      expect(await seriousAxeViolations(page, 'crisis desk')).toEqual([]);
      await screenshot(page, 'crisis-desk');
      // On a responder's phone too: no sideways scrolling, the count still in the header.
      await page.setViewportSize(PHONE_390);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE_390.width);
      expect(await indicator.isVisible()).toBe(true);
      await screenshot(page, 'crisis-desk-390');
      await page.setViewportSize(DESKTOP);

      await item.getByText('Show the message in its context').click();
      await item.locator('.desk-context li.flagged', { hasText: CRISIS_TEXT }).waitFor();

      await item.getByRole('button', { name: 'Claim this case' }).click();
      await item.getByText('You have this case.').waitFor();
      await page.locator(`li.desk-case[data-case="${answer.crisisStatus?.caseId ?? ''}"] h2:focus`).waitFor();
      if (waitingBefore === 0) {
        await indicator.locator('.desk-count').waitFor({ state: 'detached' });
      } else {
        await indicator.locator('.desk-count', { hasText: String(waitingBefore) }).waitFor();
      }

      await item.getByText('Close the case', { exact: true }).first().click();
      await item.getByLabel('What was done').fill('Met haar gechat, ze belt vanavond 1813.');
      await item.locator('form').getByRole('button', { name: 'Close the case' }).click();
      await item.waitFor({ state: 'detached' });
      expect((await deskOf(volunteer.member)).some((entry) => entry.id === answer.crisisStatus?.caseId)).toBe(false);

      await page.getByRole('button', { name: 'On duty' }).click();
      await page.getByText('You are off duty', { exact: false }).waitFor();
      expect(await page.getByRole('button', { name: 'On duty' }).getAttribute('aria-pressed')).toBe('false');

      await page.getByRole('button', { name: 'Discreet' }).click();
      await indicator.getByText('Tasks').waitFor();
      expect(await indicator.getByText('Crisis desk').count()).toBe(0);
      expect(await page.title()).not.toMatch(/crisis/i);
    } finally {
      await setDuty(app, volunteer.member, false);
    }
  });

  it('gives a group moderator a link to go on crisis duty, without the desk', async () => {
    const group = await createGroup(app, admin, { name: 'Moderated', locale: 'en' });
    const moderator = await registerMember(app);
    await makeModerator(app, await joinGroup(app, moderator, group.slug, { alias: 'Steady Hand' }));
    try {
      const page = await loggedIn(await newContext(DESKTOP), moderator, '/groups');
      const link = page.locator('header .desk-item a[href="/crisis"]', { hasText: 'Crisis duty' });
      await link.click();
      await page.locator('h1', { hasText: 'Crisis duty' }).waitFor();
      const toggle = page.getByRole('button', { name: 'On duty' });
      expect(await toggle.getAttribute('aria-pressed')).toBe('false');
      await toggle.click();
      await page.getByText('You are on duty', { exact: false }).waitFor();
      expect(await toggle.getAttribute('aria-pressed')).toBe('true');
      const duty = await as(app, moderator, 'get', '/api/crisis/duty');
      expect((duty.body as { onDuty: boolean }).onDuty).toBe(true);
      expect(await page.locator('li.desk-case').count()).toBe(0);
      expect(await seriousAxeViolations(page, 'crisis duty for a moderator')).toEqual([]);
    } finally {
      await setDuty(app, moderator, false);
    }
  });

  it('shows a plain member no desk link, and the desk page only says it is for crisis responders, without asking for the desk or duty', async () => {
    const member = await registerMember(app);
    const context = await newContext(DESKTOP);
    // /api/me says the desk and duty are not theirs: no page asks for them only to be refused.
    const refused: string[] = [];
    context.on('response', (response) => {
      if (response.status() >= 400 || new URL(response.url()).pathname.startsWith('/api/crisis/')) {
        refused.push(`${response.status()} ${new URL(response.url()).pathname}`);
      }
    });
    const page = await loggedIn(context, member, '/crisis');
    await page.getByText('The crisis desk is for crisis responders.').waitFor();
    expect(await page.locator('header .desk-item').isHidden()).toBe(true);
    await page.locator('header a[href="/groups"]').first().click();
    await page.waitForURL((url) => url.pathname === '/groups');
    await page.waitForLoadState('networkidle');
    expect(refused).toEqual([]);
  });
});
