import { expect } from '@jest/globals';
import type { Response } from 'supertest';
import { isServerTextCode } from '../../src/contracts/server-texts.js';

/** `text`: the refusal as a code of src/contracts/server-texts.ts, for the client to word. */
const ERROR_BODY_KEYS = ['statusCode', 'error', 'message', 'text', 'details'];
/** A 429 also says, for the browser client, how long to wait (as `Retry-After` does in seconds). */
const RATE_LIMITED_KEYS = [...ERROR_BODY_KEYS, 'retryAfterMs'];

export interface ErrorResponseBody {
  statusCode: number;
  error: string;
  message: string;
  text?: { code: string; params?: Record<string, string | number> };
  details?: { field: string; message: string; text?: { code: string } }[];
}

/**
 * Checks a refusal: this status, the API's one error shape `{statusCode, error, message, details?}`
 * and nothing else in the body (a 429 adds `retryAfterMs`), and this machine-readable code.
 * Returns the body.
 */
export function expectError(response: Response, status: number, error: string): ErrorResponseBody {
  expect({ status: response.status, body: response.body as unknown }).toMatchObject({
    status,
    body: { statusCode: status, error, message: expect.any(String) },
  });
  const body = response.body as ErrorResponseBody;
  const allowed = status === 429 ? RATE_LIMITED_KEYS : ERROR_BODY_KEYS;
  expect(Object.keys(body).filter((key) => !allowed.includes(key))).toEqual([]);
  expect(body.message.length).toBeGreaterThan(0);
  if (body.text !== undefined) {
    expect(isServerTextCode(body.text.code)).toBe(true);
  }
  if (body.details !== undefined) {
    expect(body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: expect.any(String), message: expect.any(String) })]),
    );
  }
  return body;
}

/** The message given for one field of a 400, failing the test when the field is not named. */
export function fieldMessage(body: ErrorResponseBody, field: string): string {
  const problem = body.details?.find((detail) => detail.field === field);
  expect({ field, found: problem !== undefined, details: body.details }).toMatchObject({ found: true });
  return problem!.message;
}
