import { Module } from '@nestjs/common';
import { AccountPurgeRegistry } from './account-purge.registry.js';
import { AccountsService } from './accounts.service.js';
import { MeController } from './me.controller.js';
import { PasswordHasher } from './password-hasher.js';

@Module({
  controllers: [MeController],
  providers: [AccountsService, PasswordHasher, AccountPurgeRegistry],
  exports: [AccountsService, AccountPurgeRegistry],
})
export class AccountsModule {}
