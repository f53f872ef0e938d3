import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The refresh token of a device the member marked as their own. HttpOnly (no script reads it),
 * SameSite=Strict (no other site's page sends it), Secure when the request came over HTTPS (the
 * protocol as Fastify sees it, which honours X-Forwarded-Proto only under TRUST_PROXY), and sent
 * to the refresh route only.
 */
export const DEVICE_COOKIE = 'kring_device';
export const DEVICE_COOKIE_PATH = '/api/auth/refresh';

/** Refresh tokens are `<uuid>.<base64url>`: nothing in them needs escaping in a cookie. */
const TOKEN_SHAPE = /^[0-9a-f-]{36}\.[A-Za-z0-9_-]{1,100}$/;

export function readDeviceCookie(request: FastifyRequest): string | null {
  const header = request.headers.cookie;
  if (!header) {
    return null;
  }
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    const value = rest.join('=');
    if (name === DEVICE_COOKIE && TOKEN_SHAPE.test(value)) {
      return value;
    }
  }
  return null;
}

function cookie(request: FastifyRequest, value: string, maxAgeSeconds: number): string {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `${DEVICE_COOKIE}=${value}; Max-Age=${maxAgeSeconds}; Path=${DEVICE_COOKIE_PATH}; HttpOnly; SameSite=Strict${secure}`;
}

export function setDeviceCookie(request: FastifyRequest, reply: FastifyReply, token: string, maxAgeSeconds: number) {
  reply.header('set-cookie', cookie(request, token, maxAgeSeconds));
}

export function clearDeviceCookie(request: FastifyRequest, reply: FastifyReply) {
  reply.header('set-cookie', cookie(request, '', 0));
}

/**
 * Against cross-site requests that carry the cookie: besides SameSite=Strict, a refresh by cookie
 * must be `application/json`, which no HTML form can send and a script of another origin can send
 * only after a CORS preflight that Kring does not grant.
 */
export function isJsonRequest(request: FastifyRequest): boolean {
  return /^application\/json\b/i.test(request.headers['content-type'] ?? '');
}
