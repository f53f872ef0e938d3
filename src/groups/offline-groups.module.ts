import { Module } from '@nestjs/common';
import { CrisisAuditLog } from '../crisis/crisis-audit.service.js';
import { OfflineGroupsController } from './offline-groups.controller.js';
import { OfflineGroupsService } from './offline-groups.service.js';

/** Groups that meet in person, imported from CSV and listed in the directory. */
@Module({
  controllers: [OfflineGroupsController],
  providers: [OfflineGroupsService, CrisisAuditLog],
})
export class OfflineGroupsModule {}
