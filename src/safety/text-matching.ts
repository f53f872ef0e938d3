/**
 * Text as watched-word and crisis matching sees it: lower case, accents removed, any run of
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
 * Whether a folded phrase occurs in folded text as whole words: "killed" never matches inside
 * "skilled". A trailing `*` on a phrase matches any word ending ("zelfmoord*" matches "zelfmoordgedachten").
 */
export function containsPhrase(foldedText: string, phrase: string): boolean {
  const prefix = phrase.endsWith('*');
  const folded = foldText(prefix ? phrase.slice(0, -1) : phrase);
  if (!folded) {
    return false;
  }
  const haystack = ` ${foldedText} `;
  if (!prefix) {
    return haystack.includes(` ${folded} `);
  }
  return haystack.includes(` ${folded}`);
}

/** The phrases of a list that the text contains. */
export function matchingPhrases(text: string, phrases: readonly string[]): string[] {
  const folded = foldText(text);
  return phrases.filter((phrase) => containsPhrase(folded, phrase));
}
