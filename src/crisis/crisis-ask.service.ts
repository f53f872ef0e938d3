import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import type { AskedForPerson, CrisisStatus } from '../contracts/crisis.js';
import { MembershipService } from '../groups/membership.service.js';
import { CasesService, noEvents } from '../moderation/cases.service.js';
import { RateLimiter } from '../rate-limit/rate-limiter.js';
import { SafetyService } from '../safety/safety.service.js';
import { CrisisAsk } from './crisis-ask.entity.js';
import { CrisisAuditLog } from './crisis-audit.service.js';
import { CrisisEscalation } from './crisis-escalation.service.js';
import { serverText } from '../contracts/server-texts.js';

/** New asked cases per account: enough for a member in need, too few to flood the desk. */
const ASK_LIMIT = { limit: 5, windowMs: 60 * 60_000 };

/**
 * "I want to talk to someone now": the detector misses about half of crisis messages phrased in
 * ways its authors never saw, so a member can ask for a person themselves. It raises a crisis case
 * through the very path a detected message takes (`CasesService.raiseCrisis`, then the escalation),
 * so the member is told the same three true states and hears a claim live. One open asked case per
 * member of a group: pressing again returns it.
 */
@Injectable()
export class CrisisAskService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
    private readonly cases: CasesService,
    private readonly escalation: CrisisEscalation,
    private readonly safety: SafetyService,
    private readonly limiter: RateLimiter,
    private readonly audit: CrisisAuditLog,
  ) {}

  async ask(actor: Actor, slug: string, note: string | undefined): Promise<AskedForPerson> {
    const pending = noEvents();
    const { caseId, created, locale } = await this.dataSource.transaction(async (manager) => {
      // An active member of the group; a suspension or a pending pledge never stands between a member and help.
      const access = await this.memberships.requireStandingForHelp(actor, slug, manager);
      // One press at a time per member, so two quick presses make one case.
      await manager.query('SELECT id FROM membership WHERE id = $1 FOR UPDATE', [access.membership.id]);
      const [open] = await manager.query<{ id: string }[]>(
        `SELECT c.id FROM moderation_case c JOIN crisis_ask a ON a.case_id = c.id
          WHERE c.kind = 'crisis' AND c.resolved_at IS NULL AND c.subject_membership_id = $1
          ORDER BY c.created_at DESC LIMIT 1`,
        [access.membership.id],
      );
      if (open) {
        return { caseId: open.id, created: false, locale: access.group.locale };
      }
      await this.limiter.consume(
        'crisis-ask',
        actor.accountId,
        ASK_LIMIT,
        'You asked for a person several times within the hour. Please call one of the crisis lines now.',
      );
      const id = await this.cases.raiseCrisis(manager, access, null, pending);
      await manager.insert(CrisisAsk, { caseId: id, note: note ? note : null });
      await this.audit.write(manager, {
        action: 'case-asked',
        actor: { caseMember: true },
        caseId: id,
        groupId: access.group.id,
        reason: '',
        reasonText: serverText('crisisAudit.asked'),
      });
      return { caseId: id, created: true, locale: access.group.locale };
    });
    let status: CrisisStatus;
    if (created) {
      status = (await this.cases.flush(pending)).crisisStatus ?? { caseId, state: 'nobody_on_duty' };
    } else {
      status = await this.escalation.currentStatus(caseId);
    }
    return { ...status, created, crisis: this.safety.crisisLines(locale) };
  }
}
