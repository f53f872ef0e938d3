import { DomainError } from '../common/domain-error.js';

export const notInRoom = () => new DomainError('forbidden', 'Join the room first.');
export const cannotLead = () =>
  new DomainError('forbidden', "Only the group's moderators, or a session's facilitator, can do this.");
export const clientMsgIdReused = () =>
  new DomainError('validation_failed', 'Some fields are not valid.', [
    { field: 'clientMsgId', message: 'This clientMsgId belongs to another message. Make a new one.' },
  ]);
export const tooFast = (retryAfterMs?: number) =>
  new DomainError('rate_limited', 'You are sending messages too fast. Wait a moment.', undefined, retryAfterMs);
export const slowMode = (retryAfterMs?: number) =>
  new DomainError(
    'slow_mode',
    'Slow mode is on in this room: wait a moment before your next message.',
    undefined,
    retryAfterMs,
  );
export const notYourTurn = () =>
  new DomainError('not_your_turn', 'The facilitator gave the word to someone else. Wait for your turn.');
/** With the time left in `retryAfterMs`, so the client can say when sending works again. */
export const mutedByModerator = (until: Date, now: Date) => {
  const left = until.getTime() - now.getTime();
  return new DomainError(
    'muted',
    `A moderator muted you in this group's chat until ${until.toISOString()} ` +
      `(${Math.max(1, Math.ceil(left / 60_000))} more minutes).`,
    undefined,
    left,
  );
};
