import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, IsNull } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import type {
  CaseKind,
  ContentKind,
  QueueEntry,
  ReportReason,
  ReportRequest,
  WorryRequest,
} from '../contracts/moderation.js';
import type { CrisisStatus } from '../contracts/crisis.js';
import { serverText } from '../contracts/server-texts.js';
import { activeModeratorSql, authoredBySql, claimHeldSql } from '../crisis/active-volunteer.js';
import { ownCrisisCase, pausedModerator } from '../crisis/crisis.errors.js';
import { DomainEvents } from '../events/domain-events.js';
import { Membership } from '../groups/membership.entity.js';
import { type GroupAccess, MembershipService } from '../groups/membership.service.js';
import type { Screening } from '../safety/safety.service.js';
import { recordAction } from './audit-log.js';
import { ModerationCase } from './moderation-case.entity.js';
import { ModerationContentRegistry } from './moderation-content.registry.js';
import { alreadyHandled, caseNotFound, itemNotFound } from './moderation.errors.js';
import { NoticesService } from './notices.service.js';
import { Report } from './report.entity.js';

/** Three different members reporting one item hide it at once, pending a moderator's review. */
export const AUTO_HIDE_REPORTS = 3;

const CRISIS_PRIORITY = 0;
const NORMAL_PRIORITY = 1;

export interface PendingEvents {
  queue: { groupId: string; caseId: string; kind: CaseKind }[];
  /** Crisis cases raised in the transaction: announced after commit (see CrisisDeskHook). */
  crisis: { caseId: string }[];
  notices: { membershipId: string; noticeId: string }[];
  visibility: { groupId: string; kind: ContentKind; id: string; containerId: string | null; hidden: boolean }[];
}

export const noEvents = (): PendingEvents => ({ queue: [], notices: [], visibility: [], crisis: [] });

/** What `flush` learned: for a crisis message, what its author is told right now. */
export interface Flushed {
  crisisStatus?: CrisisStatus;
}

/**
 * The crisis desk (src/crisis) plugs in here, so that every crisis case, from chat or the forums,
 * goes through one escalation: opened in the writer's transaction, announced after commit, and
 * told of every claim or resolution made through the group's queue.
 */
export interface CrisisDeskHook {
  opened(manager: EntityManager, caseId: string): Promise<void>;
  raised(caseId: string): Promise<CrisisStatus>;
  changed(caseId: string, reason: 'claimed' | 'released' | 'resolved'): Promise<void>;
  /** What the author of a stored crisis case is told now. */
  currentStatus(caseId: string): Promise<CrisisStatus>;
  /** A moderator of the group is no active volunteer any more: its open crisis cases are checked again. */
  moderatorLeft(groupId: string): Promise<void>;
}

