import { describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { isTimeZone, occurrences } from './occurrences.js';

const local = (date: Date, zone = 'Europe/Brussels') =>
  DateTime.fromJSDate(date).setZone(zone).toFormat('yyyy-MM-dd HH:mm');

describe('a series’ occurrences', () => {
  it('keeps a weekly 19:00 in Brussels at 19:00 local across the last Sunday of March', () => {
    const meetings = occurrences({
      firstDate: '2027-03-18',
      localTime: '19:00',
      timeZone: 'Europe/Brussels',
      everyWeeks: 1,
      count: 3,
      durationMinutes: 90,
    });
    expect(meetings.map((meeting) => local(meeting.startsAt))).toEqual([
      '2027-03-18 19:00',
      '2027-03-25 19:00',
      '2027-04-01 19:00',
    ]);
    // Winter time is UTC+1, summer time UTC+2: the same local hour is an hour earlier in UTC.
    expect(meetings.map((meeting) => meeting.startsAt.toISOString())).toEqual([
      '2027-03-18T18:00:00.000Z',
      '2027-03-25T18:00:00.000Z',
      '2027-04-01T17:00:00.000Z',
    ]);
    expect(meetings[2].endsAt.toISOString()).toBe('2027-04-01T18:30:00.000Z');
  });

  it('keeps it across the last Sunday of October, every other week too', () => {
    const meetings = occurrences({
      firstDate: '2027-10-21',
      localTime: '19:00',
      timeZone: 'Europe/Brussels',
      everyWeeks: 2,
      count: 2,
      durationMinutes: 60,
    });
    expect(meetings.map((meeting) => local(meeting.startsAt))).toEqual(['2027-10-21 19:00', '2027-11-04 19:00']);
    expect(meetings.map((meeting) => meeting.startsAt.toISOString())).toEqual([
      '2027-10-21T17:00:00.000Z',
      '2027-11-04T18:00:00.000Z',
    ]);
  });

  it('knows a time zone from a made-up one', () => {
    expect(isTimeZone('Europe/Brussels')).toBe(true);
    expect(isTimeZone('Europe/Kring')).toBe(false);
  });
});
