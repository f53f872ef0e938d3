import { describe, expect, it } from '@jest/globals';
import { comingWeek, isOnDuty, rotaCovers, rotaRangeEnd, weekHour } from './rota.js';

const BRUSSELS = 'Europe/Brussels';
const MONDAY_EVENING = [{ weekday: 1, from: 18, to: 22 }];

describe('the weekly rota', () => {
  it('reads weekday and hour in the rota’s timezone, summer and winter time alike', () => {
    // Monday 7 December 2026, 17:30 UTC is 18:30 in Brussels (winter time, UTC+1).
    expect(weekHour(new Date('2026-12-07T17:30:00Z'), BRUSSELS)).toEqual({ weekday: 1, hour: 18 });
    // Monday 6 July 2026, 16:30 UTC is 18:30 in Brussels (summer time, UTC+2).
    expect(weekHour(new Date('2026-07-06T16:30:00Z'), BRUSSELS)).toEqual({ weekday: 1, hour: 18 });
    expect(weekHour(new Date('2026-12-07T17:30:00Z'), 'America/New_York')).toEqual({ weekday: 1, hour: 12 });
  });

  it('covers from the first hour up to, not including, the last', () => {
    expect(rotaCovers(MONDAY_EVENING, BRUSSELS, new Date('2026-12-07T17:00:00Z'))).toBe(true);
    expect(rotaCovers(MONDAY_EVENING, BRUSSELS, new Date('2026-12-07T20:59:00Z'))).toBe(true);
    expect(rotaCovers(MONDAY_EVENING, BRUSSELS, new Date('2026-12-07T21:00:00Z'))).toBe(false);
    expect(rotaCovers(MONDAY_EVENING, BRUSSELS, new Date('2026-12-08T17:30:00Z'))).toBe(false);
    expect(rotaCovers([], BRUSSELS, new Date())).toBe(false);
  });

  it('ends a range at the first hour it no longer covers', () => {
    expect(rotaRangeEnd(MONDAY_EVENING, BRUSSELS, new Date('2026-12-07T18:15:00Z'))).toEqual(
      new Date('2026-12-07T21:00:00Z'),
    );
    expect(rotaRangeEnd(MONDAY_EVENING, BRUSSELS, new Date('2026-12-07T12:00:00Z'))).toBeNull();
  });

  it('puts someone on duty when they say so or during their rota, unless they went off for the rest of it', () => {
    const during = new Date('2026-12-07T18:15:00Z');
    const outside = new Date('2026-12-08T18:15:00Z');
    expect(isOnDuty(null, MONDAY_EVENING, BRUSSELS, during)).toBe(true);
    expect(isOnDuty(null, MONDAY_EVENING, BRUSSELS, outside)).toBe(false);
    expect(isOnDuty({ onDutySince: outside, offDutyUntil: null }, [], BRUSSELS, outside)).toBe(true);
    // Marking oneself on duty ends by itself after the configured hours (8 by default).
    const marked = { onDutySince: outside, offDutyUntil: null };
    expect(isOnDuty(marked, [], BRUSSELS, new Date(outside.getTime() + 8 * 3_600_000 - 1))).toBe(true);
    expect(isOnDuty(marked, [], BRUSSELS, new Date(outside.getTime() + 8 * 3_600_000))).toBe(false);
    expect(isOnDuty(marked, [], BRUSSELS, new Date(outside.getTime() + 3_600_000), 3_600_000)).toBe(false);
    const off = { onDutySince: null, offDutyUntil: new Date('2026-12-07T21:00:00Z') };
    expect(isOnDuty(off, MONDAY_EVENING, BRUSSELS, during)).toBe(false);
    // The next Monday the rota counts again.
    expect(isOnDuty(off, MONDAY_EVENING, BRUSSELS, new Date('2026-12-14T18:15:00Z'))).toBe(true);
  });

  it('lists the 168 hours of the coming week, each weekday and hour once', () => {
    const week = comingWeek(new Date('2026-12-07T10:20:00Z'), BRUSSELS);
    expect(week).toHaveLength(168);
    expect(new Set(week.map(({ weekday, hour }) => `${weekday}:${hour}`)).size).toBe(168);
  });
});
