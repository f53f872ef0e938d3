import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import type { ModeratorStatusView } from '../contracts/group-proposals.js';
import { DomainEvents } from '../events/domain-events.js';
import { Membership } from '../groups/membership.entity.js';
import { MembershipService } from '../groups/membership.service.js';
import { announceSupportClosed, closeSupportChats } from '../support-chats/support-chat-closing.js';
import { recordAction } from './audit-log.js';
import { alreadyHandled } from './moderation.errors.js';
import { serverText } from '../contracts/server-texts.js';

/**
 * A moderator's own standing: stepping down (the role ends, the membership stays) or pausing (the
 * role stays, but they are no active volunteer, so no crisis alert or queue reaches them, until
 * they resume). Each is audited in the group's log with the moderator as actor and subject. The
 * last moderator may step down too: the group then shows it has none, and crisis responders cover it.
 */
@Injectable()
export class ModeratorStatusService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
    private readonly events: DomainEvents,
  ) {}

  /** The actor's role in the group and whether they are on a pause. */
  async status(actor: Actor, slug: string): Promise<ModeratorStatusView> {
    const { membership } = await this.memberships.requireMember(actor, slug);
    return { role: membership.role, paused: membership.role === 'moderator' && membership.moderatorPausedAt !== null };
  }

  /** Ends the actor's moderator role; their support conversations in the group close. Fails like `requireModerator`. */
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
      return closeSupportChats(manager, { volunteerAccountId: actor.accountId, badge: 'moderator', groupId: group.id });
    });
    await announceSupportClosed(this.events, closed);
    return { role: 'member', paused: false };
  }

  /** Pauses (or resumes) the actor as a moderator; `already_handled` when they already are (not). */
  async pause(actor: Actor, slug: string, pause: boolean, reason: string | undefined): Promise<ModeratorStatusView> {
    const { group, membership } = await this.memberships.requireModerator(actor, slug);
    if ((membership.moderatorPausedAt !== null) === pause) {
      throw alreadyHandled(
        pause ? 'Your pause' : 'Your return',
        serverText(pause ? 'error.handled.pause' : 'error.handled.return'),
      );
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.update(Membership, { id: membership.id }, { moderatorPausedAt: pause ? new Date() : null });
      await recordAction(manager, group.id, membership.id, {
        action: pause ? 'moderator-pause' : 'moderator-resume',
        targetMembershipId: membership.id,
        target: null,
        reason: reason ?? '',
        reasonText: serverText(pause ? 'audit.paused' : 'audit.resumed'),
      });
    });
    return { role: 'moderator', paused: pause };
  }
}
