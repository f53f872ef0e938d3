import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { ChatRoom } from '../chat/chat-room.entity.js';
import { ChatService, type SupportRoomAccess } from '../chat/chat.service.js';
import type { SupportChatStatus, VolunteerBadge } from '../contracts/support-chats.js';
import { activeModeratorSql } from '../crisis/active-volunteer.js';
import { respondersOnly } from '../crisis/crisis.errors.js';
import { RespondersService } from '../crisis/responders.service.js';
import { SupportGroup } from '../groups/group.entity.js';
import { groupNotFound } from '../groups/groups.errors.js';
import { Membership } from '../groups/membership.entity.js';
import { type GroupAccess, MembershipService } from '../groups/membership.service.js';
import { SupportChat } from './support-chat.entity.js';
import { supportChatNotFound, supportChatNotOpen } from './support-chats.errors.js';

/** A conversation still offered or under way. */
export const OPEN: readonly SupportChatStatus[] = ['offered', 'active'];

/** Which side of a conversation the actor is on, checked. */
export type Side =
  { role: 'member'; access: GroupAccess } | { role: 'volunteer'; group: SupportGroup; membershipId: string | null };

/**
 * Who may use a support conversation, in one place: its member (through the group's membership
 * door) and its volunteer (still a moderator of the group, or still an appointed responder);
 * anyone else gets the group's refusal or the same `not_found` as for a missing conversation.
 * Its room's access rule is registered with chat here.
 */
@Injectable()
export class SupportChatAccess implements OnModuleInit {
  constructor(
    private readonly memberships: MembershipService,
    private readonly chat: ChatService,
    private readonly responders: RespondersService,
  ) {}

  onModuleInit(): void {
    this.chat.registerSupportRooms((manager, actor, slug, id) => this.roomAccess(manager, actor, slug, id));
  }

  /** The volunteer still is what their badge says: an active moderator of the group, or an appointed responder. */
  async stillVolunteer(
    manager: EntityManager,
    actor: Actor,
    group: SupportGroup,
    badge: VolunteerBadge,
  ): Promise<{ badge: VolunteerBadge; membershipId: string | null }> {
    if (badge === 'moderator') {
      const { membership } = await this.memberships.requireModerator(actor, group.slug, manager);
      return { badge, membershipId: membership.id };
    }
    if (!(await this.responders.findActive(actor.accountId, manager))) {
      throw respondersOnly();
    }
    return { badge, membershipId: null };
  }

  /** Which side the actor is on; anyone else gets the refusal of the group's door, or `not_found`. */
  async side(manager: EntityManager, actor: Actor, slug: string, chat: SupportChat): Promise<Side> {
    if (chat.volunteerAccountId === actor.accountId) {
      const group = await this.group(manager, slug);
      const volunteer = await this.stillVolunteer(manager, actor, group, chat.volunteerBadge);
      return { role: 'volunteer', group, membershipId: volunteer.membershipId };
    }
    return { role: 'member', access: await this.memberAccess(manager, actor, slug, chat) };
  }

  /**
   * The conversation's own member. While it is open she reaches it even suspended or before
   * re-accepting a changed pledge: it is the help she asked for, which no sanction may block (BRIEF
   * rule 4). Anything else goes through the group's door, whose refusal a sanction still gets.
   */
  async memberAccess(manager: EntityManager, actor: Actor, slug: string, chat: SupportChat): Promise<GroupAccess> {
    const standing = await this.memberships.requireStandingForHelp(actor, slug, manager);
    if (standing.membership.id === chat.memberMembershipId && OPEN.includes(chat.status)) {
      return standing;
    }
    const access = await this.memberships.requireMember(actor, slug, manager);
    if (access.membership.id !== chat.memberMembershipId) {
      throw supportChatNotFound();
    }
    return access;
  }

  /** The room's access rule (registered with chat): only the two, only while it is open. */
  private async roomAccess(manager: EntityManager, actor: Actor, slug: string, id: string): Promise<SupportRoomAccess> {
    const chat = await this.findChat(manager, slug, id);
    const side = await this.side(manager, actor, slug, chat);
    // A volunteer who can no longer answer (revoked, demoted, paused, account gone) leaves nobody on
    // the other side, and no longer speaks in it themselves.
    if (chat.status !== 'active' || !chat.roomId || (await this.volunteerGone(manager, chat))) {
      throw supportChatNotOpen();
    }
    const room = await manager.findOneByOrFail(ChatRoom, { id: chat.roomId });
    if (side.role === 'member') {
      return { ...side.access, isModerator: false, room, leads: false };
    }
    // The volunteer speaks as the conversation: a stand-in membership that is never stored.
    const standIn = Object.assign(new Membership(), {
      id: chat.id,
      groupId: chat.groupId,
      accountId: actor.accountId,
      alias: chat.volunteerBadge,
      aliasKey: chat.volunteerBadge,
      status: 'active',
      role: 'member',
      pledgeVersion: side.group.pledgeVersion,
      pledgeAcceptedAt: chat.offeredAt,
      joinedAt: chat.offeredAt,
      activeSince: chat.offeredAt,
      leftAt: null,
      mutedUntil: null,
      suspendedUntil: null,
      welcomedAt: chat.offeredAt,
      moderatorPausedAt: null,
    } satisfies Omit<Membership, 'group' | 'account'>);
    return {
      group: side.group,
      membership: standIn,
      isModerator: false,
      room,
      leads: false,
      volunteer: { supportChatId: chat.id, badge: chat.volunteerBadge },
    };
  }

  async group(manager: EntityManager, slug: string): Promise<SupportGroup> {
    const group = await manager.findOneBy(SupportGroup, { slug });
    if (!group) {
      throw groupNotFound();
    }
    return group;
  }

  private async findChat(manager: EntityManager, slug: string, id: string): Promise<SupportChat> {
    const group = await this.group(manager, slug);
    const chat = await manager.findOneBy(SupportChat, { id, groupId: group.id });
    if (!chat) {
      throw supportChatNotFound();
    }
    return chat;
  }

  async lockChat(manager: EntityManager, slug: string, id: string): Promise<SupportChat> {
    const group = await this.group(manager, slug);
    const chat = await manager.findOne(SupportChat, {
      where: { id, groupId: group.id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!chat) {
      throw supportChatNotFound();
    }
    return chat;
  }

  /**
   * The volunteer can no longer answer: their account is gone, or they no longer respond, or are no
   * active moderator of the group by the one rule of active-volunteer.ts (paused counts as gone).
   */
  async volunteerGone(manager: EntityManager, chat: SupportChat): Promise<boolean> {
    if (!chat.volunteerAccountId) {
      return true;
    }
    if (chat.volunteerBadge === 'crisis_responder') {
      return !(await this.responders.findActive(chat.volunteerAccountId, manager));
    }
    const [moderator] = await manager.query<unknown[]>(
      `SELECT 1 FROM membership m WHERE m.group_id = $1 AND m.account_id = $2 AND ${activeModeratorSql('m')}`,
      [chat.groupId, chat.volunteerAccountId],
    );
    return !moderator;
  }
}
