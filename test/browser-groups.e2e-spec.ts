import { describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import type { ThreadView } from '../src/contracts/forums.js';
import type { GroupDetail, MyMembership } from '../src/contracts/groups.js';
import { registerMember, strongPassword, type TestMember, uniqueLoginName } from './support/accounts.js';
import { browserSuite, goInApp as go, heading, PHONE, screenshot, seriousAxeViolations } from './support/browser.js';
import { createGroup, joinGroup, makeModerator } from './support/groups.js';
import { connectChat, joinRoom, sendMessage } from './support/sockets.js';

/**
 * The groups, forum, chat, safety and moderation pages of the browser client, in Debian's Chromium
 * against the real app (see browser.e2e-spec.ts for the pattern). Expects a fresh `client/dist`.
 * Screenshots go to test-artifacts/screenshots/.
 */

describe('the browser client: groups, forum, chat and moderation', () => {
  const { app, admin, newContext, newPage, loggedIn } = browserSuite({
    // Chat history is seeded through sockets faster than a person types.
    env: { CHAT_RATE_LIMIT_PER_CONNECTION: '1000' },
    admin: true,
  });

  async function openPage(context: BrowserContext, path: string): Promise<Page> {
    const page = await newPage(context);
    await page.goto(app.baseUrl + path);
    await page.locator('h1').first().waitFor();
    return page;
  }

  async function axe(page: Page, label: string, violations: string[]): Promise<void> {
    violations.push(...(await seriousAxeViolations(page, label)));
  }

  async function postThread(
    member: TestMember,
    slug: string,
    body: { title: string; body: string; contentWarning?: string },
  ): Promise<ThreadView> {
    const response = await app.http.post(`/api/groups/${slug}/threads`).set('Authorization', member.bearer).send(body);
    expect(response.status).toBe(201);
    return response.body as ThreadView;
  }

  it('joins with the pledge and a made-up alias, posts a thread with a content warning; a second member replies and reacts', async () => {
    const group = await createGroup(app, admin, { name: 'Rouw', description: 'Na het verlies van iemand.' });
    const context = await newContext();
    const page = await openPage(context, '/register');
    const loginName = uniqueLoginName('heron');
    const password = strongPassword();
    await page.getByLabel('Login name').fill(loginName);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await heading(page, 'Your recovery codes');
    await page.getByLabel('I have saved my recovery codes somewhere safe.').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await heading(page, 'Log in');
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.locator('form').getByRole('button', { name: 'Log in' }).click();
    // A member lands on their groups after logging in.
    await heading(page, 'Groups');
    await page.getByText('You have not joined a group yet.').waitFor();
    await page.getByRole('link', { name: 'Rouw' }).click();
    await heading(page, 'Rouw');
    await page.getByText(group.pledge).waitFor();
    await screenshot(page, 'group-join');

    // The pledge must be accepted: joining without it is refused at the checkbox.
    await page.getByRole('button', { name: 'Join the group' }).click();
    await page.getByText('Tick this box to accept the pledge.').waitFor();
    expect(await page.getByLabel('I accept the pledge').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Make up a name for me').isChecked()).toBe(true);
    await page.getByLabel('I accept the pledge').check();
    await page.getByRole('button', { name: 'Join the group' }).click();
    await page.getByText(/^Welcome\. You are in the group as /).waitFor();
    const alias = (await page.locator('.you-are').innerText()).replace(/^You are (.+) in this group\.$/, '$1');
    expect(alias.length).toBeGreaterThanOrEqual(3);
    expect(alias.toLowerCase()).not.toContain(loginName.toLowerCase());
    await page.getByText('No threads yet.').waitFor();
    await screenshot(page, 'group-forum-empty');

    await page.getByRole('link', { name: 'Start a thread' }).click();
    await heading(page, 'Start a thread');
    await page.getByLabel('Title').fill('De eerste winter zonder haar');
    await page.getByLabel('Content warning').fill('verlies');
    await page.getByLabel('Your text').fill('Het is stil in huis.\nIk mis haar elke dag.');
    await screenshot(page, 'thread-new');
    await page.getByRole('button', { name: 'Post the thread' }).click();
    await heading(page, 'De eerste winter zonder haar');
    // The author's own text, behind its warning too.
    await page.getByText('Content warning: verlies').first().waitFor();
    const threadUrl = new URL(page.url()).pathname;

    // A second member, in a second browser profile.
    const second = await registerMember(app);
    await joinGroup(app, second, group.slug, { alias: 'Stille Merel' });
    const other = await newContext();
    const otherPage = await loggedIn(other, second, `/groups/${group.slug}`);
    const listed = otherPage.locator('.thread', { hasText: 'De eerste winter zonder haar' });
    await listed.getByText('verlies').waitFor();
    await listed.getByText('1 new').waitFor();
    await listed.getByText(alias).waitFor();
    await screenshot(otherPage, 'group-forum');
    await listed.getByRole('link', { name: 'De eerste winter zonder haar' }).click();
    await heading(otherPage, 'De eerste winter zonder haar');

    // The text stays folded behind its content warning until the reader opens it.
    const opening = otherPage.locator('article.opening');
    const text = opening.getByText('Ik mis haar elke dag.', { exact: false });
    expect(await text.isVisible()).toBe(false);
    const show = opening.getByRole('button', { name: 'Show the text' });
    expect(await show.getAttribute('aria-expanded')).toBe('false');
    await screenshot(otherPage, 'thread-content-warning');
    await show.click();
    await text.waitFor();
    expect(await opening.getByRole('button', { name: 'Fold it away again' }).getAttribute('aria-expanded')).toBe(
      'true',
    );

    await opening.getByRole('button', { name: /I recognise this/ }).click();
    await opening.locator('button.reaction[aria-pressed="true"]', { hasText: 'I recognise this' }).waitFor();
    expect(await opening.getByRole('button', { name: /I recognise this/ }).innerText()).toMatch(/1$/);

    await otherPage
      .getByLabel('Reply', { exact: true })
      .fill('Ik herken dat zo. De eerste winter was voor mij het zwaarst.');
    await otherPage.getByRole('button', { name: 'Post the reply' }).click();
    const reply = otherPage.locator('ol.posts article', { hasText: 'De eerste winter was voor mij het zwaarst.' });
    await reply.waitFor();
    await reply.getByText('Stille Merel').waitFor();
    // The reply can arrive live a moment before the answer to the post that empties the box.
    await otherPage.waitForFunction(
      (box) => (box as { value: string } | null)?.value === '',
      await otherPage.getByLabel('Reply', { exact: true }).elementHandle(),
    );
    await screenshot(otherPage, 'thread');

    // Back with the author: one unread reply, and the reaction on the opening post.
    await go(page, `/groups/${group.slug}`);
    const mine = page.locator('.thread', { hasText: 'De eerste winter zonder haar' });
    await mine.getByText('1 new').waitFor();
    await mine.getByText('1 reply').waitFor();
    await go(page, threadUrl);
    await page.locator('ol.posts').getByText('De eerste winter was voor mij het zwaarst.').waitFor();
    expect(
      await page
        .locator('article.opening')
        .getByRole('button', { name: /I recognise this/ })
        .innerText(),
    ).toMatch(/1$/);
    // The author supports the reply.
    const theirReply = page.locator('ol.posts article').first();
    await theirReply.getByRole('button', { name: /Support/ }).click();
    await theirReply.locator('button.reaction[aria-pressed="true"]', { hasText: 'Support' }).waitFor();
  });

  it('reports a reply; a moderator hides it from the queue with a reason; its author reads the notice and appeals', async () => {
    const group = await createGroup(app, admin, { name: 'Scheiding' });
    const moderator = await registerMember(app);
    const moderation = await joinGroup(app, moderator, group.slug, { alias: 'Kalme Eik' });
    await makeModerator(app, moderation);
    const author = await registerMember(app);
    await joinGroup(app, author, group.slug, { alias: 'Warme Beek' });
    const reader = await registerMember(app);
    await joinGroup(app, reader, group.slug, { alias: 'Open Duin' });
    const thread = await postThread(reader, group.slug, { title: 'Co-ouderschap', body: 'Hoe doen jullie dat?' });
    const replied = await app.http
      .post(`/api/groups/${group.slug}/threads/${thread.id}/posts`)
      .set('Authorization', author.bearer)
      .send({ body: 'Dat gaat je niets aan, sukkel.' });
    expect(replied.status).toBe(201);

    // The reader reports the reply, with a reason and a note.
    const readerPage = await loggedIn(await newContext(), reader, `/groups/${group.slug}/threads/${thread.id}`);
    const reply = readerPage.locator('ol.posts article', { hasText: 'sukkel' });
    await reply.getByText('Report this reply').click();
    await reply.getByRole('button', { name: 'Send the report' }).click();
    await reply.getByText('Choose what is wrong.').waitFor();
    await reply.getByLabel('Hurtful or harassing').check();
    await reply.getByLabel('A note for the moderators').fill('Scheldt iemand uit.');
    await screenshot(readerPage, 'report-form');
    await reply.getByRole('button', { name: 'Send the report' }).click();
    await reply.getByText('Thank you. A moderator will look at it.').waitFor();

    // The moderator finds it in the queue, claims it and hides the reply with a reason.
    const modPage = await loggedIn(await newContext(), moderator, `/groups/${group.slug}`);
    await modPage.getByRole('navigation', { name: 'This group' }).getByRole('link', { name: 'Moderation' }).click();
    await heading(modPage, 'Moderation queue');
    const entry = modPage.locator('li.case', { hasText: 'Warme Beek' });
    await entry.getByText('Hurtful or harassing').waitFor();
    await entry.getByText('Dat gaat je niets aan, sukkel.').waitFor();
    await screenshot(modPage, 'moderation-queue');
    await entry.getByRole('button', { name: 'Claim' }).click();
    await modPage.getByText('You claimed this entry.').waitFor();
    const claimed = modPage.locator('li.case', { hasText: 'Warme Beek' });
    await claimed.getByText('You are handling this.').waitFor();
    await claimed.getByText('Act on what was written').click();
    await claimed.getByLabel('Hide it').check();
    await claimed.getByRole('button', { name: 'Take this action' }).click();
    await claimed.getByText('Give a reason: the member affected is told what was done and why.').first().waitFor();
    await claimed
      .getByLabel('Reason')
      .first()
      .fill('Schelden doen we hier niet. Je mag je mening geven, zonder iemand te kwetsen.');
    await claimed.getByRole('button', { name: 'Take this action' }).click();
    await modPage.getByText('Done. The member affected is told what was done and why.').waitFor();
    await modPage.getByText('The queue is empty.').waitFor();

    await modPage.getByRole('link', { name: 'Audit log' }).click();
    await heading(modPage, 'Audit log');
    const row = modPage.locator('table.log tbody tr').first();
    await row.getByText('Hidden', { exact: true }).waitFor();
    await row.getByText('Kalme Eik').waitFor();
    await row.getByText('Warme Beek').waitFor();
    await row.getByText('Schelden doen we hier niet.', { exact: false }).waitFor();
    await screenshot(modPage, 'audit-log');

    // Others see a placeholder where the reply was.
    await go(readerPage, `/groups/${group.slug}/threads/${thread.id}`);
    await readerPage.locator('ol.posts').getByText('Removed by a moderator.').waitFor();
    expect(await readerPage.locator('ol.posts').getByText('sukkel').count()).toBe(0);

    // The author is told on the group's page, reads why, and appeals.
    const authorPage = await loggedIn(await newContext(), author, `/groups/${group.slug}`);
    await authorPage.getByRole('link', { name: 'You have a new notice from the moderators.' }).waitFor();
    await authorPage.getByRole('navigation', { name: 'This group' }).getByRole('link', { name: 'Notices' }).click();
    await heading(authorPage, 'Your notices');
    const told = authorPage.locator('section.member-notice', { hasText: 'A moderator acted' });
    await told.getByText('Schelden doen we hier niet.', { exact: false }).waitFor();
    await told.getByText('Appeal this decision').click();
    await told.getByLabel('Why should this be looked at again?').fill('Ik was boos, maar bedoelde het niet zo.');
    await screenshot(authorPage, 'notices-appeal');
    await told.getByRole('button', { name: 'Send my appeal' }).click();
    await told.getByText('Your appeal is sent.').waitFor();

    // The audit log marks the appeal open; another moderator decides it, not the one who acted.
    await go(modPage, `/groups/${group.slug}/moderation/audit`);
    await modPage.locator('table.log tbody tr').first().getByText('open', { exact: true }).waitFor();
    await go(modPage, `/groups/${group.slug}/moderation/appeals`);
    await modPage.getByText('No open appeals.').waitFor();
  });

  it('asks the moderators to look in on a member, who gets the crisis lines first; a warning is appealed and decided by another moderator', async () => {
    const group = await createGroup(app, admin, { name: 'Depressie' });
    const first = await registerMember(app);
    await makeModerator(app, await joinGroup(app, first, group.slug, { alias: 'Eerste Moderator' }));
    const second = await registerMember(app);
    await makeModerator(app, await joinGroup(app, second, group.slug, { alias: 'Tweede Moderator' }));
    const member = await registerMember(app);
    await joinGroup(app, member, group.slug, { alias: 'Grijze Dag' });
    const friend = await registerMember(app);
    await joinGroup(app, friend, group.slug, { alias: 'Trouwe Vos' });
    const thread = await postThread(member, group.slug, { title: 'Weer zo een week', body: 'Alles is zwaar.' });

    const friendPage = await loggedIn(await newContext(), friend, `/groups/${group.slug}/threads/${thread.id}`);
    const opening = friendPage.locator('article.opening');
    await opening.getByText('About Grijze Dag').click();
    await opening.getByText('I’m worried about this member').click();
    await opening.getByText('Grijze Dag gets a kind private message with the crisis lines', { exact: false }).waitFor();
    await opening.getByLabel('What worries you?').fill('Klinkt de laatste tijd erg somber.');
    await opening.getByRole('button', { name: 'Ask the moderators to look in' }).click();
    await opening.getByText('Thank you for caring. The moderators will look in.').waitFor();

    const modPage = await loggedIn(await newContext(), first, `/groups/${group.slug}/moderation`);
    const entry = modPage.locator('li.case', { hasText: 'Grijze Dag' });
    await entry.getByText('Worry about a member').waitFor();
    await entry.getByText('Act on the member').click();
    await entry.getByLabel('Send a warning').check();
    await entry
      .getByLabel('Reason')
      .first()
      .fill('We maken ons zorgen om je. Je mag hier altijd praten, en de hulplijnen zijn er ook.');
    await entry.getByRole('button', { name: 'Take this action' }).click();
    await modPage.getByText('Done.', { exact: false }).waitFor();

    const memberPage = await loggedIn(await newContext({ locale: 'nl-BE' }), member, `/groups/${group.slug}/notices`);
    await heading(memberPage, 'Je berichten');
    // The caring notice with the crisis lines comes first.
    const notices = memberPage.locator('section.member-notice');
    expect(await notices.first().locator('h2').innerText()).toBe('Iemand denkt aan je');
    expect(await notices.first().locator('a[href="tel:1813"]').count()).toBe(1);
    expect(await notices.first().locator('a[href="tel:113"]').count()).toBe(1);
    const warning = memberPage.locator('section.member-notice', { hasText: 'Een waarschuwing van een moderator' });
    // The server's sentence in the member's language; the moderator's reason as they wrote it.
    await warning.getByText('Een moderator geeft je een waarschuwing.', { exact: false }).waitFor();
    await warning.getByText('We maken ons zorgen om je.', { exact: false }).waitFor();
    await screenshot(memberPage, 'notices-nl');
    await warning.getByText('Bezwaar maken tegen deze beslissing').click();
    await warning.getByLabel('Waarom moet dit opnieuw bekeken worden?').fill('Ik voel me betutteld, maar dank je.');
    await warning.getByRole('button', { name: 'Mijn bezwaar versturen' }).click();
    await warning.getByText('Je bezwaar is verstuurd.', { exact: false }).waitFor();

    const otherMod = await loggedIn(await newContext(), second, `/groups/${group.slug}/moderation/appeals`);
    const appeal = otherMod.locator('li.case', { hasText: 'Ik voel me betutteld' });
    await screenshot(otherMod, 'moderation-appeals');
    await appeal.getByText('Grijze Dag').first().waitFor();
    await appeal.getByLabel('Uphold the decision').check();
    await appeal.getByLabel('Reason').fill('Goed bedoeld; de waarschuwing blijft, zonder gevolgen.');
    await appeal.getByRole('button', { name: 'Decide' }).click();
    await otherMod.getByText('Decided. The member is told.').waitFor();
    await otherMod.getByText('No open appeals.').waitFor();
  });

  it('shows the crisis lines beside the box while a member types crisis language, and after posting', async () => {
    const group = await createGroup(app, admin, { name: 'Zwaar', locale: 'en' });
    const member = await registerMember(app);
    await joinGroup(app, member, group.slug);
    const page = await loggedIn(await newContext(), member, `/groups/${group.slug}/threads/new`);
    const aside = page.locator('.crisis-aside');
    await page.getByLabel('Title').fill('Tonight');
    await page.getByLabel('Your text').fill('Everything is grey today.');
    await page.waitForTimeout(400);
    expect(await aside.locator('a[href="tel:1813"]').count()).toBe(0);
    await page.getByLabel('Your text').fill('Everything is grey. I want to end my life.');
    await aside.locator('a[href="tel:1813"]').waitFor();
    await aside.locator('a[href="tel:113"]').waitFor();
    expect(await aside.getAttribute('aria-live')).toBe('polite');
    await screenshot(page, 'compose-crisis-lines');
    await page.getByLabel('Your text').fill('Everything is grey today.');
    await aside.locator('a[href="tel:1813"]').waitFor({ state: 'detached' });

    // Posted with crisis language, the author sees the crisis help at once, with the focus on it.
    await page
      .getByLabel('Your text')
      .fill('I do not want to live any more. I keep thinking about how to end my life.');
    await page.getByRole('button', { name: 'Post the thread' }).click();
    await heading(page, 'Tonight');
    const help = page.locator('.crisis-notices section.member-notice');
    await help.getByRole('heading', { name: 'You are not alone' }).waitFor();
    await help.locator('a[href="tel:1813"]').waitFor();
    await help.locator('h2:focus', { hasText: 'You are not alone' }).waitFor();
    await screenshot(page, 'crisis-notice');
  });

  it('explains a refusal for identifying details, posts it anyway for review when asked, and a moderator approves it', async () => {
    const group = await createGroup(app, admin, { name: 'Privacy' });
    const moderator = await registerMember(app);
    await makeModerator(app, await joinGroup(app, moderator, group.slug, { alias: 'Stille Wacht' }));
    const member = await registerMember(app);
    await joinGroup(app, member, group.slug, { alias: 'Open Boek' });
    const reader = await registerMember(app);
    await joinGroup(app, reader, group.slug, { alias: 'Nieuwsgierige Kat' });
    const thread = await postThread(moderator, group.slug, { title: 'Hulp zoeken', body: 'Waar vond jij hulp?' });

    const page = await loggedIn(await newContext(), member, `/groups/${group.slug}/threads/${thread.id}`);
    const box = page.getByLabel('Reply', { exact: true });
    await box.fill('Mail me gerust op open.boek@example.com, dan vertel ik meer.');
    await page.getByRole('button', { name: 'Post the reply' }).click();
    await page.getByText('This looks like it contains an email address.').waitFor();
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('If you are sure they must stay, tick the box below', { exact: false }).waitFor();
    await screenshot(page, 'identifying-details');
    await page.getByLabel('I am sure: post it anyway.', { exact: false }).check();
    await page.getByRole('button', { name: 'Post the reply' }).click();
    const mine = page.locator('ol.posts article', { hasText: 'open.boek@example.com' });
    await mine.getByText('Waiting for a moderator: only you and the moderators see this for now.').waitFor();

    const readerPage = await loggedIn(await newContext(), reader, `/groups/${group.slug}/threads/${thread.id}`);
    await readerPage.getByRole('heading', { name: '0 replies' }).waitFor();
    expect(await readerPage.getByText('open.boek@example.com', { exact: false }).count()).toBe(0);

    const modPage = await loggedIn(await newContext(), moderator, `/groups/${group.slug}/moderation`);
    const entry = modPage.locator('li.case', { hasText: 'Waiting for approval' });
    await entry.getByText('open.boek@example.com', { exact: false }).waitFor();
    await entry.getByText('Act on what was written').click();
    await entry.getByLabel('Approve it: the others see it from now on').check();
    await entry.getByLabel('Reason').first().fill('Eigen keuze van het lid; geen gegevens van anderen.');
    await entry.getByRole('button', { name: 'Take this action' }).click();
    await modPage.getByText('Done.', { exact: false }).waitFor();

    await go(readerPage, `/groups/${group.slug}/threads/${thread.id}`);
    await readerPage.locator('ol.posts').getByText('open.boek@example.com', { exact: false }).waitFor();
  });

  it('edits and deletes its own reply, mutes and unmutes an alias, searches, and pages through threads and replies', async () => {
    const group = await createGroup(app, admin, { name: 'Angst' });
    const member = await registerMember(app);
    await joinGroup(app, member, group.slug, { alias: 'Lichte Ster' });
    const other = await registerMember(app);
    await joinGroup(app, other, group.slug, { alias: 'Luide Uil' });
    const threads: ThreadView[] = [];
    for (let index = 1; index <= 22; index++) {
      threads.push(await postThread(other, group.slug, { title: `Draad nummer ${index}`, body: `Tekst ${index}` }));
    }
    const busy = threads[21];
    for (let index = 1; index <= 22; index++) {
      const response = await app.http
        .post(`/api/groups/${group.slug}/threads/${busy.id}/posts`)
        .set('Authorization', other.bearer)
        .send({ body: `Antwoord ${index} over paniek` });
      expect(response.status).toBe(201);
    }

    const page = await loggedIn(await newContext(), member, `/groups/${group.slug}`);
    await page.locator('.thread').nth(19).waitFor();
    expect(await page.locator('.thread').count()).toBe(20);
    await page.getByRole('button', { name: 'Show more threads' }).click();
    await page.locator('.thread').nth(21).waitFor();
    expect(await page.getByRole('button', { name: 'Show more threads' }).isVisible()).toBe(false);
    // Keyboard users land on the first new thread.
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Draad nummer 2');

    await go(page, `/groups/${group.slug}/threads/${busy.id}`);
    expect(await page.locator('ol.posts > li').count()).toBe(20);
    await page.getByRole('button', { name: 'Show more replies' }).click();
    await page.locator('ol.posts > li').nth(21).waitFor();
    expect(await page.getByRole('button', { name: 'Show more replies' }).isVisible()).toBe(false);

    // My own reply: edit, then delete.
    await page.getByLabel('Reply', { exact: true }).fill('Ademhalen helpt mij.');
    await page.getByRole('button', { name: 'Post the reply' }).click();
    const posted = page.locator('ol.posts article', { hasText: 'Ademhalen helpt mij.' });
    const mine = page.locator(`#${await posted.getAttribute('id')}`);
    await mine.getByRole('button', { name: 'Edit' }).click();
    await mine.getByLabel('Your text').fill('Rustig ademhalen helpt mij.');
    await mine.getByRole('button', { name: 'Save the change' }).click();
    const edited = mine;
    await edited.getByText('Rustig ademhalen helpt mij.').waitFor();
    await edited.getByText('edited').waitFor();
    await edited.getByRole('button', { name: 'Delete' }).click();
    await edited.getByText('Delete this reply?').waitFor();
    await edited.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.locator('ol.posts').getByText('Removed by its author.').waitFor();
    expect(await page.locator('ol.posts').getByText('Rustig ademhalen').count()).toBe(0);

    // Muting an alias folds its words away, for me only.
    const theirs = page.locator('ol.posts article').first();
    await theirs.getByText('About Luide Uil').click();
    await theirs.getByRole('button', { name: 'Mute Luide Uil' }).click();
    await page.locator('ol.posts').getByText('You muted Luide Uil.').first().waitFor();
    expect(await page.getByText('Antwoord 1 over paniek', { exact: true }).isVisible()).toBe(false);
    await page.locator('ol.posts article').first().getByRole('button', { name: 'Show it anyway' }).click();
    await page.getByText('Antwoord 1 over paniek', { exact: true }).waitFor();
    await screenshot(page, 'thread-muted');
    await go(page, `/groups/${group.slug}/membership`);
    await heading(page, 'Your membership');
    await page.getByRole('button', { name: 'Unmute Luide Uil' }).click();
    await page.getByText('You have not muted anyone.').waitFor();

    // Search in my groups, with the hit's words marked.
    await go(page, `/groups/${group.slug}`);
    await page.getByLabel('Search this group').fill('paniek');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await heading(page, 'Search');
    await page.locator('.hits mark', { hasText: 'paniek' }).first().waitFor();
    await screenshot(page, 'search');
    await page.locator('.hits a').first().click();
    await heading(page, 'Draad nummer 22');
  });

  it('waits for a moderator in a closed group, re-accepts a changed pledge, and leaves erasing its words', async () => {
    const group = await createGroup(app, admin, { name: 'Naasten', kind: 'closed', audience: 'relatives' });
    const moderator = await registerMember(app);
    const invite = await app.http.post(`/api/groups/${group.slug}/invites`).set('Authorization', admin.bearer).send({});
    expect(invite.status).toBe(201);
    await makeModerator(
      app,
      await joinGroup(app, moderator, group.slug, { inviteCode: (invite.body as { code: string }).code } as {
        alias?: string;
      }),
    );
    const member = await registerMember(app);
    const page = await loggedIn(await newContext(), member, `/groups/${group.slug}`);
    await page.getByText('This is a closed group').waitFor();
    await page.getByLabel('I accept the pledge').check();
    await page.getByLabel('I choose my own name').check();
    await page.getByLabel('Name in this group').fill(member.loginName);
    await page.getByRole('button', { name: 'Ask to join' }).click();
    await page.getByText('Do not use your login name here', { exact: false }).waitFor();
    await page.getByLabel('Name in this group').fill('Zorgzame Linde');
    await page.getByRole('button', { name: 'Ask to join' }).click();
    await page.getByText('Your request is sent. A moderator will let you in as Zorgzame Linde.').waitFor();
    await page.getByRole('heading', { name: 'Waiting for a moderator' }).waitFor();
    await screenshot(page, 'group-pending');

    const modPage = await loggedIn(await newContext(), moderator, `/groups/${group.slug}/moderation`);
    await modPage.getByRole('button', { name: 'Let Zorgzame Linde in' }).click();
    await modPage.getByText('The member is in.').waitFor();

    await go(page, '/groups');
    await page.locator('.my-groups .card', { hasText: 'Naasten' }).getByText('You are Zorgzame Linde here.').waitFor();

    // The pledge changes: the member accepts it again before reading on.
    const changed = await app.http
      .patch(`/api/groups/${group.slug}`)
      .set('Authorization', admin.bearer)
      .send({ pledge: 'Wat hier gezegd wordt, blijft hier. Ook in gesprekken met anderen buiten de groep.' });
    expect(changed.status).toBe(200);
    await go(page, `/groups/${group.slug}`);
    await page.getByRole('heading', { name: "The group's pledge has changed" }).waitFor();
    await page.getByText('Ook in gesprekken met anderen buiten de groep.').waitFor();
    await page.getByLabel('I accept the pledge').check();
    await page.getByRole('button', { name: 'Accept and read on' }).click();
    await page.getByText('Thank you. You accepted the new pledge.').waitFor();
    await page.getByText('No threads yet.').waitFor();

    await postThread(await relogin(member), group.slug, {
      title: 'Mijn broer drinkt',
      body: 'Ik weet niet wat te doen.',
    });
    await go(page, `/groups/${group.slug}/membership`);
    await page.getByText('Keep my words in the group').waitFor();
    await page
      .getByText('Your threads, replies, chat messages and reactions in this group are deleted for good.', {
        exact: false,
      })
      .waitFor();
    await screenshot(page, 'membership-leave');
    await page.getByRole('button', { name: 'Leave the group' }).click();
    await page.getByText('Choose what happens to what you wrote.').waitFor();
    await page.getByLabel('Erase everything I wrote here').check();
    await page.getByRole('button', { name: 'Leave the group' }).click();
    await heading(page, 'Groups');
    await page.getByText('You left the group, and everything you wrote there is erased.').waitFor();

    const accepted = await app.http
      .post(`/api/groups/${group.slug}/pledge`)
      .set('Authorization', moderator.bearer)
      .send({ pledgeAccepted: true });
    expect(accepted.status).toBe(200);
    const list = await app.http.get(`/api/groups/${group.slug}/threads`).set('Authorization', moderator.bearer);
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain('Mijn broer drinkt');
  });

  /** A fresh token for a member (its first one may have been ended by a browser logout). */
  async function relogin(member: TestMember): Promise<TestMember> {
    const response = await app.http
      .post('/api/auth/login')
      .send({ loginName: member.loginName, password: member.password });
    expect(response.status).toBe(200);
    return { ...member, bearer: `Bearer ${(response.body as { accessToken: string }).accessToken}` };
  }

  it('joins a group with the keyboard alone, with a visible focus at every step', async () => {
    const group = await createGroup(app, admin, { name: 'Verslaving' });
    const member = await registerMember(app);
    const page = await loggedIn(await newContext(), member, '/groups');
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
    async function tabTo(wanted: (element: { tag: string; name: string; text: string }) => boolean): Promise<void> {
      const passed: string[] = [];
      for (let step = 0; step < 40; step++) {
        await page.keyboard.press('Tab');
        const element = await focused();
        expect({ element: element.name || element.text, outline: element.outline }).toEqual({
          element: element.name || element.text,
          outline: true,
        });
        passed.push(element.name || element.text);
        if (wanted(element)) {
          return;
        }
      }
      throw new Error(`not reached by Tab; passed ${passed.join(' → ')}`);
    }

    await page.locator('.directory:not([aria-busy])').waitFor();
    await tabTo((element) => element.tag === 'a' && element.text === 'Verslaving');
    await page.keyboard.press('Enter');
    await heading(page, 'Verslaving');
    await tabTo((element) => element.name === 'pledgeAccepted');
    await page.keyboard.press('Space');
    // The alias choice is one stop; arrow keys move between its options.
    await tabTo((element) => element.name === 'aliasChoice');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByLabel('I choose my own name').isChecked()).toBe(true);
    await tabTo((element) => element.name === 'alias');
    await page.keyboard.type('Moedige Zwaluw');
    await tabTo((element) => element.text === 'Join the group');
    await page.keyboard.press('Enter');
    await page.getByText('Welcome. You are in the group as Moedige Zwaluw.').waitFor();
    await tabTo((element) => element.text === 'Start a thread');
    await page.keyboard.press('Enter');
    await heading(page, 'Start a thread');
    await tabTo((element) => element.name === 'title');
    await page.keyboard.type('Dag 30');
    await tabTo((element) => element.name === 'body');
    await page.keyboard.type('Een maand zonder.');
    await tabTo((element) => element.text === 'Post the thread');
    await page.keyboard.press('Enter');
    await heading(page, 'Dag 30');
    const membership = await app.http.get(`/api/groups/${group.slug}/membership`).set('Authorization', member.bearer);
    expect((membership.body as MyMembership).alias).toBe('Moedige Zwaluw');
  });

  it('shows what members write as text, and runs nothing of it', async () => {
    const payloads = [
      '<img src=x onerror="window.__xss=1">',
      '<script>window.__xss=2</script>',
      '<svg onload="window.__xss=3"></svg>',
      '"><iframe src="javascript:window.__xss=4"></iframe>',
    ];
    const group = await createGroup(app, admin, { name: `Groep ${payloads[0]}` });
    const author = await registerMember(app);
    await joinGroup(app, author, group.slug, { alias: 'Zachte Wilg' });
    const thread = await postThread(author, group.slug, {
      title: `Titel ${payloads[0]}`,
      body: payloads.join('\n'),
      contentWarning: `cw ${payloads[2]}`,
    });
    await app.http
      .post(`/api/groups/${group.slug}/threads/${thread.id}/posts`)
      .set('Authorization', author.bearer)
      .send({ body: `<a href="javascript:window.__xss=5">klik</a> ${payloads[1]}` });
    const reader = await registerMember(app);
    await joinGroup(app, reader, group.slug);
    const page = await loggedIn(await newContext(), reader, `/groups/${group.slug}`);
    await page
      .locator('.thread', { hasText: `Titel ${payloads[0]}` })
      .getByText(`cw ${payloads[2]}`)
      .waitFor();
    await page.getByRole('link', { name: `Titel ${payloads[0]}` }).click();
    await heading(page, `Titel ${payloads[0]}`);
    await page.getByRole('button', { name: 'Show the text' }).click();
    for (const payload of payloads) {
      await page.locator('article.opening .post-text').getByText(payload, { exact: false }).waitFor();
    }
    await page.getByText('<a href="javascript:window.__xss=5">klik</a>', { exact: false }).waitFor();
    expect(await page.locator('main img, main script, main svg, main iframe, main a[href^="javascript"]').count()).toBe(
      0,
    );
    await go(page, `/search?q=${encodeURIComponent('Titel')}`);
    await page.locator('.hits').getByText(`Titel ${payloads[0]}`).waitFor();
    expect(await page.locator('main img, main script, main iframe').count()).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
  });

  it('lets an admin create and edit a group and appoint a moderator, and keeps the admin pages for admins', async () => {
    const context = await newContext();
    const page = await loggedIn(context, admin, '/admin');
    await heading(page, 'Admin');
    await page.getByRole('link', { name: 'Create a group' }).click();
    await heading(page, 'Create a group');
    await page.getByLabel('Web address').fill('Niet Goed');
    await page.getByLabel('Name', { exact: true }).fill('Rouw na zelfdoding');
    await page.getByLabel('Description').fill('Voor wie iemand verloor door zelfdoding.');
    await page.getByLabel('Pledge', { exact: true }).fill('Wat hier gezegd wordt, blijft hier.');
    await page.getByRole('button', { name: 'Create the group' }).click();
    await page.getByText('Use lower-case letters, digits and single dashes.').waitFor();
    await page.getByLabel('Web address').fill(`rouw-zelfdoding-${Date.now()}`);
    await page.getByLabel('Who can join').selectOption('closed');
    await page.getByRole('button', { name: 'Create the group' }).click();
    await heading(page, 'Rouw na zelfdoding');
    await page.getByText('The group is created.').waitFor();
    const slug = new URL(page.url()).pathname.split('/').pop() ?? '';
    await screenshot(page, 'admin-group');
    await page.getByLabel('Description').fill('Voor wie iemand verloor door zelfdoding. Ook voor naasten.');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.getByText('The changes are saved.').waitFor();
    const detail = (await app.http.get(`/api/groups/${slug}`)).body as GroupDetail;
    expect(detail.description).toBe('Voor wie iemand verloor door zelfdoding. Ook voor naasten.');
    expect(detail.kind).toBe('closed');
    expect(detail.pledgeVersion).toBe(1);

    const member = await registerMember(app);
    const invite = await app.http.post(`/api/groups/${slug}/invites`).set('Authorization', admin.bearer).send({});
    const joined = await joinGroup(app, member, slug, { inviteCode: (invite.body as { code: string }).code } as {
      alias?: string;
    });
    // Found by part of the alias, never by a pasted id (the moderator-tools spec tries the picker's edges).
    await page.getByLabel('Find a member by their alias').fill(joined.alias.slice(0, 4));
    await page.getByRole('button', { name: `Choose ${joined.alias}` }).click();
    await page.getByRole('button', { name: `Make ${joined.alias} a moderator` }).click();
    await page.getByText('The member is now a moderator.').waitFor();
    const after = await app.http.get(`/api/groups/${slug}/membership`).set('Authorization', member.bearer);
    expect((after.body as MyMembership).role).toBe('moderator');

    // A member who opens an admin page is told it is for admins.
    const memberPage = await loggedIn(await newContext(), member, '/admin');
    await memberPage.getByText('Only admins can open this page.').waitFor();
    expect(
      await memberPage.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Admin' }).isVisible(),
    ).toBe(false);
  });

  it('has no serious or critical axe violations on the group, forum, safety and moderation pages', async () => {
    const group = await createGroup(app, admin, { name: 'Eetstoornissen' });
    const moderator = await registerMember(app);
    await makeModerator(app, await joinGroup(app, moderator, group.slug, { alias: 'Heldere Haven' }));
    const member = await registerMember(app);
    await joinGroup(app, member, group.slug, { alias: 'Groene Berk' });
    const thread = await postThread(member, group.slug, {
      title: 'Eten',
      body: 'Het blijft moeilijk.',
      contentWarning: 'eten',
    });
    await app.http
      .post(`/api/groups/${group.slug}/worries`)
      .set('Authorization', moderator.bearer)
      .send({
        memberId: (await app.http.get(`/api/groups/${group.slug}/membership`).set('Authorization', member.bearer)).body
          .memberId,
      });
    const violations: string[] = [];

    const visitor = await openPage(await newContext({ bypassCSP: true }), `/groups/${group.slug}`);
    await heading(visitor, 'Eetstoornissen');
    await axe(visitor, 'group (visitor)', violations);

    const page = await loggedIn(await newContext({ bypassCSP: true }), moderator, `/groups/${group.slug}`);
    await page.locator('.thread').first().waitFor();
    await axe(page, 'group forum', violations);
    for (const [path, label] of [
      [`/groups/${group.slug}/threads/${thread.id}`, 'thread'],
      [`/groups/${group.slug}/threads/new`, 'new thread'],
      [`/groups/${group.slug}/membership`, 'membership'],
      [`/groups/${group.slug}/moderation`, 'queue'],
      [`/groups/${group.slug}/moderation/audit`, 'audit'],
      [`/groups/${group.slug}/moderation/appeals`, 'appeals'],
      [`/groups/${group.slug}/moderation/words`, 'words'],
      ['/search?q=moeilijk', 'search'],
      ['/groups', 'directory'],
    ] as const) {
      await go(page, path);
      await axe(page, label, violations);
    }
    await go(page, `/groups/${group.slug}/threads/${thread.id}`);
    await page.getByRole('button', { name: 'Show the text' }).click();
    await page.getByText('Report this thread').click();
    await page.getByText('Moderate this thread').click();
    await axe(page, 'thread with forms open', violations);
    await screenshot(page, 'thread-moderator');

    const memberPage = await loggedIn(await newContext({ bypassCSP: true }), member, `/groups/${group.slug}/notices`);
    await memberPage.locator('section.member-notice').first().waitFor();
    await axe(memberPage, 'notices', violations);
    await go(memberPage, `/groups/${group.slug}/threads/new`);
    await memberPage.getByLabel('Your text').fill('I want to end my life');
    await memberPage.locator('.crisis-aside a[href="tel:1813"]').waitFor();
    await axe(memberPage, 'compose with crisis lines', violations);

    const adminPage = await loggedIn(await newContext({ bypassCSP: true }), admin, '/admin');
    await axe(adminPage, 'admin', violations);
    for (const [path, label] of [
      ['/admin/groups/new', 'admin new group'],
      [`/admin/groups/${group.slug}`, 'admin edit group'],
      ['/admin/words', 'admin words'],
    ] as const) {
      await go(adminPage, path);
      await axe(adminPage, label, violations);
    }
    await screenshot(adminPage, 'admin-words');
    expect(violations).toEqual([]);
  });

  it('fits the new pages on a 360 px wide phone without sideways scrolling', async () => {
    const group = await createGroup(app, admin, { name: 'Burn-out' });
    const member = await registerMember(app);
    await makeModerator(app, await joinGroup(app, member, group.slug, { alias: 'Geduldige Otter' }));
    const thread = await postThread(member, group.slug, {
      title: 'Een heel lange titel over hoe het voelt als alles tegelijk te veel wordt op het werk',
      body: 'Tekst.',
      contentWarning: 'werkstress',
    });
    const page = await loggedIn(await newContext({ viewport: PHONE }), member, `/groups/${group.slug}`);
    for (const [path, name] of [
      [`/groups/${group.slug}`, 'group'],
      [`/groups/${group.slug}/threads/${thread.id}`, 'thread'],
      [`/groups/${group.slug}/threads/new`, 'thread-new'],
      [`/groups/${group.slug}/notices`, 'notices'],
      [`/groups/${group.slug}/membership`, 'membership'],
      [`/groups/${group.slug}/moderation`, 'queue'],
      [`/groups/${group.slug}/moderation/audit`, 'audit'],
    ] as const) {
      await go(page, path);
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
      await screenshot(page, `phone-${name}`);
    }
  });

  /** The `data-seq` of every message on a chat page, in page order. */
  async function seqs(page: Page): Promise<number[]> {
    return page.evaluate<number[]>(
      `[...document.querySelectorAll('ol.messages li.message[data-seq]')].map((item) => Number(item.dataset.seq))`,
    );
  }

  function contiguous(list: number[]): boolean {
    return list.every((seq, index) => index === 0 || seq === list[index - 1] + 1);
  }

  it('chats live between two members: presence, typing, new messages read out, and scroll-back through history', async () => {
    const group = await createGroup(app, admin, { name: 'Rouw (chat)' });
    const first = await registerMember(app);
    await joinGroup(app, first, group.slug, { alias: 'Zachte Maan' });
    const second = await registerMember(app);
    await joinGroup(app, second, group.slug, { alias: 'Rustige Golf' });
    const earlier = await registerMember(app);
    await joinGroup(app, earlier, group.slug, { alias: 'Oude Eik' });
    const seeder = await connectChat(app, earlier);
    await joinRoom(seeder, { group: group.slug });
    for (let index = 1; index <= 60; index++) {
      await sendMessage(seeder, { group: group.slug }, `Bericht ${index}`);
    }
    seeder.disconnect();

    const page = await loggedIn(await newContext(), first, `/groups/${group.slug}`);
    await page.getByRole('navigation', { name: 'This group' }).getByRole('link', { name: 'Chat' }).click();
    await heading(page, 'Chat');
    await page.locator('ol.messages').getByText('Bericht 60', { exact: true }).waitFor();
    expect(await seqs(page)).toEqual(Array.from({ length: 50 }, (_, index) => index + 11));
    await page.locator('.presence-list').getByText('Zachte Maan').waitFor();

    // Scroll back: the earlier messages come in above, once each, and the focus goes to the first.
    await page.getByRole('button', { name: 'Show earlier messages' }).click();
    await page.locator('ol.messages').getByText('Bericht 1', { exact: true }).waitFor();
    expect(await seqs(page)).toEqual(Array.from({ length: 60 }, (_, index) => index + 1));
    await page.locator('li.message:focus', { hasText: 'Bericht 1' }).waitFor();

    const otherPage = await loggedIn(await newContext(), second, `/groups/${group.slug}/chat`);
    await otherPage.locator('ol.messages').getByText('Bericht 60', { exact: true }).waitFor();
    await page.locator('.presence-list').getByText('Rustige Golf').waitFor();

    await otherPage.getByLabel('Your message').pressSequentially('Hallo', { delay: 20 });
    await page.getByText('Rustige Golf is typing…').waitFor();
    await otherPage.getByLabel('Your message').fill('Hallo allemaal. <b>Fijn</b> dat jullie er zijn.');
    await otherPage.getByRole('button', { name: 'Send', exact: true }).click();
    await page.locator('ol.messages').getByText('Hallo allemaal. <b>Fijn</b> dat jullie er zijn.').waitFor();
    // Read out by the page's live region, not by reading the whole history again.
    await page
      .locator('[aria-live="polite"]', { hasText: 'Rustige Golf: Hallo allemaal. <b>Fijn</b> dat jullie er zijn.' })
      .waitFor({ state: 'attached' });
    expect(await page.getByText('Rustige Golf is typing…').count()).toBe(0);

    await page.getByLabel('Your message').fill('Welkom, Rustige Golf.');
    await page.getByLabel('Your message').press('Enter');
    await otherPage.locator('ol.messages').getByText('Welkom, Rustige Golf.').waitFor();
    await page.locator('ol.messages li.message.mine', { hasText: 'Welkom, Rustige Golf.' }).waitFor();
    expect(await page.locator('li.pending').count()).toBe(0);
    const mine = await seqs(page);
    expect(mine).toEqual(Array.from({ length: 62 }, (_, index) => index + 1));
    const theirs = await seqs(otherPage);
    expect(contiguous(theirs) && theirs.at(-1) === 62).toBe(true);
    expect(await page.locator('ol.messages b').count()).toBe(0);
    await screenshot(page, 'chat');
  });

  it('shows "reconnecting…" when the connection drops, then catches up without gaps or duplicates', async () => {
    const group = await createGroup(app, admin, { name: 'Verbinding' });
    const member = await registerMember(app);
    await joinGroup(app, member, group.slug, { alias: 'Trouwe Merel' });
    const other = await registerMember(app);
    await joinGroup(app, other, group.slug, { alias: 'Luide Vos' });
    const socket = await connectChat(app, other);
    await joinRoom(socket, { group: group.slug });
    await sendMessage(socket, { group: group.slug }, 'Voor de onderbreking');

    const context = await newContext();
    const page = await loggedIn(context, member, `/groups/${group.slug}/chat`);
    await page.locator('ol.messages').getByText('Voor de onderbreking').waitFor();
    await page.locator('.presence-list').getByText('Trouwe Merel').waitFor();

    await context.setOffline(true);
    await page.getByText('The connection is lost. Reconnecting…', { exact: false }).waitFor();
    await screenshot(page, 'chat-reconnecting');
    for (let index = 1; index <= 3; index++) {
      await sendMessage(socket, { group: group.slug }, `Gemist ${index}`);
    }
    // Written while offline: it waits, and is sent once when the connection is back.
    await page.getByLabel('Your message').fill('Ben ik er nog?');
    await page.getByLabel('Your message').press('Enter');
    await page.locator('li.pending', { hasText: 'Ben ik er nog?' }).waitFor();

    await context.setOffline(false);
    await page.locator('ol.messages li.message[data-seq]', { hasText: 'Ben ik er nog?' }).waitFor({ timeout: 20_000 });
    await page.locator('ol.messages').getByText('Gemist 3').waitFor();
    expect(await page.getByText('The connection is lost.', { exact: false }).count()).toBe(0);
    const list = await seqs(page);
    expect(list).toEqual([1, 2, 3, 4, 5]);
    expect(await page.locator('li.pending').count()).toBe(0);
    // The other side got the offline message once.
    const seen = await joinRoom(await connectChat(app, other), { group: group.slug });
    expect(seen.history.filter((message) => message.body === 'Ben ik er nog?')).toHaveLength(1);
  });

  it('joins again with sinceSeq when the server cannot restore the connection, and misses nothing', async () => {
    const group = await createGroup(app, admin, { name: 'Opnieuw' });
    const member = await registerMember(app);
    await joinGroup(app, member, group.slug, { alias: 'Kalme Duin' });
    const other = await registerMember(app);
    await joinGroup(app, other, group.slug, { alias: 'Open Haven' });
    const socket = await connectChat(app, other);
    await joinRoom(socket, { group: group.slug });
    await sendMessage(socket, { group: group.slug }, 'Een');
    await sendMessage(socket, { group: group.slug }, 'Twee');

    // Between the page and the server: drop the connection at will, refuse new ones for a while,
    // and take Socket.IO's recovery ids out of the handshake, as after a server restart.
    const context = await newContext();
    let current: WebSocketRoute | null = null;
    let refuse = false;
    const joins: string[] = [];
    await context.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (refuse) {
        void ws.close();
        return;
      }
      const server = ws.connectToServer();
      current = ws;
      ws.onMessage((message) => {
        if (typeof message === 'string' && message.startsWith('40/chat,')) {
          const auth = JSON.parse(message.slice('40/chat,'.length)) as Record<string, unknown>;
          delete auth.pid;
          delete auth.offset;
          server.send(`40/chat,${JSON.stringify(auth)}`);
          return;
        }
        if (typeof message === 'string' && message.includes('"room:join"')) {
          joins.push(message);
        }
        server.send(message);
      });
    });
    const page = await loggedIn(context, member, `/groups/${group.slug}/chat`);
    await page.locator('ol.messages').getByText('Twee', { exact: true }).waitFor();

    refuse = true;
    await (current as WebSocketRoute | null)?.close();
    await page.getByText('The connection is lost. Reconnecting…', { exact: false }).waitFor();
    await sendMessage(socket, { group: group.slug }, 'Drie');
    await sendMessage(socket, { group: group.slug }, 'Vier');
    await page.getByLabel('Your message').fill('Vijf, van mij');
    await page.getByLabel('Your message').press('Enter');
    refuse = false;

    await page.locator('ol.messages li.message[data-seq]', { hasText: 'Vijf, van mij' }).waitFor({ timeout: 20_000 });
    await page.locator('ol.messages').getByText('Vier', { exact: true }).waitFor();
    expect(await seqs(page)).toEqual([1, 2, 3, 4, 5]);
    expect(joins).toHaveLength(2);
    expect(joins[1]).toContain('"sinceSeq":2');
    expect(await page.getByText('The connection is lost.', { exact: false }).count()).toBe(0);
  });

  it('shows the crisis lines while a member types crisis language in the chat, and prominently after sending', async () => {
    const group = await createGroup(app, admin, { name: 'Nacht', locale: 'en' });
    const member = await registerMember(app);
    await joinGroup(app, member, group.slug);
    const page = await loggedIn(await newContext(), member, `/groups/${group.slug}/chat`);
    await page.locator('ol.messages .empty').waitFor();
    await page.getByLabel('Your message').fill('I keep thinking I want to end my life');
    await page.locator('.chat-room .crisis-aside a[href="tel:1813"]').waitFor();
    await page.getByLabel('Your message').press('Enter');
    const help = page.locator('.chat-room .crisis-notices section.member-notice');
    await help.getByRole('heading', { name: 'You are not alone' }).waitFor();
    await help.locator('a[href="tel:113"]').waitFor();
    await page.locator('ol.messages').getByText('I keep thinking I want to end my life').waitFor();
    await screenshot(page, 'chat-crisis');
  });

  it('reports a chat message; the live queue shows it, a moderator hides it, the room drops it and its author is told at once', async () => {
    const group = await createGroup(app, admin, { name: 'Chat met moderatie' });
    const moderator = await registerMember(app);
    await makeModerator(app, await joinGroup(app, moderator, group.slug, { alias: 'Waakzame Reiger' }));
    const author = await registerMember(app);
    await joinGroup(app, author, group.slug, { alias: 'Boze Wolk' });
    const reader = await registerMember(app);
    await joinGroup(app, reader, group.slug, { alias: 'Zachte Regen' });

    const modPage = await loggedIn(await newContext(), moderator, `/groups/${group.slug}/moderation`);
    await modPage.getByText('The queue is empty.').waitFor();
    const authorPage = await loggedIn(await newContext(), author, `/groups/${group.slug}/chat`);
    const readerPage = await loggedIn(await newContext(), reader, `/groups/${group.slug}/chat`);
    await readerPage.locator('.presence-list').getByText('Boze Wolk').waitFor();

    await authorPage.getByLabel('Your message').fill('Jullie zijn allemaal sukkels.');
    await authorPage.getByLabel('Your message').press('Enter');
    const message = readerPage.locator('li.message', { hasText: 'Jullie zijn allemaal sukkels.' });
    await message.waitFor();
    await message.getByRole('button', { name: 'Actions for this message' }).click();
    await message.getByText('Report this message').click();
    await message.getByLabel('Hurtful or harassing').check();
    await message.getByRole('button', { name: 'Send the report' }).click();
    await message.getByText('Thank you. A moderator will look at it.').waitFor();

    // The moderator's queue shows it without a refresh, and is read out.
    const entry = modPage.locator('li.case', { hasText: 'Jullie zijn allemaal sukkels.' });
    await entry.waitFor();
    await modPage
      .locator('[aria-live="assertive"]', { hasText: 'A new entry came into the queue.' })
      .waitFor({ state: 'attached' });
    await screenshot(modPage, 'moderation-queue-live');
    await entry.getByText('Act on what was written').click();
    await entry.getByLabel('Hide it').check();
    await entry.getByLabel('Reason').first().fill('Schelden doen we niet, ook niet in de chat.');
    await entry.getByRole('button', { name: 'Take this action' }).click();
    await modPage.getByText('Done.', { exact: false }).waitFor();

    await readerPage.locator('ol.messages').getByText('A moderator removed this message.').waitFor();
    expect(await readerPage.locator('ol.messages').getByText('sukkels', { exact: false }).count()).toBe(0);
    await authorPage.getByRole('link', { name: 'You have a new notice from the moderators.' }).waitFor();
  });

  it('answers crisis language in the chat with the crisis lines from the server, and a crisis alert at the top of the live queue', async () => {
    const group = await createGroup(app, admin, { name: 'Nachtchat', locale: 'en' });
    const moderator = await registerMember(app);
    await makeModerator(app, await joinGroup(app, moderator, group.slug, { alias: 'Night Owl' }));
    const member = await registerMember(app);
    await joinGroup(app, member, group.slug, { alias: 'Grey Sky' });
    const modPage = await loggedIn(await newContext(), moderator, `/groups/${group.slug}/moderation`);
    await modPage.getByText('The queue is empty.').waitFor();
    const page = await loggedIn(await newContext(), member, `/groups/${group.slug}/chat`);
    await page.locator('ol.messages .empty').waitFor();
    await page.getByLabel('Your message').fill('I do not want to live any more');
    await page.locator('.chat-room .crisis-aside a[href="tel:1813"]').waitFor();
    await page.getByLabel('Your message').press('Enter');
    const help = page.locator('.chat-room .crisis-notices section.member-notice');
    // What the member is told is what is true (browser-crisis.e2e-spec.ts), never "the moderators know" regardless.
    // The group's moderator is online (on the live queue): volunteers are notified.
    await help
      .locator('.crisis-state[data-state="notified"]', { hasText: 'Volunteers of Kring have been notified' })
      .waitFor();
    expect(await help.getByText('have been told', { exact: false }).count()).toBe(0);
    await help.locator('a[href="tel:113"]').waitFor();
    await screenshot(page, 'chat-crisis-server');

    const alert = modPage.locator('ol.queue > li').first();
    await alert.getByText('Crisis', { exact: true }).waitFor();
    await alert.getByText('I do not want to live any more').waitFor();
    await modPage
      .locator('[aria-live="assertive"]', { hasText: 'A crisis alert came in.' })
      .waitFor({ state: 'attached' });
  });

  it('runs a session where the facilitator gives the word, and a buddy chat both sides agreed to', async () => {
    const group = await createGroup(app, admin, { name: 'Sessies en buddy’s' });
    const lead = await registerMember(app);
    const leadship = await joinGroup(app, lead, group.slug, { alias: 'Wijze Uil' });
    await makeModerator(app, leadship);
    const member = await registerMember(app);
    await joinGroup(app, member, group.slug, { alias: 'Nieuwe Zwaluw' });
    const session = await app.http
      .post(`/api/groups/${group.slug}/sessions`)
      .set('Authorization', lead.bearer)
      .send({
        title: 'Avondkring',
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 60 * 60_000).toISOString(),
        capacity: 10,
        facilitatorMemberId: leadship.memberId,
      });
    expect(session.status).toBe(201);

    const page = await loggedIn(await newContext(), member, `/groups/${group.slug}/sessions`);
    const item = page.locator('li.case', { hasText: 'Avondkring' });
    await item.getByText('Led by Wijze Uil.').waitFor();
    await item.getByRole('button', { name: 'Take a place' }).click();
    await page.getByText('You have a place in the session.').waitFor();
    await screenshot(page, 'sessions');
    await page.locator('li.case', { hasText: 'Avondkring' }).getByRole('link', { name: 'Join the session' }).click();
    await heading(page, 'Avondkring');
    await page.getByText('Everybody may speak.').waitFor();

    // A third member in the room: the facilitator gives her the word (never to herself, the session-series spec holds that).
    const third = await registerMember(app);
    await joinGroup(app, third, group.slug, { alias: 'Stille Vink' });
    await app.http
      .post(`/api/groups/${group.slug}/sessions/${session.body.id}/signup`)
      .set('Authorization', third.bearer)
      .expect(200);
    const thirdSocket = await connectChat(app, third);
    await joinRoom(thirdSocket, { group: group.slug, session: session.body.id });

    const leadPage = await loggedIn(await newContext(), lead, `/groups/${group.slug}/sessions/${session.body.id}`);
    await leadPage.locator('.presence-list').getByText('Nieuwe Zwaluw').waitFor();
    expect(await leadPage.getByRole('button', { name: 'Give the word to Wijze Uil' }).count()).toBe(0);
    await leadPage.getByRole('button', { name: 'Give the word to Stille Vink' }).click();
    await page.getByText('Stille Vink has the word.').first().waitFor();
    await page.getByLabel('Your message').fill('Mag ik iets zeggen?');
    await page.getByLabel('Your message').press('Enter');
    await page.getByText('The facilitator has given the word to someone else.', { exact: false }).waitFor();
    await leadPage.getByRole('button', { name: 'Let everybody speak' }).click();
    await page.getByText('Everybody may speak.').waitFor();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await leadPage.locator('ol.messages').getByText('Mag ik iets zeggen?').waitFor();
    await screenshot(leadPage, 'session-room');
    thirdSocket.disconnect();

    // Buddies: the moderator offers, the newcomer asks, the buddy accepts, and they chat.
    await go(leadPage, `/groups/${group.slug}/buddies`);
    await leadPage.getByRole('button', { name: 'Offer to be a buddy' }).click();
    await leadPage.getByText('You offer to be a buddy now.').waitFor();
    await go(page, `/groups/${group.slug}/buddies`);
    await page.getByRole('button', { name: 'Ask Wijze Uil' }).click();
    await page.getByText('Waiting for Wijze Uil to answer.').waitFor();
    await go(leadPage, `/groups/${group.slug}/buddies`);
    await leadPage.getByText('Nieuwe Zwaluw asks you to be their buddy.').waitFor();
    await screenshot(leadPage, 'buddies');
    await leadPage.getByRole('button', { name: 'Accept' }).click();
    await leadPage.getByText('You are the buddy of Nieuwe Zwaluw.').waitFor();
    await leadPage.getByRole('link', { name: 'Open the chat' }).click();
    await heading(leadPage, 'Buddy chat with Nieuwe Zwaluw');
    await go(page, `/groups/${group.slug}/buddies`);
    await page.getByRole('link', { name: 'Open the chat' }).click();
    await heading(page, 'Buddy chat with Wijze Uil');
    await page.getByLabel('Your message').fill('Dank je om mijn buddy te zijn.');
    await page.getByLabel('Your message').press('Enter');
    await leadPage.locator('ol.messages').getByText('Dank je om mijn buddy te zijn.').waitFor();
  });

  it('has no serious or critical axe violations on the chat pages, and fits them on a phone', async () => {
    const group = await createGroup(app, admin, { name: 'Chat toegankelijk' });
    const member = await registerMember(app);
    await makeModerator(app, await joinGroup(app, member, group.slug, { alias: 'Heldere Ster' }));
    const violations: string[] = [];
    const page = await loggedIn(await newContext({ bypassCSP: true }), member, `/groups/${group.slug}/chat`);
    await page.getByLabel('Your message').fill('Goedenavond');
    await page.getByLabel('Your message').press('Enter');
    await page.locator('ol.messages li.message[data-seq]').first().waitFor();
    await axe(page, 'chat', violations);
    for (const [path, label] of [
      [`/groups/${group.slug}/sessions`, 'sessions'],
      [`/groups/${group.slug}/buddies`, 'buddies'],
    ] as const) {
      await go(page, path);
      await axe(page, label, violations);
    }
    expect(violations).toEqual([]);

    const phone = await loggedIn(await newContext({ viewport: PHONE }), member, `/groups/${group.slug}/chat`);
    await phone.locator('ol.messages li.message[data-seq]').first().waitFor();
    for (const [path, name] of [
      [`/groups/${group.slug}/chat`, 'chat'],
      [`/groups/${group.slug}/sessions`, 'sessions'],
      [`/groups/${group.slug}/buddies`, 'buddies'],
    ] as const) {
      await go(phone, path);
      const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
      await screenshot(phone, `phone-${name}`);
    }
  });
});
