import { DomainError } from '../common/domain-error.js';

export const itemNotFound = () => new DomainError('not_found', 'There is no such item in this group.');
export const caseNotFound = () => new DomainError('not_found', 'There is no such queue entry.');
export const alreadyHandled = (what: string) => new DomainError('already_handled', `${what} was handled already.`);
export const notAllowed = (why: string) => new DomainError('not_allowed', why);
export const adminsOnly = () => new DomainError('forbidden', 'Only admins can do this.');
