import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { SessionView } from '../src/contracts/chat.js';
import type { GroupDetail, MyMembership } from '../src/contracts/groups.js';
import type { SeriesView } from '../src/contracts/session-series.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { browserSuite, goInApp, logInThroughForm } from './support/browser.js';
import { createGroup, joinGroup } from './support/groups.js';

/**
 * No page asks a moderator or an admin for a raw id (issue 15: "moderators appoint by pasting a
 * raw member id"): every page they use is visited with its forms in the DOM (folded ones too),
 * and no form control may be named, labelled or filled in as an id (`memberId`, "member id",
 * "lid-id", a UUID as its value or example). Members are chosen by alias, with the picker.
 */

/** A control's words that give away an id request; `null` when it asks for something people know. */
const ASKS_FOR_ID = `(() => {
  const camel = /[a-z](Id|ID|Ids)(?![a-z])/;
  const word = /(^|[^\\p{L}])(id|ids|uuid|guid)(?![\\p{L}])/iu;
  const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
  const typed = (el) =>
    el.tagName === 'TEXTAREA' ||
    (el.tagName === 'INPUT' && !['hidden', 'checkbox', 'radio', 'submit', 'button'].includes(el.type));
  const found = [];
  for (const el of document.querySelectorAll('main input, main textarea, main select')) {
    if (el.type === 'hidden') continue;
    const labels = [...(el.labels ?? [])].map((label) => label.textContent ?? '');
    const described = (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => (id ? document.getElementById(id)?.textContent ?? '' : ''));
    const words = [el.getAttribute('name') ?? '', el.getAttribute('placeholder') ?? '', el.getAttribute('aria-label') ?? '', ...labels, ...described];
    const values = typed(el) ? [el.value, el.getAttribute('placeholder') ?? ''] : [];
    const asks =
      words.some((text) => camel.test(text) || word.test(text)) || values.some((text) => uuid.test(text));
    if (asks) found.push(el.tagName.toLowerCase() + '[name=' + (el.getAttribute('name') ?? '') + '] ' + words.filter(Boolean).join(' | ').slice(0, 160));
  }
  return found;
})()`;

