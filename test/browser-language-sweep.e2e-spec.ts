import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { GroupDetail, MyMembership } from '../src/contracts/groups.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { browserSuite, goInApp, logInThroughForm } from './support/browser.js';
import { createGroup, joinGroup } from './support/groups.js';

/**
 * Every word in the reader's language: each main page, as a guest, a member, a moderator and an
 * admin, is read in Dutch and in English, and its visible text must hold no common function word
 * of the other language. What people wrote (group texts, aliases, posts, reasons) is seeded with
 * the marker "Zqx" and left out, with any text the groups of the site carry in their own language.
 */

const MARKER = /zqx/i;

/** Words that give away an English sentence (not also Dutch words, as "is", "in", "was" and "of" are). */
const ENGLISH = [
  'the',
  'you',
  'your',
  'this',
  'that',
  'has',
  'have',
  'with',
  'for',
  'are',
  'and',
  'not',
  'will',
  'from',
];
/** Names that are not sentences of either language: the French-speaking Belgian crisis line. */
const PROPER_NAMES = ['Centre de Prévention du Suicide'];
/** Words that give away a Dutch sentence. */
const DUTCH = ['de', 'het', 'je', 'jij', 'een', 'niet', 'van', 'voor', 'met', 'deze', 'wordt', 'naar', 'jouw', 'ook'];

