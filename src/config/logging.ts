import { randomUUID } from 'node:crypto';
import type { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LogLevel } from './app-config.js';

export type LogDestination = DestinationStream;

/**
 * Request logs say what was asked and how it went: method, path without its query (a search is
 * what a member typed), status and time. Never headers (tokens), bodies (passwords, login names,
 * what members write) or the client's address.
 */
export function loggerModule(level: LogLevel, destination?: LogDestination): DynamicModule {
  const options: Options = {
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
  return LoggerModule.forRoot({ pinoHttp: destination ? [options, destination] : options });
}
