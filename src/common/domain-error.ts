import type { ServerText } from '../contracts/server-texts.js';

/**
 * Every failure a client can be told about. Services throw `DomainError`s with one of these
 * codes; the HTTP and WS exception filters turn a code into a status or an ack, in one place.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'invalid_credentials'
  | 'unauthorized'
  | 'invalid_refresh_token'
  | 'invalid_recovery_code'
  | 'forbidden'
  | 'not_found'
  | 'login_name_taken'
  | 'not_a_member'
  | 'pledge_required'
  | 'already_member'
  | 'join_pending'
  | 'group_archived'
  | 'alias_taken'
  | 'invalid_invite'
  | 'slug_taken'
  | 'thread_locked'
  | 'idempotency_key_reused'
  | 'content_removed'
  | 'blocked_content'
  | 'identifying_details'
  | 'suspended'
  | 'muted'
  | 'account_banned'
  | 'already_handled'
  | 'not_allowed'
  | 'room_closed'
  | 'session_full'
  | 'session_cancelled'
  | 'closed_cohort'
  | 'floor_to_self'
  | 'round_empty'
  | 'not_your_turn'
  | 'buddy_unavailable'
  | 'no_hosts'
  | 'buddy_too_soon'
  | 'buddy_own_crisis'
  | 'invite_expired'
  | 'invite_used_up'
  | 'slow_mode'
  | 'payload_too_large'
  | 'headers_too_large'
  | 'request_timeout'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'service_unavailable'
  | 'internal';

export interface FieldProblem {
  field: string;
  /** For people reading the API in English. */
  message: string;
  /** The same refusal as a code of src/contracts/server-texts.ts, for the client to word. */
  text?: ServerText;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldProblem[],
    /** With `rate_limited`: when the caller may try again. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  /** What members are shown: `message` as a code with parameters, for the client to word in their language. */
  text?: ServerText;

  /** Gives the refusal its words for members (src/contracts/server-texts.ts); `message` stays the English. */
  said(text: ServerText): this {
    this.text = text;
    return this;
  }
}

/** The HTTP status for each code; exhaustive, so a new code cannot be forgotten here. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'validation_failed':
    case 'invalid_invite':
    case 'blocked_content':
    case 'identifying_details':
      return 400;
    case 'invalid_credentials':
    case 'unauthorized':
    case 'invalid_refresh_token':
    case 'invalid_recovery_code':
      return 401;
    case 'forbidden':
    case 'not_a_member':
    case 'suspended':
    case 'muted':
    case 'account_banned':
    case 'not_allowed':
    case 'pledge_required':
    case 'join_pending':
      return 403;
    case 'not_found':
      return 404;
    case 'login_name_taken':
    case 'already_member':
    case 'alias_taken':
    case 'slug_taken':
    case 'thread_locked':
    case 'idempotency_key_reused':
    case 'content_removed':
    case 'already_handled':
    case 'group_archived':
      return 409;
    case 'room_closed':
    case 'session_full':
    case 'session_cancelled':
    case 'floor_to_self':
    case 'round_empty':
    case 'buddy_unavailable':
    case 'no_hosts':
      return 409;
    case 'closed_cohort':
    case 'not_your_turn':
    case 'buddy_too_soon':
    case 'buddy_own_crisis':
      return 403;
    case 'invite_expired':
    case 'invite_used_up':
      return 410;
    case 'payload_too_large':
      return 413;
    case 'headers_too_large':
      return 431;
    case 'request_timeout':
      return 408;
    case 'unsupported_media_type':
      return 415;
    case 'rate_limited':
    case 'slow_mode':
      return 429;
    case 'service_unavailable':
      return 503;
    case 'internal':
      return 500;
  }
}
