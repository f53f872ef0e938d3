import { DomainError } from '../common/domain-error.js';

export const groupNotFound = () => new DomainError('not_found', 'There is no such group.');
export const notAMember = () =>
  new DomainError('not_a_member', 'Only members of this group can see or do this. Join the group first.');
export const pledgeNotAccepted = () =>
  new DomainError('pledge_required', "The group's pledge has changed. Accept it to read on.");
export const alreadyMember = () => new DomainError('already_member', 'You are already a member of this group.');
export const joinPending = () => new DomainError('join_pending', 'Your request to join is waiting for a moderator.');
export const groupArchived = () =>
  new DomainError('group_archived', 'This group is archived: it takes no new members or posts.');
export const aliasTaken = () =>
  new DomainError('alias_taken', 'This alias is taken in this group. Choose another one.', [
    { field: 'alias', message: 'This alias is taken in this group.' },
  ]);
export const aliasIdentifying = (reason: string) =>
  new DomainError('validation_failed', 'Some fields are not valid.', [{ field: 'alias', message: reason }]);
export const invalidInvite = () =>
  new DomainError('invalid_invite', 'This invite code is not valid (any more). Ask for a new one.', [
    { field: 'inviteCode', message: 'This invite code is not valid.' },
  ]);
export const slugTaken = () =>
  new DomainError('slug_taken', 'A group with this slug exists already.', [
    { field: 'slug', message: 'This slug is taken.' },
  ]);
export const notAModerator = () => new DomainError('forbidden', 'Only moderators of this group can do this.');
export const memberNotFound = () => new DomainError('not_found', 'There is no such member in this group.');
export const suspended = (until: Date) =>
  new DomainError(
    'suspended',
    `Your membership of this group is suspended until ${until.toISOString()}. Your notices say why; you can appeal.`,
  );
