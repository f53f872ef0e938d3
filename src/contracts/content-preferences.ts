import { z } from 'zod';
import { text } from './text.js';

/**
 * A member's own reading preferences (`GET` / `PUT /api/me/content-preferences`): fold every text
 * with a content warning by default, and personal hidden words that fold a post or chat message for
 * this member alone. The client applies them when it renders; the words never reach anyone else.
 */

export const HIDDEN_WORDS_MAX = 50;
export const HIDDEN_WORD_MIN = 2;
export const HIDDEN_WORD_MAX = 40;

const hiddenWordSchema = text({
  min: HIDDEN_WORD_MIN,
  max: HIDDEN_WORD_MAX,
  tooShort: `A hidden word has at least ${HIDDEN_WORD_MIN} characters.`,
  tooLong: `A hidden word has at most ${HIDDEN_WORD_MAX} characters.`,
});

/** The whole set, as the account page saves it; the same word twice (any case) is kept once. */
export const contentPreferencesSchema = z.strictObject({
  foldWarned: z.boolean({ error: 'Send true or false as foldWarned.' }),
  hiddenWords: z
    .array(hiddenWordSchema, { error: 'Send the hidden words as a list.' })
    .max(HIDDEN_WORDS_MAX, `Keep at most ${HIDDEN_WORDS_MAX} hidden words.`),
});

export type ContentPreferencesRequest = z.infer<typeof contentPreferencesSchema>;

export interface ContentPreferences {
  foldWarned: boolean;
  /** In the order the member gave them. */
  hiddenWords: string[];
}

/** Case and accents do not matter: "Kerst" hides "kerstmis", "ziekenhuis" hides "Ziekenhuís". */
function comparable(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/**
 * The one rule of hidden words: whether one of `words` is in these texts (any part of a word).
 * Every place that shows what members wrote folds by it: posts and chat messages, thread titles,
 * search hits and quotes.
 */
export function holdsHiddenWord(words: readonly string[], texts: readonly (string | null | undefined)[]): boolean {
  if (words.length === 0) {
    return false;
  }
  const haystack = comparable(texts.filter((text): text is string => !!text).join('\n'));
  return words.some((word) => haystack.includes(comparable(word)));
}
