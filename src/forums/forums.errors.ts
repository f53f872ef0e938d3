import { DomainError } from '../common/domain-error.js';

/**
 * Word for word what `IdParam` answers for a malformed id: an unknown id, and an id from a group
 * the caller is not in, must be indistinguishable from it.
 */
export const forumItemNotFound = () => new DomainError('not_found', 'Not found.');
export const notTheAuthor = () => new DomainError('forbidden', 'Only its author can change or remove this.');
export const revisionsForModerators = () =>
  new DomainError('forbidden', 'Only moderators of this group can read earlier versions.');
export const threadLocked = () =>
  new DomainError('thread_locked', 'This thread is locked by a moderator: it takes no replies or edits.');
export const contentRemoved = () =>
  new DomainError('content_removed', 'This was removed: it can no longer be changed.');
export const threadRemoved = () => new DomainError('content_removed', 'This thread was removed: it takes no replies.');
export const threadPendingReview = () =>
  new DomainError('content_removed', 'This thread is waiting for a moderator: it takes replies once it is approved.');
export const invalidCursor = () =>
  new DomainError('validation_failed', 'Some fields are not valid.', [
    { field: 'cursor', message: 'Use the nextCursor of the previous page, as it came.' },
  ]);
export const clientKeyReused = () =>
  new DomainError(
    'idempotency_key_reused',
    'This clientKey was already used for something else you posted: make a new key for a new post.',
  );
export const quoteNotFound = () =>
  new DomainError('validation_failed', 'Some fields are not valid.', [
    { field: 'quotePostId', message: 'Quote a visible post of this thread.' },
  ]);
