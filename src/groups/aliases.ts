import { randomInt } from 'node:crypto';
import type { GroupLocale } from '../contracts/groups.js';

const WORDS: Record<GroupLocale, { adjectives: string[]; nouns: string[] }> = {
  nl: {
    adjectives: [
      'Stille',
      'Zachte',
      'Warme',
      'Rustige',
      'Heldere',
      'Kalme',
      'Lichte',
      'Vriendelijke',
      'Moedige',
      'Trouwe',
      'Open',
      'Zonnige',
      'Groene',
      'Blauwe',
      'Gouden',
      'Eerlijke',
      'Geduldige',
      'Lieve',
      'Sterke',
      'Wijze',
    ],
    nouns: [
      'Reiger',
      'Linde',
      'Beek',
      'Duin',
      'Merel',
      'Wilg',
      'Ster',
      'Haven',
      'Vos',
      'Eik',
      'Zwaluw',
      'Berk',
      'Golf',
      'Maan',
      'Otter',
      'Uil',
      'Roos',
      'Kraanvogel',
      'Den',
      'Vlinder',
    ],
  },
  en: {
    adjectives: [
      'Quiet',
      'Gentle',
      'Warm',
      'Calm',
      'Bright',
      'Steady',
      'Kind',
      'Brave',
      'Patient',
      'Honest',
      'Open',
      'Sunny',
      'Green',
      'Blue',
      'Golden',
      'Soft',
      'Wise',
      'Hopeful',
      'Still',
      'True',
    ],
    nouns: [
      'Heron',
      'Maple',
      'Brook',
      'Dune',
      'Robin',
      'Willow',
      'Star',
      'Harbor',
      'Fox',
      'Oak',
      'Swallow',
      'Birch',
      'Wave',
      'Moon',
      'Otter',
      'Owl',
      'Rose',
      'Crane',
      'Pine',
      'Meadow',
    ],
  },
};

/** The longest alias the contracts accept (`aliasSchema`). */
const ALIAS_MAX = 24;

/**
 * A friendly alias of two words with a space, in the group's language, e.g. "Stille Reiger" or
 * "Quiet Heron" (the form the join page's hint shows). After a few collisions a number keeps it
 * unique without making every alias a code; a pair too long to carry the number is drawn again.
 */
export function generateAlias(locale: GroupLocale, attempt: number): string {
  const { adjectives, nouns } = WORDS[locale];
  for (;;) {
    const base = `${adjectives[randomInt(adjectives.length)]} ${nouns[randomInt(nouns.length)]}`;
    const alias = attempt < 5 ? base : `${base} ${randomInt(10, 100)}`;
    if (alias.length <= ALIAS_MAX) {
      return alias;
    }
  }
}

/** The form in which aliases are compared: "Quiet  Héron" and "quiet heron" are the same alias. */
export function aliasKey(alias: string): string {
  return alias
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s._-]+/g, ' ')
    .trim();
}
