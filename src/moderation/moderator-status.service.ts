import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull, Not } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import type { ModeratorStatusView } from '../contracts/group-proposals.js';
import { DomainEvents } from '../events/domain-events.js';
import { Membership } from '../groups/membership.entity.js';
import { MembershipService } from '../groups/membership.service.js';
import {
  announceSupportClosed,
  type ClosedSupportChat,
  closeSupportChats,
} from '../support-chats/support-chat-closing.js';
import { recordAction } from './audit-log.js';
import { CasesService } from './cases.service.js';
import { alreadyHandled } from './moderation.errors.js';
import { serverText } from '../contracts/server-texts.js';

/**
 * A moderator's own standing: stepping down (the role ends, the membership stays) or pausing (the
 * role stays, but they are no active volunteer, so no crisis alert or queue reaches them, until
 * they resume). Each is audited in the group's log with the moderator as actor and subject. The
 * last moderator may step down too: the group then shows it has none, and crisis responders cover it.
 * Both leave the crisis safety net through one door (`leaveSafetyNet`, `leftSafetyNet`).
 */
@Injectable()
export class ModeratorStatusService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
    private readonly events: DomainEvents,
    private readonly cases: CasesService,
  ) {}

  /** The actor's role in the group and whether they are on a pause. */
  async status(actor: Actor, slug: string): Promise<ModeratorStatusView> {
    const { membership } = await this.memberships.requireMember(actor, slug);
    return { role: membership.role, paused: membership.role === 'moderator' && membership.moderatorPausedAt !== null };
  }

  /**
   * Ends the actor's moderator role; they leave the crisis safety net (see `leftSafetyNet`). Fails
   * like `requireModerator`, or `already_handled` when they stepped down meanwhile.
   */
  async stepDown(actor: Actor, slug: string, reason: string | undefined): Promise<ModeratorStatusView> {
    const { group, membership } = await this.memberships.requireModerator(actor, slug);
    const closed = await this.dataSource.transaction(async (manager) => {
      const changed = await manager.update(
        Membership,
        { id: membership.id, role: 'moderator' },
        { role: 'member', moderatorPausedAt: null },
      );
      if (!changed.affected) {
        throw alreadyHandled('Stepping down', serverText('error.handled.steppedDown'));
      }
      await recordAction(manager, group.id, membership.id, {
        action: 'step-down',
        targetMembershipId: membership.id,
        target: null,
        reason: reason ?? '',
        reasonText: serverText('audit.steppedDown'),
      });
      return this.leaveSafetyNet(manager, actor, group.id);
    });
    await this.leftSafetyNet(group.id, closed);
    return { role: 'member', paused: false };
  }

  /**
   * Pauses (or resumes) the actor as a moderator; pausing leaves the crisis safety net as stepping
   * down does (see `leftSafetyNet`). `already_handled` when they already are (not) paused.
   */
  async pause(actor: Actor, slug: string, pause: boolean, reason: string | undefined): Promise<ModeratorStatusView> {
    const { group, membership } = await this.memberships.requireModerator(actor, slug);
    const handled = () =>
      alreadyHandled(
        pause ? 'Your pause' : 'Your return',
        serverText(pause ? 'error.handled.pause' : 'error.handled.return'),
      );
    if ((membership.moderatorPausedAt !== null) === pause) {
      throw handled();
    }
    const closed = await this.dataSource.transaction(async (manager) => {
      // Conditional, so that two pauses at once are one.
      const changed = await manager.update(
        Membership,
        { id: membership.id, role: 'moderator', moderatorPausedAt: pause ? IsNull() : Not(IsNull()) },
        { moderatorPausedAt: pause ? new Date() : null },
      );
      if (!changed.affected) {
        throw handled();
      }
      await recordAction(manager, group.id, membership.id, {
        action: pause ? 'moderator-pause' : 'moderator-resume',
        targetMembershipId: membership.id,
        target: null,
        reason: reason ?? '',
        reasonText: serverText(pause ? 'audit.paused' : 'audit.resumed'),
      });
      return pause ? this.leaveSafetyNet(manager, actor, group.id) : [];
    });
    if (pause) {
      await this.leftSafetyNet(group.id, closed);
    }
    return { role: 'moderator', paused: pause };
  }

  /** In the transaction that made the actor no active moderator of the group: their support conversations there close. */
  private leaveSafetyNet(manager: EntityManager, actor: Actor, groupId: string): Promise<ClosedSupportChat[]> {
    return closeSupportChats(manager, { volunteerAccountId: actor.accountId, badge: 'moderator', groupId });
  }

  /**
   * After the commit: the closed conversations close live for both sides, and the group's open
   * crisis cases that no other moderator can reach now go to the crisis responders at once, their
   * members told what is true (`CasesService.moderatorLeft`).
   */
  private async leftSafetyNet(groupId: string, closed: ClosedSupportChat[]): Promise<void> {
    await announceSupportClosed(this.events, closed);
    await this.cases.moderatorLeft(groupId);
  }
}
