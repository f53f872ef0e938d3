import { describe, expect, it } from '@jest/globals';
import type { CrisisDeskEntry } from '../src/contracts/crisis.js';
import type { ThreadView } from '../src/contracts/forums.js';
import { signalsCrisis, signalsDistress } from '../src/contracts/crisis-detector.js';
import { registerMember } from './support/accounts.js';
import { browserSuite, PHONE, screenshot } from './support/browser.js';
import { appointResponder, as } from './support/crisis.js';
import { createGroup, joinGroup } from './support/groups.js';

/**
 * The distress tier in the browser: words the alert rules do not catch but that sound like distress
 * show the writer, privately, the crisis lines and the "Ik wil nu met iemand praten" button beside
 * the box; the help stays after sending (the box empties) and nobody is alerted. Expects a fresh
 * `client/dist`.
 */
describe('private help for distress in the browser', () => {
  const suite = browserSuite({ admin: true });
  const { app, admin, loggedIn } = suite;

  const QUIET_SIGN = 'ik heb alles geregeld, mijn kat zit bij de buren';

  it('on a 390 px phone, shows the lines and the ask button beside the chat box for an indirect line, keeps them after sending, and raises no crisis case', async () => {
    // The premise: the alert tier leaves this line alone, the distress tier does not.
    expect([signalsCrisis(QUIET_SIGN), signalsDistress(QUIET_SIGN)]).toEqual([false, true]);
    const volunteer = await appointResponder(app, admin, { onDuty: true });
    const group = await createGroup(app, admin, { name: 'Avondpraat', locale: 'nl' });
    const member = await registerMember(app);
    await joinGroup(app, member, group.slug, { alias: 'Stille Wind' });

    const context = await suite.newContext({ locale: 'nl-BE', viewport: PHONE });
    const page = await loggedIn(context, member, `/groups/${group.slug}/chat`);
    const box = page.locator('.chat-room textarea[name="body"]');
    await box.waitFor();
    const aside = page.locator('.chat-room .crisis-aside');
    expect(await aside.getAttribute('aria-live')).toBe('polite');

    await box.fill('hoi allemaal, wie is er vanavond?');
    await page.waitForTimeout(400);
    expect(await aside.locator('a[href^="tel:"]').count()).toBe(0);

    await box.fill(QUIET_SIGN);
    const lead = aside.getByText('Het klinkt alsof het zwaar is. Je hoeft dit niet alleen te dragen.', {
      exact: false,
    });
    await lead.waitFor();
    for (const dial of ['1813', '113']) {
      expect(await aside.locator(`a[href="tel:${dial}"]`).count()).toBeGreaterThan(0);
    }
    const ask = page.locator('.chat-room').getByRole('button', { name: 'Ik wil nu met iemand praten' });
    expect(await ask.isVisible()).toBe(true);
    await screenshot(page, 'distress-aside-chat-390');

    await box.press('Enter');
    await page.locator('ol.messages li.message.mine', { hasText: 'mijn kat zit bij de buren' }).waitFor();
    expect(await box.inputValue()).toBe('');
    // The box emptied on sending; the help stays where it was.
    await page.waitForTimeout(400);
    expect(await lead.isVisible()).toBe(true);
    expect(await aside.locator('a[href="tel:1813"]').first().isVisible()).toBe(true);
    expect(await ask.isVisible()).toBe(true);
    // Nothing alerted: no crisis panel for the member, no case on the desk.
    expect(await page.locator('.chat-room .crisis-panel').count()).toBe(0);
    const desk = await as(app, volunteer.member, 'get', '/api/crisis/desk');
    expect(desk.status).toBe(200);
    expect((desk.body as CrisisDeskEntry[]).filter((entry) => entry.group.slug === group.slug)).toEqual([]);

    // New words that no longer sound like distress take the help away.
    await box.fill('dank je, tot morgen in de groep');
    await page.waitForTimeout(400);
    expect(await aside.locator('a[href^="tel:"]').count()).toBe(0);
    await context.close();
    volunteer.socket.disconnect();
  });

  it('on a 390 px phone, shows the lines and the ask button under the reply box of a thread, and the button asks for a person', async () => {
    const line = 'everything feels hopeless lately and I am so tired';
    expect([signalsCrisis(line), signalsDistress(line)]).toEqual([false, true]);
    const group = await createGroup(app, admin, { name: 'Evening thoughts', locale: 'en' });
    const author = await registerMember(app);
    await joinGroup(app, author, group.slug, { alias: 'Open Book' });
    const member = await registerMember(app);
    await joinGroup(app, member, group.slug, { alias: 'Soft Rain' });
    const created = await app.http
      .post(`/api/groups/${group.slug}/threads`)
      .set('Authorization', author.bearer)
      .send({ title: 'How are you tonight?', body: 'Tell us how tonight is going.' });
    expect(created.status).toBe(201);
    const thread = created.body as ThreadView;

    const context = await suite.newContext({ locale: 'en-GB', viewport: PHONE });
    const page = await loggedIn(context, member, `/groups/${group.slug}/threads/${thread.id}`);
    const box = page.getByLabel('Reply', { exact: true });
    await box.fill(line);
    const aside = page.locator('.reply-area .crisis-aside');
    await aside.getByText("It sounds heavy. You don't have to carry this alone.", { exact: false }).waitFor();
    expect(await aside.locator('a[href="tel:1813"]').count()).toBeGreaterThan(0);
    const ask = aside.getByRole('button', { name: 'I want to talk to someone now' });
    expect(await ask.isVisible()).toBe(true);
    await screenshot(page, 'distress-aside-reply-390');

    await ask.click();
    await aside.locator('.crisis-panel .crisis-state').waitFor();
    expect(await aside.locator('.crisis-panel a[href="tel:113"]').count()).toBe(1);
    await context.close();
  });
});
