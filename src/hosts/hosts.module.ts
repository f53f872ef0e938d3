import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { GroupsModule } from '../groups/groups.module.js';
import { ModerationModule } from '../moderation/moderation.module.js';
import { HostsController } from './hosts.controller.js';
import { HostsService } from './hosts.service.js';

/** Hosts of a group and the newcomer's one private question to them, screened as a post is (ModerationModule brings the safety screen and the crisis cases). */
@Module({
  imports: [GroupsModule, AccountsModule, ModerationModule],
  controllers: [HostsController],
  providers: [HostsService],
})
export class HostsModule {}
