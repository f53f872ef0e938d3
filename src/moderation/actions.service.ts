import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { Account } from '../accounts/account.entity.js';
import type { Actor } from '../auth/actor.js';
import {
  AUDIT_PAGE_MAX,
  type AuditEntry,
  type AuditQuery,
  type ModerationActionRequest,
} from '../contracts/moderation.js';
import { isServerTextCode, type ServerText, serverText } from '../contracts/server-texts.js';
import { DomainEvents } from '../events/domain-events.js';
import { SupportGroup } from '../groups/group.entity.js';
import { aliasKey } from '../groups/aliases.js';
import { groupNotFound } from '../groups/groups.errors.js';
import { Membership } from '../groups/membership.entity.js';
import { type GroupAccess, MembershipService } from '../groups/membership.service.js';
import {
  announceSupportClosed,
  closeSupportChats,
  type ClosedSupportChat,
} from '../support-chats/support-chat-closing.js';
import { Appeal } from './appeal.entity.js';
import { type AuditRecord, recordAction } from './audit-log.js';
import { CasesService, type PendingEvents } from './cases.service.js';
import { ModerationAction } from './moderation-action.entity.js';
import { ModerationContentRegistry } from './moderation-content.registry.js';
import { adminsOnly, alreadyHandled, itemNotFound, notAllowed } from './moderation.errors.js';
import { NoticesService } from './notices.service.js';

type ActionRecord = AuditRecord;

/**
 * Moderator actions: each needs a reason, is written to the audit log, is told to the member it
 * affects (who can appeal once), and can be taken only by a moderator of the item's own group.
 */
