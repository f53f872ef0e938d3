import { Module } from '@nestjs/common';
import { AccountPurgeRegistry } from './account-purge.registry.js';
import { AccountsService } from './accounts.service.js';
import { MeController } from './me.controller.js';
import { PasswordHasher } from './password-hasher.js';
import { RecoveryCodeIndex } from './recovery-codes.js';

@Module({
  controllers: [MeController],
  providers: [AccountsService, PasswordHasher, AccountPurgeRegistry, RecoveryCodeIndex],
  exports: [AccountsService, AccountPurgeRegistry],
})
export class AccountsModule {}
