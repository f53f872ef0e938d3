import { PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH } from '../../../src/contracts/auth.js';
import { HIDDEN_WORD_MAX, HIDDEN_WORD_MIN, HIDDEN_WORDS_MAX } from '../../../src/contracts/content-preferences.js';
import { MAX_TOPICS } from '../../../src/contracts/group-info.js';
import type { ServerText } from '../../../src/contracts/server-texts.js';
import {
  NOT_A_DATE_MESSAGE,
  SERIES_START_MAX_YEARS,
  TOO_FAR_AHEAD_MESSAGE,
} from '../../../src/contracts/session-series.js';
import { type Message, msg } from './i18n.js';
import { serverTextString } from './server-texts.js';

/**
 * The server (and the shared zod schemas in src/contracts, which the client runs too) explain a
 * refused field in English. Until the API sends a machine-readable reason per field, this table
 * turns each known English text into a translated message; an unknown text is shown as it came,
 * so a reason is never hidden. test/browser-client.e2e-spec.ts fails when a contract's message is
 * missing here.
 */
const KNOWN: ReadonlyMap<string, Message> = new Map([
  ['Choose a login name.', msg('validation.loginNameRequired')],
  ['Enter your login name.', msg('validation.loginNameEnter')],
  [
    'This looks like an email address. Choose a name that does not identify you: others must not be able to find you by it.',
    msg('validation.loginNameEmail'),
  ],
  [
    'This looks like a phone number. Choose a name that does not identify you: others must not be able to find you by it.',
    msg('validation.loginNamePhone'),
  ],
  ['Use 3 to 32 characters: letters a–z, digits, and _ . -', msg('validation.loginNamePattern')],
  ['This login name is taken.', msg('validation.loginNameTaken')],
  ['This login name is taken. Choose another one.', msg('validation.loginNameTaken')],
  ['Choose a password.', msg('validation.passwordRequired')],
  ['Enter your password.', msg('validation.passwordEnter')],
  [`Use at least ${PASSWORD_MIN_LENGTH} characters.`, msg('validation.passwordTooShort', { min: PASSWORD_MIN_LENGTH })],
  [
    `Use at most ${PASSWORD_MAX_BYTES} bytes (about 72 letters; accented letters and emoji count double or more).`,
    msg('validation.passwordTooLong', { max: PASSWORD_MAX_BYTES }),
  ],
  ['This password is one of the most common ones and easy to guess. Choose another.', msg('validation.passwordCommon')],
  ['Enter one of your recovery codes.', msg('validation.recoveryCodeEnter')],
  ['This field is not accepted.', msg('validation.notAccepted')],
  ['This login name and password do not match.', msg('error.invalidCredentials')],
  ['The password is not right.', msg('error.wrongPassword')],
  ['This login name and recovery code do not match.', msg('error.invalidRecoveryCode')],
  ['This session has ended. Please log in again.', msg('error.sessionEnded')],
  ['You need to log in.', msg('error.unauthorized')],
  // Groups
  ['Accept the pledge to join: what is said here stays here.', msg('join.acceptRequired')],
  ['Accept the pledge to read on.', msg('join.acceptRequired')],
  ['Use letters, digits, spaces and . _ - (starting with a letter or digit).', msg('validation.aliasPattern')],
  ['This alias is taken in this group.', msg('error.aliasTaken')],
  ['Do not use your login name as an alias: others would learn how you log in.', msg('validation.aliasIsLoginName')],
  [
    'You use this alias in another group. Choose a different one, so nobody can link your groups.',
    msg('validation.aliasElsewhere'),
  ],
  ['This invite code is not valid.', msg('error.invalidInvite')],
  ['This code has expired.', msg('error.inviteExpired')],
  ['This code is used up.', msg('error.inviteUsedUp')],
  ['Use lower-case letters, digits and single dashes.', msg('validation.slugPattern')],
  ['This slug is taken.', msg('error.slugTaken')],
  ['Not a member id.', msg('validation.memberId')],
  ['Not an id.', msg('validation.invalid')],
  // Forums
  ['Write something.', msg('validation.writeSomething')],
  ['Use one line of plain text.', msg('validation.oneLine')],
  ['Use plain text.', msg('validation.plainText')],
  ['Write a short warning, or leave the field out.', msg('validation.warningEmpty')],
  ['Change at least one field.', msg('groupForm.nothingChanged')],
  ['Search for at least 2 characters.', msg('validation.searchShort')],
  ['Contains a word or phrase this group does not allow.', msg('validation.blockedWord')],
  // Moderation
  ['Give a reason: the member affected is told what was done and why.', msg('action.reasonRequired')],
  ['Give a reason: it is written to the audit log.', msg('desk.reasonRequired')],
  // Crisis rota
  ['Not a known timezone (use a name like Europe/Brussels).', msg('rota.timezoneUnknown')],
  ['A rota range ends after it starts.', msg('rota.rangeEnds')],
  // A group's information page and its pairing
  [`Use at most ${MAX_TOPICS} topic words.`, msg('validation.topicsAtMost', { max: MAX_TOPICS })],
  [`Keep at most ${HIDDEN_WORDS_MAX} hidden words.`, msg('validation.hiddenWordsAtMost', { max: HIDDEN_WORDS_MAX })],
  [
    `A hidden word has at most ${HIDDEN_WORD_MAX} characters.`,
    msg('validation.hiddenWordTooLong', { max: HIDDEN_WORD_MAX }),
  ],
  [
    `A hidden word has at least ${HIDDEN_WORD_MIN} characters.`,
    msg('validation.hiddenWordTooShort', { min: HIDDEN_WORD_MIN }),
  ],
  ['A group cannot be paired with itself.', msg('validation.pairSelf')],
  ["Pair a peer group with a relatives' group.", msg('validation.pairAudience')],
  ['There is no group with this slug.', msg('validation.pairUnknown')],
  // Sessions
  ['A session ends after it starts.', msg('sessions.endsAfterStart')],
  ['A session lasts at most 12 hours.', msg('sessions.atMost12Hours')],
  ['Choose an active member of this group.', msg('sessions.activeMember')],
  ['Choose a member who volunteered to facilitate this series.', msg('series.chooseVolunteer')],
  [NOT_A_DATE_MESSAGE, msg('series.notADate')],
  [TOO_FAR_AHEAD_MESSAGE, msg('series.tooFarAhead', { years: SERIES_START_MAX_YEARS })],
  [
    'Give a reason: cancelling deletes what was said in the session, and it goes into the audit log.',
    msg('sessions.cancelReasonRequired'),
  ],
]);

