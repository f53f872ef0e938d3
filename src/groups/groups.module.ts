import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { GroupInfoController } from './group-info.controller.js';
import { GroupInfoService } from './group-info.service.js';
import { GroupsController, MyGroupsController } from './groups.controller.js';
import { GroupsService } from './groups.service.js';
import { MembershipContentRegistry } from './membership-content.registry.js';
import { MembershipService } from './membership.service.js';

@Module({
  imports: [AccountsModule],
  controllers: [GroupsController, MyGroupsController, GroupInfoController],
  providers: [GroupsService, MembershipService, MembershipContentRegistry, GroupInfoService],
  exports: [GroupsService, MembershipService, MembershipContentRegistry],
})
export class GroupsModule {}
