import { DomainError } from '../common/domain-error.js';
import { serverText } from '../contracts/server-texts.js';

/** Someone else's notification is answered exactly like one that does not exist. */
export const notificationNotFound = () => new DomainError('not_found', 'No such notification.');

/** Pushes go only to a browser's push service over https; never to another host or the server's own network. */
export const pushAddressRefused = () =>
  new DomainError('validation_failed', "A push address must be a browser's push service (https).", [
    { field: 'endpoint', message: "A push address must be a browser's push service (https)." },
  ]);

/** Pushes reach a device after its page is closed: only a device the member marked as their own at login. */
export const pushNeedsOwnDevice = () =>
  new DomainError(
    'not_allowed',
    'Push notifications are only for a device marked as your own at login ("This is my own device").',
  ).said(serverText('error.notAllowed.pushNeedsOwnDevice'));
