import type { DirectoryEntry, DirectoryQuery, GroupCategory, PairedGroup } from '../contracts/group-info.js';
import type { GroupSummary } from '../contracts/groups.js';
import { foldText } from '../safety/text-matching.js';

/**
 * The directory's search, as pure functions: text is folded as watched words are (`foldText`:
 * lower case, accents off, "Fobieën" becomes "fobieen"), and every word of the query must be part
 * of a word of the group's name, description or topic words, so "angst" and "fobie" both find
 * "Fobieën en angst". Dutch and English groups are searched alike; topic words carry the other
 * language's words where they help. A place's name is found from the start of a word only, under
 * any of its usual names ("near Ghent" finds "Gent" and "Gent-Zuid", never "intelligente"). The
 * online and the offline groups (src/groups/offline-groups.service.ts) are searched by this one rule.
 */

/**
 * Phrases that say "near" rather than name a place ("in de buurt van Gent", "near Ghent"): a query
 * drops them, so the place's name is what is searched. Folded, longest first.
 */
const NEAR_PHRASES = [
  'in the vicinity of',
  'in de buurt van',
  'in de omgeving van',
  'in de streek van',
  'niet ver van',
  'not far from',
  'in de regio van',
  'in de regio',
  'in de buurt',
  'in de omgeving',
  'in the area of',
  'in the region of',
  'in the area',
  'omgeving van',
  'regio van',
  'buurt van',
  'dicht bij',
  'close to',
  'dichtbij',
  'omstreken',
  'omgeving',
  'rondom',
  'streek',
  'nabij',
  'rond',
  'regio',
  'nearby',
  'near',
  'around',
  'in',
  'te',
  'bij',
];
const NEAR = new RegExp(` (?:${NEAR_PHRASES.join('|')})(?= )`, 'g');

/**
 * Places by the names people search them with: each line is one place, its Dutch name first, then
 * the exonyms (English, French, German) a visitor may type. Folded as `foldText` folds. A query
 * naming one of them finds a group listed under any of its names ("near Ghent" finds "Gent").
 */
const PLACE_NAMES: readonly (readonly string[])[] = [
  ['gent', 'ghent', 'gand'],
  ['antwerpen', 'antwerp', 'anvers'],
  ['brussel', 'brussels', 'bruxelles'],
  ['brugge', 'bruges'],
  ['leuven', 'louvain'],
  ['luik', 'liege', 'luttich'],
  ['mechelen', 'malines', 'mecheln'],
  ['kortrijk', 'courtrai'],
  ['ieper', 'ypres'],
  ['bergen', 'mons'],
  ['namen', 'namur'],
  ['doornik', 'tournai'],
  ['aarlen', 'arlon'],
  ['nijvel', 'nivelles'],
  ['oostende', 'ostend', 'ostende'],
  ['den haag', 'the hague', 's gravenhage', 'la haye'],
  ['den bosch', 's hertogenbosch', 'bois le duc'],
  ['vlissingen', 'flushing'],
  ['maastricht', 'maestricht'],
  ['aken', 'aachen', 'aix la chapelle'],
  ['rijsel', 'lille'],
];

/** Every name of a place (multi-word names first), to the place's names. */
const PLACES = new Map<string, readonly string[]>(
  PLACE_NAMES.flatMap((names) => names.map((name) => [name, names] as const)).sort(
    ([a], [b]) => b.split(' ').length - a.split(' ').length,
  ),
);
const MULTI_WORD_PLACES = [...PLACES.keys()].filter((name) => name.includes(' '));

/**
 * The folded words of a query (empty: no text filter), without "near" phrases. A place of more
 * than one word ("the hague", "den haag") stays one entry.
 */
export function queryWords(q: string | undefined): string[] {
  if (!q) {
    return [];
  }
  // Padded, and applied twice: "in de buurt van" then a following "in" (overlapping matches share a space).
  let folded = ` ${foldText(q)} `.replace(NEAR, ' ').replace(NEAR, ' ');
  const places: string[] = [];
  for (const name of MULTI_WORD_PLACES) {
    while (folded.includes(` ${name} `)) {
      places.push(name);
      folded = folded.replace(` ${name} `, ' ');
    }
  }
  return [...folded.split(' ').filter(Boolean), ...places];
}

/** The stored topic words ("angst, paniek, anxiety") as a list. */
export function splitTopics(stored: string): string[] {
  return stored
    .split(',')
    .map((topic) => topic.trim())
    .filter(Boolean);
}

export function joinTopics(topics: string[]): string {
  return [...new Set(topics.map((topic) => topic.replace(/,/g, ' ').trim()).filter(Boolean))].join(', ');
}

/**
 * The words of places named in `regions` (offline groups' region or municipality), folded: a query
 * word that is one of them is a place too, so "lier" finds Lier but not "atelier", "as" finds As
 * but not "Hasselt", for every municipality a list holds and not only those in the table above.
 */
export function placeWords(regions: readonly string[]): ReadonlySet<string> {
  return new Set(regions.flatMap((region) => foldText(region).split(' ').filter(Boolean)));
}

/**
 * True when every query word is found in the group's searchable text. A place's name (in the table
 * above or among `places`, "near" phrases dropped) is found at the start of a word, under any of
 * the place's names: "gent" finds "Gent" and "Gent-Zuid", never "intelligente". Any other word may
 * be part of a word, as Dutch writes compounds: "aanval" finds "paniekaanval", "angst" finds
 * "Faalangstgroep".
 */
export function matchesWords(
  words: string[],
  haystack: string,
  places: ReadonlySet<string> = new Set<string>(),
): boolean {
  if (!words.length) {
    return true;
  }
  const folded = ` ${foldText(haystack)} `;
  return words.every((word) => {
    const names = PLACES.get(word) ?? (places.has(word) ? [word] : undefined);
    return names ? names.some((name) => folded.includes(` ${name}`)) : folded.includes(word);
  });
}

/** A group as the directory query reads it. */
export interface DirectoryRow extends GroupSummary {
  category: GroupCategory;
  topics: string;
  pairedGroup: PairedGroup | null;
}

/** The entries of `rows` the query asks for, in their order. */
export function filterDirectory(rows: DirectoryRow[], query: DirectoryQuery): DirectoryEntry[] {
  const words = queryWords(query.q);
  return rows
    .filter(
      (row) =>
        (!query.category || row.category === query.category) &&
        (!query.audience || row.audience === query.audience) &&
        (!query.language || row.locale === query.language) &&
        matchesWords(words, `${row.name} ${row.description} ${row.topics}`),
    )
    .map((row) => ({ ...row, topics: splitTopics(row.topics) }));
}
