import { DomainError } from '../common/domain-error.js';

export const blockedWord = () =>
  new DomainError(
    'blocked_content',
    'Your text contains a word or phrase this group does not allow. Please rephrase it; nothing was posted.',
    [{ field: 'body', message: 'Contains a word or phrase this group does not allow.' }],
  );

export const identifyingDetails = (kinds: string[]) =>
  new DomainError(
    'identifying_details',
    `Your text seems to contain ${kinds.join(', ')} details. They could identify you or someone else: ` +
      'please remove them. If you are sure, send it again with `insist: true` and a moderator will look at it first.',
    [{ field: 'body', message: `Looks like it contains: ${kinds.join(', ')}.` }],
  );
