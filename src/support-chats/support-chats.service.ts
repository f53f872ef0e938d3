import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AccountPurgeRegistry } from '../accounts/account-purge.registry.js';
import type { Actor } from '../auth/actor.js';
import { ChatLive } from '../chat/chat-live.js';
import { channel } from '../chat/chat-sockets.js';
import { ChatService } from '../chat/chat.service.js';
import { Clock } from '../chat/clock.js';
import type { ModerationActionName } from '../contracts/moderation.js';
import type { SupportChatView, SupportOfferRequest, VolunteerBadge } from '../contracts/support-chats.js';
import { CrisisDeskService } from '../crisis/crisis-desk.service.js';
import { DomainEvents } from '../events/domain-events.js';
import { SupportGroup } from '../groups/group.entity.js';
import { MembershipContentRegistry } from '../groups/membership-content.registry.js';
import { Membership } from '../groups/membership.entity.js';
import { type GroupAccess, MembershipService } from '../groups/membership.service.js';
import { ActionsService } from '../moderation/actions.service.js';
import { ModerationCase } from '../moderation/moderation-case.entity.js';
import { alreadyHandled, caseNotFound } from '../moderation/moderation.errors.js';
import { OPEN, SupportChatAccess } from './support-chat-access.js';
import { announceSupportClosed, closeSupportChats } from './support-chat-closing.js';
import { SupportChat } from './support-chat.entity.js';
import { memberGone, notTheMember, supportChatDecided } from './support-chats.errors.js';
import { type ServerText, serverText } from '../contracts/server-texts.js';

/**
 * Private support conversations: a volunteer (a moderator of the group, or a site-wide crisis
 * responder) who claimed a crisis case offers the member who wrote the crisis message a
 * one-to-one chat in that group; the member accepts or declines; either side closes it. Its
 * room is a chat room like the others (`support`), readable and writable only by the two.
 * Offering, accepting, declining and closing go to the group's audit log, never the text.
 */