@Injectable()
export class ActionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
    private readonly content: ModerationContentRegistry,
    private readonly cases: CasesService,
    private readonly notices: NoticesService,
    private readonly events: DomainEvents,
  ) {}

  /**
   * Takes one action. Fails with `not_found` for an item or member outside the group, with
   * `already_handled` when the item is already in the asked state (also when two moderators act at
   * once: the second finds it done), and changes nothing then.
   */
  async act(actor: Actor, slug: string, request: ModerationActionRequest): Promise<{ actionId: string }> {
    const pending = this.cases.newPendingEvents();
    const ended: { membershipId: string; groupId: string; accountId: string }[] = [];
    const supportClosed: ClosedSupportChat[] = [];
    const actionId = await this.dataSource.transaction(async (manager) => {
      const access = await this.memberships.requireModerator(actor, slug, manager);
      let record: ActionRecord;
      if ('target' in request) {
        record = await this.actOnItem(manager, access, request, pending);
      } else {
        const member = await this.memberships.findMemberInGroup(access.group.id, request.memberId, manager);
        if (member.id === access.membership.id) {
          throw notAllowed('Moderators cannot take actions on themselves.', serverText('error.notAllowed.selfAction'));
        }
        await this.serialise(manager, member.id);
        const rejoined = await this.actOnMember(manager, member, request);
        if (rejoined) {
          ended.push({ membershipId: rejoined.id, groupId: rejoined.groupId, accountId: rejoined.accountId });
          supportClosed.push(...(await closeSupportChats(manager, { memberMembershipIds: [rejoined.id] })));
        }
        if (request.action === 'suspend' || request.action === 'remove') {
          ended.push({ membershipId: member.id, groupId: member.groupId, accountId: member.accountId });
          // Their support conversations close with it, as the member and as the group's moderator volunteer.
          supportClosed.push(
            ...(await closeSupportChats(manager, { memberMembershipIds: [member.id] })),
            ...(await closeSupportChats(manager, {
              volunteerAccountId: member.accountId,
              badge: 'moderator',
              groupId: member.groupId,
            })),
          );
        }
        record = { action: request.action, targetMembershipId: member.id, target: null, reason: request.reason };
      }
      const logged = await this.log(manager, access.group.id, access.membership.id, record);
      if (record.targetMembershipId) {
        const notice = await this.notices.write(manager, {
          membershipId: record.targetMembershipId,
          kind: request.action === 'warn' ? 'warning' : 'action',
          text: toldText(request),
          message: request.reason,
          actionId: logged.id,
          withCrisisLines: request.action === 'warn',
        });
        pending.notices.push({ membershipId: record.targetMembershipId, noticeId: notice.id });
      }
      if (request.caseId) {
        await this.cases.resolve(
          manager,
          access.group.id,
          request.caseId,
          access.membership.id,
          request.reason,
          pending,
        );
      }
      return logged.id;
    });
    await this.cases.flush(pending);
    await announceSupportClosed(this.events, supportClosed);
    for (const membership of ended) {
      await this.events.emit('membership.ended', membership);
    }
    return { actionId };
  }

  /**
   * Admin only: bans the account behind an alias site-wide. The admin never sees the account or its
   * other aliases; the ban is written to the group's audit log.
   */
  async ban(actor: Actor, slug: string, memberId: string, reason: string): Promise<void> {
    if (actor.role !== 'admin') {
      throw adminsOnly();
    }
    const { accountId, closed } = await this.dataSource.transaction(async (manager) => {
      const group = await manager.findOneBy(SupportGroup, { slug });
      if (!group) {
        throw groupNotFound();
      }
      const member = await this.memberships.findMemberInGroup(group.id, memberId, manager);
      await this.serialise(manager, member.accountId);
      const account = await manager.findOneByOrFail(Account, { id: member.accountId });
      if (account.bannedAt) {
        throw alreadyHandled('This ban', serverText('error.handled.ban'));
      }
      if (account.role === 'admin') {
        throw notAllowed(
          'An admin account cannot be banned; take its admin role away first.',
          serverText('error.notAllowed.adminBan'),
        );
      }
      await manager.update(
        Account,
        { id: account.id },
        { bannedAt: new Date(), tokenVersion: () => 'token_version + 1' },
      );
      await this.log(manager, group.id, null, { action: 'ban', targetMembershipId: member.id, target: null, reason });
      // A banned account is on neither side of a support conversation any more.
      const memberships = await manager.find(Membership, { where: { accountId: account.id }, select: { id: true } });
      const closed = [
        ...(await closeSupportChats(manager, { memberMembershipIds: memberships.map((m) => m.id) })),
        ...(await closeSupportChats(manager, { volunteerAccountId: account.id })),
      ];
      return { accountId: account.id, closed };
    });
    await this.events.emit('account.tokens-revoked', { accountId });
    await announceSupportClosed(this.events, closed);
  }

  /**
   * The group's audit log, newest first, a page of `limit` entries (after the entry `before`),
   * filtered by action and by part of the moderator's alias: moderators of the group and admins.
   */
  async auditLog(actor: Actor, slug: string, query?: AuditQuery): Promise<AuditEntry[]> {
    const group = await this.groupForStaff(actor, slug);
    const found = this.dataSource
      .getRepository(ModerationAction)
      .createQueryBuilder('a')
      .where('a.group_id = :groupId', { groupId: group.id });
    if (query?.action) {
      found.andWhere('a.action = :action', { action: query.action });
    }
    if (query?.moderator) {
      // By the moderator's alias in this group (folded as aliases are compared), any part of it.
      const key = aliasKey(query.moderator).replace(/[\\%_]/g, (char) => `\\${char}`);
      found.andWhere(
        `EXISTS (SELECT 1 FROM membership mm WHERE mm.id = a.moderator_membership_id AND mm.group_id = a.group_id
           AND mm.alias_key LIKE :moderator ESCAPE '\\')`,
        { moderator: `%${key}%` },
      );
    }
    if (query?.by === 'admin') {
      found.andWhere("a.actor_kind = 'admin'");
    }
    if (query?.before) {
      // Keyset on (created_at, id): the page after the entry the previous page ended with.
      found.andWhere(
        `(a.created_at, a.id) < (SELECT b.created_at, b.id FROM moderation_action b WHERE b.id = :before AND b.group_id = a.group_id)`,
        { before: query.before },
      );
    }
    const actions = await found
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(query?.limit ?? AUDIT_PAGE_MAX)
      .getMany();
    const ids = [
      ...new Set(
        actions.flatMap((a) => [a.moderatorMembershipId, a.targetMembershipId]).filter((id): id is string => !!id),
      ),
    ];
    const aliases = new Map(
      (ids.length ? await this.dataSource.getRepository(Membership).findBy({ id: In(ids) }) : []).map((m) => [
        m.id,
        { memberId: m.id, alias: m.alias },
      ]),
    );
    const appeals = new Map(
      (actions.length
        ? await this.dataSource.getRepository(Appeal).findBy({ actionId: In(actions.map((a) => a.id)) })
        : []
      ).map((appeal) => [appeal.actionId, appeal]),
    );
    return actions.map((a) => ({
      id: a.id,
      action: a.action,
      moderator:
        a.actorKind === 'admin'
          ? { admin: true as const }
          : a.actorKind === 'responder'
            ? { responder: true as const }
            : (aliases.get(a.moderatorMembershipId!) ?? { memberId: a.moderatorMembershipId!, alias: '?' }),
      target: {
        member: a.targetMembershipId ? (aliases.get(a.targetMembershipId) ?? null) : null,
        item: a.targetKind && a.targetId ? { kind: a.targetKind, id: a.targetId } : null,
      },
      reason: a.reason,
      reasonText: isServerTextCode(a.reasonCode)
        ? { code: a.reasonCode, ...(a.reasonParams ? { params: a.reasonParams } : {}) }
        : null,
      createdAt: a.createdAt.toISOString(),
      appeal: appeals.has(a.id) ? { status: appeals.get(a.id)!.status } : null,
    }));
  }

  /** Writes one audit log row in the caller's transaction (through the one audited path, `recordAction`). */
  async log(
    manager: EntityManager,
    groupId: string,
    moderatorMembershipId: string | null,
    record: ActionRecord,
  ): Promise<ModerationAction> {
    return recordAction(manager, groupId, moderatorMembershipId, record);
  }

  /** The group, when the actor is one of its moderators or an admin. */
  async groupForStaff(actor: Actor, slug: string): Promise<SupportGroup> {
    if (actor.role === 'admin') {
      const group = await this.dataSource.getRepository(SupportGroup).findOneBy({ slug });
      if (!group) {
        throw groupNotFound();
      }
      return group;
    }
    return (await this.memberships.requireModerator(actor, slug)).group;
  }

  private async actOnItem(
    manager: EntityManager,
    access: GroupAccess,
    request: Extract<ModerationActionRequest, { target: unknown }>,
    pending: PendingEvents,
  ): Promise<ActionRecord> {
    const handler = this.content.handler(request.target.kind);
    await this.serialise(manager, request.target.id);
    const item = handler ? await handler.find(manager, request.target.id) : null;
    if (!handler || !item || item.groupId !== access.group.id) {
      throw itemNotFound();
    }
    const visibility = (hidden: boolean) =>
      pending.visibility.push({ groupId: item.groupId, ...request.target, containerId: item.containerId, hidden });
    switch (request.action) {
      case 'hide':
        if (item.hidden) {
          throw alreadyHandled('This item is hidden already; it', serverText('error.handled.itemHidden'));
        }
        await handler.setHidden(manager, request.target.id, true);
        visibility(true);
        break;
      case 'restore':
        if (!item.hidden || item.excerpt === null) {
          throw alreadyHandled(
            item.excerpt === null ? 'This item was deleted; it' : 'This item is visible; it',
            serverText(item.excerpt === null ? 'error.handled.itemDeleted' : 'error.handled.itemVisible'),
          );
        }
        await handler.setHidden(manager, request.target.id, false);
        visibility(false);
        break;
      case 'delete':
        if (item.excerpt === null) {
          throw alreadyHandled('This item was deleted already; it', serverText('error.handled.itemDeletedAlready'));
        }
        await handler.purge(manager, request.target.id);
        visibility(true);
        break;
      case 'lock':
      case 'unlock':
        if (!handler.setLocked || item.locked === (request.action === 'lock')) {
          throw alreadyHandled(
            `This thread is ${request.action}ed already; it`,
            serverText(`error.handled.thread.${request.action}`),
          );
        }
        await handler.setLocked(manager, request.target.id, request.action === 'lock');
        break;
      case 'pin':
      case 'unpin':
        if (!handler.setPinned || item.pinned === (request.action === 'pin')) {
          throw alreadyHandled(
            `This thread is ${request.action}ned already; it`,
            serverText(`error.handled.thread.${request.action}`),
          );
        }
        await handler.setPinned(manager, request.target.id, request.action === 'pin');
        break;
    }
    return {
      action: request.action,
      targetMembershipId: item.authorMembershipId,
      target: request.target,
      reason: request.reason,
    };
  }

  /**
   * Applies a member action. Removing a former member who has since joined again under another
   * alias also ends that newer membership (it becomes a former one, like a leave): the removal bars
   * the person, not one alias. Returns that ended membership, if any.
   */
  private async actOnMember(
    manager: EntityManager,
    member: Membership,
    request: Exclude<ModerationActionRequest, { target: unknown }>,
  ): Promise<Membership | null> {
    const now = Date.now();
    switch (request.action) {
      case 'warn':
        return null;
      case 'mute':
        await manager.update(Membership, { id: member.id }, { mutedUntil: new Date(now + request.minutes * 60_000) });
        return null;
      case 'unmute':
        if (!member.mutedUntil || member.mutedUntil.getTime() <= now) {
          throw alreadyHandled('This member is not muted; it', serverText('error.handled.notMuted'));
        }
        await manager.update(Membership, { id: member.id }, { mutedUntil: null });
        return null;
      case 'suspend':
        await manager.update(
          Membership,
          { id: member.id },
          { suspendedUntil: new Date(now + request.days * 86_400_000) },
        );
        return null;
      case 'unsuspend':
        if (!member.suspendedUntil || member.suspendedUntil.getTime() <= now) {
          throw alreadyHandled('This member is not suspended; it', serverText('error.handled.notSuspended'));
        }
        await manager.update(Membership, { id: member.id }, { suspendedUntil: null });
        return null;
      case 'remove': {
        if (member.status === 'removed') {
          throw alreadyHandled('This member was removed already; it', serverText('error.handled.removed'));
        }
        // One current membership per account and group (active, pending or removed): a newer one
        // gives its place to the removal, so the person cannot stay under the new alias.
        const rejoined =
          member.status === 'active' || member.status === 'pending'
            ? null
            : await manager.findOne(Membership, {
                where: { groupId: member.groupId, accountId: member.accountId, status: In(['active', 'pending']) },
                lock: { mode: 'pessimistic_write' },
              });
        if (rejoined) {
          await manager.update(Membership, { id: rejoined.id }, { status: 'left', leftAt: new Date() });
        }
        await manager.update(Membership, { id: member.id }, { status: 'removed', leftAt: member.leftAt ?? new Date() });
        return rejoined;
      }
    }
    return null;
  }

  /** Two moderators acting on one thing at once: the second waits, then finds it done. */
  private async serialise(manager: EntityManager, key: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
  }
}

/** What the member is told of an action on them or their words; the moderator's reason goes beside it. */
function toldText(request: ModerationActionRequest): ServerText {
  // One minute, one day: said in the singular (a code of its own, as the catalogues have no plural rules).
  if (request.action === 'mute') {
    return request.minutes === 1
      ? serverText('notice.muteOne')
      : serverText('notice.mute', { minutes: request.minutes });
  }
  if (request.action === 'suspend') {
    return request.days === 1 ? serverText('notice.suspendOne') : serverText('notice.suspend', { days: request.days });
  }
  return serverText(`notice.${request.action}`);
}
