import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../common/domain-error.js';
import { validationError } from '../common/error-body.js';
import { loginSchema } from '../contracts/auth.js';
import { type Actor, IS_PUBLIC, REQUIRED_ROLE } from './actor.js';
import { unauthorized } from './token.service.js';

/** Every route needs a valid access token unless it is marked `@Public()`; `@AdminOnly()` adds the role. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      return true;
    }
    await super.canActivate(context);
    const requiredRole = this.reflector.getAllAndOverride<string>(REQUIRED_ROLE, targets);
    const actor = context.switchToHttp().getRequest<{ user: Actor }>().user;
    if (requiredRole && actor.role !== requiredRole) {
      throw new DomainError('forbidden', 'Only admins can do this.');
    }
    return true;
  }

  /**
   * passport-jwt reports a bad token as no user; `error` is what `validate` threw: a DomainError,
   * or a failure of the database, which is ours to answer (500), not the member's (a 401 would
   * make the client throw away a good token).
   */
  override handleRequest<TUser = Actor>(error: unknown, user: TUser | false): TUser {
    // Any error, not only an `instanceof Error`: a socket error made in another realm (a VM
    // context, a worker) is not one, and must not turn an absent database into a 401.
    if (error) {
      throw asError(error);
    }
    if (!user) {
      throw unauthorized();
    }
    return user;
  }
}

/**
 * Checks the login body against its schema before passport-local reads it, so a malformed body
 * is a 400 with field messages rather than a bare 401.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const parsed = loginSchema.safeParse(request.body);
    if (!parsed.success) {
      throw validationError(parsed.error);
    }
    request.body = parsed.data;
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error) {
      throw asError(error);
    }
    if (!user) {
      throw new DomainError('invalid_credentials', 'This login name and password do not match.');
    }
    return user;
  }
}

/** The error itself, or one that carries it as its cause (the error filters look through causes). */
function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error('The login could not be checked.', { cause: error });
}
