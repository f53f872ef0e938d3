import { DomainError } from '../common/domain-error.js';

export const notAHost = () => new DomainError('forbidden', 'Only hosts of this group can see or do this.');
export const notANewcomer = () =>
  new DomainError(
    'not_allowed',
    'Asking a host is for newcomers: guests and members in their first weeks in the group.',
  );
export const askedAlready = () =>
  new DomainError('already_handled', "You asked this group's hosts your question already; their answer shows here.");
export const answeredAlready = () => new DomainError('already_handled', 'This question was answered already.');
export const questionNotFound = () => new DomainError('not_found', 'There is no such question in this group.');
export const hostNotFound = () => new DomainError('not_found', 'This member is no host of this group.');
export const noHosts = () =>
  new DomainError(
    'no_hosts',
    'This group has no host right now, so nobody would read your question. Nothing was sent; you can ask again once a member volunteers as host.',
  );
