import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Account } from '../accounts/account.entity.js';

/** The account whose credentials the local strategy just checked (login only). */
export const CurrentAccount = createParamDecorator((_data: unknown, context: ExecutionContext): Account => {
  return context.switchToHttp().getRequest<{ user: Account }>().user;
});
