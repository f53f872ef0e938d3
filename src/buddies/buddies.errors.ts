import { DomainError } from '../common/domain-error.js';

export const pairNotFound = () => new DomainError('not_found', 'There is no such buddy chat.');
/** One answer for paused, full, blocked and not offering: nobody learns that they were blocked. */
export const buddyUnavailable = () =>
  new DomainError('buddy_unavailable', 'This buddy cannot take a new request now. Try someone else.');
export const pairClosed = () => new DomainError('room_closed', 'This buddy chat is not open.');
export const notTheBuddy = () => new DomainError('forbidden', 'Only the asked buddy can answer this request.');
export const pairDecided = () => new DomainError('room_closed', 'This request was answered or withdrawn already.');
export const notOffering = () => new DomainError('not_found', 'You do not offer to be a buddy in this group.');
