import type { RotaSlot } from '../../../src/contracts/crisis.js';

/** The week as the rota and the coverage grid show it: ISO weekdays (1 Monday … 7 Sunday), whole hours. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const DAY_KEYS = {
  1: 'day.1',
  2: 'day.2',
  3: 'day.3',
  4: 'day.4',
  5: 'day.5',
  6: 'day.6',
  7: 'day.7',
} as const satisfies Record<Weekday, string>;
export const DAY_SHORT_KEYS = {
  1: 'dayShort.1',
  2: 'dayShort.2',
  3: 'dayShort.3',
  4: 'dayShort.4',
  5: 'dayShort.5',
  6: 'dayShort.6',
  7: 'dayShort.7',
} as const satisfies Record<Weekday, string>;

/** "07:00": an hour of the day (24 for the end of the day). */
export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** The hours of the week a rota covers (ranges may overlap). */
export function rotaHours(rota: readonly RotaSlot[]): number {
  const hours = new Set<number>();
  for (const slot of rota) {
    for (let hour = slot.from; hour < slot.to; hour++) {
      hours.add(slot.weekday * 24 + hour);
    }
  }
  return hours.size;
}
