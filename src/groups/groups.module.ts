import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { GroupsController, MyGroupsController } from './groups.controller.js';
import { GroupsService } from './groups.service.js';
import { MembershipContentRegistry } from './membership-content.registry.js';
import { MembershipService } from './membership.service.js';

@Module({
  imports: [AccountsModule],
  controllers: [GroupsController, MyGroupsController],
  providers: [GroupsService, MembershipService, MembershipContentRegistry],
  exports: [GroupsService, MembershipService, MembershipContentRegistry],
})
export class GroupsModule {}
