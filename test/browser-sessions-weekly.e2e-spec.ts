import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { SessionView } from '../src/contracts/chat.js';
import type { GroupDetail, MyMembership } from '../src/contracts/groups.js';
import type { SeriesView } from '../src/contracts/session-series.js';
import { registerMember, type TestMember } from './support/accounts.js';
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
import { call, connectChat, joinRoom } from './support/sockets.js';

/**
 * A weekly session in the browser client: a member signs up for a series and sees "starts in …"
 * on a 390 px phone, then takes part in a live meeting beside its facilitator on a desktop: the
 * opening text, a round in turn, the raise-hand queue and the closing text. Once with the member
 * in Dutch and the facilitator in English, once the other way round.
 */

const TEXTS = {
  nl: {
    locale: 'nl-BE',
    series: 'Vaste bijeenkomsten',
    volunteer: 'Ik wil een bijeenkomst begeleiden',
    signUp: 'Schrijf je in voor de reeks',
    signedUp: 'Je bent ingeschreven voor alle bijeenkomsten van de reeks.',
    startsIn: /Begint over \d+ min/,
    join: 'Naar de sessie',
    raise: 'Hand opsteken',
    lower: 'Hand laten zakken',
    yourTurn: 'Jij hebt het woord.',
    hasWord: (alias: string) => `${alias} heeft het woord.`,
    opening: 'Opening',
    round: 'Rondje starten',
    next: 'Volgende in het rondje',
    closing: 'Afsluiting',
    giveWord: 'Geef het woord',
    planSession: 'Een nieuwe sessie plannen',
    planSeries: 'Een nieuwe reeks plannen',
    finder: 'Zoek een lid op schuilnaam',
    choose: (alias: string) => `Kies ${alias}`,
    chosen: (alias: string) => `Gekozen: ${alias}.`,
    nobody: 'Niemand kiezen',
    nobodyChosen: 'Nog niemand gekozen.',
    planSubmit: 'De sessie plannen',
    planned: 'De sessie is gepland.',
    seriesSubmit: 'De reeks plannen',
    seriesPlanned: 'De reeks is gepland.',
    meetingFacilitator: 'Begeleider van deze bijeenkomst',
    chooseVolunteer: 'Kies een vrijwilliger',
    facilitatorNamed: 'De begeleider is aangeduid.',
    move: 'Deze bijeenkomst verplaatsen',
    moveSubmit: 'Verplaats de bijeenkomst',
    moved: 'De bijeenkomst is verplaatst.',
    timePassed: 'Dit tijdstip is al voorbij.',
    endsAfterStart: 'Een sessie eindigt na het begin.',
    cancel: 'De sessie afgelasten',
    cancelSubmit: 'Gelast de sessie af en wis de chat',
    cancelReasonRequired:
      'Geef een reden: afgelasten wist wat er in de sessie gezegd is, en de reden komt in het logboek.',
    cancelled: 'De sessie is afgelast.',
    cancelledBadge: 'Afgelast',
    later: 'Latere bijeenkomsten (2)',
    nextSession: 'Volgende bijeenkomst:',
    startsInExactly: (minutes: number) => `Begint over ${minutes} min`,
  },
  en: {
    locale: 'en-GB',
    series: 'Recurring sessions',
    volunteer: 'I am willing to facilitate a meeting',
    signUp: 'Sign up for the series',
    signedUp: 'You are signed up for every meeting of the series.',
    startsIn: /Starts in \d+ min/,
    join: 'Join the session',
    raise: 'Raise my hand',
    lower: 'Lower my hand',
    yourTurn: 'You have the word.',
    hasWord: (alias: string) => `${alias} has the word.`,
    opening: 'Opening',
    round: 'Start a round',
    next: 'Next in the round',
    closing: 'Closing',
    giveWord: 'Give the word',
    planSession: 'Plan a new session',
    planSeries: 'Plan a new series',
    finder: 'Find a member by their alias',
    choose: (alias: string) => `Choose ${alias}`,
    chosen: (alias: string) => `Chosen: ${alias}.`,
    nobody: 'Choose nobody',
    nobodyChosen: 'Nobody chosen yet.',
    planSubmit: 'Plan the session',
    planned: 'The session is planned.',
    seriesSubmit: 'Plan the series',
    seriesPlanned: 'The series is planned.',
    meetingFacilitator: 'Facilitator of this meeting',
    chooseVolunteer: 'Choose a volunteer',
    facilitatorNamed: 'The facilitator is named.',
    move: 'Move this meeting',
    moveSubmit: 'Move the meeting',
    moved: 'The meeting is moved.',
    timePassed: 'This time has passed already.',
    endsAfterStart: 'A session ends after it starts.',
    cancel: 'Cancel the session',
    cancelSubmit: 'Cancel the session and delete its chat',
    cancelReasonRequired:
      'Give a reason: cancelling deletes what was said in the session, and the reason goes into the audit log.',
    cancelled: 'The session is cancelled.',
    cancelledBadge: 'Cancelled',
    later: 'Later meetings (2)',
    nextSession: 'Next session:',
    startsInExactly: (minutes: number) => `Starts in ${minutes} min`,
  },
} as const;

