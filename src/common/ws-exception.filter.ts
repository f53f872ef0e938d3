import { randomUUID } from 'node:crypto';
import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { AckError } from '../contracts/chat.js';
import { toErrorBody } from './error-body.js';

/** The refusal a client is told in an acknowledgement, or undefined for an unexpected error. */
export function toAckError(exception: unknown): AckError | undefined {
  const body = toErrorBody(exception);
  if (!body) {
    return undefined;
  }
  const error: AckError = { code: body.error, message: body.message };
  if (body.text) {
    error.text = body.text;
  }
  if (body.details) {
    error.details = body.details;
  }
  if (body.retryAfterMs !== undefined) {
    error.retryAfterMs = body.retryAfterMs;
  }
  return error;
}

/** An error's name, message and stack; never anything else it carries (a query's parameters, say). */
function describe(exception: unknown): { name: string; message: string; stack?: string } | string {
  if (typeof exception === 'object' && exception !== null && 'message' in exception) {
    const { name, message, stack } = exception as Error;
    return { name: String(name), message: String(message), stack: typeof stack === 'string' ? stack : undefined };
  }
  return String(exception);
}

/**
 * Answers every error of a socket event through the event's acknowledgement, as
 * `{ok: false, error: {code, message}}`, with the codes the HTTP filter uses. The connection stays
 * open. An unexpected error is logged (never the payload: it may hold what a member wrote) and
 * answered as `internal` with a reference.
 */
@Catch()
export class WsExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('WsExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    // A Socket.IO handler is called with (socket, payload, ack, pattern).
    const ack = host.getArgByIndex<unknown>(2);
    let error = toAckError(exception);
    if (!error) {
      const correlationId = randomUUID();
      this.logger.error(
        {
          correlationId,
          event: host.switchToWs().getPattern(),
          error: describe(exception),
        },
        'Unexpected error in a socket event',
      );
      error = { code: 'internal', message: `Something went wrong on our side. Reference: ${correlationId}` };
    }
    if (typeof ack === 'function') {
      (ack as (response: { ok: false; error: AckError }) => void)({ ok: false, error });
    }
  }
}
