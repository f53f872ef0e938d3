/**
 * Text as watched-word matching sees it (crisis language has its own detector,
 * src/contracts/crisis-detector.ts): lower case, accents removed, any run of
 * non-letters and non-digits a single space. "Ik wil  NIET meer léven!" → "ik wil niet meer leven".
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Phrases folded once, for text that is checked against them often (every chat message against
 * a group's watched words). A phrase matches whole words only: "killed" never matches inside "skilled". A
 * trailing `*` matches any word ending ("zelfmoord*" matches "zelfmoordgedachten").
 */
export class PhraseList {
  private readonly needles: { phrase: string; needle: string }[];

  constructor(phrases: readonly string[]) {
    this.needles = phrases.flatMap((phrase) => {
      const prefix = phrase.endsWith('*');
      const folded = foldText(prefix ? phrase.slice(0, -1) : phrase);
      return folded ? [{ phrase, needle: prefix ? ` ${folded}` : ` ${folded} ` }] : [];
    });
  }

  /** The phrases that folded text contains. */
  matching(foldedText: string): string[] {
    const haystack = ` ${foldedText} `;
    return this.needles.filter(({ needle }) => haystack.includes(needle)).map(({ phrase }) => phrase);
  }

  /** Whether folded text contains any of the phrases. */
  matches(foldedText: string): boolean {
    const haystack = ` ${foldedText} `;
    return this.needles.some(({ needle }) => haystack.includes(needle));
  }
}

/** Whether a phrase occurs in folded text as whole words (see PhraseList). */
export function containsPhrase(foldedText: string, phrase: string): boolean {
  return new PhraseList([phrase]).matches(foldedText);
}

/** The phrases of a list that the text contains. */
export function matchingPhrases(text: string, phrases: readonly string[]): string[] {
  return new PhraseList(phrases).matching(foldText(text));
}
