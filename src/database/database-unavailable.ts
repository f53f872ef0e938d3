import { Logger } from '@nestjs/common';

/** What a client is told to wait before trying again while the database is away (`Retry-After`). */
export const DATABASE_RETRY_AFTER_MS = 5_000;

/** Error codes of Node's sockets when the server is not there, or went away. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * SQLSTATEs that say "not now" rather than "not this": connection exceptions (class 08), too many
 * connections, a statement cancelled by `statement_timeout` (57014) and a server shutting down,
 * crashing or starting up (57P01–57P03).
 */
function isTransientSqlState(code: string): boolean {
  return code.startsWith('08') || code === '53300' || code === '57014' || /^57P0[1-3]$/.test(code);
}

/** Messages of `pg` and `pg-pool` for a server that does not answer in time or dropped the connection. */
const DRIVER_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Query read timeout',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
];

/**
 * Whether an error means the database is unreachable, stopped, or too slow to answer (rather than
 * that the statement was wrong): such a request is answered `503 service_unavailable` with
 * `Retry-After`, without an error log per request. Looks through TypeORM's `QueryFailedError`
 * (`driverError`) and `cause` chains.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') {
      return false;
    }
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (
      typeof code === 'string' &&
      (NETWORK_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && isTransientSqlState(code)))
    ) {
      return true;
    }
    if (typeof message === 'string' && DRIVER_MESSAGES.some((known) => message.startsWith(known))) {
      return true;
    }
    const next = current as { driverError?: unknown; cause?: unknown };
    current = next.driverError ?? next.cause;
  }
  return false;
}

const logger = new Logger('Database');
/** At most one warning per this long, however many requests are refused. */
const WARN_EVERY_MS = 10_000;
let lastWarning = 0;

/**
 * Says in the log, at most every 10 s, that requests are being refused because the database is
 * away: what the driver said (a code and its message, never a statement or its parameters).
 */
export function warnDatabaseUnavailable(error: unknown): void {
  const now = Date.now();
  if (now - lastWarning < WARN_EVERY_MS) {
    return;
  }
  lastWarning = now;
  let innermost: unknown = error;
  for (let depth = 0; depth < 5 && innermost && typeof innermost === 'object'; depth++) {
    const next =
      (innermost as { driverError?: unknown; cause?: unknown }).driverError ?? (innermost as { cause?: unknown }).cause;
    if (!next) {
      break;
    }
    innermost = next;
  }
  const { code, message } = (innermost ?? {}) as { code?: unknown; message?: unknown };
  logger.warn(
    { code: typeof code === 'string' ? code : undefined, reason: typeof message === 'string' ? message : undefined },
    'The database is unavailable: answering 503 service_unavailable until it answers again',
  );
}
