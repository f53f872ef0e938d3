import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import Fastify from 'fastify';
import { pinoHttp } from 'pino-http';
import { KringLogger, RequestLogging, requestLogOptions } from './logging.js';

/** A bare Fastify with Kring's logging on it, and every line it wrote. */
function loggedServer() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  const http = pinoHttp(requestLogOptions('info'), destination);
  const logger = new KringLogger(http.logger);
  const fastify = Fastify();
  new RequestLogging(http).attach(fastify);
  return { fastify, logger, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('KringLogger', () => {
  it("writes Nest's messages with their context, an object's fields, and an error with its stack", () => {
    const { logger, entries } = loggedServer();
    logger.log('Kring draait op http://localhost:3000', 'Bootstrap');
    logger.warn({ err: 'refused' }, 'Redis connection problem', 'RedisConnections');
    logger.error(new Error('boom'), 'HttpExceptionFilter');
    const thrown = new Error('exploded');
    logger.error('Unexpected error', thrown.stack, 'ExceptionsHandler');
    logger.debug('not at info', 'Quiet');

    const [started, warned, failed, handled, ...rest] = entries();
    expect(rest).toEqual([]);
    expect(started).toMatchObject({ level: 30, context: 'Bootstrap', msg: 'Kring draait op http://localhost:3000' });
    expect(warned).toMatchObject({ level: 40, context: 'RedisConnections', msg: 'Redis connection problem' });
    expect(failed).toMatchObject({ level: 50, context: 'HttpExceptionFilter', err: { message: 'boom' } });
    expect((failed.err as { stack: string }).stack).toMatch(/\n\s*at /);
    expect(handled).toMatchObject({ level: 50, context: 'ExceptionsHandler', err: { message: 'Unexpected error' } });
    expect((handled.err as { stack: string }).stack).toBe(thrown.stack);
  });
});

describe('RequestLogging', () => {
  it('logs an API request with id, method, path without query and status, and nothing the client sent', async () => {
    const { fastify, logger, entries } = loggedServer();
    fastify.post('/api/things', async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      logger.warn('Handled a thing', 'Things');
      return { received: Object.keys(request.body as object).length };
    });
    const response = await fastify.inject({
      method: 'POST',
      url: '/api/things?search=canary-query',
      headers: { authorization: 'Bearer canary-token', 'x-forwarded-for': '203.0.113.9' },
      payload: { password: 'canary-password' },
      remoteAddress: '198.51.100.7',
    });
    expect(response.statusCode).toBe(200);
    await fastify.close();

    const [inRequest, completed, ...rest] = entries();
    expect(rest).toEqual([]);
    expect(completed).toEqual({
      level: 30,
      time: expect.any(Number),
      pid: process.pid,
      hostname: expect.any(String),
      req: { id: expect.stringMatching(/^[0-9a-f-]{36}$/), method: 'POST', path: '/api/things' },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
      msg: 'request completed',
    });
    // What the app logs while handling the request carries the request's id (after body parsing too).
    expect(inRequest).toMatchObject({ level: 40, context: 'Things', msg: 'Handled a thing', req: completed.req });
    const text = JSON.stringify(entries());
    for (const sent of ['canary-token', 'canary-password', 'canary-query', '203.0.113.9', '198.51.100.7', 'Bearer']) {
      expect(text).not.toContain(sent);
    }
  });

  it('logs a 4xx as a warning and a 5xx as an error, and leaves the web client paths out', async () => {
    const { fastify, entries } = loggedServer();
    fastify.get('/api/broken', () => Promise.reject(new Error('broken')));
    fastify.get('/r/:code', () => Promise.resolve('client'));
    expect((await fastify.inject({ method: 'GET', url: '/api/missing' })).statusCode).toBe(404);
    expect((await fastify.inject({ method: 'GET', url: '/api/broken' })).statusCode).toBe(500);
    expect((await fastify.inject({ method: 'GET', url: '/r/CANARYCODE' })).statusCode).toBe(200);
    await fastify.close();

    const logged = entries().map(({ level, req, res }) => ({ level, req, res }));
    expect(logged).toEqual([
      { level: 40, req: expect.objectContaining({ path: '/api/missing' }), res: { statusCode: 404 } },
      { level: 50, req: expect.objectContaining({ path: '/api/broken' }), res: { statusCode: 500 } },
    ]);
  });
});
