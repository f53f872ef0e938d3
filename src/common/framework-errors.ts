import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from './domain-error.js';
import { type ErrorBody, toErrorBody } from './error-body.js';

/**
 * Fastify answers a few refusals itself, before any route (and so before Nest's exception filter)
 * sees the request: a path with a malformed %-escape (`FST_ERR_BAD_URL`), a path parameter over
 * `maxParamLength` (`FST_ERR_MAX_PARAM_LENGTH`), and, below Fastify, what Node's HTTP parser
 * cannot read at all. These two handlers give them the API's one error shape too.
 */

/** Fastify's `frameworkErrors` option: the router's own refusals. */
export function frameworkErrorHandler(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
  const body: ErrorBody = toErrorBody(error) ?? {
    statusCode: 400,
    error: 'validation_failed',
    message: 'The request could not be read.',
  };
  void reply
    .code(body.statusCode)
    .header('Cache-Control', 'no-store')
    .header('X-Robots-Tag', 'noindex, nofollow, noarchive')
    .send(body);
}

function rawRefusal(status: number, error: ErrorCode, message: string): string {
  const body = JSON.stringify({ statusCode: status, error, message } satisfies ErrorBody);
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
    `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    `Cache-Control: no-store\r\nConnection: close\r\n\r\n${body}`
  );
}

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser refused (a NUL or a line break in
 * a header, a malformed request line, headers too large, a request that never finished).
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) {
    return;
  }
  if (socket.writable) {
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      socket.write(rawRefusal(408, 'request_timeout', 'The request took too long to arrive.'));
    } else if (error.code === 'HPE_HEADER_OVERFLOW') {
      socket.write(rawRefusal(431, 'headers_too_large', 'The request headers are too large.'));
    } else {
      socket.write(rawRefusal(400, 'validation_failed', 'The request is not valid HTTP.'));
    }
  }
  socket.destroy(error);
}
