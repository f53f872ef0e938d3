import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AccountRole } from '../accounts/account.entity.js';

/** Who is acting: the account behind a valid access token, and the login session it came from. */
export interface Actor {
  accountId: string;
  role: AccountRole;
  sessionId: string;
}

/** The acting account, put on the request by the JWT guard. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<{ user?: Actor }>();
  if (!request.user) {
    throw new Error('CurrentActor used on a route without authentication');
  }
  return request.user;
});

export const IS_PUBLIC = 'kring:isPublic';
/** Marks a route that guests may call; every other route needs a valid access token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const REQUIRED_ROLE = 'kring:requiredRole';
/** Marks a route only admins may call. */
export const AdminOnly = () => SetMetadata(REQUIRED_ROLE, 'admin' satisfies AccountRole);
