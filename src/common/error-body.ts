import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { ZodValidationException } from 'nestjs-zod';
import { ZodError } from 'zod';
import type { ServerText } from '../contracts/server-texts.js';
import {
  DATABASE_RETRY_AFTER_MS,
  isDatabaseUnavailable,
  warnDatabaseUnavailable,
} from '../database/database-unavailable.js';
import { DomainError, type ErrorCode, type FieldProblem, httpStatusFor } from './domain-error.js';

/** The one error shape of the API: `error` is the machine-readable code, `message` is for people. */
export interface ErrorBody {
  statusCode: number;
  error: ErrorCode;
  message: string;
  /** `message` as a code with parameters (src/contracts/server-texts.ts), for the client to word. */
  text?: ServerText;
  details?: FieldProblem[];
  /** With 429: milliseconds until a retry can succeed (also sent as `Retry-After`, in seconds). */
  retryAfterMs?: number;
}

export function fieldProblems(error: ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return { field: issue.keys.join(', '), message: 'This field is not accepted.' };
    }
    return { field: issue.path.map(String).join('.') || '(body)', message: issue.message };
  });
}

export function validationError(error: ZodError): DomainError {
  return new DomainError('validation_failed', 'Some fields are not valid.', fieldProblems(error));
}

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
}

function isFastifyError(error: unknown): error is Error & FastifyLikeError {
  return error instanceof Error && typeof (error as FastifyLikeError).code === 'string' && 'statusCode' in error;
}

const codeForStatus: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'service_unavailable',
};

/**
 * Turns anything thrown while serving a request into the API's error shape. Returns undefined for
 * an unexpected error: the caller logs it and answers a plain 500.
 */
export function toErrorBody(error: unknown): ErrorBody | undefined {
  if (error instanceof ZodValidationException) {
    const zodError = error.getZodError();
    if (zodError instanceof ZodError) {
      return fromDomainError(validationError(zodError));
    }
  }
  if (error instanceof DomainError) {
    return fromDomainError(error);
  }
  if (error instanceof HttpException) {
    // Nest's Fastify adapter wraps Fastify's own 4xx errors (body too large, malformed JSON) in
    // an HttpException; the original, with its code, is the cause.
    const fromFastify = fastifyErrorBody(error.cause);
    if (fromFastify) {
      return fromFastify;
    }
    const status = error.getStatus();
    const code = codeForStatus[status];
    if (!code) {
      return undefined;
    }
    return { statusCode: status, error: code, message: httpMessage(status, error.message) };
  }
  if (isDatabaseUnavailable(error)) {
    // Not a bug to log per request: the database is stopped, unreachable or too slow to answer.
    warnDatabaseUnavailable(error);
    return {
      statusCode: 503,
      error: 'service_unavailable',
      message: 'Kring cannot reach its database just now. Try again in a moment.',
      retryAfterMs: DATABASE_RETRY_AFTER_MS,
    };
  }
  return fastifyErrorBody(error);
}

/** Fastify's own refusals that deserve a clearer message than Fastify's, by error code. */
const fastifyErrors: Record<string, ErrorBody> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    statusCode: 413,
    error: 'payload_too_large',
    message: 'The request body is larger than 64 KiB.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    statusCode: 415,
    error: 'unsupported_media_type',
    message: 'Send the body as application/json.',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    statusCode: 400,
    error: 'validation_failed',
    message: 'The request body is not valid JSON.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    statusCode: 400,
    error: 'validation_failed',
    message: 'The request body is empty but says it is JSON: send a JSON body or no Content-Type.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    statusCode: 400,
    error: 'validation_failed',
    message: 'The Content-Length header does not match the body.',
  },
  FST_ERR_BAD_URL: {
    statusCode: 400,
    error: 'validation_failed',
    message: 'The address is not valid: it holds a malformed %-escape.',
  },
  // A path parameter longer than any slug or id names nothing: like a malformed id, it is not found.
  FST_ERR_MAX_PARAM_LENGTH: { statusCode: 404, error: 'not_found', message: 'Not found.' },
};

/** A refusal Fastify raised that the table above does not name: its status, in the one shape. */
function otherFastifyRefusal(error: Error & FastifyLikeError): ErrorBody | undefined {
  const status = error.statusCode;
  if (!error.code?.startsWith('FST_') || status === undefined || status < 400 || status > 499) {
    return undefined;
  }
  const code = codeForStatus[status] ?? 'validation_failed';
  return { statusCode: httpStatusFor(code), error: code, message: 'The request could not be read.' };
}

function fastifyErrorBody(error: unknown): ErrorBody | undefined {
  if (!isFastifyError(error) || !error.code) {
    return undefined;
  }
  if (!Object.hasOwn(fastifyErrors, error.code)) {
    return otherFastifyRefusal(error);
  }
  return { ...fastifyErrors[error.code] };
}

function fromDomainError(error: DomainError): ErrorBody {
  const body: ErrorBody = { statusCode: httpStatusFor(error.code), error: error.code, message: error.message };
  if (error.text) {
    body.text = error.text;
  }
  if (error.details) {
    body.details = error.details;
  }
  if (error.retryAfterMs !== undefined) {
    body.retryAfterMs = error.retryAfterMs;
  }
  return body;
}

function httpMessage(status: number, message: string): string {
  if (status === 404) {
    return 'Not found.';
  }
  if (status === 401) {
    return 'You need to log in.';
  }
  return message || STATUS_CODES[status] || 'Error';
}
