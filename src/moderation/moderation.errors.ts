import { DomainError } from '../common/domain-error.js';
import type { ServerText } from '../contracts/server-texts.js';

export const itemNotFound = () => new DomainError('not_found', 'There is no such item in this group.');
export const caseNotFound = () => new DomainError('not_found', 'There is no such queue entry.');
/** `what` starts the English message; `said` is what members are shown, in their language. */
export const alreadyHandled = (what: string, said: ServerText) =>
  new DomainError('already_handled', `${what} was handled already.`).said(said);
export const notAllowed = (why: string, said: ServerText) => new DomainError('not_allowed', why).said(said);
export const adminsOnly = () => new DomainError('forbidden', 'Only admins can do this.');
