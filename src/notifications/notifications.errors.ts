import { DomainError } from '../common/domain-error.js';

/** Someone else's notification is answered exactly like one that does not exist. */
export const notificationNotFound = () => new DomainError('not_found', 'No such notification.');

/** Pushes go only to a browser's push service over https; never to another host or the server's own network. */
export const pushAddressRefused = () =>
  new DomainError('validation_failed', "A push address must be a browser's push service (https).", [
    { field: 'endpoint', message: "A push address must be a browser's push service (https)." },
  ]);
