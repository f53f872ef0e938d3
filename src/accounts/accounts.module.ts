import { Module } from '@nestjs/common';
import { CrisisAuditLog } from '../crisis/crisis-audit.service.js';
import { AccountPurgeRegistry } from './account-purge.registry.js';
import { AccountsService } from './accounts.service.js';
import { ContentPreferencesController } from './content-preferences.controller.js';
import { ContentPreferencesService } from './content-preferences.service.js';
import { MeController } from './me.controller.js';
import { PasswordHasher } from './password-hasher.js';
import { RecoveryCodeIndex } from './recovery-codes.js';

@Module({
  controllers: [MeController, ContentPreferencesController],
  // CrisisAuditLog keeps no state: the site-wide audit's one writer, provided here too (CrisisModule imports accounts).
  providers: [
    AccountsService,
    PasswordHasher,
    AccountPurgeRegistry,
    RecoveryCodeIndex,
    CrisisAuditLog,
    ContentPreferencesService,
  ],
  exports: [AccountsService, AccountPurgeRegistry],
})
export class AccountsModule {}