describe('the browser client: every page in the reader’s language', () => {
  const suite = browserSuite({ admin: true });
  const { app, admin } = suite;

  interface Seeded {
    group: GroupDetail;
    member: TestMember;
    moderator: TestMember;
    threadId: string;
  }

  async function api(who: TestMember, method: 'get' | 'post', path: string, body?: object): Promise<unknown> {
    const request = app.http[method](`/api${path}`).set('Authorization', who.bearer);
    const response = await (body ? request.send(body) : request);
    expect(response.status).toBeLessThan(300);
    return response.body;
  }

  /** A group of one language with a member who was warned, a moderator appointed by the admin, and a thread. */
  async function seed(locale: 'nl' | 'en'): Promise<Seeded> {
    const group = await createGroup(app, admin, {
      name: `Zqx ${locale}`,
      description: 'Zqx-omschrijving',
      pledge: 'Zqx-belofte',
      locale,
    });
    const member = await registerMember(app);
    const moderator = await registerMember(app);
    const membership = await joinGroup(app, member, group.slug, { alias: `Zqx Lid ${locale}` });
    const moderatorship: MyMembership = await joinGroup(app, moderator, group.slug, { alias: `Zqx Mod ${locale}` });
    await api(admin, 'post', `/groups/${group.slug}/moderators`, { memberId: moderatorship.memberId });
    const thread = (await api(member, 'post', `/groups/${group.slug}/threads`, {
      title: 'Zqx-titel',
      body: 'Zqx-bericht',
    })) as { id: string };
    await api(member, 'post', `/groups/${group.slug}/threads/${thread.id}/posts`, { body: 'Zqx-antwoord' });
    await api(moderator, 'post', `/groups/${group.slug}/moderation/actions`, {
      action: 'warn',
      memberId: membership.memberId,
      reason: 'Zqx-reden',
    });
    return { group, member, moderator, threadId: thread.id };
  }

  /** What the groups of the site say in their own language: names, descriptions, pledges. */
  async function groupTexts(): Promise<string[]> {
    const groups = (await app.http.get('/api/groups')).body as Record<string, unknown>[];
    const texts = new Set<string>();
    for (const group of groups) {
      const detail = (await app.http.get(`/api/groups/${String(group.slug)}/info`)).body as Record<string, unknown>;
      for (const value of [...Object.values(group), ...Object.values(detail)]) {
        if (typeof value === 'string' && value.length > 3) {
          texts.add(value);
        }
        if (Array.isArray(value)) {
          value.filter((item): item is string => typeof item === 'string').forEach((item) => texts.add(item));
        }
      }
    }
    return [...texts].sort((a, b) => b.length - a.length);
  }

  /** The lines of the page's visible text that hold a word of `words`, people's own texts left out. */
  async function foreignLines(page: Page, words: string[], skip: string[]): Promise<string[]> {
    // Lists and live regions fill in after the heading: let the page settle first (no busy region, then a moment).
    await page
      .locator('[aria-busy="true"]')
      .first()
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => undefined);
    await page.waitForTimeout(400);
    let text = await page.evaluate<string>('document.body.innerText');
    for (const own of skip) {
      text = text.split(own).join('\n');
    }
    const pattern = new RegExp(`(^|[^\\p{L}])(${words.join('|')})(?=$|[^\\p{L}])`, 'iu');
    return text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !MARKER.test(line) && pattern.test(line));
  }

  async function sweep(
    language: 'nl' | 'en',
    who: TestMember | null,
    paths: string[],
    skip: string[],
  ): Promise<string[]> {
    const page = await suite.newPage(await suite.newContext({ locale: language === 'nl' ? 'nl-BE' : 'en-GB' }));
    const words = language === 'nl' ? ENGLISH : DUTCH;
    const found: string[] = [];
    for (const [index, path] of paths.entries()) {
      if (!who) {
        await page.goto(`${app.baseUrl}${path}`);
        await page.locator('main h1').first().waitFor();
      } else if (index === 0) {
        await logInThroughForm(page, app.baseUrl, who, path);
      } else {
        await goInApp(page, path);
      }
      for (const line of await foreignLines(page, words, skip)) {
        found.push(`${language} ${who ? 'signed in' : 'guest'} ${path}: ${line}`);
      }
    }
    return found;
  }

  /**
   * The reader's language, not the group's: a Dutch reader in an English group and an English
   * reader in a Dutch group. The crisis lines themselves follow the group (which helplines apply);
   * every sentence around them, the warning and the crisis notice follow the reader.
   */
  describe.each([
    ['nl', 'en'],
    ['en', 'nl'],
  ] as const)('a reader in %s in a group in %s', (language, groupLocale) => {
    let seeded: Seeded;
    let skip: string[];

    beforeAll(async () => {
      seeded = await seed(groupLocale);
      skip = [...PROPER_NAMES, ...(await groupTexts())];
    }, 120_000);

    it('reads the crisis panel, the warning and the crisis notice in their own language', async () => {
      const page = await suite.newPage(await suite.newContext({ locale: language === 'nl' ? 'nl-BE' : 'en-GB' }));
      const words = language === 'nl' ? ENGLISH : DUTCH;
      const slug = seeded.group.slug;
      await logInThroughForm(page, app.baseUrl, seeded.member, `/groups/${slug}/chat`);
      await page
        .getByRole('button', {
          name: language === 'nl' ? 'Ik wil nu met iemand praten' : 'I want to talk to someone now',
        })
        .click();
      const panel = page.locator('.crisis-panel');
      await panel.waitFor();
      await panel.locator('.crisis-panel-intro').filter({ hasText: /\S/ }).waitFor();
      const found = (await foreignLines(page, words, skip)).map((line) => `chat: ${line}`);
      await goInApp(page, `/groups/${slug}/notices`);
      await page.locator('.member-notice.kind-crisis').first().waitFor();
      await page.locator('.member-notice.kind-warning').first().waitFor();
      found.push(...(await foreignLines(page, words, skip)).map((line) => `notices: ${line}`));
      expect(found).toEqual([]);
    }, 300_000);
  });

  describe.each(['nl', 'en'] as const)('in %s', (language) => {
    let seeded: Seeded;
    let skip: string[];
    const slug = () => seeded.group.slug;

    beforeAll(async () => {
      seeded = await seed(language);
      skip = [...PROPER_NAMES, ...(await groupTexts())];
    }, 120_000);

    it('shows a guest no sentence of the other language', async () => {
      const paths = ['/', '/login', '/register', '/groups', `/groups/${slug()}/about`, '/help'];
      expect(await sweep(language, null, paths, skip)).toEqual([]);
    }, 300_000);

    it('shows a member no sentence of the other language', async () => {
      const paths = [
        '/groups',
        `/groups/${slug()}`,
        `/groups/${slug()}/about`,
        `/groups/${slug()}/threads/${seeded.threadId}`,
        `/groups/${slug()}/chat`,
        `/groups/${slug()}/sessions`,
        `/groups/${slug()}/notices`,
        `/groups/${slug()}/membership`,
        `/groups/${slug()}/buddies`,
        '/notifications',
        '/account',
      ];
      expect(await sweep(language, seeded.member, paths, skip)).toEqual([]);
    }, 300_000);

    it('shows a moderator no sentence of the other language', async () => {
      const base = `/groups/${slug()}/moderation`;
      const paths = [base, `${base}/audit`, `${base}/appeals`, `${base}/words`];
      expect(await sweep(language, seeded.moderator, paths, skip)).toEqual([]);
    }, 300_000);

    it('shows an admin no sentence of the other language', async () => {
      const paths = [
        '/admin',
        `/admin/groups/${slug()}`,
        '/admin/group-proposals',
        '/admin/words',
        '/admin/crisis',
        '/crisis',
        `/groups/${slug()}/moderation/audit`,
      ];
      expect(await sweep(language, admin, paths, skip)).toEqual([]);
    }, 300_000);
  });
});
