import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config.js';
import { RateLimiter } from './rate-limiter.js';

const AUTH_RATE_LIMITED = 'kring:authRateLimited';

/**
 * Puts a route under the stricter limits for guessing secrets (register, login, refresh, recover):
 * per client and per login name, on top of the general API limit.
 */
export const AuthRateLimited = () => SetMetadata(AUTH_RATE_LIMITED, true);

const RECOVER_RATE_LIMITED = 'kring:recoverRateLimited';

/** Account recovery: a bcrypt comparison anyone can ask for, so a stricter limit per client than login's. */
export const RecoverRateLimited = () => SetMetadata(RECOVER_RATE_LIMITED, true);

@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limits: AppConfig['rateLimits'];

  constructor(
    private readonly limiter: RateLimiter,
    private readonly reflector: Reflector,
    config: ConfigService<AppConfig, true>,
  ) {
    this.limits = config.get('rateLimits', { infer: true });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Global guards run on socket events too; those have their own limits (see chat).
    if (context.getType() !== 'http') {
      return true;
    }
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const windowMs = this.limits.windowMs;
    await this.limiter.consume('api', request.ip, { limit: this.limits.apiPerClient, windowMs });
    if (!this.reflector.get<boolean>(AUTH_RATE_LIMITED, context.getHandler())) {
      return true;
    }
    await this.limiter.consume('auth', request.ip, { limit: this.limits.authPerClient, windowMs });
    if (this.reflector.get<boolean>(RECOVER_RATE_LIMITED, context.getHandler())) {
      await this.limiter.consume('recover', request.ip, { limit: this.limits.recoverPerClient, windowMs });
    }
    const loginName = (request.body as { loginName?: unknown } | undefined)?.loginName;
    if (typeof loginName === 'string') {
      await this.limiter.consume('login-name', loginName.trim().toLowerCase(), {
        limit: this.limits.authPerLoginName,
        windowMs,
      });
    }
    return true;
  }
}
