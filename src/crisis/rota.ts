import type { RotaSlot } from '../contracts/crisis.js';

const HOUR_MS = 3_600_000;
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formats = new Map<string, Intl.DateTimeFormat>();

/** The ISO weekday (1 Monday … 7 Sunday) and hour (0–23) of an instant in a timezone. */
export function weekHour(at: Date, timeZone: string): { weekday: number; hour: number } {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const weekday = WEEKDAYS[parts.find((part) => part.type === 'weekday')?.value ?? 'Mon'] ?? 1;
  const hour = Number(parts.find((part) => part.type === 'hour')?.value ?? '0') % 24;
  return { weekday, hour };
}

/** Whether a weekly rota (in its timezone) covers an instant. */
export function rotaCovers(slots: RotaSlot[], timeZone: string, at: Date): boolean {
  if (slots.length === 0) {
    return false;
  }
  const { weekday, hour } = weekHour(at, timeZone);
  return slots.some((slot) => slot.weekday === weekday && slot.from <= hour && hour < slot.to);
}

/** When the rota range covering `at` ends (the first whole hour it no longer covers); null when it does not cover `at`. */
export function rotaRangeEnd(slots: RotaSlot[], timeZone: string, at: Date): Date | null {
  if (!rotaCovers(slots, timeZone, at)) {
    return null;
  }
  let hourStart = Math.floor(at.getTime() / HOUR_MS) * HOUR_MS;
  for (let step = 0; step < 24 * 7; step += 1) {
    hourStart += HOUR_MS;
    if (!rotaCovers(slots, timeZone, new Date(hourStart))) {
      return new Date(hourStart);
    }
  }
  return new Date(hourStart);
}

/** How long marking oneself on duty lasts unless configured (`CRISIS_DUTY_HOURS`). */
export const DEFAULT_MANUAL_DUTY_MS = 8 * HOUR_MS;

/**
 * Whether someone is on duty at `at`: marked on duty less than `manualDutyMs` ago (a forgotten
 * "on duty" must not tell members in crisis that someone will look), or on their rota and not
 * marked off for the rest of that range.
 */
export function isOnDuty(
  duty: { onDutySince: Date | null; offDutyUntil: Date | null } | null,
  slots: RotaSlot[],
  timeZone: string,
  at: Date,
  manualDutyMs: number = DEFAULT_MANUAL_DUTY_MS,
): boolean {
  if (duty?.onDutySince && new Date(duty.onDutySince).getTime() + manualDutyMs > at.getTime()) {
    return true;
  }
  if (duty?.offDutyUntil && duty.offDutyUntil > at) {
    return false;
  }
  return rotaCovers(slots, timeZone, at);
}

/** The 168 hours of the coming week, each with the instant it starts and its weekday and hour in `timeZone`. */
export function comingWeek(from: Date, timeZone: string): { at: Date; weekday: number; hour: number }[] {
  const start = Math.floor(from.getTime() / HOUR_MS) * HOUR_MS;
  const hours: { at: Date; weekday: number; hour: number }[] = [];
  for (let step = 0; step < 24 * 7; step += 1) {
    const at = new Date(start + step * HOUR_MS);
    hours.push({ at, ...weekHour(at, timeZone) });
  }
  return hours;
}
