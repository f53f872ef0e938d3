import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { Account } from '../accounts/account.entity.js';
import type { Actor } from '../auth/actor.js';
import type { AppealDecider, CrisisStatus } from '../contracts/crisis.js';
import type { CrisisHelp } from '../contracts/forums.js';
import { serverText } from '../contracts/server-texts.js';
import { DomainEvents } from '../events/domain-events.js';
import { Membership } from '../groups/membership.entity.js';
import { Appeal } from './appeal.entity.js';
import { anotherModeratorDecides, appealDecider } from './appeal-decider.js';
import { ActionsService } from './actions.service.js';
import { CasesService } from './cases.service.js';
import { ModerationAction } from './moderation-action.entity.js';
import { ModerationContentRegistry } from './moderation-content.registry.js';
import { alreadyHandled, itemNotFound, notAllowed } from './moderation.errors.js';
import { NoticesService } from './notices.service.js';
import { crisisAnswer, raiseCrisisFromText } from './free-text-crisis.js';
import { SafetyService } from '../safety/safety.service.js';

export interface AppealView {
  id: string;
  actionId: string;
  action: string;
  /** The group's slug. */
  group: string;
  member: { memberId: string; alias: string };
  text: string;
  reason: string;
  status: Appeal['status'];
  /** Who decides it: the group's other moderators, or crisis responders and admins. */
  decidedBy: AppealDecider;
  createdAt: string;
}

/** Who is deciding: a moderator of the group, an admin, or a crisis responder (neither has a membership that counts). */
export interface AppealDecision {
  accountId: string;
  /** The decider's moderator membership of the group, written on the appeal and the audit entry. */
  membershipId: string | null;
  /** Said to the member: who looked at the appeal. */
  role: 'moderator' | 'admin' | 'responder';
  decision: 'upheld' | 'overturned';
  reason: string;
}

/**
 * Appeals: once per action, by the member it affected. Nobody decides an appeal about their own
 * action or their own sanction. An appeal no other moderator of the group can decide (the one who
 * acted is its only moderator, or the appellant is the other one) goes to crisis responders and
 * admins; the member is told which (`decidedBy`).
 */
