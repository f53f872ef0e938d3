import { Module, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../chat/clock.js';
import { AccountPurgeRegistry } from '../accounts/account-purge.registry.js';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ChatModule } from '../chat/chat.module.js';
import { DomainEvents } from '../events/domain-events.js';
import { GroupsModule } from '../groups/groups.module.js';
import { MembershipContentRegistry } from '../groups/membership-content.registry.js';
import { ModerationModule } from '../moderation/moderation.module.js';
import { CoverageService } from './coverage.service.js';
import { CrisisAskController } from './crisis-ask.controller.js';
import { CrisisAskService } from './crisis-ask.service.js';
import { CrisisAppealsService } from './crisis-appeals.service.js';
import { CrisisAuditLog } from './crisis-audit.service.js';
import { closeCrisisCasesOf } from './crisis-purge.js';
import { announceCrisisCase, CrisisDeskService } from './crisis-desk.service.js';
import { CrisisEscalation } from './crisis-escalation.service.js';
import { AdminCrisisController, CrisisController } from './crisis.controller.js';
import { releaseClaimsOf, RespondersService } from './responders.service.js';

/**
 * The crisis safety net: site-wide responders and their duty, the crisis desk, escalation of
 * crisis alerts (plugged into the moderation queue through `CasesService.attachCrisisDesk`), and
 * coverage for admins. `CrisisDeskService.requireClaimer` says who holds a case's claim.
 */
@Module({
  imports: [AccountsModule, GroupsModule, ModerationModule, ChatModule],
  controllers: [CrisisController, AdminCrisisController, CrisisAskController],
  providers: [
    RespondersService,
    CrisisAuditLog,
    CrisisDeskService,
    CrisisEscalation,
    CoverageService,
    CrisisAppealsService,
    CrisisAskService,
  ],
  exports: [CrisisDeskService, RespondersService],
})
export class CrisisModule implements OnModuleInit {
  constructor(
    private readonly purges: AccountPurgeRegistry,
    private readonly membershipContent: MembershipContentRegistry,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
    private readonly audit: CrisisAuditLog,
  ) {}

  onModuleInit(): void {
    // A deleted responder's open claims go back to the desk (the next round tells their members);
    // the responder, duty and rota rows go with the account (foreign keys), the audit log keeps ids.
    this.purges.register('crisis', async (manager, accountId) => {
      await releaseClaimsOf(manager, accountId, this.audit, 'crisisAudit.autoReleased.responderDeleted');
    });
    // A member who erases their words (leaving with erase; deleting the account runs this too)
    // takes their crisis cases off the desk: resolved with a fixed text, no longer linked to them.
    // Once committed, open desks and the groups' queues drop them live, on every process.
    this.membershipContent.register('crisis', async (manager, membershipIds) => {
      const closed = await closeCrisisCasesOf(manager, membershipIds, this.clock.now());
      return async () => {
        for (const { caseId, groupId } of closed) {
          await announceCrisisCase(this.events, caseId, groupId, 'resolved');
        }
      };
    });
  }
}
