import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { ChatLive } from '../chat/chat-live.js';
import { channel } from '../chat/chat-sockets.js';
import { Clock } from '../chat/clock.js';
import type { AppConfig } from '../config/app-config.js';
import type { CrisisCaseEvent, CrisisMemberState, CrisisStatus, DutyView } from '../contracts/crisis.js';
import { DomainEvents, type DomainEventMap } from '../events/domain-events.js';
import { CasesService, type CrisisDeskHook, returnedRows } from '../moderation/cases.service.js';
import { activeModeratorSql, authoredBySql, claimHeldSql } from './active-volunteer.js';
import { CrisisAlert } from './crisis-alert.entity.js';
import { CrisisAuditLog } from './crisis-audit.service.js';
import { announceCrisisCase, CrisisDeskService } from './crisis-desk.service.js';
import { RespondersService } from './responders.service.js';
import { serverText, type ServerText } from '../contracts/server-texts.js';

/** A claim `releaseStaleClaims` took back: whose it was (ids only) and what its holder lost. */
interface StaleClaim {
  caseId: string;
  groupId: string;
  responderId: string | null;
  revoked: boolean | null;
  banned: boolean | null;
  membershipStatus: string | null;
  membershipRole: string | null;
  paused: boolean | null;
  suspended: boolean | null;
}

/** Why a claim went back, as the audit log's code (no one's words, no alias). */
function whyReleased(claim: StaleClaim): ServerText {
  if (claim.responderId) {
    if (claim.banned) {
      return serverText('crisisAudit.autoReleased.responderBanned');
    }
    return serverText(
      claim.revoked ? 'crisisAudit.autoReleased.responderRevoked' : 'crisisAudit.autoReleased.responderInactive',
    );
  }
  if (claim.banned) {
    return serverText('crisisAudit.autoReleased.moderatorBanned');
  }
  if (claim.membershipStatus === null) {
    return serverText('crisisAudit.autoReleased.moderatorNotMember');
  }
  if (claim.membershipStatus !== 'active') {
    return serverText('crisisAudit.autoReleased.moderatorLeft');
  }
  if (claim.membershipRole !== 'moderator') {
    return serverText('crisisAudit.autoReleased.moderatorDismissed');
  }
  if (claim.suspended) {
    return serverText('crisisAudit.autoReleased.moderatorSuspended');
  }
  return serverText(
    claim.paused ? 'crisisAudit.autoReleased.moderatorPaused' : 'crisisAudit.autoReleased.moderatorInactive',
  );
}

/** How often every process looks for crisis cases to escalate or announce again. */
export const CRISIS_TICK_MS = 5_000;
/** How long the raising process waits to learn which of the group's moderators are online. */
const ONLINE_CHECK_MS = 1_500;
/** A case this young is still being announced by the process that raised it (`raised`): rounds leave it be. */
const RAISING_MS = 2 * ONLINE_CHECK_MS;

/**
 * Escalation of crisis alerts, so that one always reaches a person: live to the group's online
 * moderators; when none is online, or none claims it in time (`CRISIS_ESCALATION_SECONDS`), live to
 * every on-duty responder; announced again while unclaimed. The member is told the truth at each
 * step. Every step is a conditional update of `crisis_alert`, so with several processes exactly one
 * of them takes it and emits the domain event; every process then delivers it to its own sockets.
 */
