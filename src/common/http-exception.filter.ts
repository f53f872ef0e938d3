import { randomUUID } from 'node:crypto';
import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { toErrorBody } from './error-body.js';

/** Maps every error of an HTTP request to the API's one error shape. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = toErrorBody(exception);
    if (body) {
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