@Injectable()
export class AppealsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actions: ActionsService,
    private readonly cases: CasesService,
    private readonly notices: NoticesService,
    private readonly content: ModerationContentRegistry,
    private readonly events: DomainEvents,
    private readonly safety: SafetyService,
  ) {}

  /**
   * Appeals an action that affected the actor; `already_handled` for a second appeal. Says who will
   * decide. For a suspended member the appeal may be the only place left to write, so it is read
   * for crisis language as a post is (never refused: only the moderators read it): then the appeal
   * is still stored, the member gets the crisis lines and who knows, and a crisis case is raised.
   */
  async appeal(
    actor: Actor,
    slug: string,
    actionId: string,
    text: string,
  ): Promise<{ appealId: string; decidedBy: AppealDecider; crisis?: CrisisHelp; crisisStatus?: CrisisStatus }> {
    const { group, membership } = await this.notices.ownMembership(actor, slug);
    const action = await this.dataSource
      .getRepository(ModerationAction)
      .findOneBy({ id: actionId, groupId: membership.groupId });
    if (!action || action.targetMembershipId !== membership.id) {
      throw itemNotFound();
    }
    const signal = await this.safety.crisisSignal(group.id, text);
    // A case only for a current membership: a removed member's case would promise a volunteer who
    // can open no conversation with them. They get the lines all the same.
    const pending = signal.crisis && membership.status === 'active' ? this.cases.newPendingEvents() : null;
    const appealId = await this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Appeal)
        .values({ actionId, membershipId: membership.id, text, status: 'open' })
        .orIgnore()
        .execute();
      const rows = inserted.raw as { id: string }[];
      if (rows.length === 0) {
        throw alreadyHandled(
          'You appealed this action before: an action can be appealed once, and it',
          serverText('error.handled.appealedBefore'),
        );
      }
      if (pending) {
        await raiseCrisisFromText(this.cases, manager, { group, membership }, pending);
      }
      return rows[0].id;
    });
    const decidedBy = await this.deciderFor(this.dataSource.manager, action, membership.id);
    if (!signal.crisis) {
      return { appealId, decidedBy };
    }
    return { appealId, decidedBy, ...(await crisisAnswer(this.cases, this.safety, group.locale, pending)) };
  }

  /**
   * Who decides an appeal of `action` by `appellantMembershipId`: the group's moderators when one
   * of them is neither the one who acted nor the appellant, else crisis responders (and admins).
   */
  deciderFor(manager: EntityManager, action: ModerationAction, appellantMembershipId: string): Promise<AppealDecider> {
    return appealDecider(manager, action.groupId, action.moderatorMembershipId, appellantMembershipId);
  }

  /**
   * Open appeals of the group for the actor to decide: never those about the actor's own action or
   * the actor's own sanction.
   */
  async openAppeals(actor: Actor, slug: string): Promise<AppealView[]> {
    const group = await this.actions.groupForStaff(actor, slug);
    const mine = await this.ownMembershipIds(actor, group.id);
    const appeals = await this.dataSource.getRepository(Appeal).find({
      where: { status: 'open', action: { groupId: group.id } },
      relations: { action: true },
      order: { createdAt: 'ASC' },
    });
    const views = await this.views(appeals, slug);
    return views.filter((_view, index) => !mine.some((membershipId) => isAbout(appeals[index], membershipId)));
  }

  /**
   * Every group's open appeals that only crisis responders and admins can decide (for the crisis
   * module), oldest first; `appealId`: that one appeal only, when it waits for them. The rule
   * filters in SQL before the limit, so appeals the groups' moderators decide never crowd them out.
   */
  async openForResponders(appealId: string | null = null): Promise<AppealView[]> {
    const waiting = await this.dataSource.query<{ id: string }[]>(
      `SELECT ap.id FROM appeal ap JOIN moderation_action act ON act.id = ap.action_id
        WHERE ap.status = 'open' AND ($1::uuid IS NULL OR ap.id = $1::uuid)
          AND NOT ${anotherModeratorDecides('act.group_id', 'ap.membership_id', 'act.moderator_membership_id')}
        ORDER BY ap.created_at ASC, ap.id LIMIT 200`,
      [appealId],
    );
    if (waiting.length === 0) {
      return [];
    }
    const appeals = await this.dataSource.getRepository(Appeal).find({
      where: { id: In(waiting.map((row) => row.id)) },
      relations: { action: { group: true } },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const views: AppealView[] = [];
    for (const appeal of appeals) {
      const [view] = await this.views([appeal], appeal.action!.group!.slug);
      if (view.decidedBy === 'crisis_responders') {
        views.push(view);
      }
    }
    return views;
  }

  /**
   * Decides an appeal as the group's moderator or an admin. Overturning reverses what can be
   * reversed. `not_allowed` for the one who acted and for the appellant.
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
    await this.settle(appealId, group.id, {
      accountId: actor.accountId,
      membershipId: deciderMembershipId,
      role: deciderMembershipId ? 'moderator' : 'admin',
      decision,
      reason,
    });
  }

  /**
   * Decides an appeal (of `groupId`, or of any group with null), in one transaction; `extra` runs
   * in it (the crisis desk's audit entry). Nobody decides an appeal about their own action or their
   * own sanction: `not_allowed`. Returns the appeal's group.
   */
  async settle(
    appealId: string,
    groupId: string | null,
    decider: AppealDecision,
    extra?: (manager: EntityManager, appeal: Appeal, action: ModerationAction) => Promise<void>,
  ): Promise<void> {
    const pending = this.cases.newPendingEvents();
    let unbanned: string | null = null;
    await this.dataSource.transaction(async (manager) => {
      const appeal = await manager.findOne(Appeal, { where: { id: appealId }, lock: { mode: 'pessimistic_write' } });
      const action = appeal
        ? await manager.findOneBy(ModerationAction, { id: appeal.actionId, ...(groupId ? { groupId } : {}) })
        : null;
      if (!appeal || !action) {
        throw itemNotFound();
      }
      if (appeal.status !== 'open') {
        throw alreadyHandled('This appeal', serverText('error.handled.appeal'));
      }
      const own = await manager.query<{ id: string }[]>(
        'SELECT id FROM membership WHERE group_id = $1 AND account_id = $2',
        [action.groupId, decider.accountId],
      );
      if (own.some((membership) => membership.id === action.moderatorMembershipId)) {
        throw notAllowed(
          'You took this action: another moderator, a crisis responder or an admin decides the appeal.',
          serverText('error.notAllowed.ownAction'),
        );
      }
      if (own.some((membership) => membership.id === appeal.membershipId)) {
        throw notAllowed(
          'This appeal is about your own sanction: someone else decides it.',
          serverText('error.notAllowed.ownSanction'),
        );
      }
      if (decider.decision === 'overturned') {
        unbanned = await this.reverse(manager, action);
      }
      await manager.update(
        Appeal,
        { id: appeal.id },
        {
          status: decider.decision,
          decidedByMembershipId: decider.membershipId,
          decisionReason: decider.reason,
          decidedAt: new Date(),
        },
      );
      await this.actions.log(manager, action.groupId, decider.membershipId, {
        action: decider.decision === 'upheld' ? 'appeal-upheld' : 'appeal-overturned',
        targetMembershipId: appeal.membershipId,
        target: action.targetKind && action.targetId ? { kind: action.targetKind, id: action.targetId } : null,
        reason: decider.reason,
      });
      await extra?.(manager, appeal, action);
      const notice = await this.notices.write(manager, {
        membershipId: appeal.membershipId,
        kind: 'appeal-decided',
        text: serverText(
          decider.decision === 'overturned'
            ? `notice.appealGranted.${decider.role}`
            : `notice.appealKept.${decider.role}`,
        ),
        message: decider.reason,
        actionId: action.id,
      });
      pending.notices.push({ membershipId: appeal.membershipId, noticeId: notice.id });
    });
    await this.cases.flush(pending);
    if (unbanned) {
      await this.events.emit('account.tokens-revoked', { accountId: unbanned });
    }
  }

  private async views(appeals: Appeal[], slug: string): Promise<AppealView[]> {
    const views: AppealView[] = [];
    for (const appeal of appeals) {
      const member = await this.dataSource.getRepository(Membership).findOneByOrFail({ id: appeal.membershipId });
      views.push({
        id: appeal.id,
        actionId: appeal.actionId,
        action: appeal.action!.action,
        group: slug,
        member: { memberId: member.id, alias: member.alias },
        text: appeal.text,
        reason: appeal.action!.reason,
        status: appeal.status,
        decidedBy: await this.deciderFor(this.dataSource.manager, appeal.action!, appeal.membershipId),
        createdAt: appeal.createdAt.toISOString(),
      });
    }
    return views;
  }

  /**
   * Undoes an action where that makes sense; returns the account id when a ban was lifted. Every
   * other action has nothing to undo: a warning was given, deleted text is gone, and the rest
   * (unlocking, lifting, claiming, steering a room) did not harm the member.
   */
  private async reverse(manager: EntityManager, action: ModerationAction): Promise<string | null> {
    const membershipId = action.targetMembershipId;
    const name = action.action;
    if (!isReversible(name)) {
      return null;
    }
    switch (name) {
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
    }
  }

  /**
   * Every membership the actor has had in the group, the current one first: after leaving and
   * rejoining, an appeal about what they did or suffered under a former one is still their own.
   */
  private async ownMembershipIds(actor: Actor, groupId: string): Promise<string[]> {
    const memberships = await this.dataSource.getRepository(Membership).find({
      where: { groupId, accountId: actor.accountId },
      select: { id: true },
      order: { joinedAt: 'DESC' },
    });
    return memberships.map((membership) => membership.id);
  }

  private async ownModeratorMembershipId(actor: Actor, groupId: string): Promise<string | null> {
    const membership = await this.dataSource
      .getRepository(Membership)
      .findOneBy({ groupId, accountId: actor.accountId, role: 'moderator', status: 'active' });
    return membership?.id ?? null;
  }
}

/** Whether an appeal is about `membershipId`'s own action or own sanction. */
function isAbout(appeal: Appeal, membershipId: string): boolean {
  return appeal.action!.moderatorMembershipId === membershipId || appeal.membershipId === membershipId;
}

const REVERSIBLE = ['hide', 'lock', 'mute', 'suspend', 'remove', 'ban'] as const;
type Reversible = (typeof REVERSIBLE)[number];

function isReversible(name: string): name is Reversible {
  return (REVERSIBLE as readonly string[]).includes(name);
}
