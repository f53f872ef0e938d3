import { describe, expect, it } from '@jest/globals';
import type { SessionView } from '../src/contracts/chat.js';
import type { SeriesView } from '../src/contracts/session-series.js';
import { registerMember } from './support/accounts.js';
import { browserSuite, logInThroughForm, PHONE } from './support/browser.js';
import { createGroup, joinGroup, makeModerator } from './support/groups.js';

const TEXTS = {
  en: {
    locale: 'en-GB',
    series: 'Recurring sessions',
    signUp: 'Sign up for the series',
    signedUpExcept: 'You are signed up for the series, but no place was free at the meeting of',
    noPlaceAt: 'No place for you at the meeting of',
  },
  nl: {
    locale: 'nl-BE',
    series: 'Vaste bijeenkomsten',
    signUp: 'Schrijf je in voor de reeks',
    signedUpExcept: 'Je bent ingeschreven voor de reeks, maar er was geen plaats meer vrij in de bijeenkomst van',
    noPlaceAt: 'Geen plaats voor jou in de bijeenkomst van',
  },
} as const;

/**
 * A series sign-up in the browser when one meeting was filled by one-off sign-ups: the member is
 * told at once which meeting has no place for her, and the series card keeps saying so.
 */
describe('the browser client: a series sign-up with a full meeting', () => {
  const suite = browserSuite({ admin: true });
  const { app, admin } = suite;

  for (const lang of ['en', 'nl'] as const) {
    it(`says which meeting had no place left (${lang}, 390 px)`, async () => {
      const T = TEXTS[lang];
      const group = await createGroup(app, admin);
      const lead = await registerMember(app);
      await makeModerator(app, await joinGroup(app, lead, group.slug, { alias: 'Kalme Reiger' }));
      const firstDate = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
      const planned = await app.http
        .post(`/api/groups/${group.slug}/session-series`)
        .set('Authorization', lead.bearer)
        .send({
          title: 'Woensdagkring',
          rhythm: 'weekly',
          firstDate,
          localTime: '19:00',
          durationMinutes: 90,
          count: 2,
          capacity: 2,
        });
      expect(planned.status).toBe(201);
      const series = planned.body as SeriesView;
      const meetings = (
        (await app.http.get(`/api/groups/${group.slug}/sessions`).set('Authorization', lead.bearer))
          .body as SessionView[]
      ).filter((session) => session.series?.id === series.id);
      for (const alias of ['Eerste Gast', 'Tweede Gast']) {
        const guest = await registerMember(app);
        await joinGroup(app, guest, group.slug, { alias });
        const taken = await app.http
          .post(`/api/groups/${group.slug}/sessions/${meetings[1].id}/signup`)
          .set('Authorization', guest.bearer);
        expect(taken.status).toBe(200);
      }
      const member = await registerMember(app);
      await joinGroup(app, member, group.slug, { alias: 'Dana Zwaluw' });

      const page = await suite.newPage(await suite.newContext({ locale: T.locale, viewport: PHONE }));
      await logInThroughForm(page, app.baseUrl, member, `/groups/${group.slug}/sessions`);
      const card = page.locator('main section', { hasText: T.series }).locator('li', { hasText: 'Woensdagkring' });
      await card.getByRole('button', { name: T.signUp }).click();
      await page.getByText(T.signedUpExcept).waitFor();
      const note = page.locator('main section', { hasText: T.series }).locator('p', { hasText: T.noPlaceAt });
      await note.waitFor();
      expect(await note.locator('time').getAttribute('datetime')).toBe(meetings[1].startsAt);
      expect(await note.locator('time').count()).toBe(1);
    });
  }
});