/** The moderation queue: reports, crisis alerts, held items and worries, per group. */
@Injectable()
export class CasesService {
  private crisisDesk: CrisisDeskHook | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
    private readonly content: ModerationContentRegistry,
    private readonly notices: NoticesService,
    private readonly events: DomainEvents,
  ) {}

  /** Called once by the crisis desk at start. */
  attachCrisisDesk(hook: CrisisDeskHook): void {
    this.crisisDesk = hook;
  }

  /**
   * Reports an item of the actor's group. Reporting one item twice is one report. The third
   * different reporter hides the item at once, pending review. An item of another group is a 404.
   */
  async report(actor: Actor, slug: string, request: ReportRequest): Promise<void> {
    const pending = noEvents();
    await this.dataSource.transaction(async (manager) => {
      const access = await this.memberships.requireMember(actor, slug, manager);
      const handler = this.content.handler(request.target.kind);
      const item = handler ? await handler.find(manager, request.target.id) : null;
      if (!handler || !item || item.groupId !== access.group.id) {
        throw itemNotFound();
      }
      const priority = request.reason === 'crisis' ? CRISIS_PRIORITY : NORMAL_PRIORITY;
      const openCase = await this.openCase(
        manager,
        access.group.id,
        'report',
        request.target,
        item.authorMembershipId,
        priority,
      );
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Report)
        .values({
          caseId: openCase.id,
          reporterMembershipId: access.membership.id,
          targetKind: request.target.kind,
          targetId: request.target.id,
          reason: request.reason,
          note: request.note ?? null,
        })
        .orIgnore()
        .execute();
      if ((inserted.raw as unknown[]).length === 0) {
        return; // this member reported this item before: still one report
      }
      await manager.increment(ModerationCase, { id: openCase.id }, 'reportCount', 1);
      if (priority < openCase.priority) {
        await manager.update(ModerationCase, { id: openCase.id }, { priority });
      }
      const reporters = await manager
        .createQueryBuilder(Report, 'r')
        .where('r.target_kind = :kind AND r.target_id = :id', request.target)
        .getCount();
      if (reporters >= AUTO_HIDE_REPORTS && !item.hidden) {
        await handler.setHidden(manager, request.target.id, true);
        pending.visibility.push({
          groupId: item.groupId,
          ...request.target,
          containerId: item.containerId,
          hidden: true,
        });
      }
      pending.queue.push({ groupId: access.group.id, caseId: openCase.id, kind: 'report' });
    });
    await this.flush(pending);
  }

  /**
   * "I'm worried about this member": the member gets a kind private notice with the crisis lines
   * (never who asked), the moderators get a queue entry.
   */
  async worry(actor: Actor, slug: string, request: WorryRequest): Promise<void> {
    const pending = noEvents();
    await this.dataSource.transaction(async (manager) => {
      const access = await this.memberships.requireMember(actor, slug, manager);
      const subject = await this.memberships.findMemberInGroup(access.group.id, request.memberId, manager);
      const existing = await manager.findOneBy(ModerationCase, {
        groupId: access.group.id,
        kind: 'worry',
        subjectMembershipId: subject.id,
        resolvedAt: IsNull(),
      });
      if (existing) {
        await manager.increment(ModerationCase, { id: existing.id }, 'reportCount', 1);
        pending.queue.push({ groupId: access.group.id, caseId: existing.id, kind: 'worry' });
        return;
      }
      const created = await manager.save(
        manager.create(ModerationCase, {
          groupId: access.group.id,
          kind: 'worry',
          priority: CRISIS_PRIORITY,
          targetKind: null,
          targetId: null,
          subjectMembershipId: subject.id,
          reportCount: 1,
        }),
      );
      const notice = await this.notices.write(manager, {
        membershipId: subject.id,
        kind: 'worry',
        text: serverText('notice.worry'),
        withCrisisLines: true,
      });
      pending.queue.push({ groupId: access.group.id, caseId: created.id, kind: 'worry' });
      pending.notices.push({ membershipId: subject.id, noticeId: notice.id });
    });
    await this.flush(pending);
  }

  /**
   * Called by forums and chat after an item was stored (in their transaction): a crisis signal
   * gives its author the crisis lines at once and the moderators a top-priority entry; a held item
   * gets an entry to approve. Returns the events to emit after commit via `flush`.
   */
  async afterPublish(
    manager: EntityManager,
    access: GroupAccess,
    target: { kind: ContentKind; id: string },
    screening: Screening,
  ): Promise<PendingEvents> {
    const pending = noEvents();
    if (screening.crisis) {
      await this.raiseCrisis(manager, access, target, pending);
    }
    if (screening.hold) {
      const held = await this.openCase(manager, access.group.id, 'held', target, access.membership.id, NORMAL_PRIORITY);
      pending.queue.push({ groupId: access.group.id, caseId: held.id, kind: 'held' });
    }
    return pending;
  }

  /**
   * Opens a crisis case about the member (in the writer's transaction): from a message that
   * signalled crisis, or with no item when the member asked for a person themselves (`target`
   * null). The one path into the escalation: `flush(pending)` after the commit announces it.
   */
  async raiseCrisis(
    manager: EntityManager,
    access: GroupAccess,
    target: { kind: ContentKind; id: string } | null,
    pending: PendingEvents,
  ): Promise<string> {
    const crisisCase = await this.openCase(
      manager,
      access.group.id,
      'crisis',
      target,
      access.membership.id,
      CRISIS_PRIORITY,
    );
    await this.crisisDesk?.opened(manager, crisisCase.id);
    const notice = await this.notices.write(manager, {
      membershipId: access.membership.id,
      kind: 'crisis',
      text: serverText(target ? 'notice.crisis' : 'notice.crisisAsk'),
      withCrisisLines: true,
    });
    pending.queue.push({ groupId: access.group.id, caseId: crisisCase.id, kind: 'crisis' });
    pending.crisis.push({ caseId: crisisCase.id });
    pending.notices.push({ membershipId: access.membership.id, noticeId: notice.id });
    return crisisCase.id;
  }

  /** Emits what a committed transaction made true; for a crisis case, returns what its author is told now. */
  async flush(pending: PendingEvents): Promise<Flushed> {
    const flushed: Flushed = {};
    for (const visibility of pending.visibility) {
      await this.events.emit('content.visibility-changed', visibility);
    }
    for (const notice of pending.notices) {
      await this.events.emit('moderation.notice', notice);
    }
    for (const queue of pending.queue) {
      await this.events.emit('moderation.queue-changed', queue);
    }
    const raisedIds = new Set(pending.crisis.map((raised) => raised.caseId));
    for (const queue of pending.queue) {
      if (queue.kind === 'crisis' && !raisedIds.has(queue.caseId)) {
        await this.crisisDesk?.changed(queue.caseId, 'resolved');
      }
    }
    for (const raised of pending.crisis) {
      if (this.crisisDesk) {
        flushed.crisisStatus = await this.crisisDesk.raised(raised.caseId);
      }
    }
    return flushed;
  }

  /**
   * After the commit that made a moderator of the group no active volunteer (paused, stepped
   * down): the claims they held go back, and open crisis cases that no other online moderator of
   * the group can see go to the crisis responders at once; their members are told what is true.
   */
  async moderatorLeft(groupId: string): Promise<void> {
    await this.crisisDesk?.moderatorLeft(groupId);
  }

  /** For an item that raised a crisis case: what its author is told now (a retried send answers it again). */
  async crisisStatusFor(target: { kind: ContentKind; id: string }): Promise<CrisisStatus | null> {
    const [found] = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM moderation_case WHERE kind = 'crisis' AND target_kind = $1 AND target_id = $2
        ORDER BY created_at DESC LIMIT 1`,
      [target.kind, target.id],
    );
    return found && this.crisisDesk ? this.crisisDesk.currentStatus(found.id) : null;
  }

  /**
   * The group's open queue: crisis first, then most reported, then oldest. Moderators only; crisis
   * cases only for an active volunteer (a paused moderator is not on the safety net), and never one
   * about the moderator themselves (they are the member in crisis there, as on the live queue).
   */
  async queue(actor: Actor, slug: string): Promise<QueueEntry[]> {
    const { group, membership } = await this.memberships.requireModerator(actor, slug);
    const active = await this.isActiveModerator(membership.id);
    const cases = await this.dataSource
      .getRepository(ModerationCase)
      .createQueryBuilder('c')
      .where('c.group_id = :groupId AND c.resolved_at IS NULL', { groupId: group.id })
      .andWhere(active ? `(c.kind <> 'crisis' OR NOT ${authoredBySql('c', ':accountId')})` : `c.kind <> 'crisis'`, {
        accountId: actor.accountId,
      })
      .orderBy('c.priority', 'ASC')
      .addOrderBy('c.reportCount', 'DESC')
      .addOrderBy('c.createdAt', 'ASC')
      .take(200)
      .getMany();
    return this.describeCases(cases);
  }

  /** One queue entry (for live delivery to the group's moderators). */
  async entry(caseId: string): Promise<QueueEntry | null> {
    const found = await this.dataSource.getRepository(ModerationCase).findOneBy({ id: caseId });
    return found ? (await this.describeCases([found]))[0] : null;
  }

  /**
   * Claims an entry so two volunteers do not work on the same one; `already_handled` if someone else
   * has it, `not_allowed` for a crisis case while the moderator is no active volunteer (paused).
   */
  async claim(actor: Actor, slug: string, caseId: string): Promise<QueueEntry> {
    const { group, membership } = await this.memberships.requireModerator(actor, slug);
    const kind = await this.dataSource.transaction(async (manager) => {
      const rows = returnedRows<{ kind: CaseKind }>(
        await manager.query(
          // A crisis case's stale claim (its claimer can no longer act) may be taken over; nobody
          // claims a crisis case about themselves.
          `UPDATE moderation_case c
              SET claimed_by_membership_id = $3, claimed_by_responder_id = NULL, updated_at = now()
            WHERE c.id = $1 AND c.group_id = $2 AND c.resolved_at IS NULL
              AND ((c.claimed_by_responder_id IS NULL
                    AND (c.claimed_by_membership_id IS NULL OR c.claimed_by_membership_id = $3))
                OR (c.kind = 'crisis' AND NOT ${claimHeldSql('c')}))
              AND (c.kind <> 'crisis' OR c.subject_membership_id IS DISTINCT FROM $3)
              AND (c.kind <> 'crisis'
                OR EXISTS (SELECT 1 FROM membership cm WHERE cm.id = $3 AND ${activeModeratorSql('cm')}))
          RETURNING c.kind`,
          [caseId, group.id, membership.id],
        ),
      );
      if (rows.length === 0) {
        const existing = await manager.findOneBy(ModerationCase, { id: caseId, groupId: group.id });
        if (existing && isOwnCrisis(existing, membership.id)) {
          throw ownCrisisCase();
        }
        if (
          existing?.kind === 'crisis' &&
          !existing.resolvedAt &&
          !(await this.isActiveModerator(membership.id, manager))
        ) {
          throw pausedModerator();
        }
        throw existing ? alreadyHandled('This entry', serverText('error.handled.entry')) : caseNotFound();
      }
      // The claim is audited like every moderator action: who took which entry.
      await recordAction(manager, group.id, membership.id, {
        action: 'claim',
        targetMembershipId: null,
        target: null,
        reason: '',
        reasonText: serverText('audit.claimedCase', { case: caseId }),
      });
      return rows[0].kind;
    });
    await this.events.emit('moderation.queue-changed', { groupId: group.id, caseId, kind });
    if (kind === 'crisis') {
      await this.crisisDesk?.changed(caseId, 'claimed');
    }
    return (await this.entry(caseId))!;
  }

  /**
   * Resolves an open entry with what was done and why, in the caller's transaction; reporters hear
   * that their report was handled (never what happened to whom).
   */
  async resolve(
    manager: EntityManager,
    groupId: string,
    caseId: string,
    moderatorMembershipId: string,
    resolution: string,
    pending: PendingEvents,
  ): Promise<ModerationCase> {
    const found = await manager.findOne(ModerationCase, {
      where: { id: caseId, groupId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!found) {
      throw caseNotFound();
    }
    if (found.resolvedAt) {
      throw alreadyHandled('This entry', serverText('error.handled.entry'));
    }
    if (isOwnCrisis(found, moderatorMembershipId)) {
      throw ownCrisisCase();
    }
    // A crisis case claimed by someone who can no longer act on it is open to every volunteer.
    const stale = found.kind === 'crisis' && !(await claimHeld(manager, caseId));
    if (!stale && found.claimedByMembershipId && found.claimedByMembershipId !== moderatorMembershipId) {
      throw alreadyHandled(
        'This entry is claimed by another moderator; it',
        serverText('error.handled.entryClaimedByModerator'),
      );
    }
    if (!stale && found.claimedByResponderId) {
      throw alreadyHandled(
        'This entry is claimed by a crisis responder; it',
        serverText('error.handled.entryClaimedByResponder'),
      );
    }
    await manager.update(
      ModerationCase,
      { id: caseId },
      { resolvedAt: new Date(), resolvedByMembershipId: moderatorMembershipId, resolution },
    );
    const reports = await manager.find(Report, { where: { caseId }, select: { reporterMembershipId: true } });
    for (const reporterMembershipId of new Set(reports.map((report) => report.reporterMembershipId))) {
      const notice = await this.notices.write(manager, {
        membershipId: reporterMembershipId,
        kind: 'report-handled',
        text: serverText('notice.reportHandled'),
      });
      pending.notices.push({ membershipId: reporterMembershipId, noticeId: notice.id });
    }
    pending.queue.push({ groupId, caseId, kind: found.kind });
    return found;
  }

  /** Resolves an entry without any other action ("nothing to do here"). */
  async dismiss(actor: Actor, slug: string, caseId: string, resolution: string): Promise<void> {
    const pending = noEvents();
    await this.dataSource.transaction(async (manager) => {
      const { group, membership } = await this.memberships.requireModerator(actor, slug, manager);
      await this.resolve(manager, group.id, caseId, membership.id, resolution, pending);
    });
    await this.flush(pending);
  }

  newPendingEvents(): PendingEvents {
    return noEvents();
  }

  private async openCase(
    manager: EntityManager,
    groupId: string,
    kind: CaseKind,
    target: { kind: ContentKind; id: string } | null,
    subjectMembershipId: string | null,
    priority: number,
  ): Promise<ModerationCase> {
    if (!target) {
      // About no item (a member asking for a person): nothing to merge with, always a new case.
      return manager.save(
        manager.create(ModerationCase, {
          groupId,
          kind,
          priority,
          targetKind: null,
          targetId: null,
          subjectMembershipId,
          reportCount: 0,
        }),
      );
    }
    await manager
      .createQueryBuilder()
      .insert()
      .into(ModerationCase)
      .values({
        groupId,
        kind,
        priority,
        targetKind: target.kind,
        targetId: target.id,
        subjectMembershipId,
        reportCount: 0,
      })
      .orIgnore()
      .execute();
    return manager.findOneOrFail(ModerationCase, {
      where: { groupId, kind, targetKind: target.kind, targetId: target.id, resolvedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Whether the membership is an active volunteer of the crisis safety net (the one rule). */
  private async isActiveModerator(membershipId: string, manager = this.dataSource.manager): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM membership m WHERE m.id = $1 AND ${activeModeratorSql('m')}`,
      [membershipId],
    );
    return rows.length > 0;
  }

  /**
   * Where each case's item is, for a link to it: a thread (and the post in it), or a message's
   * `seq` in the group's room or a session's room. A buddy or support chat gets none.
   */
  private async places(cases: ModerationCase[]): Promise<Map<string, NonNullable<QueueEntry['place']>>> {
    const places = new Map<string, NonNullable<QueueEntry['place']>>();
    const ids = (kind: ContentKind) => cases.filter((c) => c.targetKind === kind && c.targetId).map((c) => c.targetId!);
    const [threads, posts, messages] = [ids('thread'), ids('post'), ids('message')];
    const postThreads = new Map(
      (posts.length
        ? await this.dataSource.query<{ id: string; threadId: string }[]>(
            'SELECT p.id, p.thread_id AS "threadId" FROM forum_post p WHERE p.id = ANY($1)',
            [posts],
          )
        : []
      ).map((row) => [row.id, row.threadId]),
    );
    const rooms = new Map(
      (messages.length
        ? await this.dataSource.query<{ id: string; seq: number; sessionId: string | null }[]>(
            `SELECT m.id, m.seq, s.id AS "sessionId" FROM chat_message m
               JOIN chat_room r ON r.id = m.room_id AND r.kind IN ('group', 'session')
               LEFT JOIN chat_session s ON s.room_id = r.id
              WHERE m.id = ANY($1)`,
            [messages],
          )
        : []
      ).map((row) => [row.id, { kind: 'room' as const, sessionId: row.sessionId, seq: Number(row.seq) }]),
    );
    for (const found of cases) {
      const target = found.targetId;
      if (!target) {
        continue;
      }
      if (found.targetKind === 'thread' && threads.includes(target)) {
        places.set(found.id, { kind: 'thread', threadId: target, postId: null });
      } else if (found.targetKind === 'post' && postThreads.has(target)) {
        places.set(found.id, { kind: 'thread', threadId: postThreads.get(target)!, postId: target });
      } else if (found.targetKind === 'message' && rooms.has(target)) {
        places.set(found.id, rooms.get(target)!);
      }
    }
    return places;
  }

  private async describeCases(cases: ModerationCase[]): Promise<QueueEntry[]> {
    if (cases.length === 0) {
      return [];
    }
    // A crisis case's claim shows only while it is held: a paused or gone claimer's case is open to others.
    const claimedCrisis = cases.filter(
      (c) => c.kind === 'crisis' && (c.claimedByMembershipId || c.claimedByResponderId),
    );
    const held = new Set(
      (claimedCrisis.length
        ? await this.dataSource.query<{ id: string }[]>(
            `SELECT c.id FROM moderation_case c WHERE c.id = ANY($1) AND ${claimHeldSql('c')}`,
            [claimedCrisis.map((c) => c.id)],
          )
        : []
      ).map((row) => row.id),
    );
    cases = cases.map((c) =>
      c.kind === 'crisis' && !held.has(c.id)
        ? Object.assign(new ModerationCase(), c, { claimedByMembershipId: null, claimedByResponderId: null })
        : c,
    );
    const memberIds = [
      ...new Set(
        cases.flatMap((c) => [c.subjectMembershipId, c.claimedByMembershipId]).filter((id): id is string => !!id),
      ),
    ];
    const members = new Map(
      (memberIds.length ? await this.dataSource.getRepository(Membership).findBy({ id: In(memberIds) }) : []).map(
        (m) => [m.id, { memberId: m.id, alias: m.alias }],
      ),
    );
    const reports = await this.dataSource.getRepository(Report).find({
      where: { caseId: In(cases.map((c) => c.id)) },
      select: { caseId: true, reason: true, note: true },
      order: { createdAt: 'ASC' },
    });
    const places = await this.places(cases);
    const responderIds = [...new Set(cases.map((c) => c.claimedByResponderId).filter((id): id is string => !!id))];
    const responders = new Map(
      (responderIds.length
        ? await this.dataSource.query<{ id: string; name: string }[]>(
            'SELECT id, name FROM crisis_responder WHERE id = ANY($1)',
            [responderIds],
          )
        : []
      ).map((responder) => [responder.id, responder.name]),
    );
    const entries: QueueEntry[] = [];
    for (const found of cases) {
      let excerpt: string | null = null;
      let contentWarning: string | null = null;
      let hidden = false;
      if (found.targetKind && found.targetId) {
        const item = await this.content.handler(found.targetKind)?.find(this.dataSource.manager, found.targetId);
        excerpt = item?.excerpt ?? null;
        contentWarning = excerpt === null ? null : (item?.contentWarning ?? null);
        hidden = item?.hidden ?? false;
      }
      entries.push({
        id: found.id,
        kind: found.kind,
        target: found.targetKind && found.targetId ? { kind: found.targetKind, id: found.targetId } : null,
        subject: found.subjectMembershipId ? (members.get(found.subjectMembershipId) ?? null) : null,
        reasons: [...new Set(reports.filter((r) => r.caseId === found.id).map((r) => r.reason))] as ReportReason[],
        reportCount: found.reportCount,
        excerpt,
        ...(contentWarning ? { contentWarning } : {}),
        hidden,
        claimedBy: found.claimedByMembershipId ? (members.get(found.claimedByMembershipId) ?? null) : null,
        notes: reports.filter((r) => r.caseId === found.id && r.note).map((r) => r.note!),
        ...(places.has(found.id) ? { place: places.get(found.id) } : {}),
        createdAt: found.createdAt.toISOString(),
      });
      if (found.claimedByResponderId) {
        entries[entries.length - 1].claimedByResponder = { name: responders.get(found.claimedByResponderId) ?? '?' };
      }
    }
    return entries;
  }
}

/**
 * The rows of an `UPDATE … RETURNING` run through `manager.query`: TypeORM's PostgreSQL driver
 * answers `[rows, count]` for UPDATE and DELETE, and the rows for everything else.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

/** A crisis case about the moderator themselves: they neither claim nor close it. */
function isOwnCrisis(found: ModerationCase, membershipId: string): boolean {
  return found.kind === 'crisis' && found.subjectMembershipId === membershipId;
}

async function claimHeld(manager: EntityManager, caseId: string): Promise<boolean> {
  const [row] = await manager.query<{ held: boolean }[]>(
    `SELECT ${claimHeldSql('c')} AS held FROM moderation_case c WHERE c.id = $1`,
    [caseId],
  );
  return row?.held === true;
}
