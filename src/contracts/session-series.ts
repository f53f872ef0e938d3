import { z } from 'zod';
import { SESSION_CAPACITY_MAX, SESSION_CAPACITY_MIN, type ChatMember } from './chat.js';
import { text } from './text.js';

/**
 * Recurring sessions ("intensiteit (veelal wekelijks)"): a series meets every week or every other
 * week at a local time, or runs as a fixed course of meetings for a closed cohort. Each meeting is
 * an ordinary session (`SessionView`, with `series` set) that can be moved or cancelled alone.
 */

export const SERIES_COUNT_MAX = 52;
export const SERIES_TEXT_MAX = 2000;
export const DEFAULT_TIME_ZONE = 'Europe/Brussels';
export const SERIES_RHYTHMS = ['weekly', 'biweekly'] as const;
export type SeriesRhythm = (typeof SERIES_RHYTHMS)[number];

const ritualText = text({ max: SERIES_TEXT_MAX, multiline: true });

/** How far ahead a series may start: its meetings are planned at once, and a year past 9999 is no date. */
export const SERIES_START_MAX_YEARS = 2;
export const NOT_A_DATE_MESSAGE = 'This is not a real date.';
export const TOO_FAR_AHEAD_MESSAGE = `A series starts at most ${SERIES_START_MAX_YEARS} years from today.`;

/** Whether a `YYYY-MM-DD` string names a day of the calendar (not 2027-02-30 or 2027-13-01). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) {
    return false;
  }
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // Date.UTC would read years 0–99 as 1900–1999
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Whether a calendar date lies at most `SERIES_START_MAX_YEARS` from today (any time zone's today). */
export function withinPlanningHorizon(value: string, now = new Date()): boolean {
  const limit = new Date(now);
  limit.setUTCFullYear(limit.getUTCFullYear() + SERIES_START_MAX_YEARS);
  return value <= limit.toISOString().slice(0, 10);
}

export const createSeriesSchema = z.strictObject({
  title: text({ min: 3, max: 120, tooShort: 'Use at least 3 characters.' }),
  rhythm: z.enum(SERIES_RHYTHMS, { error: 'Choose every week or every other week.' }),
  /** The first meeting's date in `timeZone`. */
  firstDate: text({ min: 10, max: 10 })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Give a date as YYYY-MM-DD.', abort: true })
    .refine(isCalendarDate, { message: NOT_A_DATE_MESSAGE, abort: true })
    .refine((date) => withinPlanningHorizon(date), TOO_FAR_AHEAD_MESSAGE),
  /** The local time of every meeting in `timeZone`, kept across daylight-saving changes. */
  localTime: text({ min: 5, max: 5 }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Give a time as HH:MM.'),
  timeZone: text({ min: 1, max: 40 }).default(DEFAULT_TIME_ZONE),
  durationMinutes: z
    .number()
    .int()
    .min(15)
    .max(12 * 60),
  /** How many meetings: a course's length, or how far ahead a weekly group is planned. */
  count: z.number().int().min(1).max(SERIES_COUNT_MAX),
  capacity: z.number().int().min(SESSION_CAPACITY_MIN).max(SESSION_CAPACITY_MAX),
  /** Only those signed up for the series take part (a fixed course with the same members). */
  closedCohort: z.boolean().default(false),
  /** Read out at the opening; empty: the group's pledge. */
  openingText: ritualText.default(''),
  closingText: ritualText.default(''),
  /** A member who leads every meeting until another volunteer is named for one; signed up as a volunteer. */
  facilitatorMemberId: z.uuid('Not a member id.').optional(),
});

export const seriesSignupSchema = z.strictObject({
  /** Willing to facilitate a meeting of the series ("dit kan steeds rouleren"). */
  volunteer: z.boolean().default(false),
});

export const moveSessionSchema = z
  .strictObject({
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    reason: text({ max: 1000, multiline: true }).default(''),
  })
  .superRefine((value, ctx) => {
    const starts = Date.parse(value.startsAt);
    const ends = Date.parse(value.endsAt);
    if (ends <= starts) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'A session ends after it starts.' });
    } else if (ends - starts > 12 * 60 * 60 * 1000) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'A session lasts at most 12 hours.' });
    }
  });

export const sessionFacilitatorSchema = z.strictObject({ memberId: z.uuid('Not a member id.') });

export type CreateSeriesRequest = z.infer<typeof createSeriesSchema>;
export type SeriesSignupRequest = z.infer<typeof seriesSignupSchema>;
export type MoveSessionRequest = z.infer<typeof moveSessionSchema>;
export type SessionFacilitatorRequest = z.infer<typeof sessionFacilitatorSchema>;

export interface SeriesView {
  id: string;
  group: string;
  title: string;
  rhythm: SeriesRhythm;
  firstDate: string;
  localTime: string;
  timeZone: string;
  durationMinutes: number;
  count: number;
  capacity: number;
  closedCohort: boolean;
  openingText: string;
  closingText: string;
  /** Members signed up for the whole series. */
  signedUp: number;
  /** Whether the asking member signed up for the series, and volunteered. */
  mine: boolean;
  volunteer: boolean;
  /** The members who volunteered to facilitate: a meeting's facilitator is one of them. */
  volunteers: ChatMember[];
  /** The next meeting that is not cancelled, if any. */
  next: { id: string; startsAt: string } | null;
  /**
   * For a member signed up for the series: its meetings to come (not cancelled) where she has no
   * place, soonest first — one-off sign-ups had filled them when she signed up, or she gave that
   * place back. Empty otherwise. A series sign-up answers with it, so she learns it at once.
   */
  withoutPlace: { id: string; startsAt: string }[];
}
