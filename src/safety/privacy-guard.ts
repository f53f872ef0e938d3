/** What kind of identifying detail a text seems to contain. */
export type IdentifyingDetail = 'email' | 'phone' | 'address';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/u;
/** Eight or more digits, allowing spaces, dots, dashes, slashes and a leading +; not the crisis lines. */
const PHONE = /(?:\+|\b)\d(?:[\s./-]?\d){7,}\b/u;
/** Dutch street names end in these: "Kerkstraat", "Stationsplein". */
const DUTCH_STREETS = '(?:straat|laan|plein|dreef|kaai|steenweg|gracht|singel)';
/** Words that are streets only as the end of a longer name: "Zeedijk" yes, "ik ben weg 3 dagen" no. */
const DUTCH_STREET_ENDINGS = '(?:weg|lei|dijk|hof|markt)';
/** English street words are whole words after the name: "221 Baker Street", "12 Mill Rd". */
const ENGLISH_STREETS = '(?:street|st|road|rd|avenue|ave|lane)';
/**
 * "Kerkstraat 12", "Lange Nieuwstraat 5b", "Stationsweg 3", "221 Baker Street". Not a word that
 * merely ends in an English abbreviation ("antwoord 3", "het laatst 2 keer").
 */
const ADDRESS = new RegExp(
  [
    `\\b\\p{L}*${DUTCH_STREETS}\\s+\\d{1,4}\\s?[a-z]?\\b`,
    `\\b\\p{L}+${DUTCH_STREET_ENDINGS}\\s+\\d{1,4}\\s?[a-z]?\\b`,
    `\\b\\d{1,4}\\s+\\p{L}+\\s+${ENGLISH_STREETS}\\b`,
  ].join('|'),
  'iu',
);
/** Numbers people are told to call are not identifying. */
const PUBLIC_NUMBERS = ['1813', '113', '08000113', '080032123', '112'];

/**
 * Finds what looks like an email address, a phone number or a street address in a text: such
 * details identify someone and are not published as is.
 */
export function findIdentifyingDetails(text: string): IdentifyingDetail[] {
  const found: IdentifyingDetail[] = [];
  if (EMAIL.test(text)) {
    found.push('email');
  }
  const phone = PHONE.exec(text);
  if (phone && !PUBLIC_NUMBERS.includes(phone[0].replace(/\D/g, ''))) {
    found.push('phone');
  }
  if (ADDRESS.test(text)) {
    found.push('address');
  }
  return found;
}
