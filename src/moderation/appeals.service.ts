import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Account } from '../accounts/account.entity.js';
import type { Actor } from '../auth/actor.js';
import { DomainEvents } from '../events/domain-events.js';
import { Membership } from '../groups/membership.entity.js';
import { Appeal } from './appeal.entity.js';
import { ActionsService } from './actions.service.js';
import { CasesService } from './cases.service.js';
import { ModerationAction } from './moderation-action.entity.js';
import { ModerationContentRegistry } from './moderation-content.registry.js';
import { alreadyHandled, itemNotFound, notAllowed } from './moderation.errors.js';
import { NoticesService } from './notices.service.js';

export interface AppealView {
  id: string;
  actionId: string;
  action: string;
  member: { memberId: string; alias: string };
  text: string;
  reason: string;
  status: Appeal['status'];
  createdAt: string;
}

/** Appeals: once per action, by the member it affected, decided by someone other than who acted. */
@Injectable()
export class AppealsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actions: ActionsService,
    private readonly cases: CasesService,
    private readonly notices: NoticesService,
    private readonly content: ModerationContentRegistry,
    private readonly events: DomainEvents,
  ) {}

  /** Appeals an action that affected the actor; `already_handled` for a second appeal. */
  async appeal(actor: Actor, slug: string, actionId: string, text: string): Promise<{ appealId: string }> {
    const { membership } = await this.notices.ownMembership(actor, slug);
    const action = await this.dataSource
      .getRepository(ModerationAction)
      .findOneBy({ id: actionId, groupId: membership.groupId });
    if (!action || action.targetMembershipId !== membership.id) {
      throw itemNotFound();
    }
    const inserted = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(Appeal)
      .values({ actionId, membershipId: membership.id, text, status: 'open' })
      .orIgnore()
      .execute();
    const rows = inserted.raw as { id: string }[];
    if (rows.length === 0) {
      throw alreadyHandled('You appealed this action before: an action can be appealed once, and it');
    }
    return { appealId: rows[0].id };
  }

  /** Open appeals of the group for the actor to decide: never those against the actor's own actions. */
  async openAppeals(actor: Actor, slug: string): Promise<AppealView[]> {
    const group = await this.actions.groupForStaff(actor, slug);
    const mine = await this.ownModeratorMembershipId(actor, group.id);
    const appeals = await this.dataSource.getRepository(Appeal).find({
      where: { status: 'open', action: { groupId: group.id } },
      relations: { action: true },
      order: { createdAt: 'ASC' },
    });
    const views: AppealView[] = [];
    for (const appeal of appeals) {
      if (mine && appeal.action!.moderatorMembershipId === mine) {
        continue;
      }
      const member = await this.dataSource.getRepository(Membership).findOneByOrFail({ id: appeal.membershipId });
      views.push({
        id: appeal.id,
        actionId: appeal.actionId,
        action: appeal.action!.action,
        member: { memberId: member.id, alias: member.alias },
        text: appeal.text,
        reason: appeal.action!.reason,
        status: appeal.status,
        createdAt: appeal.createdAt.toISOString(),
      });
    }
    return views;
  }

  /**
   * Decides an appeal. Overturning reverses what can be reversed (a hidden item comes back, a mute,
   * suspension, removal or ban is lifted). The one who took the action cannot decide it.
   */
  async decide(
    actor: Actor,
    slug: string,
    appealId: string,
    decision: 'upheld' | 'overturned',
    reason: string,
  ): Promise<void> {
    const group = await this.actions.groupForStaff(actor, slug);
    const deciderMembershipId = await this.ownModeratorMembershipId(actor, group.id);
    const pending = this.cases.newPendingEvents();
    let unbanned: string | null = null;
    await this.dataSource.transaction(async (manager) => {
      const appeal = await manager.findOne(Appeal, { where: { id: appealId }, lock: { mode: 'pessimistic_write' } });
      const action = appeal
        ? await manager.findOneBy(ModerationAction, { id: appeal.actionId, groupId: group.id })
        : null;
      if (!appeal || !action) {
        throw itemNotFound();
      }
      if (appeal.status !== 'open') {
        throw alreadyHandled('This appeal');
      }
      if (deciderMembershipId && action.moderatorMembershipId === deciderMembershipId) {
        throw notAllowed('You took this action: another moderator or an admin decides the appeal.');
      }
      if (decision === 'overturned') {
        unbanned = await this.reverse(manager, action);
      }
      await manager.update(
        Appeal,
        { id: appeal.id },
        { status: decision, decidedByMembershipId: deciderMembershipId, decisionReason: reason, decidedAt: new Date() },
      );
      await this.actions.log(manager, group.id, deciderMembershipId, {
        action: decision === 'upheld' ? 'appeal-upheld' : 'appeal-overturned',
        targetMembershipId: appeal.membershipId,
        target: action.targetKind && action.targetId ? { kind: action.targetKind, id: action.targetId } : null,
        reason,
      });
      const notice = await this.notices.write(manager, {
        membershipId: appeal.membershipId,
        kind: 'appeal-decided',
        message:
          decision === 'overturned'
            ? `Your appeal was granted: the action was undone. ${reason}`
            : `Your appeal was looked at by another moderator, who kept the action. ${reason}`,
        actionId: action.id,
      });
      pending.notices.push({ membershipId: appeal.membershipId, noticeId: notice.id });
    });
    await this.cases.flush(pending);
    if (unbanned) {
      await this.events.emit('account.tokens-revoked', { accountId: unbanned });
    }
  }

  /** Undoes an action where that makes sense; returns the account id when a ban was lifted. */
  private async reverse(manager: EntityManager, action: ModerationAction): Promise<string | null> {
    const membershipId = action.targetMembershipId;
    switch (action.action) {
      case 'hide':
        if (action.targetKind && action.targetId) {
          await this.content.handler(action.targetKind)?.setHidden(manager, action.targetId, false);
        }
        return null;
      case 'lock':
        if (action.targetKind && action.targetId) {
          await this.content.handler(action.targetKind)?.setLocked?.(manager, action.targetId, false);
        }
        return null;
      case 'mute':
        await manager.update(Membership, { id: membershipId! }, { mutedUntil: null });
        return null;
      case 'suspend':
        await manager.update(Membership, { id: membershipId! }, { suspendedUntil: null });
        return null;
      case 'remove':
        await manager.update(Membership, { id: membershipId!, status: 'removed' }, { status: 'active', leftAt: null });
        return null;
      case 'ban': {
        const member = await manager.findOneByOrFail(Membership, { id: membershipId! });
        await manager.update(Account, { id: member.accountId }, { bannedAt: null });
        return member.accountId;
      }
      // Nothing to undo: a warning was given, deleted text is gone, and the rest did not harm the member.
      case 'warn':
      case 'delete':
      case 'restore':
      case 'unlock':
      case 'pin':
      case 'unpin':
      case 'unmute':
      case 'unsuspend':
      case 'appoint':
      case 'dismiss':
      case 'resolve':
      case 'appeal-upheld':
      case 'appeal-overturned':
        return null;
    }
  }

  private async ownModeratorMembershipId(actor: Actor, groupId: string): Promise<string | null> {
    const membership = await this.dataSource
      .getRepository(Membership)
      .findOneBy({ groupId, accountId: actor.accountId, role: 'moderator', status: 'active' });
    return membership?.id ?? null;
  }
}
