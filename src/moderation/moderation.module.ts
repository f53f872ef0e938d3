import { Module } from '@nestjs/common';
import { GroupsModule } from '../groups/groups.module.js';
import { MembershipContentRegistry } from '../groups/membership-content.registry.js';
import { SafetyModule } from '../safety/safety.module.js';
import { ActionsService } from './actions.service.js';
import { eraseAppealsAndApplications } from './appeals-purge.js';
import { AppealsService } from './appeals.service.js';
import { CasesService } from './cases.service.js';
import { ModerationContentRegistry } from './moderation-content.registry.js';
import { AdminModerationController, ModerationController } from './moderation.controller.js';
import { ModeratorStatusController } from './moderator-status.controller.js';
import { ModeratorStatusService } from './moderator-status.service.js';
import { ModeratorToolsService } from './moderator-tools.service.js';
import { ModeratorsService } from './moderators.service.js';
import { NoticesService } from './notices.service.js';
import { Notice } from './notice.entity.js';
import { Report } from './report.entity.js';
import { In } from 'typeorm';

@Module({
  imports: [GroupsModule, SafetyModule],
  controllers: [ModerationController, AdminModerationController, ModeratorStatusController],
  providers: [
    CasesService,
    ActionsService,
    AppealsService,
    ModeratorsService,
    ModeratorToolsService,
    ModeratorStatusService,
    NoticesService,
    ModerationContentRegistry,
  ],
  exports: [CasesService, ActionsService, AppealsService, ModerationContentRegistry, NoticesService, SafetyModule],
})
export class ModerationModule {
  constructor(private readonly membershipContent: MembershipContentRegistry) {}

  onModuleInit(): void {
    // Erasing a member's words also erases what they reported and the notices they received; the
    // audit log keeps the moderators' actions (with their reasons), not the member's words.
    this.membershipContent.register('moderation', async (manager, membershipIds) => {
      await manager.delete(Report, { reporterMembershipId: In(membershipIds) });
      await manager.delete(Notice, { membershipId: In(membershipIds) });
    });
    this.membershipContent.register('appeals', eraseAppealsAndApplications);
  }
}
