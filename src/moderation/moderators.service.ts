import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { DomainEvents } from '../events/domain-events.js';
import { SupportGroup } from '../groups/group.entity.js';
import { groupNotFound } from '../groups/groups.errors.js';
import { Membership } from '../groups/membership.entity.js';
import { MembershipService } from '../groups/membership.service.js';
import { announceSupportClosed, closeSupportChats } from '../support-chats/support-chat-closing.js';
import { ActionsService } from './actions.service.js';
import { CasesService } from './cases.service.js';
import { ModeratorApplication } from './moderator-application.entity.js';
import { adminsOnly, alreadyHandled, itemNotFound } from './moderation.errors.js';
import { serverText } from '../contracts/server-texts.js';

export interface ApplicationView {
  id: string;
  group: string;
  member: { memberId: string; alias: string };
  motivation: string;
  createdAt: string;
}

/** Who moderates: admins appoint and dismiss; members volunteer and admins decide. */
@Injectable()
export class ModeratorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
    private readonly actions: ActionsService,
    private readonly events: DomainEvents,
    private readonly cases: CasesService,
  ) {}

  /**
   * Makes an active member of the group its moderator, or no longer (admins), audited. A dismissed
   * moderator leaves the crisis safety net as one who steps down does: their support conversations
   * close, and the group's crisis cases no other moderator can reach go to the responders at once.
   */
  async appoint(actor: Actor, slug: string, memberId: string, appoint: boolean): Promise<void> {
    if (actor.role !== 'admin') {
      throw adminsOnly();
    }
    const { groupId, closed } = await this.dataSource.transaction(async (manager) => {
      const group = await manager.findOneBy(SupportGroup, { slug });
      if (!group) {
        throw groupNotFound();
      }
      const member = await this.memberships.findMemberInGroup(group.id, memberId, manager);
      if (member.status !== 'active') {
        throw itemNotFound();
      }
      if ((member.role === 'moderator') === appoint) {
        throw alreadyHandled(
          appoint ? 'This member is a moderator already; it' : 'This member is no moderator; it',
          serverText(appoint ? 'error.handled.isModerator' : 'error.handled.isNoModerator'),
        );
      }
      await manager.update(Membership, { id: member.id }, { role: appoint ? 'moderator' : 'member' });
      await this.actions.log(manager, group.id, null, {
        action: appoint ? 'appoint' : 'dismiss',
        targetMembershipId: member.id,
        target: null,
        reason: '',
        reasonText: serverText(appoint ? 'audit.appointed' : 'audit.dismissed'),
      });
      return {
        groupId: group.id,
        closed: appoint
          ? []
          : await closeSupportChats(manager, {
              volunteerAccountId: member.accountId,
              badge: 'moderator',
              groupId: group.id,
            }),
      };
    });
    await announceSupportClosed(this.events, closed);
    if (!appoint) {
      await this.cases.moderatorLeft(groupId);
    }
  }

  /** A member volunteers to moderate; one open application at a time. */
  async apply(actor: Actor, slug: string, motivation: string): Promise<{ applicationId: string }> {
    const { membership } = await this.memberships.requireMember(actor, slug);
    if (membership.role === 'moderator') {
      throw alreadyHandled('You are a moderator already; it', serverText('error.handled.youAreModerator'));
    }
    const open = await this.dataSource
      .getRepository(ModeratorApplication)
      .existsBy({ membershipId: membership.id, status: 'open' });
    if (open) {
      throw alreadyHandled(
        'Your application is waiting for an admin; it',
        serverText('error.handled.applicationWaiting'),
      );
    }
    const saved = await this.dataSource
      .getRepository(ModeratorApplication)
      .save({ membershipId: membership.id, motivation, status: 'open', decidedAt: null });
    return { applicationId: saved.id };
  }

  /** Open applications of every group (admins). */
  async openApplications(actor: Actor): Promise<ApplicationView[]> {
    if (actor.role !== 'admin') {
      throw adminsOnly();
    }
    const applications = await this.dataSource.getRepository(ModeratorApplication).find({
      where: { status: 'open' },
      relations: { membership: { group: true } },
      order: { createdAt: 'ASC' },
    });
    return applications.map((application) => ({
      id: application.id,
      group: application.membership!.group!.slug,
      member: { memberId: application.membershipId, alias: application.membership!.alias },
      motivation: application.motivation,
      createdAt: application.createdAt.toISOString(),
    }));
  }

  /**
   * Approves (the member becomes a moderator, audited as `appoint`) or declines an application
   * (admins): a decline is audited in the group's log too, in the same transaction.
   */
  async decide(actor: Actor, applicationId: string, approve: boolean): Promise<void> {
    if (actor.role !== 'admin') {
      throw adminsOnly();
    }
    const application = await this.dataSource.getRepository(ModeratorApplication).findOne({
      where: { id: applicationId },
      relations: { membership: { group: true } },
    });
    if (!application) {
      throw itemNotFound();
    }
    if (application.status !== 'open') {
      throw alreadyHandled('This application', serverText('error.handled.application'));
    }
    if (!approve) {
      await this.dataSource.transaction(async (manager) => {
        const decided = await manager.update(
          ModeratorApplication,
          { id: application.id, status: 'open' },
          { status: 'declined', decidedAt: new Date() },
        );
        if (!decided.affected) {
          throw alreadyHandled('This application', serverText('error.handled.application'));
        }
        await this.actions.log(manager, application.membership!.groupId, null, {
          action: 'application-decline',
          targetMembershipId: application.membershipId,
          target: null,
          reason: '',
          reasonText: serverText('audit.applicationDeclined'),
        });
      });
      return;
    }
    await this.dataSource
      .getRepository(ModeratorApplication)
      .update({ id: application.id }, { status: 'approved', decidedAt: new Date() });
    if (approve) {
      await this.appoint(actor, application.membership!.group!.slug, application.membershipId, true);
    }
  }
}
