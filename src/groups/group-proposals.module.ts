import { Module } from '@nestjs/common';
import { CrisisAuditLog } from '../crisis/crisis-audit.service.js';
import {
  GroupProposalsController,
  GroupSelfRunController,
  ReferralLookupController,
} from './group-proposals.controller.js';
import { GroupProposalsService } from './group-proposals.service.js';
import { GroupSettingsService } from './group-settings.service.js';
import { ModerationModule } from '../moderation/moderation.module.js';
import { GroupsModule } from './groups.module.js';
import { PublicUrl } from './public-url.js';
import { ReferralsService } from './referrals.service.js';
import { RuleProposalsService } from './rule-proposals.service.js';

/** Groups that run themselves: proposals of groups and of pledge changes, newcomer settings, referral codes. */
@Module({
  imports: [GroupsModule, ModerationModule],
  controllers: [GroupProposalsController, GroupSelfRunController, ReferralLookupController],
  providers: [
    GroupProposalsService,
    RuleProposalsService,
    GroupSettingsService,
    ReferralsService,
    CrisisAuditLog,
    PublicUrl,
  ],
})
export class GroupProposalsModule {}