/**
 * Refusals with a number in them, from the shared contracts ("Use at most 150 characters.") and
 * from zod's own wording for limits the contracts leave unworded.
 */
const PATTERNS: readonly [RegExp, (count: number) => Message][] = [
  [/^Use at least ([\d,]+) characters\.$/, (min) => msg('validation.atLeast', { min })],
  [/^Use at most ([\d,]+) characters\.$/, (max) => msg('validation.atMost', { max })],
  [/^Too small: expected string to have >=(\d+) characters$/, (min) => msg('validation.atLeast', { min })],
  [/^Too big: expected string to have <=(\d+) characters$/, (max) => msg('validation.atMost', { max })],
  [/^Too small: expected number to be >=(\d+)$/, (min) => msg('validation.numberAtLeast', { min })],
  [/^Too big: expected number to be <=(\d+)$/, (max) => msg('validation.numberAtMost', { max })],
];

function fromPattern(text: string): Message | null {
  for (const [pattern, make] of PATTERNS) {
    const found = pattern.exec(text);
    if (found) {
      return make(Number(found[1].replace(/,/g, '')));
    }
  }
  if (/^Invalid input: expected (int|number)/.test(text)) {
    return msg('validation.wholeNumber');
  }
  return null;
}

/**
 * A message for text that the server or a shared schema wrote: a client message, a server text by
 * its code (src/contracts/server-texts.ts, with the English `text` for a code this client does not
 * know), or English as it came.
 */
export type ShownMessage = Message | { server: ServerText; text: string } | { text: string };

export function fromServerText(text: string, said?: ServerText): ShownMessage {
  if (said && serverTextString(said) !== null) {
    return { server: said, text };
  }
  return KNOWN.get(text) ?? fromPattern(text) ?? { text };
}

export function isKnownServerText(text: string): boolean {
  return KNOWN.has(text) || fromPattern(text) !== null;
}
