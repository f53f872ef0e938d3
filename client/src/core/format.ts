import { liveText } from './dom.js';
import { currentLanguage } from '../i18n/i18n.js';

/** Dates and times in the member's language, following a language switch. */
function locale(): string {
  return currentLanguage() === 'nl' ? 'nl-BE' : 'en-GB';
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatTime(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { timeStyle: 'short' }).format(new Date(iso));
}

/** A `<time>` element with its date and time, in the member's language. */
export function timeElement(iso: string, style: 'datetime' | 'time' = 'datetime'): HTMLTimeElement {
  const element = document.createElement('time');
  element.dateTime = iso;
  element.append(liveText(() => (style === 'time' ? formatTime(iso) : formatDateTime(iso))));
  return element;
}
