import { DomainError } from '../common/domain-error.js';

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
export const endsInThePast = () =>
  new DomainError('validation_failed', 'Some fields are not valid.', [
    { field: 'endsAt', message: 'This time has passed already.' },
  ]);
export const floorNotInSession = () =>
  new DomainError('validation_failed', 'Some fields are not valid.', [
    { field: 'memberId', message: 'Give the word to someone who signed up for this session.' },
  ]);