@Injectable()
export class SupportChatsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
    private readonly chat: ChatService,
    private readonly live: ChatLive,
    private readonly actions: ActionsService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    private readonly content: MembershipContentRegistry,
    private readonly accountPurges: AccountPurgeRegistry,
    private readonly desk: CrisisDeskService,
    private readonly access: SupportChatAccess,
  ) {}

  onModuleInit(): void {
    this.events.on('membership.ended', (ended) => this.membershipEnded(ended));
    this.events.on('support.closed', (closed) => this.closedHere(closed));
    // Erasing a member's words removes their support conversations (both sides' messages, with the
    // room), and what they wrote as a volunteer moderator of that group.
    this.content.register('support-chats', async (manager, membershipIds) => {
      const chats = await manager.find(SupportChat, {
        where: { memberMembershipId: In(membershipIds) },
        select: { id: true, roomId: true },
      });
      await manager.query(
        `DELETE FROM chat_message WHERE support_chat_id IN (
           SELECT sc.id FROM support_chat sc
             JOIN membership ms ON ms.account_id = sc.volunteer_account_id AND ms.group_id = sc.group_id
            WHERE ms.id = ANY($1::uuid[]) AND sc.volunteer_badge = 'moderator')`,
        [membershipIds],
      );
      if (chats.length > 0) {
        await manager.delete(SupportChat, { id: In(chats.map((chat) => chat.id)) });
        const rooms = chats.map((chat) => chat.roomId).filter((id): id is string => id !== null);
        if (rooms.length > 0) {
          await manager.query('DELETE FROM chat_room WHERE id = ANY($1::uuid[])', [rooms]);
        }
      }
      // The volunteer may still be in the room: every process takes their connections out of it.
      const gone = chats.map((chat) => ({ supportChatId: chat.id, roomId: chat.roomId }));
      return () => announceSupportClosed(this.events, gone);
    });
    // A deleted volunteer's words go; their open conversations close, live for the member on every
    // process once the deletion committed (the member keeps their words until the retention purge).
    this.accountPurges.register('support-chats', async (manager, accountId) => {
      await manager.query(
        'DELETE FROM chat_message WHERE support_chat_id IN (SELECT id FROM support_chat WHERE volunteer_account_id = $1)',
        [accountId],
      );
      const closed = await closeSupportChats(manager, { volunteerAccountId: accountId });
      return () => announceSupportClosed(this.events, closed);
    });
  }

  /**
   * The volunteer who claimed a crisis case offers its member a conversation; offering again
   * while one is open returns it. Fails with `not_found` (no such crisis case in the group),
   * `already_handled` (resolved, or another volunteer's conversation is open), `forbidden` (not
   * the claimer, or no longer a moderator or responder), `not_allowed` (the member left).
   */
  async offer(actor: Actor, slug: string, request: SupportOfferRequest): Promise<SupportChatView> {
    const group = await this.access.group(this.dataSource.manager, slug);
    // Before the transaction: the embedded database has one connection, and the desk reads on its own.
    const volunteer = await this.claimerOf(actor, group, request.caseId);
    const { chat, created } = await this.dataSource.transaction(async (manager) => {
      const found = await manager.findOne(ModerationCase, {
        where: { id: request.caseId, groupId: group.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!found || found.kind !== 'crisis' || !found.subjectMembershipId) {
        throw caseNotFound();
      }
      if (found.resolvedAt) {
        throw alreadyHandled('This case', serverText('error.handled.case'));
      }
      const member = await manager.findOneBy(Membership, { id: found.subjectMembershipId });
      if (!member || member.status !== 'active' || member.accountId === actor.accountId) {
        throw memberGone();
      }
      const open = await manager.findOneBy(SupportChat, { caseId: found.id, status: In(OPEN) });
      if (open) {
        if (open.volunteerAccountId !== actor.accountId) {
          throw alreadyHandled(
            'This case has a support conversation with another volunteer; it',
            serverText('error.handled.caseHasSupport'),
          );
        }
        return { chat: open, created: false };
      }
      const saved = await manager.save(
        manager.create(SupportChat, {
          groupId: group.id,
          caseId: found.id,
          memberMembershipId: member.id,
          volunteerAccountId: actor.accountId,
          volunteerBadge: volunteer.badge,
          status: 'offered',
          roomId: null,
          offeredAt: this.clock.now(),
          decidedAt: null,
          closedAt: null,
        }),
      );
      await this.audit(
        manager,
        saved,
        volunteer.membershipId,
        'support-offered',
        serverText(`audit.support.offered.${volunteer.badge}`, { chat: saved.id }),
      );
      return { chat: saved, created: true };
    });
    return this.tell(slug, chat, 'volunteer', created);
  }

  /** The actor's open offers and conversations in the group, as member and as volunteer. */
  async list(actor: Actor, slug: string): Promise<SupportChatView[]> {
    const manager = this.dataSource.manager;
    const group = await this.access.group(manager, slug);
    let memberAccess: GroupAccess | null = null;
    let refusal: unknown = null;
    try {
      memberAccess = await this.memberships.requireMember(actor, slug, manager);
    } catch (error) {
      refusal = error;
      // Suspended, or a changed pledge not yet re-accepted: she still sees the help she asked for
      // (BRIEF rule 4), her open offers and conversations; with none, the group's refusal stands.
      const standing = await this.memberships.requireStandingForHelp(actor, slug, manager).catch(() => null);
      if (
        standing &&
        (await manager.existsBy(SupportChat, { memberMembershipId: standing.membership.id, status: In(OPEN) }))
      ) {
        memberAccess = standing;
      }
    }
    const asVolunteer: SupportChat[] = [];
    for (const chat of await manager.find(SupportChat, {
      where: { groupId: group.id, volunteerAccountId: actor.accountId, status: In(OPEN) },
      order: { offeredAt: 'ASC' },
    })) {
      if (
        (await this.access.stillVolunteer(manager, actor, group, chat.volunteerBadge).then(
          () => true,
          () => false,
        )) &&
        !(await this.access.volunteerGone(manager, chat))
      ) {
        asVolunteer.push(chat);
      }
    }
    if (!memberAccess && asVolunteer.length === 0) {
      throw refusal;
    }
    const asMember: SupportChat[] = [];
    for (const chat of memberAccess
      ? await manager.find(SupportChat, {
          where: { memberMembershipId: memberAccess.membership.id, status: In(OPEN) },
          order: { offeredAt: 'ASC' },
        })
      : []) {
      if (!(await this.access.volunteerGone(manager, chat))) {
        asMember.push(chat);
      }
    }
    return [
      ...(await Promise.all(asMember.map((chat) => this.view(slug, chat, 'member')))),
      ...(await Promise.all(asVolunteer.map((chat) => this.view(slug, chat, 'volunteer')))),
    ];
  }

  /**
   * The member accepts (the private room opens) or declines an offer. Fails with `forbidden` for
   * the volunteer, `not_found` for anyone else, `room_closed` once answered or closed.
   */
  async answer(actor: Actor, slug: string, id: string, accept: boolean): Promise<SupportChatView> {
    const chat = await this.dataSource.transaction(async (manager) => {
      const found = await this.access.lockChat(manager, slug, id);
      if (found.volunteerAccountId === actor.accountId) {
        throw notTheMember();
      }
      const access = await this.access.memberAccess(manager, actor, slug, found);
      if (found.status !== 'offered') {
        throw supportChatDecided();
      }
      if (accept) {
        found.roomId = (await this.chat.createRoom(manager, found.groupId, 'support')).id;
      }
      found.status = accept ? 'active' : 'declined';
      found.decidedAt = this.clock.now();
      const saved = await manager.save(found);
      await this.audit(
        manager,
        saved,
        access.membership.id,
        accept ? 'support-accepted' : 'support-declined',
        serverText(accept ? 'audit.support.accepted' : 'audit.support.declined', { chat: saved.id }),
      );
      return saved;
    });
    return this.tell(slug, chat, 'member', true);
  }

  /** Either side closes the offer or the conversation; its room closes at once. Closing twice is fine. */
  async close(actor: Actor, slug: string, id: string): Promise<SupportChatView> {
    const { chat, role, changed } = await this.dataSource.transaction(async (manager) => {
      const found = await this.access.lockChat(manager, slug, id);
      const side = await this.access.side(manager, actor, slug, found);
      if (!OPEN.includes(found.status)) {
        return { chat: found, role: side.role, changed: false };
      }
      found.status = 'closed';
      found.closedAt = this.clock.now();
      const saved = await manager.save(found);
      const by = side.role === 'member' ? 'member' : found.volunteerBadge;
      const actorMembership = side.role === 'member' ? side.access.membership.id : side.membershipId;
      await this.audit(
        manager,
        saved,
        actorMembership,
        'support-closed',
        serverText(`audit.support.closed.${by}`, { chat: saved.id }),
      );
      return { chat: saved, role: side.role, changed: true };
    });
    if (changed && chat.roomId && this.live.attached) {
      await this.live.closeRoom(chat.roomId, 'support_ended');
    }
    return this.tell(slug, chat, role, changed);
  }

  /**
   * Who may offer: the crisis desk's one rule on who holds a case's claim (a moderator of the
   * group through the queue, or a responder through the desk). Fails with `not_found` for a case
   * of another group or no open crisis case, `not_allowed` for anyone but the claimer.
   */
  private async claimerOf(
    actor: Actor,
    group: SupportGroup,
    caseId: string,
  ): Promise<{ badge: VolunteerBadge; membershipId: string | null }> {
    const claim = await this.desk.requireClaimer(actor, caseId);
    if (claim.groupId !== group.id) {
      throw caseNotFound();
    }
    if (claim.claimer.kind === 'moderator') {
      return this.access.stillVolunteer(this.dataSource.manager, actor, group, 'moderator');
    }
    return { badge: 'crisis_responder', membershipId: null };
  }

  /**
   * A member who left, was suspended or removed: their conversations close; as a moderator
   * volunteer too. Every process hears the event; the conditional update closes each once, and
   * its `support.closed` reaches every process. (Suspending, removing and dismissing close them
   * in their own transaction already; leaving the group closes them here.)
   */
  private async membershipEnded({
    membershipId,
    groupId,
    accountId,
  }: {
    membershipId: string;
    groupId: string;
    accountId: string;
  }) {
    const closed = await this.dataSource.transaction(async (manager) => [
      ...(await closeSupportChats(manager, { memberMembershipIds: [membershipId] })),
      ...(await closeSupportChats(manager, { volunteerAccountId: accountId, badge: 'moderator', groupId })),
    ]);
    await announceSupportClosed(this.events, closed);
  }

  /**
   * A conversation closed because one side can no longer be in it (on any process): this
   * process's connections leave its room, whichever membership (or stand-in) they joined it
   * under, and both sides' connections here get the closed conversation.
   */
  private async closedHere({ supportChatId, roomId }: { supportChatId: string; roomId: string | null }) {
    if (!this.live.attached) {
      return;
    }
    if (roomId) {
      await this.live.closeRoom(roomId, 'support_ended');
    }
    const chat = await this.dataSource.getRepository(SupportChat).findOneBy({ id: supportChatId });
    if (!chat) {
      return;
    }
    const group = await this.dataSource.getRepository(SupportGroup).findOneByOrFail({ id: chat.groupId });
    const member = await this.dataSource.getRepository(Membership).findOneByOrFail({ id: chat.memberMembershipId });
    this.live.ns.local
      .to(channel.account(member.accountId))
      .emit('support:update', toView(group.slug, chat, member, 'member'));
    if (chat.volunteerAccountId) {
      this.live.ns.local
        .to(channel.account(chat.volunteerAccountId))
        .emit('support:update', toView(group.slug, chat, member, 'volunteer'));
    }
  }

  /** One row in the group's audit log: who did what to which member's conversation, never its text. */
  private async audit(
    manager: EntityManager,
    chat: SupportChat,
    actorMembershipId: string | null,
    action: ModerationActionName,
    reasonText: ServerText,
  ): Promise<void> {
    await this.actions.log(manager, chat.groupId, actorMembershipId, {
      action,
      targetMembershipId: chat.memberMembershipId,
      target: null,
      reason: '',
      reasonText,
      // A volunteer without a membership here is a crisis responder (`stillVolunteer`).
      outsider: 'responder',
    });
  }

  /** The conversation as the actor sees it; when it changed, the other side's connections hear of it too. */
  private async tell(
    slug: string,
    chat: SupportChat,
    role: SupportChatView['role'],
    changed: boolean,
  ): Promise<SupportChatView> {
    const member = await this.dataSource.getRepository(Membership).findOneByOrFail({ id: chat.memberMembershipId });
    if (changed && this.live.attached) {
      const otherAccount = role === 'member' ? chat.volunteerAccountId : member.accountId;
      if (otherAccount) {
        const theirs = toView(slug, chat, member, role === 'member' ? 'volunteer' : 'member');
        this.live.ns.to(channel.account(otherAccount)).emit('support:update', theirs);
      }
    }
    return toView(slug, chat, member, role);
  }

  private async view(slug: string, chat: SupportChat, role: SupportChatView['role']): Promise<SupportChatView> {
    const member = await this.dataSource.getRepository(Membership).findOneByOrFail({ id: chat.memberMembershipId });
    return toView(slug, chat, member, role);
  }
}

function toView(slug: string, chat: SupportChat, member: Membership, role: SupportChatView['role']): SupportChatView {
  return {
    id: chat.id,
    group: slug,
    status: chat.status,
    role,
    member: { memberId: member.id, alias: member.alias },
    volunteer: { badge: chat.volunteerBadge },
    offeredAt: chat.offeredAt.toISOString(),
  };
}
