import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import type { Account } from '../accounts/account.entity.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { DomainError } from '../common/domain-error.js';

export const invalidCredentials = () =>
  new DomainError('invalid_credentials', 'This login name and password do not match.');

/** Login name and password; a wrong name and a wrong password fail alike. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly accounts: AccountsService) {
    super({ usernameField: 'loginName', passwordField: 'password' });
  }

  async validate(loginName: string, password: string): Promise<Account> {
    const account = await this.accounts.verifyCredentials(loginName, password);
    if (!account) {
      throw invalidCredentials();
    }
    // Said only after the password matched, so it reveals nothing to someone guessing names.
    if (account.bannedAt) {
      throw new DomainError('account_banned', 'This account was banned by the site admins.');
    }
    return account;
  }
}
