import type { DirectoryEntry, DirectoryQuery, GroupCategory, PairedGroup } from '../contracts/group-info.js';
import type { GroupSummary } from '../contracts/groups.js';
import { foldText } from '../safety/text-matching.js';

/**
 * The directory's search, as pure functions: text is folded as watched words are (`foldText`:
 * lower case, accents off, "Fobieën" becomes "fobieen"), and every word of the query must be part
 * of a word of the group's name, description or topic words, so "angst" and "fobie" both find
 * "Fobieën en angst". Dutch and English groups are searched alike; topic words carry the other
 * language's words where they help.
 */

/**
 * Phrases that say "near" rather than name a place ("in de buurt van Gent", "near Ghent"): a query
 * drops them, so the place's name is what is searched. Folded, longest first.
 */
const NEAR_PHRASES = [
  'in de buurt van',
  'in de omgeving van',
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
  'omgeving',
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

/** The folded words of a query (empty: no text filter), without "near" phrases. */
export function queryWords(q: string | undefined): string[] {
  if (!q) {
    return [];
  }
  // Padded, and applied twice: "in de buurt van" then a following "in" (overlapping matches share a space).
  const folded = ` ${foldText(q)} `.replace(NEAR, ' ').replace(NEAR, ' ');
  return folded.split(' ').filter(Boolean);
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

/** True when every query word is part of the group's searchable text. */
export function matchesWords(words: string[], haystack: string): boolean {
  if (!words.length) {
    return true;
  }
  const folded = ` ${foldText(haystack)} `;
  return words.every((word) => folded.includes(word));
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
