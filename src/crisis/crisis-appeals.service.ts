import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import { type AppealView, AppealsService } from '../moderation/appeals.service.js';
import { notAllowed } from '../moderation/moderation.errors.js';
import { CrisisAuditLog } from './crisis-audit.service.js';
import { RespondersService } from './responders.service.js';
import { serverText } from '../contracts/server-texts.js';

/**
 * Appeals no moderator of the group may decide (the one who acted is its only moderator, or the
 * appellant is the other one): crisis responders and admins decide them, audited on the desk's log too.
 */
@Injectable()
export class CrisisAppealsService {
  constructor(
    private readonly appeals: AppealsService,
    private readonly responders: RespondersService,
    private readonly audit: CrisisAuditLog,
  ) {}

  /** Open appeals of every group that wait for a responder or an admin. `forbidden` for anyone else. */
  async open(actor: Actor): Promise<AppealView[]> {
    await this.responders.requireDeskUser(actor);
    return this.appeals.openForResponders();
  }

  /**
   * Decides one of them; `not_allowed` for an appeal the group's moderators decide, and for one
   * about the decider's own action or sanction.
   */
  async decide(actor: Actor, appealId: string, decision: 'upheld' | 'overturned', reason: string): Promise<void> {
    const { responder } = await this.responders.requireDeskUser(actor);
    const waiting = await this.appeals.openForResponders(appealId);
    if (waiting.length === 0) {
      throw notAllowed(
        'This appeal is not waiting for a crisis responder: the group moderators decide it.',
        serverText('error.notAllowed.appealNotForResponder'),
      );
    }
    await this.appeals.settle(
      appealId,
      null,
      {
        accountId: actor.accountId,
        membershipId: null,
        role: responder ? 'responder' : 'admin',
        decision,
        reason,
      },
      async (manager, _appeal, action) => {
        await this.audit.write(manager, {
          action: decision === 'upheld' ? 'appeal-upheld' : 'appeal-overturned',
          actor: responder ? { responderId: responder.id } : { adminAccountId: actor.accountId },
          groupId: action.groupId,
          reason,
        });
      },
    );
  }
}
