import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DynamicModule, Global, type LoggerService, Module } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream, Logger, LogFn } from 'pino';
import { type HttpLogger, type Options, pinoHttp } from 'pino-http';
import type { LogLevel } from './app-config.js';

export type LogDestination = DestinationStream;

type PinoLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** The logger of the request being handled, so what the app logs meanwhile carries the request's id. */
const requestScope = new AsyncLocalStorage<Logger>();

/**
 * Nest's logger, written by the one pino instance of the app, in the JSON shape nestjs-pino gave
 * (which Kring used until its every release for NestJS 12 asked for Node 22): `context` from the
 * last argument, an object's fields merged in, an Error under `err`.
 */
export class KringLogger implements LoggerService {
  constructor(private readonly root: Logger) {}

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('trace', message, optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', message, optionalParams);
  }

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.write('info', message, optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', message, optionalParams);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.write('error', message, optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.write('fatal', message, optionalParams);
  }

  private write(level: PinoLevel, message: unknown, optionalParams: unknown[]): void {
    const log: LogFn = (...args: Parameters<LogFn>) => (requestScope.getStore() ?? this.root)[level](...args);
    const fields: Record<string, unknown> = {};
    // Nest passes a logger's context as the last argument.
    let params = optionalParams;
    if (params.length > 0) {
      fields.context = params.at(-1);
      params = params.slice(0, -1);
    }
    if (typeof message === 'object' && message !== null) {
      if (message instanceof Error) {
        fields.err = message;
      } else {
        Object.assign(fields, message);
      }
      if (params.length === 0) {
        log(fields);
      } else {
        log(fields, String(params[0]), ...params.slice(1));
      }
    } else if (
      level === 'error' &&
      params.length === 1 &&
      typeof params[0] === 'string' &&
      /\n\s*at /.test(params[0])
    ) {
      // Nest's own exception handlers call error(message, stack): one error, stack included.
      const err = new Error(String(message));
      err.stack = params[0];
      log({ ...fields, err });
    } else {
      log(fields, String(message), ...params);
    }
  }
}

/**
 * Request logs say what was asked and how it went: method, path without its query (a search is
 * what a member typed), status and time. Never headers (tokens), bodies (passwords, login names,
 * what members write) or the client's address.
 */
export function requestLogOptions(level: LogLevel): Options {
  return {
    level,
    genReqId: () => randomUUID(),
    serializers: {
      req: (req: IncomingMessage & { id?: string }) => ({
        id: req.id,
        method: req.method,
        path: (req.url ?? '').split('?')[0],
      }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      err: (err: Error) => ({ type: err.name, message: err.message, stack: err.stack }),
    },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
  };
}

/** The app's pino-http instance; its `logger` is the one pino instance everything logs through. */
export class RequestLogging {
  constructor(readonly http: HttpLogger) {}

  /**
   * Logs every API request as Fastify hooks on the raw request and response: an onRequest hook
   * rather than a Nest middleware (what nestjs-pino used), so requests Fastify answers before any
   * route (404s, too large, bad content type) are logged too, with no wildcard route to get right
   * under the global prefix. Only `/api`, as before: the web client's paths hold referral codes.
   */
  attach(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', (request, reply, done) => {
      if (isApiPath(request.url)) {
        this.http(request.raw, reply.raw);
      }
      done();
    });
    // Bound here, right before the handler, rather than on request: body parsing in between runs
    // outside the hook's async context.
    fastify.addHook('preHandler', (request, _reply, done) => {
      const log = isApiPath(request.url) ? request.raw.log : undefined;
      if (log) {
        requestScope.run(log, done);
      } else {
        done();
      }
    });
  }
}

function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

@Global()
@Module({})
class LoggingModule {}

export function loggerModule(level: LogLevel, destination?: LogDestination): DynamicModule {
  const http = destination ? pinoHttp(requestLogOptions(level), destination) : pinoHttp(requestLogOptions(level));
  const providers = [
    { provide: RequestLogging, useValue: new RequestLogging(http) },
    { provide: KringLogger, useValue: new KringLogger(http.logger) },
  ];
  return { module: LoggingModule, providers, exports: [RequestLogging, KringLogger] };
}
