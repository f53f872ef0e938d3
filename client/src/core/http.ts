/**
 * The API client: JSON over `fetch` to the same origin (the CSP allows nothing else), the
 * server's one error shape turned into `ApiError`, and the access token added and renewed by the
 * session through `useAuth`.
 */

import { isServerTextCode, type ServerText } from '../../../src/contracts/server-texts.js';

/** One refused field, as the server reports it in `details`. */
export interface FieldProblem {
  field: string;
  message: string;
  /** The same refusal as a code (src/contracts/server-texts.ts), for the client to word. */
  text?: ServerText;
}

/**
 * The API's error body (src/common/error-body.ts). `error` is kept a plain string: the server adds
 * codes as features land, and the client treats an unknown code by its status and message.
 */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** `message` as a code with parameters (src/contracts/server-texts.ts), for the client to word. */
  text?: ServerText;
  details?: FieldProblem[];
  retryAfterMs?: number;
}

/** `network` and `bad_response` are the client's own codes: no answer, or one that is not the API's shape. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldProblem[];
  readonly retryAfterMs: number | undefined;
  /** What to show members, as a code of src/contracts/server-texts.ts (when the server gave one). */
  readonly text: ServerText | undefined;

  constructor(body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = body.statusCode;
    this.code = body.error;
    this.details = body.details ?? [];
    this.retryAfterMs = body.retryAfterMs;
    this.text = isServerTextCode(body.text?.code) ? body.text : undefined;
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** What the session lends the API client; kept as an interface so the two modules do not import each other. */
export interface AuthHooks {
  /** A valid access token (renewed first when it is about to expire), or null when logged out. */
  accessToken(): Promise<string | null>;
  /** Called on a 401 for a request that carried a token: renew once; false when the session is over. */
  renew(): Promise<boolean>;
}

let auth: AuthHooks | null = null;

export function useAuth(hooks: AuthHooks): void {
  auth = hooks;
}

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** Send the access token (default: when logged in). `false` for login, register and the like. */
  withToken?: boolean;
  keepalive?: boolean;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function send(method: Method, path: string, options: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  if (token) {
    headers.authorization = `Bearer ${token}`;
  }
  try {
    return await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      keepalive: options.keepalive,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (error) {
    if (isAbort(error)) {
      throw error;
    }
    throw new ApiError({ statusCode: 0, error: 'network', message: 'The server cannot be reached.' });
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  const body = value as Partial<ErrorBody> | null;
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof body.statusCode === 'number' &&
    typeof body.error === 'string' &&
    typeof body.message === 'string'
  );
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Sends one request; resolves with the parsed JSON (undefined for 204), rejects with `ApiError`. */
export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const useToken = options.withToken !== false && auth !== null;
  const token = useToken && auth ? await auth.accessToken() : null;
  let response = await send(method, path, options, token);
  if (response.status === 401 && token && auth && (await auth.renew())) {
    response = await send(method, path, options, await auth.accessToken());
  }
  const body = await readJson(response);
  if (response.ok) {
    return body as T;
  }
  if (isErrorBody(body)) {
    throw new ApiError(body);
  }
  throw new ApiError({
    statusCode: response.status,
    error: response.status >= 500 ? 'internal' : 'bad_response',
    message: response.statusText || 'Unexpected answer',
  });
}

/** Sends one request whose answer is not JSON (a printable card's SVG); resolves with its text, rejects with `ApiError`. */
export async function requestText(method: Method, path: string, options: RequestOptions = {}): Promise<string> {
  const token = options.withToken !== false && auth ? await auth.accessToken() : null;
  let response = await send(method, path, options, token);
  if (response.status === 401 && token && auth && (await auth.renew())) {
    response = await send(method, path, options, await auth.accessToken());
  }
  if (response.ok) {
    return response.text();
  }
  const body = await readJson(response);
  throw new ApiError(
    isErrorBody(body) ? body : { statusCode: response.status, error: 'bad_response', message: response.statusText },
  );
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body: body ?? {} }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('DELETE', path, { ...options, body }),
};