/** Date and `HH:MM` in Brussels, `minutes` from now: a series' first meeting. */
function brussels(minutes: number): { firstDate: string; localTime: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Brussels',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(Date.now() + minutes * 60_000))
      .map((part) => [part.type, part.value]),
  );
  return { firstDate: `${parts.year}-${parts.month}-${parts.day}`, localTime: `${parts.hour}:${parts.minute}` };
}

/** A `datetime-local` value in this machine's time zone (the browser's too): `days` from today at `time`. */
function localInput(days: number, time: string): string {
  const date = new Date(Date.now() + days * 86_400_000);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${time}`;
}

describe('the browser client: a weekly session with a round and the raise-hand queue', () => {
  const suite = browserSuite({ admin: true });
  const { app, admin } = suite;

  async function newPage(locale: string, viewport: { width: number; height: number }): Promise<Page> {
    return suite.newPage(await suite.newContext({ locale, viewport, bypassCSP: true }));
  }

  /** Whether the page fits its width; when not, the widest elements, to say which one. */
  async function fitsWidth(page: Page): Promise<boolean | string[]> {
    return page.evaluate(`(() => {
      if (document.documentElement.scrollWidth <= window.innerWidth) return true;
      return [...document.querySelectorAll('main *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(-5)
        .map((el) => el.tagName + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().right));
    })()`);
  }

  async function planSeries(
    group: GroupDetail,
    moderator: TestMember,
    overrides: Record<string, unknown>,
  ): Promise<SeriesView> {
    const response = await app.http
      .post(`/api/groups/${group.slug}/session-series`)
      .set('Authorization', moderator.bearer)
      .send({ rhythm: 'weekly', durationMinutes: 120, count: 4, capacity: 10, ...overrides });
    expect(response.status).toBe(201);
    return response.body as SeriesView;
  }

  for (const [memberLang, leadLang] of [
    ['nl', 'en'],
    ['en', 'nl'],
  ] as const) {
    it(`a member (${memberLang}, 390 px) signs up and takes part; the facilitator (${leadLang}, desktop) leads the rituals`, async () => {
      const m = TEXTS[memberLang];
      const l = TEXTS[leadLang];
      const group = await createGroup(app, admin);
      const lead = await registerMember(app);
      const leadIn: MyMembership = await joinGroup(app, lead, group.slug, { alias: 'Wijze Merel' });
      await makeModerator(app, leadIn);
      const member = await registerMember(app);
      await joinGroup(app, member, group.slug, { alias: 'Anna Lijster' });
      const other = await registerMember(app);
      await joinGroup(app, other, group.slug, { alias: 'Bram Vink' });
      // One series meets now (its first meeting began five minutes ago), one starts in a few minutes.
      const now = await planSeries(group, lead, {
        title: 'Donderdagavond',
        ...brussels(-5),
        facilitatorMemberId: leadIn.memberId,
        closingText: 'Dank jullie wel. Tot volgende week.',
      });
      await planSeries(group, lead, { title: 'Vrijdagochtend', ...brussels(7) });

      // The member signs up for both on a phone, offering to facilitate the first.
      const phone = await newPage(m.locale, PHONE);
      await logInThroughForm(phone, app.baseUrl, member, `/groups/${group.slug}/sessions`);
      const section = phone.locator('main section', { hasText: m.series });
      await section.waitFor();
      const first = section.locator('li', { hasText: 'Donderdagavond' });
      await first.getByLabel(m.volunteer).check();
      await first.getByRole('button', { name: m.signUp }).click();
      await phone.getByText(m.signedUp).waitFor();
      await phone
        .locator('main section', { hasText: m.series })
        .locator('li', { hasText: 'Vrijdagochtend' })
        .getByRole('button', { name: m.signUp })
        .click();
      await phone.getByText(m.signedUp).waitFor();
      await phone.locator('[data-testid="starts-soon"]', { hasText: m.startsIn }).first().waitFor();
      expect(await fitsWidth(phone)).toBe(true);
      expect(await seriousAxeViolations(phone, `sessions (${memberLang}, 390 px)`)).toEqual([]);
      await screenshot(phone, `sessions-weekly-list-${memberLang}-390`);

      // A third member is in the room over a socket, so the round has two turns.
      expect(
        (
          await app.http
            .post(`/api/groups/${group.slug}/session-series/${now.id}/signup`)
            .set('Authorization', other.bearer)
            .send({})
        ).status,
      ).toBe(200);
      const meetings = (await app.http.get(`/api/groups/${group.slug}/sessions`).set('Authorization', lead.bearer))
        .body as SessionView[];
      const meeting = meetings.find((session) => session.series?.id === now.id && session.open)!;
      const room = { group: group.slug, session: meeting.id };
      const bram = await connectChat(app, other);
      await joinRoom(bram, room);

      await phone.locator('main li', { hasText: 'Donderdagavond' }).first().getByRole('link', { name: m.join }).click();
      const live = phone.locator('[data-testid="facilitation"]');
      await live.waitFor();

      const desk = await newPage(l.locale, DESKTOP);
      await logInThroughForm(desk, app.baseUrl, lead, `/groups/${group.slug}/sessions/${meeting.id}`);
      const leadLive = desk.locator('[data-testid="facilitation"]');
      await leadLive.waitFor();

      // The opening: the pledge read out, on every screen.
      await leadLive.getByRole('button', { name: l.opening, exact: true }).click();
      await live.locator('[data-testid="opening-text"]', { hasText: group.pledge }).waitFor();

      // The raise-hand queue: the member raises her hand; the facilitator sees it.
      await live.getByRole('button', { name: m.raise }).click();
      await live.locator('[data-testid="hand-queue"]', { hasText: 'Anna Lijster' }).waitFor();
      await leadLive.locator('[data-testid="hand-queue"]', { hasText: 'Anna Lijster' }).waitFor();
      await live.getByRole('button', { name: m.lower }).click();
      await leadLive.locator('[data-testid="hand-queue"]').waitFor({ state: 'detached' });

      // The round: each present member in turn, the facilitator left out.
      await leadLive.getByRole('button', { name: l.round }).click();
      const floor = live.locator('[data-testid="facilitation-floor"]');
      await floor.filter({ hasText: new RegExp(`${m.yourTurn}|${m.hasWord('Bram Vink')}`) }).waitFor();
      await leadLive.locator('[data-testid="round-list"]').waitFor();
      await leadLive.getByRole('button', { name: l.next }).click();
      await leadLive.locator('[data-testid="round-list"]').waitFor({ state: 'detached' });
      await leadLive.getByRole('button', { name: l.next }).click();
      await leadLive.getByRole('button', { name: l.next }).waitFor({ state: 'detached' });
      await floor.filter({ hasText: memberLang === 'nl' ? 'Iedereen mag spreken.' : 'Everyone may speak.' }).waitFor();
      expect(await seriousAxeViolations(phone, `live session (${memberLang}, 390 px)`)).toEqual([]);
      // The whole session page fits the phone, in both languages (the section tabs scroll inside their own row).
      expect(await fitsWidth(phone)).toBe(true);
      expect(
        await phone.evaluate<boolean>(
          `document.querySelector('[data-testid="facilitation"]').getBoundingClientRect().right <= window.innerWidth + 1`,
        ),
      ).toBe(true);

      // Open talk: a raised hand gets the word from the queue.
      expect(await call(bram, 'session:hand', { ...room, raised: true })).toMatchObject({ ok: true });
      const bramsHand = leadLive.locator('[data-testid="hand-queue"] li', { hasText: 'Bram Vink' });
      await bramsHand.getByRole('button', { name: l.giveWord }).click();
      await floor.filter({ hasText: m.hasWord('Bram Vink') }).waitFor();
      await live.getByRole('button', { name: m.raise }).click();
      await leadLive.locator('[data-testid="hand-queue"]', { hasText: 'Anna Lijster' }).waitFor();
      await screenshot(phone, `sessions-weekly-live-${memberLang}-390`);
      expect(await seriousAxeViolations(desk, `live session (${leadLang}, desktop)`)).toEqual([]);
      await screenshot(desk, `sessions-weekly-lead-${leadLang}-desktop`);

      // The closing text.
      await leadLive.getByRole('button', { name: l.closing, exact: true }).click();
      await live.locator('[data-testid="closing-text"]', { hasText: 'Dank jullie wel. Tot volgende week.' }).waitFor();
      bram.disconnect();
    });
  }

  /** A one-off session planned over the API, starting `minutes` from now. */
  async function planSession(
    group: GroupDetail,
    moderator: TestMember,
    facilitatorMemberId: string,
    minutes: number,
  ): Promise<SessionView> {
    const response = await app.http
      .post(`/api/groups/${group.slug}/sessions`)
      .set('Authorization', moderator.bearer)
      .send({
        title: 'Avond op zijn eentje',
        startsAt: new Date(Date.now() + minutes * 60_000).toISOString(),
        endsAt: new Date(Date.now() + (minutes + 90) * 60_000).toISOString(),
        capacity: 8,
        facilitatorMemberId,
      });
    expect(response.status).toBe(201);
    return response.body as SessionView;
  }

  async function sessionsOf(group: GroupDetail, who: TestMember): Promise<SessionView[]> {
    const response = await app.http.get(`/api/groups/${group.slug}/sessions`).set('Authorization', who.bearer);
    expect(response.status).toBe(200);
    return response.body as SessionView[];
  }

  /** A group with a moderator ("Wijze Merel") and two members. */
  async function groupWithPeople(): Promise<{
    group: GroupDetail;
    lead: TestMember;
    leadIn: MyMembership;
    anna: TestMember;
    bram: TestMember;
  }> {
    const group = await createGroup(app, admin);
    const lead = await registerMember(app);
    const leadIn: MyMembership = await joinGroup(app, lead, group.slug, { alias: 'Wijze Merel' });
    await makeModerator(app, leadIn);
    const anna = await registerMember(app);
    await joinGroup(app, anna, group.slug, { alias: 'Anna Lijster' });
    const bram = await registerMember(app);
    await joinGroup(app, bram, group.slug, { alias: 'Bram Vink' });
    return { group, lead, leadIn, anna, bram };
  }

  for (const lang of ['nl', 'en'] as const) {
    const T = TEXTS[lang];

    it(`a moderator (${lang}, 390 px) plans a session and a series choosing facilitators by alias, never by a typed id`, async () => {
      const { group, lead, anna, bram } = await groupWithPeople();
      const page = await newPage(T.locale, PHONE);
      await logInThroughForm(page, app.baseUrl, lead, `/groups/${group.slug}/sessions`);

      // A one-off session: the moderator herself is chosen until she picks another member by alias.
      const plan = page.locator('main section', { has: page.locator('summary', { hasText: T.planSession }) });
      await plan.locator('summary', { hasText: T.planSession }).click();
      const chosen = plan.getByTestId('member-chosen');
      await chosen.filter({ hasText: T.chosen('Wijze Merel') }).waitFor();
      await plan.getByRole('searchbox', { name: T.finder }).fill('lijst');
      await plan.getByRole('button', { name: T.choose('Anna Lijster') }).click();
      await chosen.filter({ hasText: T.chosen('Anna Lijster') }).waitFor();
      await plan.locator('input[name="title"]').fill('Avondgesprek');
      await plan.locator('input[name="startsAt"]').fill(localInput(2, '19:00'));
      await plan.locator('input[name="endsAt"]').fill(localInput(2, '20:30'));
      expect(await page.locator('main input[name$="MemberId" i], main input[name$="Id"]').count()).toBe(0);
      expect(await fitsWidth(page)).toBe(true);
      await plan.getByRole('button', { name: T.planSubmit }).click();
      await page.getByText(T.planned).waitFor();
      const planned = (await sessionsOf(group, lead)).find((session) => session.title === 'Avondgesprek');
      expect(planned?.facilitator?.alias).toBe('Anna Lijster');

      // A series with nobody named yet: each meeting's facilitator is picked later from its volunteers.
      const seriesPlan = page.locator('main section', { has: page.locator('summary', { hasText: T.planSeries }) });
      await seriesPlan.locator('summary', { hasText: T.planSeries }).click();
      await seriesPlan.getByRole('button', { name: T.nobody }).click();
      await seriesPlan.getByTestId('member-chosen').filter({ hasText: T.nobodyChosen }).waitFor();
      await seriesPlan.locator('input[name="title"]').fill('Maandagkring');
      await seriesPlan.locator('input[name="firstDate"]').fill(localInput(1, '00:00').slice(0, 10));
      await seriesPlan.locator('input[name="count"]').fill('3');
      await seriesPlan.getByRole('button', { name: T.seriesSubmit }).click();
      await page.getByText(T.seriesPlanned).waitFor();
      const series = (
        (await app.http.get(`/api/groups/${group.slug}/session-series`).set('Authorization', lead.bearer))
          .body as SeriesView[]
      ).find((one) => one.title === 'Maandagkring')!;
      expect(series.volunteers).toEqual([]);
      for (const volunteer of [anna, bram]) {
        const response = await app.http
          .post(`/api/groups/${group.slug}/session-series/${series.id}/signup`)
          .set('Authorization', volunteer.bearer)
          .send({ volunteer: true });
        expect(response.status).toBe(200);
      }

      // One meeting's facilitator, from the members who volunteered (and only them).
      await goInApp(page, `/groups/${group.slug}`);
      await goInApp(page, `/groups/${group.slug}/sessions`);
      const meeting = page.locator('main ol.queue').first().locator(':scope > li', { hasText: 'Maandagkring' }).first();
      const select = meeting.getByLabel(T.meetingFacilitator);
      expect((await select.locator('option').allTextContents()).sort()).toEqual(
        ['Anna Lijster', 'Bram Vink', T.chooseVolunteer].sort(),
      );
      await select.selectOption({ label: 'Bram Vink' });
      await page.getByText(T.facilitatorNamed).waitFor();
      const first = (await sessionsOf(group, lead)).find((session) => session.series?.id === series.id);
      expect(first?.facilitator?.alias).toBe('Bram Vink');
      await screenshot(page, `sessions-plan-by-alias-${lang}-390`);
    });

    it(`a moderator (${lang}, 390 px) moves one meeting of a series and cancels another; refusals in ${lang}`, async () => {
      const { group, lead, leadIn } = await groupWithPeople();
      const series = await planSeries(group, lead, {
        title: 'Dinsdagavond',
        ...brussels(24 * 60),
        durationMinutes: 90,
        facilitatorMemberId: leadIn.memberId,
      });
      const page = await newPage(T.locale, PHONE);
      await logInThroughForm(page, app.baseUrl, lead, `/groups/${group.slug}/sessions`);
      const meetings = page.locator('main ol.queue').first().locator(':scope > li');
      await meetings.first().waitFor();
      expect(await meetings.count()).toBe(2);
      // The later meetings are there for moderators, folded.
      await page.locator('summary', { hasText: T.later }).waitFor();

      const firstMeeting = meetings.first();
      await firstMeeting.locator('summary', { hasText: T.move }).click();
      const move = firstMeeting.locator('form', { has: page.getByRole('button', { name: T.moveSubmit }) });
      // The server refuses a time already past: said at the field, in the member's language.
      await move.locator('input[name="startsAt"]').fill(localInput(-2, '19:00'));
      await move.locator('input[name="endsAt"]').fill(localInput(-2, '20:00'));
      await move.getByRole('button', { name: T.moveSubmit }).click();
      await move.locator('.field-error', { hasText: T.timePassed }).waitFor();
      // An end before the start is refused before it is sent, in the same language.
      await move.locator('input[name="startsAt"]').fill(localInput(3, '20:00'));
      await move.locator('input[name="endsAt"]').fill(localInput(3, '19:00'));
      await move.getByRole('button', { name: T.moveSubmit }).click();
      await move.locator('.field-error', { hasText: T.endsAfterStart }).waitFor();
      await page.evaluate(`document.querySelectorAll('main details').forEach((details) => { details.open = true; })`);
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, `sessions-move-${lang}-390`);
      await move.locator('input[name="endsAt"]').fill(localInput(3, '21:30'));
      await move.locator('textarea[name="reason"]').fill('Zaal bezet');
      await move.getByRole('button', { name: T.moveSubmit }).click();
      await page.getByText(T.moved).waitFor();
      const moved = (await sessionsOf(group, lead)).filter((session) => session.series?.id === series.id);
      expect(moved.map((session) => session.startsAt)).toContain(new Date(localInput(3, '20:00')).toISOString());
      expect(moved.map((session) => session.endsAt)).toContain(new Date(localInput(3, '21:30')).toISOString());

      // Cancelling one meeting takes a reason; the meeting stays listed as cancelled.
      const second = page.locator('main ol.queue').first().locator(':scope > li').nth(1);
      const secondTitle = await second.locator('.thread-facts').textContent();
      await second.locator('summary', { hasText: T.cancel }).click();
      const cancel = second.locator('form', { has: page.getByRole('button', { name: T.cancelSubmit }) });
      await cancel.getByRole('button', { name: T.cancelSubmit }).click();
      await cancel.locator('.field-error', { hasText: T.cancelReasonRequired }).waitFor();
      await cancel.locator('textarea[name="reason"]').fill('Feestdag');
      await cancel.getByRole('button', { name: T.cancelSubmit }).click();
      await page.getByText(T.cancelled).waitFor();
      await page
        .locator('main ol.queue')
        .first()
        .locator(':scope > li', { hasText: secondTitle ?? '' })
        .locator('.badge', { hasText: T.cancelledBadge })
        .waitFor();
      const after = (await sessionsOf(group, lead)).filter((session) => session.series?.id === series.id);
      expect(after.filter((session) => session.cancelled)).toHaveLength(1);
      expect(after).toHaveLength(4);
    });

    it(`the group page (${lang}, 390 px) counts down to the next session a minute at a time`, async () => {
      const { group, leadIn, lead, anna } = await groupWithPeople();
      // Ten and a half minutes ahead: not yet "soon"; a minute later it is.
      await planSession(group, lead, leadIn.memberId, 10.5);
      const context = await suite.newContext({ locale: T.locale, viewport: PHONE });
      const page = await suite.newPage(context);
      await page.clock.install();
      await logInThroughForm(page, app.baseUrl, anna, `/groups/${group.slug}`);
      const next = page.getByTestId('next-session');
      await next.filter({ hasText: T.nextSession }).waitFor();
      const badge = next.getByTestId('starts-soon');
      expect(await badge.isHidden()).toBe(true);
      await page.clock.fastForward(60_000);
      await badge.filter({ hasText: T.startsInExactly(10) }).waitFor();
      await page.clock.fastForward(60_000);
      await badge.filter({ hasText: T.startsInExactly(9) }).waitFor();
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, `group-next-session-${lang}-390`);
    });
  }
});