@Injectable()
export class CrisisEscalation implements CrisisDeskHook, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CrisisEscalation.name);
  private readonly escalationMs: number;
  private timer?: NodeJS.Timeout;
  private ticking: Promise<void> | null = null;
  private nextTick: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly desk: CrisisDeskService,
    private readonly responders: RespondersService,
    private readonly live: ChatLive,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    private readonly audit: CrisisAuditLog,
    config: ConfigService<AppConfig, true>,
  ) {
    this.escalationMs = config.get('crisis.escalationMs', { infer: true });
  }

  onApplicationBootstrap(): void {
    this.cases.attachCrisisDesk(this);
    this.events.on('crisis.case-changed', (event) => this.caseChanged(event));
    this.events.on('crisis.status-changed', (event) => this.statusChanged(event));
    // A claimer who lost what let them act (left, removed, suspended, banned) holds nothing any more,
    // and what only they could see goes to the responders.
    this.events.on('membership.ended', (ended) => this.moderatorLeft(ended.groupId));
    this.events.on('account.tokens-revoked', ({ accountId }) => this.accountLeft(accountId));
    this.timer = setInterval(() => void this.tick(), CRISIS_TICK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  /** In the writer's transaction: the case starts with the group's moderators, until the timeout. */
  async opened(manager: EntityManager, caseId: string): Promise<void> {
    const now = this.clock.now();
    await manager
      .createQueryBuilder()
      .insert()
      .into(CrisisAlert)
      .values({
        caseId,
        stage: 'moderators',
        memberState: 'notified',
        escalateAt: new Date(now.getTime() + this.escalationMs),
        escalatedAt: null,
        announcedAt: now,
        claimedAt: null,
        createdAt: now,
      })
      .orIgnore()
      .execute();
  }

  /**
   * After commit: live to the group's online moderators; with none online, to the on-duty
   * responders at once. Returns what the author is told now (in the answer to their message).
   */
  async raised(caseId: string): Promise<CrisisStatus> {
    try {
      const row = await this.desk.find(caseId);
      if (!row) {
        return { caseId, state: 'nobody_on_duty' };
      }
      // The author is never the online moderator of their own alert.
      const online = await this.onlineModerators(row.groupId, row.subjectAccountId);
      if (online.length === 0 && row.stage === 'moderators' && !row.claimHeld) {
        await this.escalate(caseId, true);
      } else {
        await this.events.emit('crisis.case-changed', { caseId, reason: 'raised' });
      }
      const state = await this.refreshState(caseId, true);
      return { caseId, state };
    } catch (error) {
      // The message and its case are stored: announcing must never take the crisis help away. To
      // the responders at once, and the author hears only what is surely true.
      this.logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'Announcing a crisis case failed',
      );
      return { caseId, state: await this.escalateAfterFailure(caseId) };
    }
  }

  /** After a failed announcement: escalate at once if possible; what the author may be told then. */
  private async escalateAfterFailure(caseId: string): Promise<CrisisMemberState> {
    try {
      await this.escalate(caseId, true);
      return await this.refreshState(caseId, true);
    } catch {
      // Nobody is known to have it: the author is told to call a crisis line now; rounds keep trying.
      return 'nobody_on_duty';
    }
  }

  /** What the author of a stored crisis case is told now (a retried message gets it again). */
  async currentStatus(caseId: string): Promise<CrisisStatus> {
    const row = await this.desk.find(caseId);
    return { caseId, state: row?.memberState ?? 'nobody_on_duty' };
  }

  /**
   * Claims held by someone who can no longer act on them (see active-volunteer.ts) go back: to the
   * responders at once (and the group's moderators), announced again, and the author is told what
   * is true then. One process wins each case's conditional update, and writes the release to the
   * crisis audit log as a manual release is written: whose claim it was, and why it went.
   */
  async releaseStaleClaims(): Promise<void> {
    const now = this.clock.now();
    // Every round asks; a transaction only when there is something to take back (one statement, as a rule).
    const [stale] = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM moderation_case c
        WHERE c.kind = 'crisis' AND c.resolved_at IS NULL
          AND (c.claimed_by_membership_id IS NOT NULL OR c.claimed_by_responder_id IS NOT NULL)
          AND NOT ${claimHeldSql('c')}
        LIMIT 1`,
    );
    if (!stale) {
      return;
    }
    const released = await this.dataSource.transaction(async (manager) => {
      // `held` is the row before the update: who held the claim, and what they lost.
      const rows = returnedRows<StaleClaim>(
        await manager.query(
          `UPDATE moderation_case c SET claimed_by_membership_id = NULL, claimed_by_responder_id = NULL, updated_at = now()
             FROM moderation_case held
             LEFT JOIN crisis_responder hr ON hr.id = held.claimed_by_responder_id
             LEFT JOIN membership hm ON hm.id = held.claimed_by_membership_id
             LEFT JOIN account ha ON ha.id = COALESCE(hr.account_id, hm.account_id)
            WHERE held.id = c.id AND c.kind = 'crisis' AND c.resolved_at IS NULL
              AND (c.claimed_by_membership_id IS NOT NULL OR c.claimed_by_responder_id IS NOT NULL)
              AND NOT ${claimHeldSql('c')}
          RETURNING c.id AS "caseId", c.group_id AS "groupId", held.claimed_by_responder_id AS "responderId",
                    hr.revoked_at IS NOT NULL AS "revoked", ha.banned_at IS NOT NULL AS "banned",
                    hm.status AS "membershipStatus", hm.role AS "membershipRole",
                    hm.moderator_paused_at IS NOT NULL AS "paused",
                    (hm.suspended_until IS NOT NULL AND hm.suspended_until > now()) AS "suspended"`,
        ),
      );
      for (const row of rows) {
        await this.audit.write(manager, {
          action: 'case-released',
          actor: row.responderId ? { responderId: row.responderId } : { groupModerator: true },
          caseId: row.caseId,
          groupId: row.groupId,
          reason: '',
          reasonText: whyReleased(row),
        });
      }
      return rows;
    });
    for (const { caseId, groupId } of released) {
      await this.dataSource.query(
        `UPDATE crisis_alert SET stage = 'responders', escalated_at = COALESCE(escalated_at, $2), announced_at = $2
          WHERE case_id = $1`,
        [caseId, now],
      );
      await announceCrisisCase(this.events, caseId, groupId, 'released');
    }
  }

  /**
   * An account's logins ended (banned, logged out everywhere, a new password): claims it can no
   * longer act on go back, and in each group it moderates, what no other online moderator can see
   * goes to the responders now (`moderatorLeft`) instead of waiting for the timeout.
   */
  private async accountLeft(accountId: string): Promise<void> {
    const groups = await this.dataSource.query<{ groupId: string }[]>(
      `SELECT DISTINCT group_id AS "groupId" FROM membership WHERE account_id = $1 AND role = 'moderator'`,
      [accountId],
    );
    if (groups.length === 0) {
      await this.releaseStaleClaims();
    }
    for (const { groupId } of groups) {
      await this.moderatorLeft(groupId);
    }
  }

  /**
   * A moderator of the group is no active volunteer any more (paused, stepped down, left): claims
   * they held go back at once (`releaseStaleClaims`), and each open case still with the group's
   * moderators that no other online moderator can see goes to the responders now, as the timer
   * would send it; every author hears what is true then.
   */
  async moderatorLeft(groupId: string): Promise<void> {
    await this.releaseStaleClaims();
    const waiting = await this.dataSource.query<{ caseId: string; authorAccountId: string | null }[]>(
      `SELECT a.case_id AS "caseId", am.account_id AS "authorAccountId" FROM crisis_alert a
         JOIN moderation_case c ON c.id = a.case_id
         LEFT JOIN membership am ON am.id = c.subject_membership_id
        WHERE c.group_id = $1 AND a.stage = 'moderators' AND c.resolved_at IS NULL
          AND c.claimed_by_membership_id IS NULL AND c.claimed_by_responder_id IS NULL`,
      [groupId],
    );
    for (const { caseId, authorAccountId } of waiting) {
      if ((await this.onlineModerators(groupId, authorAccountId)).length === 0) {
        await this.escalate(caseId, false);
      }
    }
  }

  /**
   * A claim or resolution through the group's queue. A moderator's first claim (or resolution) is
   * noted on the alert as the desk notes a responder's: coverage reads how long a case waited there.
   */
  async changed(caseId: string, reason: 'claimed' | 'released' | 'resolved'): Promise<void> {
    if (reason !== 'released') {
      await this.dataSource.query('UPDATE crisis_alert SET claimed_at = COALESCE(claimed_at, $2) WHERE case_id = $1', [
        caseId,
        this.clock.now(),
      ]);
    }
    await this.events.emit('crisis.case-changed', { caseId, reason });
  }

  /** Marks the actor on or off duty; members waiting on an unclaimed case are told if that changes what is true. */
  async setDuty(actor: Actor, onDuty: boolean): Promise<DutyView> {
    const duty = await this.responders.setDuty(actor, onDuty);
    await this.refreshOpen();
    return duty;
  }

  /**
   * One round: escalates what waited past the timeout unclaimed, announces again what is still
   * unclaimed after another period, and tells members when what is true changed. Safe to run on
   * every process at once; tests call it after moving the clock. The promise settles after a round
   * that began after the call: a round already under way may have read the cases before what the
   * caller just changed, so one more follows it (shared by every caller meanwhile).
   */
  tick(): Promise<void> {
    // A round asked for while the app closed would read a closing database.
    if (this.stopped) {
      return Promise.resolve();
    }
    if (this.ticking) {
      this.nextTick ??= this.ticking.then(() => {
        this.nextTick = null;
        return this.tick();
      });
      return this.nextTick;
    }
    this.ticking = this.round()
      .catch((error: unknown) =>
        this.logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'Crisis escalation round failed',
        ),
      )
      .finally(() => {
        this.ticking = null;
      });
    return this.ticking;
  }

  private async round(): Promise<void> {
    await this.releaseStaleClaims();
    const now = this.clock.now();
    // Due: past the timeout, or (once its raising is over) with no active moderator of the group left but its author.
    const due = await this.dataSource.query<{ caseId: string }[]>(
      `SELECT a.case_id AS "caseId" FROM crisis_alert a JOIN moderation_case c ON c.id = a.case_id
        WHERE a.stage = 'moderators' AND c.resolved_at IS NULL
          AND c.claimed_by_membership_id IS NULL AND c.claimed_by_responder_id IS NULL
          AND (a.escalate_at <= $1 OR (c.created_at <= $2 AND NOT EXISTS (
            SELECT 1 FROM membership m WHERE m.group_id = c.group_id AND ${activeModeratorSql('m')}
               AND NOT ${authoredBySql('c', 'm.account_id')})))`,
      [now, new Date(now.getTime() - RAISING_MS)],
    );
    for (const { caseId } of due) {
      await this.escalate(caseId, false);
    }
    const stale = await this.dataSource.query<{ caseId: string; announcedAt: Date }[]>(
      `SELECT a.case_id AS "caseId", a.announced_at AS "announcedAt" FROM crisis_alert a
         JOIN moderation_case c ON c.id = a.case_id
        WHERE a.stage = 'responders' AND a.announced_at <= $1 AND c.resolved_at IS NULL
          AND c.claimed_by_membership_id IS NULL AND c.claimed_by_responder_id IS NULL`,
      [new Date(now.getTime() - this.escalationMs)],
    );
    for (const { caseId, announcedAt } of stale) {
      const won = returnedRows<{ caseId: string }>(
        await this.dataSource.query(
          `UPDATE crisis_alert SET announced_at = $3 WHERE case_id = $1 AND announced_at = $2 RETURNING case_id AS "caseId"`,
          [caseId, announcedAt, now],
        ),
      );
      if (won.length > 0) {
        await this.events.emit('crisis.case-changed', { caseId, reason: 'reannounced' });
      }
    }
    await this.refreshOpen();
  }

  /** Moves a case to the responders, once across processes; announces it. */
  private async escalate(caseId: string, atOnce: boolean): Promise<void> {
    const now = this.clock.now();
    const won = returnedRows<{ caseId: string }>(
      await this.dataSource.query(
        `UPDATE crisis_alert SET stage = 'responders', escalated_at = $2, announced_at = $2
          WHERE case_id = $1 AND stage = 'moderators' RETURNING case_id AS "caseId"`,
        [caseId, now],
      ),
    );
    if (won.length > 0) {
      await this.events.emit('crisis.case-changed', { caseId, reason: atOnce ? 'raised' : 'escalated' });
      await this.refreshState(caseId, atOnce);
    }
  }

  /** Re-checks what the authors of open cases are told (someone came on or went off duty, a claim was let go). */
  private async refreshOpen(): Promise<void> {
    const open = await this.dataSource.query<{ caseId: string }[]>(
      `SELECT a.case_id AS "caseId" FROM crisis_alert a JOIN moderation_case c ON c.id = a.case_id
        WHERE c.resolved_at IS NULL`,
    );
    for (const { caseId } of open) {
      await this.refreshState(caseId, false);
    }
  }

  /**
   * Works out what is true for the case's author now and stores it; when it changed (one process
   * wins the conditional update) and `silent` is off, the author hears it live.
   */
  private async refreshState(caseId: string, silent: boolean): Promise<CrisisMemberState> {
    const row = await this.desk.find(caseId);
    if (!row) {
      return 'nobody_on_duty';
    }
    let state: CrisisMemberState;
    if (row.claimHeld) {
      state = 'claimed';
    } else if (row.resolvedAt) {
      return row.memberState;
    } else if (row.stage === 'moderators') {
      // With the moderators only while one of them (not its author) is an active volunteer: a
      // paused or gone moderator sees no crisis case. While it is being raised, `raised` decides.
      const raising = row.createdAt.getTime() > this.clock.now().getTime() - RAISING_MS;
      const moderators = (await this.moderatorAccounts(row.groupId)).filter((id) => id !== row.subjectAccountId);
      state = raising || moderators.length > 0 ? 'notified' : 'nobody_on_duty';
    } else {
      // Someone will look only when an on-duty volunteer is connected now; the author, a volunteer
      // themselves perhaps, is not someone who looks at their own alert.
      const onDuty = [
        ...(await this.responders.onDutyResponders(this.clock.now())).map((found) => found.accountId),
        ...(await this.responders.onDutyModerators(row.groupId)),
      ].filter((accountId) => accountId !== row.subjectAccountId);
      const someone = (await this.connected(onDuty)).length > 0;
      state = someone ? 'notified' : 'nobody_on_duty';
    }
    const won = returnedRows<{ caseId: string }>(
      await this.dataSource.query(
        `UPDATE crisis_alert SET member_state = $2 WHERE case_id = $1 AND member_state <> $2 RETURNING case_id AS "caseId"`,
        [caseId, state],
      ),
    );
    if (won.length > 0 && !silent && row.subjectId) {
      await this.events.emit('crisis.status-changed', { caseId, membershipId: row.subjectId, state });
    }
    return state;
  }

  /** Every process: the case to its own sockets of those who should see it; then the author's status. */
  private async caseChanged(event: DomainEventMap['crisis.case-changed']): Promise<void> {
    if (event.reason === 'claimed' || event.reason === 'released' || event.reason === 'resolved') {
      // First what the author is told (one process wins the update and tells them), so the desk shows it too.
      await this.refreshState(event.caseId, false);
    }
    if (this.live.attached) {
      const row = await this.desk.find(event.caseId);
      if (row) {
        // Never to the author's own account: they are the member in crisis here, not a volunteer.
        const moderators = (await this.moderatorAccounts(row.groupId)).filter((id) => id !== row.subjectAccountId);
        const moderatorEntry = await this.desk.entry(event.caseId, null);
        if (moderatorEntry && moderators.length > 0) {
          this.live.toAccounts(moderators, 'crisis:case', { reason: event.reason, entry: moderatorEntry });
        }
        if (row.stage === 'responders') {
          for (const responder of await this.responders.onDutyResponders(this.clock.now())) {
            if (responder.accountId === row.subjectAccountId) {
              continue;
            }
            const entry = await this.desk.entry(event.caseId, responder.id);
            if (entry) {
              const payload: CrisisCaseEvent = { reason: event.reason, entry };
              this.live.toAccounts([responder.accountId], 'crisis:case', payload);
            }
          }
        }
      }
    }
  }

  private async statusChanged(event: DomainEventMap['crisis.status-changed']): Promise<void> {
    if (!this.live.attached) {
      return;
    }
    const subject = await this.desk.subjectOf(event.caseId);
    if (subject) {
      this.live.toAccounts([subject.accountId], 'crisis:status', {
        group: subject.slug,
        caseId: event.caseId,
        state: event.state,
      });
    }
  }

  private async moderatorAccounts(groupId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ accountId: string }[]>(
      `SELECT m.account_id AS "accountId" FROM membership m WHERE m.group_id = $1 AND ${activeModeratorSql('m')}`,
      [groupId],
    );
    return rows.map((row) => row.accountId);
  }

  /** The group's moderators (never the author) with a connection to any process of the cluster now. */
  private async onlineModerators(groupId: string, author: string | null): Promise<string[]> {
    return this.connected((await this.moderatorAccounts(groupId)).filter((accountId) => accountId !== author));
  }

  /** Which of these accounts have a connection to any process of the cluster now. */
  private async connected(accounts: string[]): Promise<string[]> {
    if (accounts.length === 0 || !this.live.attached) {
      return [];
    }
    // Asking the other processes goes through Redis: if it does not answer at once, count nobody as
    // online, so the alert goes to the responders now rather than waiting for the timeout.
    const asked = this.live.ns.in(accounts.map((accountId) => channel.account(accountId))).fetchSockets();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), ONLINE_CHECK_MS);
    });
    try {
      const sockets = await Promise.race([asked, late]);
      return sockets ? [...new Set(sockets.map((socket) => socket.data.accountId))] : [];
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'Could not ask who is online');
      return [];
    } finally {
      clearTimeout(timer);
      asked.catch(() => undefined);
    }
  }
}
