import { DomainError } from '../common/domain-error.js';
import { serverText } from '../contracts/server-texts.js';

export const sessionNotFound = () => new DomainError('not_found', 'There is no such session in this group.');
export const sessionNotOpen = (startsAt: Date, endsAt: Date, now: Date) =>
  new DomainError(
    'room_closed',
    now < startsAt
      ? `This session opens at ${startsAt.toISOString()}.`
      : `This session ended at ${endsAt.toISOString()}.`,
  );
export const sessionOver = () => new DomainError('room_closed', 'This session is over.');
export const sessionFull = () => new DomainError('session_full', 'This session is full. Look for another one.');
export const notSignedUp = () => new DomainError('forbidden', 'Sign up for this session first.');
export const notFacilitator = () =>
  new DomainError('forbidden', "Only the session's facilitator or the group's moderators can do this.");
export const facilitatorStays = () =>
  new DomainError('forbidden', 'The facilitator cannot sign out; a moderator can cancel the session.');
export const invalidFacilitator = () =>
  new DomainError('validation_failed', 'Some fields are not valid.', [
    { field: 'facilitatorMemberId', message: 'Choose an active member of this group.' },
  ]);
/** A suspended member cannot enter the room, so she cannot be named to lead a meeting in it. */
export const facilitatorSuspended = (field: 'facilitatorMemberId' | 'memberId' = 'facilitatorMemberId') =>
  new DomainError('validation_failed', 'Some fields are not valid.', [
    { field, message: 'This member is suspended and cannot facilitate.' },
  ]);
export const endsInThePast = () =>
  new DomainError('validation_failed', 'Some fields are not valid.', [
    { field: 'endsAt', message: 'This time has passed already.', text: serverText('error.field.timePassed') },
  ]);
export const floorNotInSession = () =>
  new DomainError('validation_failed', 'Some fields are not valid.', [
    { field: 'memberId', message: 'Give the word to someone who signed up for this session.' },
  ]);
export const sessionCancelled = () =>
  new DomainError('session_cancelled', 'This meeting is cancelled. Look for the next one of the series.');
export const closedCohort = () =>
  new DomainError(
    'closed_cohort',
    'This series is a closed course: only those who signed up for the series take part.',
  );
export const closedCohortStarted = () =>
  new DomainError(
    'closed_cohort',
    'This closed course has begun: it keeps the members who signed up before its first meeting.',
  ).said(serverText('error.closedCohort.started'));
export const floorToSelf = () =>
  new DomainError('floor_to_self', 'The facilitator gives the word to others, not to herself.');
export const seriesNotFound = () => new DomainError('not_found', 'There is no such series in this group.');
export const notAVolunteer = () =>
  new DomainError('validation_failed', 'Some fields are not valid.', [
    { field: 'memberId', message: 'Choose a member who volunteered to facilitate this series.' },
  ]);
export const notAnOccurrence = () =>
  new DomainError('validation_failed', 'Only a meeting of a series can get another facilitator this way.');
export const notInRound = () => new DomainError('validation_failed', 'Start a round first.');
/** Nobody present could take a turn (only whoever leads is in the room): a round would have nobody with the word. */
export const roundEmpty = () =>
  new DomainError(
    'round_empty',
    'Nobody in the room can take a turn yet: a round needs at least one member present besides whoever leads it.',
  );
export const invalidTimeZone = () =>
  new DomainError('validation_failed', 'Some fields are not valid.', [
    { field: 'timeZone', message: 'Use a time zone name such as Europe/Brussels.' },
  ]);
export const lastMeetingPassed = () =>
  new DomainError('validation_failed', 'Some fields are not valid.', [
    { field: 'firstDate', message: 'Every meeting of this series would be over already.' },
  ]);
