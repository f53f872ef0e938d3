import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, Like, Not, Or, QueryFailedError } from 'typeorm';
import type { AccountView, RegisterRequest, RegisterResponse } from '../contracts/auth.js';
import { DomainError } from '../common/domain-error.js';
import { crisisAccessOf } from '../crisis/crisis-access.js';
import { CrisisAuditLog } from '../crisis/crisis-audit.service.js';
import { DomainEvents } from '../events/domain-events.js';
import { AccountPurgeRegistry } from './account-purge.registry.js';
import { Account } from './account.entity.js';
import { accountNotFound, commonPassword, loginNameTaken, wrongPassword } from './accounts.errors.js';
import { isCommonPassword } from './common-passwords.js';
import { PasswordHasher } from './password-hasher.js';
import { RecoveryCode } from './recovery-code.entity.js';
import {
  generateRecoveryCode,
  normaliseRecoveryCode,
  RECOVERY_CODE_COUNT,
  RecoveryCodeIndex,
} from './recovery-codes.js';
import { serverText } from '../contracts/server-texts.js';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class AccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly purges: AccountPurgeRegistry,
    private readonly events: DomainEvents,
    private readonly codeIndex: RecoveryCodeIndex,
    private readonly audit: CrisisAuditLog,
  ) {}

  /**
   * Creates an account and its ten recovery codes, which are returned this once and stored only
   * as bcrypt hashes and keyed indexes. Fails with `login_name_taken` (whatever the case of the name) or
   * `validation_failed` for a common password; nothing is written then.
   */
  async register(request: RegisterRequest): Promise<RegisterResponse> {
    if (isCommonPassword(request.password)) {
      throw commonPassword('password');
    }
    const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, generateRecoveryCode);
    const [passwordHash, ...codeHashes] = await Promise.all([
      this.hasher.hash(request.password),
      ...recoveryCodes.map((code) => this.hasher.hash(normaliseRecoveryCode(code))),
    ]);
    try {
      const account = await this.dataSource.transaction(async (manager) => {
        const created = await manager.save(manager.create(Account, { loginName: request.loginName, passwordHash }));
        await manager.insert(
          RecoveryCode,
          codeHashes.map((codeHash, index) => ({
            accountId: created.id,
            codeHash,
            codeIndex: this.codeIndex.of(recoveryCodes[index]),
          })),
        );
        return created;
      });
      return { account: { loginName: account.loginName, createdAt: account.createdAt.toISOString() }, recoveryCodes };
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION) {
        throw loginNameTaken();
      }
      throw error;
    }
  }

  /**
   * The account for these credentials, or null. An unknown name costs the same bcrypt time as a
   * wrong password, so a response never tells which of the two was wrong.
   */
  async verifyCredentials(loginName: string, password: string): Promise<Account | null> {
    const account = await this.dataSource.getRepository(Account).findOneBy({ loginName: loginName.toLowerCase() });
    if (!account) {
      return this.hasher.verifyNothing(password).then(() => null);
    }
    return (await this.hasher.verify(password, account.passwordHash)) ? account : null;
  }

  /** The account's own view of itself; `not_found` if it was deleted meanwhile. */
  async describe(accountId: string): Promise<AccountView> {
    const account = await this.dataSource.getRepository(Account).findOneBy({ id: accountId });
    if (!account) {
      throw new DomainError('unauthorized', 'You need to log in.');
    }
    return {
      loginName: account.loginName,
      role: account.role,
      createdAt: account.createdAt.toISOString(),
      crisis: await crisisAccessOf(this.dataSource.manager, account.id, account.role),
    };
  }

  /** Current token version, or null when the account no longer exists. */
  async tokenVersion(accountId: string): Promise<number | null> {
    const account = await this.dataSource
      .getRepository(Account)
      .findOne({ where: { id: accountId }, select: { id: true, tokenVersion: true } });
    return account?.tokenVersion ?? null;
  }

  /**
   * Sets a new password after checking the current one, and cuts every token of the account
   * (all its sessions log in again). Fails with `invalid_credentials` on a wrong current password.
   */
  async changePassword(accountId: string, currentPassword: string, newPassword: string): Promise<void> {
    if (isCommonPassword(newPassword)) {
      throw commonPassword('newPassword');
    }
    const account = await this.dataSource.getRepository(Account).findOneByOrFail({ id: accountId });
    if (!(await this.hasher.verify(currentPassword, account.passwordHash))) {
      throw wrongPassword();
    }
    const passwordHash = await this.hasher.hash(newPassword);
    await this.dataSource
      .getRepository(Account)
      .update({ id: accountId }, { passwordHash, tokenVersion: () => 'token_version + 1' });
    await this.events.emit('account.tokens-revoked', { accountId });
  }

  /**
   * Consumes one recovery code and sets a new password; every session is cut. A wrong name, a
   * wrong code and a used code fail alike with `invalid_recovery_code`, in the same time: the
   * code's keyed index finds the one row it can be, and exactly one bcrypt comparison follows
   * (against a decoy when there is no such row), whatever the name. Only an account that still
   * has codes from before the index (or indexed under an earlier JWT_SECRET) has those tried one
   * by one, as before.
   * A code is consumed at most once, even when two requests race with it.
   */
  async recover(loginName: string, recoveryCode: string, newPassword: string): Promise<void> {
    if (isCommonPassword(newPassword)) {
      throw commonPassword('newPassword');
    }
    const invalid = new DomainError('invalid_recovery_code', 'This login name and recovery code do not match.');
    const account = await this.dataSource.getRepository(Account).findOneBy({ loginName: loginName.toLowerCase() });
    const matched = account
      ? await this.findRecoveryCode(account.id, recoveryCode)
      : await this.noRecoveryCode(recoveryCode);
    if (!account || !matched) {
      throw invalid;
    }
    const passwordHash = await this.hasher.hash(newPassword);
    const consumed = await this.dataSource.transaction(async (manager) => {
      const deleted = await manager.delete(RecoveryCode, { id: matched.id });
      if (!deleted.affected) {
        return false;
      }
      await manager.update(Account, { id: account.id }, { passwordHash, tokenVersion: () => 'token_version + 1' });
      return true;
    });
    if (!consumed) {
      throw invalid;
    }
    await this.events.emit('account.tokens-revoked', { accountId: account.id });
  }

  /** The account's unused code that matches, after one bcrypt comparison (more only for codes from before the index). */
  private async findRecoveryCode(accountId: string, typed: string): Promise<RecoveryCode | undefined> {
    const codes = this.dataSource.getRepository(RecoveryCode);
    const normalised = normaliseRecoveryCode(typed);
    const candidate = await codes.findOneBy({ accountId, codeIndex: this.codeIndex.of(normalised) });
    if (candidate) {
      return (await this.hasher.verify(normalised, candidate.codeHash)) ? candidate : undefined;
    }
    // Codes from before the index, or indexed under an earlier JWT_SECRET.
    const unindexed = await codes.findBy({
      accountId,
      codeIndex: Or(IsNull(), Not(Like(`${this.codeIndex.prefix}%`))),
    });
    if (unindexed.length === 0) {
      return this.noRecoveryCode(typed);
    }
    const index = await this.hasher.findMatch(
      normalised,
      unindexed.map((code) => code.codeHash),
      unindexed.length,
    );
    return index < 0 ? undefined : unindexed[index];
  }

  /** The time of one comparison, and no code. */
  private async noRecoveryCode(typed: string): Promise<undefined> {
    await this.hasher.verifyNothing(normaliseRecoveryCode(typed));
    return undefined;
  }

  /** Cuts every access and refresh token of the account: logout everywhere. */
  async revokeAllTokens(accountId: string): Promise<void> {
    await this.dataSource.getRepository(Account).update({ id: accountId }, { tokenVersion: () => 'token_version + 1' });
    await this.events.emit('account.tokens-revoked', { accountId });
  }

  /**
   * Deletes the account and everything it owns, after checking its password; each feature's
   * purge step runs in the same transaction. Fails with `invalid_credentials` and deletes nothing.
   */
  async deleteAccount(accountId: string, password: string): Promise<void> {
    const account = await this.dataSource.getRepository(Account).findOneByOrFail({ id: accountId });
    if (!(await this.hasher.verify(password, account.passwordHash))) {
      throw wrongPassword();
    }
    const after = await this.dataSource.transaction(async (manager) => {
      const announcements = await this.purges.runAll(manager, accountId);
      await manager.delete(Account, { id: accountId });
      return announcements;
    });
    for (const announce of after) {
      await announce();
    }
    await this.events.emit('account.tokens-revoked', { accountId });
  }

  /**
   * Makes an account an admin (the `admin:grant` command, directly or through the running server),
   * with an entry in the site-wide audit log in the same transaction: admins see that one was made, and when;
   * never the login name, which nobody else ever sees (BRIEF rule 1).
   */
  async grantAdmin(loginName: string): Promise<void> {
    const name = loginName.toLowerCase();
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.update(Account, { loginName: name }, { role: 'admin' });
      if (!result.affected) {
        throw accountNotFound();
      }
      await this.audit.write(manager, {
        action: 'admin-granted',
        actor: { commandLine: true },
        reason: '',
        reasonText: serverText('crisisAudit.adminGranted'),
      });
    });
  }
}
