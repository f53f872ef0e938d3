import { DomainError } from '../common/domain-error.js';
import { serverText } from '../contracts/server-texts.js';

export const respondersOnly = () =>
  new DomainError('forbidden', 'Only crisis responders (and admins, to look) can use the crisis desk.');
export const dutyNotForYou = () =>
  new DomainError('forbidden', 'Only crisis responders and group moderators can go on duty.');
export const responderNotFound = () => new DomainError('not_found', 'There is no such crisis responder.');
export const crisisCaseNotFound = () => new DomainError('not_found', 'There is no such open crisis case.');
export const crisisCaseTaken = () =>
  new DomainError('already_handled', 'Another volunteer has this case already: it was handled already.').said(
    serverText('error.handled.crisisCaseTaken'),
  );
export const notYourClaim = () =>
  new DomainError('not_allowed', 'Only the volunteer who claimed this case can do this.').said(
    serverText('error.notAllowed.notYourClaim'),
  );
export const adminsClaimAsResponders = () =>
  new DomainError('not_allowed', 'Claiming a case needs a crisis responder: appoint yourself one first.').said(
    serverText('error.notAllowed.adminsClaimAsResponders'),
  );
export const ownCrisisCase = () =>
  new DomainError('not_allowed', 'This crisis case is about you: another volunteer takes care of it.').said(
    serverText('error.notAllowed.ownCrisisCase'),
  );
export const pausedModerator = () =>
  new DomainError(
    'not_allowed',
    'While you pause moderating, crisis cases go to the active volunteers: resume moderating to claim one.',
  ).said(serverText('error.notAllowed.pausedModerator'));