describe('the browser client: no page asks a moderator or an admin for a raw id', () => {
  const suite = browserSuite({ admin: true });
  const { app, admin } = suite;

  let group: GroupDetail;
  let moderator: TestMember;
  let member: TestMember;
  let membership: MyMembership;
  let threadId: string;
  let sessionId: string;

  async function api(who: TestMember, method: 'get' | 'post', path: string, body?: object): Promise<unknown> {
    const request = app.http[method](`/api${path}`).set('Authorization', who.bearer);
    const response = await (body ? request.send(body) : request);
    expect(response.status).toBeLessThan(300);
    return response.body;
  }

  beforeAll(async () => {
    group = await createGroup(app, admin);
    moderator = await registerMember(app);
    member = await registerMember(app);
    const moderatorship: MyMembership = await joinGroup(app, moderator, group.slug, { alias: 'Wijze Merel' });
    membership = await joinGroup(app, member, group.slug, { alias: 'Anna Lijster' });
    await api(admin, 'post', `/groups/${group.slug}/moderators`, { memberId: moderatorship.memberId });
    threadId = (
      (await api(member, 'post', `/groups/${group.slug}/threads`, { title: 'Een draad', body: 'Hallo' })) as {
        id: string;
      }
    ).id;
    await api(moderator, 'post', `/groups/${group.slug}/moderation/actions`, {
      action: 'warn',
      memberId: membership.memberId,
      reason: 'Een waarschuwing',
    });
    // An open session, and a series with a volunteer: the pages then show every facilitator control.
    const session = (await api(moderator, 'post', `/groups/${group.slug}/sessions`, {
      title: 'Nu samen',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 60 * 60_000).toISOString(),
      capacity: 6,
      facilitatorMemberId: moderatorship.memberId,
    })) as SessionView;
    sessionId = session.id;
    const series = (await api(moderator, 'post', `/groups/${group.slug}/session-series`, {
      title: 'Wekelijks',
      rhythm: 'weekly',
      firstDate: new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10),
      localTime: '19:00',
      durationMinutes: 90,
      count: 3,
      capacity: 8,
    })) as SeriesView;
    await api(member, 'post', `/groups/${group.slug}/session-series/${series.id}/signup`, { volunteer: true });
  }, 120_000);

  /** Each path in turn (the first through the login form), with the id requests each one shows. */
  async function sweep(who: TestMember, paths: string[]): Promise<string[]> {
    const page: Page = await suite.newPage(await suite.newContext());
    const found: string[] = [];
    let visited = 0;
    for (const [index, path] of paths.entries()) {
      if (index === 0) {
        await logInThroughForm(page, app.baseUrl, who, path);
      } else {
        await goInApp(page, path);
      }
      // Forms that fill in after the heading (lists, pickers' pages): let the page settle.
      await page
        .locator('[aria-busy="true"]')
        .first()
        .waitFor({ state: 'detached', timeout: 10_000 })
        .catch(() => undefined);
      await page.waitForTimeout(300);
      visited += (await page.locator('main input, main textarea, main select').count()) > 0 ? 1 : 0;
      for (const problem of await page.evaluate<string[]>(ASKS_FOR_ID)) {
        found.push(`${path}: ${problem}`);
      }
    }
    // The sweep must have seen forms, or it proves nothing.
    expect(visited).toBeGreaterThan(paths.length / 2);
    return found;
  }

  it('a moderator is never asked for an id on any page of the group', async () => {
    const base = `/groups/${group.slug}`;
    const paths = [
      base,
      `${base}/about`,
      `${base}/about/edit`,
      `${base}/hosts`,
      `${base}/threads/new`,
      `${base}/threads/${threadId}`,
      `${base}/notices`,
      `${base}/membership`,
      `${base}/moderation`,
      `${base}/moderation/audit`,
      `${base}/moderation/appeals`,
      `${base}/moderation/words`,
      `${base}/chat`,
      `${base}/sessions`,
      `${base}/sessions/${sessionId}`,
      `${base}/proposals`,
      `${base}/settings`,
      `${base}/buddies`,
      `${base}/support`,
      '/search',
      '/propose-group',
      '/notifications',
      '/account',
    ];
    expect(await sweep(moderator, paths)).toEqual([]);
  }, 300_000);

  it('an admin is never asked for an id on any admin page', async () => {
    const query = new URLSearchParams({ group: group.slug, member: membership.memberId, alias: 'Anna Lijster' });
    const paths = [
      '/admin',
      '/admin/groups/new',
      `/admin/groups/${group.slug}`,
      `/admin/members?${query.toString()}`,
      '/admin/group-proposals',
      '/admin/offline-groups',
      '/admin/words',
      '/admin/crisis',
      '/crisis',
      `/groups/${group.slug}/moderation/audit`,
      '/account',
    ];
    expect(await sweep(admin, paths)).toEqual([]);
  }, 300_000);

  it('finds a raw id field when a page has one (the check itself can fail)', async () => {
    const page = await suite.newPage(await suite.newContext());
    await page.goto(`${app.baseUrl}/login`);
    await page.locator('main h1').first().waitFor();
    await page.evaluate(`(() => {
      const main = document.querySelector('main');
      const label = document.createElement('label');
      label.textContent = 'Begeleider (lid-id)';
      label.htmlFor = 'probe-a';
      const a = document.createElement('input');
      a.id = 'probe-a';
      const b = document.createElement('input');
      b.name = 'facilitatorMemberId';
      const c = document.createElement('input');
      c.value = '3f1c2a9e-8d7b-4c6a-9e5f-1a2b3c4d5e6f';
      const d = document.createElement('input');
      d.name = 'valid';
      d.placeholder = 'Android';
      main.append(label, a, b, c, d);
    })()`);
    const found = await page.evaluate<string[]>(ASKS_FOR_ID);
    expect(found).toHaveLength(3);
    expect(found.join('\n')).toMatch(/lid-id/);
    expect(found.join('\n')).toMatch(/facilitatorMemberId/);
  });
});
