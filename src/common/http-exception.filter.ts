import { randomUUID } from 'node:crypto';
import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BODY_LIMIT_BYTES, bodyLimitWords } from './body-limit.js';
import { toErrorBody } from './error-body.js';

/** Maps every error of an HTTP request to the API's one error shape. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = toErrorBody(exception);
    if (body) {
      const limit = host.switchToHttp().getRequest<FastifyRequest>().routeOptions?.bodyLimit;
      if (body.error === 'payload_too_large' && limit !== undefined && limit !== BODY_LIMIT_BYTES) {
        // A route with a limit of its own (the CSV import) names that limit, not the usual 64 KiB.
        body.message = `The request body is larger than ${bodyLimitWords(limit)}.`;
      }
      if (body.retryAfterMs !== undefined) {
        void reply.header('Retry-After', String(Math.max(1, Math.ceil(body.retryAfterMs / 1000))));
      }
      void reply.status(body.statusCode).send(body);
      return;
    }
    const correlationId = randomUUID();
    // The error's message and stack only: never the request, whose body may hold what a member wrote.
    this.logger.error(
      {
        correlationId,
        err:
          exception instanceof Error
            ? { name: exception.name, message: exception.message, stack: exception.stack }
            : String(exception),
      },
      'Unexpected error',
    );
    void reply.status(500).send({
      statusCode: 500,
      error: 'internal',
      message: `Something went wrong on our side. Reference: ${correlationId}`,
    });
  }
}
