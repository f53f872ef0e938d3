import { h, tr, uid } from '../core/dom.js';
import type { PlainKey } from '../i18n/i18n.js';

/**
 * The crisis lines, per country, as one component: on the help page and in the footer now, and
 * later beside the message box when a member types crisis language, and in the crisis notice the
 * server sends. Names and numbers are not translated; only the words around them are.
 */
export type Country = 'BE' | 'NL';

export interface CrisisPhone {
  display: string;
  /** The number as dialled, for the `tel:` link. */
  dial: string;
  note?: PlainKey;
}

export interface CrisisLine {
  name: string;
  country: Country;
  phones: CrisisPhone[];
  note?: PlainKey;
  site?: { label: string; url: string };
}

export const CRISIS_LINES: readonly CrisisLine[] = [
  {
    name: 'Zelfmoordlijn 1813',
    country: 'BE',
    phones: [{ display: '1813', dial: '1813' }],
    site: { label: 'zelfmoord1813.be', url: 'https://www.zelfmoord1813.be/' },
  },
  {
    name: 'Centre de Prévention du Suicide',
    country: 'BE',
    note: 'crisis.frenchSpeaking',
    phones: [{ display: '0800 32 123', dial: '080032123', note: 'crisis.free' }],
  },
  {
    name: '113 Zelfmoordpreventie',
    country: 'NL',
    phones: [
      { display: '113', dial: '113' },
      { display: '0800-0113', dial: '08000113', note: 'crisis.free' },
    ],
    site: { label: '113.nl', url: 'https://www.113.nl/' },
  },
];

export const EMERGENCY_NUMBER = '112';

export const COUNTRY_NAMES: Record<Country, PlainKey> = { BE: 'crisis.belgium', NL: 'crisis.netherlands' };

/** The member's likely country first, from the browser's language tags (nl-NL, en-NL…); Belgium otherwise. */
export function countryOrder(languages: readonly string[] = navigator.languages): Country[] {
  const region = languages
    .map((tag) => tag.split('-')[1]?.toUpperCase())
    .find((part) => part === 'BE' || part === 'NL');
  return region === 'NL' ? ['NL', 'BE'] : ['BE', 'NL'];
}

export function telLink(number: string, dial: string): HTMLAnchorElement {
  return h('a', { href: `tel:${dial}`, class: 'tel' }, tr('crisis.call', { number }));
}

function lineItem(line: CrisisLine): HTMLLIElement {
  const parts: Node[] = [];
  for (const phone of line.phones) {
    const link = telLink(phone.display, phone.dial);
    parts.push(phone.note ? h('span', {}, link, ' (', tr(phone.note), ')') : link);
  }
  if (line.site) {
    parts.push(siteLink(line.site));
  }
  return h(
    'li',
    { class: 'crisis-line' },
    h('strong', { class: 'crisis-name' }, line.name),
    line.note ? h('span', { class: 'crisis-note' }, ' (', tr(line.note), ')') : null,
    h('span', { class: 'crisis-ways' }, ...parts),
  );
}

function siteLink(site: { label: string; url: string }): HTMLAnchorElement {
  return h('a', { href: site.url, rel: 'noreferrer' }, tr('crisis.chat', { site: site.label }));
}

/** The full component: heading, a short text, the lines per country, and 112. */
export function crisisLines(options: { headingLevel?: 2 | 3 } = {}): HTMLElement {
  const level = options.headingLevel ?? 2;
  const headingId = uid('crisis');
  const heading = h(level === 2 ? 'h2' : 'h3', { id: headingId }, tr('crisis.heading'));
  const countries = countryOrder().map((country) =>
    h(
      'div',
      { class: 'crisis-country' },
      h(level === 2 ? 'h3' : 'h4', {}, tr(COUNTRY_NAMES[country])),
      h('ul', { class: 'crisis-list' }, ...CRISIS_LINES.filter((line) => line.country === country).map(lineItem)),
    ),
  );
  return h(
    'section',
    { class: 'crisis', 'aria-labelledby': headingId },
    heading,
    h('p', {}, tr('crisis.intro')),
    ...countries,
    h('p', { class: 'crisis-emergency' }, tr('crisis.emergencyLead'), ' ', telLink(EMERGENCY_NUMBER, EMERGENCY_NUMBER)),
  );
}
