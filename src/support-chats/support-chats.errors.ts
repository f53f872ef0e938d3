import { DomainError } from '../common/domain-error.js';
import { serverText } from '../contracts/server-texts.js';

/** One answer for a conversation that does not exist and one that is not the asker's. */
export const supportChatNotFound = () => new DomainError('not_found', 'There is no such support conversation.');
export const notTheMember = () =>
  new DomainError('forbidden', 'Only the member it was offered to can accept or decline this conversation.');
export const supportChatDecided = () =>
  new DomainError('room_closed', 'This offer was accepted, declined or closed already.');
export const supportChatNotOpen = () =>
  new DomainError('room_closed', 'This support conversation is not open (not accepted yet, or closed).');
export const memberGone = () =>
  new DomainError('not_allowed', 'The member this case is about is no longer in the group.').said(
    serverText('error.notAllowed.memberGone'),
  );
