import { DateTime } from 'luxon';

/** How a series repeats: every `everyWeeks` weeks from `firstDate`, at `localTime` in `timeZone`. */
export interface SeriesRhythm {
  /** The first meeting's calendar date in the series' time zone, `YYYY-MM-DD`. */
  firstDate: string;
  /** Wall-clock time in the series' time zone, `HH:MM`. */
  localTime: string;
  timeZone: string;
  everyWeeks: number;
  count: number;
  durationMinutes: number;
}

export interface Occurrence {
  index: number;
  startsAt: Date;
  endsAt: Date;
}

/** Whether the IANA zone is one this runtime knows (Intl's own list). */
export function isTimeZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

/**
 * The meetings of a series, in order. Each one is computed from the calendar date and the local
 * time in the series' zone (luxon does the zone maths), never by adding 7 × 24 hours: a weekly
 * 19:00 in Brussels stays at 19:00 local across the switch to and from summer time. A local time
 * that does not exist on a spring-forward night moves forward with the clock (luxon's rule).
 */
export function occurrences(rhythm: SeriesRhythm): Occurrence[] {
  const [hour, minute] = rhythm.localTime.split(':').map(Number);
  const first = DateTime.fromISO(rhythm.firstDate, { zone: rhythm.timeZone }).set({
    hour,
    minute,
    second: 0,
    millisecond: 0,
  });
  if (!first.isValid) {
    throw new Error(`Not a valid series start: ${rhythm.firstDate} ${rhythm.localTime} ${rhythm.timeZone}`);
  }
  return Array.from({ length: rhythm.count }, (_unused, index) => {
    const start = first.plus({ weeks: index * rhythm.everyWeeks });
    return {
      index,
      startsAt: start.toJSDate(),
      endsAt: start.plus({ minutes: rhythm.durationMinutes }).toJSDate(),
    };
  });
}
