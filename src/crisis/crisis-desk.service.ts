import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../chat/clock.js';
import type { ContentKind } from '../contracts/moderation.js';
import {
  CRISIS_CONTEXT_LINES,
  type CrisisCaseContext,
  type CrisisContextLine,
  type CrisisDeskEntry,
  type CrisisMemberState,
  type CrisisStage,
} from '../contracts/crisis.js';
import { DomainEvents } from '../events/domain-events.js';
import { returnedRows } from '../moderation/cases.service.js';
import { ModerationContentRegistry } from '../moderation/moderation-content.registry.js';
import { CrisisAuditLog } from './crisis-audit.service.js';
import { activeModeratorSql, authoredBySql, claimHeldSql } from './active-volunteer.js';
import {
  adminsClaimAsResponders,
  crisisCaseNotFound,
  crisisCaseTaken,
  notYourClaim,
  ownCrisisCase,
} from './crisis.errors.js';
import { RespondersService } from './responders.service.js';
import { serverText } from '../contracts/server-texts.js';

interface CaseRow {
  id: string;
  groupId: string;
  slug: string;
  groupName: string;
  targetKind: ContentKind | null;
  targetId: string | null;
  subjectId: string | null;
  subjectAlias: string | null;
  subjectAccountId: string | null;
  claimedByMembershipId: string | null;
  /** Whether whoever claimed it can still act on it (see active-volunteer.ts); false when unclaimed. */
  claimHeld: boolean;
  claimerAlias: string | null;
  claimedByResponderId: string | null;
  responderName: string | null;
  stage: CrisisStage;
  memberState: CrisisMemberState;
  escalatedAt: Date | null;
  createdAt: Date;
  resolvedAt: Date | null;
  /** The member asked for a person themselves (crisis-ask.service.ts), with their optional note. */
  asked: boolean;
  askNote: string | null;
}

const CASE_SELECT = `
  SELECT c.id, c.group_id AS "groupId", g.slug, g.name AS "groupName", c.target_kind AS "targetKind",
         c.target_id AS "targetId", c.subject_membership_id AS "subjectId", s.alias AS "subjectAlias",
         s.account_id AS "subjectAccountId",
         c.claimed_by_membership_id AS "claimedByMembershipId", cm.alias AS "claimerAlias",
         ${claimHeldSql('c')} AS "claimHeld",
         c.claimed_by_responder_id AS "claimedByResponderId", r.name AS "responderName",
         a.stage, a.member_state AS "memberState", a.escalated_at AS "escalatedAt", c.created_at AS "createdAt",
         c.resolved_at AS "resolvedAt", ask.case_id IS NOT NULL AS "asked", ask.note AS "askNote"
    FROM moderation_case c
    JOIN crisis_alert a ON a.case_id = c.id
    JOIN support_group g ON g.id = c.group_id
    LEFT JOIN membership s ON s.id = c.subject_membership_id
    LEFT JOIN membership cm ON cm.id = c.claimed_by_membership_id
    LEFT JOIN crisis_responder r ON r.id = c.claimed_by_responder_id
    LEFT JOIN crisis_ask ask ON ask.case_id = c.id`;

/**
 * After the commit, every process hears it: open desks and the group's queue update live, and the
 * member's status follows. Claims, releases (by hand or automatic) and resolutions (by a
 * volunteer, or because the member erased their words) all announce through here.
 */
export async function announceCrisisCase(
  events: DomainEvents,
  caseId: string,
  groupId: string,
  reason: 'claimed' | 'released' | 'resolved',
): Promise<void> {
  await events.emit('moderation.queue-changed', { groupId, caseId, kind: 'crisis' });
  await events.emit('crisis.case-changed', { caseId, reason });
}

/** Who holds a crisis case's claim (for the support conversation a claimer may offer the member). */
export interface CrisisClaim {
  caseId: string;
  groupId: string;
  /** The member in crisis (their membership in the case's group). */
  subjectMembershipId: string;
  claimer: { kind: 'moderator'; membershipId: string } | { kind: 'responder'; responderId: string; name: string };
}

/**
 * The crisis desk: open crisis cases of every group for responders (and admins, to look), with
 * the context to act on and claims. Members appear only as their alias in the case's own group;
 * every opening of a case's context and every claim, release and resolution is audited.
 */
@Injectable()
export class CrisisDeskService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly responders: RespondersService,
    private readonly audit: CrisisAuditLog,
    private readonly content: ModerationContentRegistry,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  /** Open crisis cases, unclaimed first, oldest first. Responders and admins; `forbidden` for anyone else. */
  async desk(actor: Actor): Promise<CrisisDeskEntry[]> {
    const { responder } = await this.responders.requireDeskUser(actor);
    const rows = await this.dataSource.query<CaseRow[]>(
      `${CASE_SELECT}
        WHERE c.kind = 'crisis' AND c.resolved_at IS NULL
        ORDER BY (c.claimed_by_membership_id IS NULL AND c.claimed_by_responder_id IS NULL) DESC, c.created_at ASC
        LIMIT 200`,
    );
    return Promise.all(rows.map((row) => this.describe(row, responder?.id ?? null)));
  }

  /** One case as the desk shows it to `responderId` (null: as a moderator or admin sees it); null when gone. */
  async entry(caseId: string, responderId: string | null): Promise<CrisisDeskEntry | null> {
    const row = await this.find(caseId);
    return row ? this.describe(row, responderId) : null;
  }

  /**
   * The message and what came before it (up to `CRISIS_CONTEXT_LINES` chat lines of its room, or
   * the thread's opening post), written to the crisis audit log each time. A resolved case is 404.
   */
  async context(actor: Actor, caseId: string): Promise<CrisisCaseContext> {
    const { responder } = await this.responders.requireDeskUser(actor);
    const row = await this.find(caseId);
    if (!row || row.resolvedAt) {
      throw crisisCaseNotFound();
    }
    await this.audit.write(this.dataSource.manager, {
      action: 'context-opened',
      actor: responder ? { responderId: responder.id } : { adminAccountId: actor.accountId },
      caseId: row.id,
      groupId: row.groupId,
      reason: '',
      reasonText: serverText('crisisAudit.contextOpened'),
    });
    const entry = await this.describe(row, responder?.id ?? null);
    if (row.targetKind === 'message' && row.targetId) {
      return { entry, kind: 'chat', title: null, lines: await this.chatLines(row.targetId) };
    }
    if (row.targetKind && row.targetId) {
      const forum = await this.forumLines(row.targetKind, row.targetId);
      return { entry, kind: 'forum', title: forum.title, lines: forum.lines };
    }
    return { entry, kind: 'chat', title: null, lines: [] };
  }

  /**
   * A responder claims an open crisis case (again: fine); `already_handled` when a moderator or
   * another responder has it. Audited.
   */
  async claim(actor: Actor, caseId: string): Promise<CrisisDeskEntry> {
    const responder = await this.claimingResponder(actor);
    const done = await this.dataSource.transaction(async (manager) => {
      const rows = returnedRows<{ groupId: string }>(
        await manager.query(
          `UPDATE moderation_case c
              SET claimed_by_responder_id = $2, claimed_by_membership_id = NULL, updated_at = now()
            WHERE c.id = $1 AND c.kind = 'crisis' AND c.resolved_at IS NULL
              AND (c.claimed_by_responder_id = $2 OR NOT ${claimHeldSql('c')})
              AND NOT ${authoredBySql('c', '$3')}
          RETURNING c.group_id AS "groupId"`,
          [caseId, responder.id, responder.accountId],
        ),
      );
      if (rows.length === 0) {
        throw await this.refusal(manager, caseId, responder.accountId, crisisCaseTaken());
      }
      await manager.query('UPDATE crisis_alert SET claimed_at = COALESCE(claimed_at, $2) WHERE case_id = $1', [
        caseId,
        this.clock.now(),
      ]);
      await this.audit.write(manager, {
        action: 'case-claimed',
        actor: { responderId: responder.id },
        caseId,
        groupId: rows[0].groupId,
        reason: '',
        reasonText: serverText('crisisAudit.claimed'),
      });
      return rows[0];
    });
    await this.announce(caseId, done.groupId, 'claimed');
    return (await this.entry(caseId, responder.id))!;
  }

  /** The responder who holds the claim lets go of it: the case is open to every volunteer again. Audited. */
  async release(actor: Actor, caseId: string): Promise<CrisisDeskEntry> {
    const responder = await this.claimingResponder(actor);
    const done = await this.dataSource.transaction(async (manager) => {
      const rows = returnedRows<{ groupId: string }>(
        await manager.query(
          `UPDATE moderation_case SET claimed_by_responder_id = NULL, updated_at = now()
            WHERE id = $1 AND kind = 'crisis' AND resolved_at IS NULL AND claimed_by_responder_id = $2
          RETURNING group_id AS "groupId"`,
          [caseId, responder.id],
        ),
      );
      if (rows.length === 0) {
        throw (await this.openCrisisExists(manager, caseId)) ? notYourClaim() : crisisCaseNotFound();
      }
      await this.audit.write(manager, {
        action: 'case-released',
        actor: { responderId: responder.id },
        caseId,
        groupId: rows[0].groupId,
        reason: '',
        reasonText: serverText('crisisAudit.released'),
      });
      return rows[0];
    });
    await this.announce(caseId, done.groupId, 'released');
    return (await this.entry(caseId, responder.id))!;
  }

  /** Resolves a case the responder claimed (or nobody claimed), with what was done. Audited. */
  async resolve(actor: Actor, caseId: string, resolution: string): Promise<CrisisDeskEntry> {
    const responder = await this.claimingResponder(actor);
    const done = await this.dataSource.transaction(async (manager) => {
      const rows = returnedRows<{ groupId: string }>(
        await manager.query(
          `UPDATE moderation_case c
              SET resolved_at = $3, resolved_by_responder_id = $2, resolution = $4, updated_at = now(),
                  claimed_by_responder_id = $2, claimed_by_membership_id = NULL
            WHERE c.id = $1 AND c.kind = 'crisis' AND c.resolved_at IS NULL
              AND (c.claimed_by_responder_id = $2 OR NOT ${claimHeldSql('c')})
              AND NOT ${authoredBySql('c', '$5')}
          RETURNING c.group_id AS "groupId"`,
          [caseId, responder.id, this.clock.now(), resolution, responder.accountId],
        ),
      );
      if (rows.length === 0) {
        throw await this.refusal(manager, caseId, responder.accountId, notYourClaim());
      }
      await manager.query('UPDATE crisis_alert SET claimed_at = COALESCE(claimed_at, $2) WHERE case_id = $1', [
        caseId,
        this.clock.now(),
      ]);
      await this.audit.write(manager, {
        action: 'case-resolved',
        actor: { responderId: responder.id },
        caseId,
        groupId: rows[0].groupId,
        reason: resolution,
      });
      return rows[0];
    });
    await this.announce(caseId, done.groupId, 'resolved');
    return (await this.entry(caseId, responder.id))!;
  }

  /**
   * The claim on a crisis case, when the actor holds it (as the group's moderator or as a
   * responder); `not_found` for a case that is not an open crisis case, `not_allowed` for anyone
   * but its claimer. For the support conversation a claimer may offer the member.
   */
  async requireClaimer(actor: Actor, caseId: string): Promise<CrisisClaim> {
    const row = await this.find(caseId);
    if (!row || row.resolvedAt || !row.subjectId) {
      throw crisisCaseNotFound();
    }
    if (row.claimedByResponderId) {
      const responder = await this.responders.findActive(actor.accountId);
      if (responder?.id === row.claimedByResponderId) {
        return {
          caseId: row.id,
          groupId: row.groupId,
          subjectMembershipId: row.subjectId,
          claimer: { kind: 'responder', responderId: responder.id, name: responder.name },
        };
      }
    }
    if (row.claimedByMembershipId) {
      const [mine] = await this.dataSource.query<{ id: string }[]>(
        `SELECT m.id FROM membership m WHERE m.id = $1 AND m.account_id = $2 AND ${activeModeratorSql('m')}`,
        [row.claimedByMembershipId, actor.accountId],
      );
      if (mine) {
        return {
          caseId: row.id,
          groupId: row.groupId,
          subjectMembershipId: row.subjectId,
          claimer: { kind: 'moderator', membershipId: mine.id },
        };
      }
    }
    throw notYourClaim();
  }

  /** The author's membership and what they were last told, for live updates. */
  async subjectOf(caseId: string): Promise<{ membershipId: string; accountId: string; slug: string } | null> {
    const row = await this.find(caseId);
    return row?.subjectId && row.subjectAccountId
      ? { membershipId: row.subjectId, accountId: row.subjectAccountId, slug: row.slug }
      : null;
  }

  async find(caseId: string, manager: EntityManager = this.dataSource.manager): Promise<CaseRow | null> {
    const [row] = await manager.query<CaseRow[]>(`${CASE_SELECT} WHERE c.id = $1 AND c.kind = 'crisis'`, [caseId]);
    return row ?? null;
  }

  private announce(caseId: string, groupId: string, reason: 'claimed' | 'released' | 'resolved'): Promise<void> {
    return announceCrisisCase(this.events, caseId, groupId, reason);
  }

  private async claimingResponder(actor: Actor) {
    const { responder } = await this.responders.requireDeskUser(actor);
    if (!responder) {
      throw adminsClaimAsResponders();
    }
    return responder;
  }

  private async openCrisisExists(manager: EntityManager, caseId: string): Promise<boolean> {
    const [row] = await manager.query<{ id: string }[]>(
      `SELECT id FROM moderation_case WHERE id = $1 AND kind = 'crisis' AND resolved_at IS NULL`,
      [caseId],
    );
    return row !== undefined;
  }

  /** Why a claim or resolution changed nothing: no such open case, the actor's own case, or `otherwise`. */
  private async refusal(manager: EntityManager, caseId: string, accountId: string, otherwise: Error): Promise<Error> {
    if (!(await this.openCrisisExists(manager, caseId))) {
      return crisisCaseNotFound();
    }
    const [own] = await manager.query<{ id: string }[]>(
      `SELECT c.id FROM moderation_case c WHERE c.id = $1 AND ${authoredBySql('c', '$2')}`,
      [caseId, accountId],
    );
    return own ? ownCrisisCase() : otherwise;
  }

  private async describe(row: CaseRow, responderId: string | null): Promise<CrisisDeskEntry> {
    let excerpt: string | null = null;
    if (row.targetKind && row.targetId) {
      excerpt =
        (await this.content.handler(row.targetKind)?.find(this.dataSource.manager, row.targetId))?.excerpt ?? null;
    }
    return {
      id: row.id,
      group: { slug: row.slug, name: row.groupName },
      member: row.subjectId && row.subjectAlias ? { memberId: row.subjectId, alias: row.subjectAlias } : null,
      target: row.targetKind && row.targetId ? { kind: row.targetKind, id: row.targetId } : null,
      excerpt,
      stage: row.stage,
      memberState: row.memberState,
      claimedBy: !row.claimHeld
        ? null
        : row.claimedByResponderId
          ? { kind: 'responder', name: row.responderName ?? '?' }
          : row.claimedByMembershipId
            ? { kind: 'moderator', alias: row.claimerAlias ?? '?' }
            : null,
      mine: responderId !== null && row.claimedByResponderId === responderId,
      createdAt: new Date(row.createdAt).toISOString(),
      escalatedAt: row.escalatedAt ? new Date(row.escalatedAt).toISOString() : null,
      ...(row.asked ? { asked: { note: row.askNote } } : {}),
    };
  }

  /**
   * The flagged chat line and up to `CRISIS_CONTEXT_LINES` visible lines before it in its room; in
   * a private room (a buddy chat, a support conversation) the flagged line only: what the other
   * person wrote there is not the desk's to read.
   */
  private async chatLines(messageId: string): Promise<CrisisContextLine[]> {
    const [flagged] = await this.dataSource.query<{ roomId: string; seq: string; kind: string }[]>(
      'SELECT m.room_id AS "roomId", m.seq, r.kind FROM chat_message m JOIN chat_room r ON r.id = m.room_id WHERE m.id = $1',
      [messageId],
    );
    if (!flagged) {
      return [];
    }
    const privateRoom = flagged.kind === 'buddy' || flagged.kind === 'support';
    const rows = await this.dataSource.query<
      { id: string; alias: string | null; body: string; createdAt: Date; seq: string }[]
    >(
      `SELECT m.id, ms.alias, m.body, m.created_at AS "createdAt", m.seq
         FROM chat_message m LEFT JOIN membership ms ON ms.id = m.membership_id
        WHERE m.room_id = $1 AND m.seq <= $2 AND m.body <> ''
          AND (m.id = $3 OR (m.hidden_at IS NULL AND m.held_at IS NULL))
        ORDER BY m.seq DESC LIMIT $4`,
      [flagged.roomId, flagged.seq, messageId, privateRoom ? 1 : CRISIS_CONTEXT_LINES + 1],
    );
    return rows
      .filter((row) => !privateRoom || row.id === messageId)
      .reverse()
      .map((row) => ({
        alias: row.alias,
        body: row.body,
        createdAt: new Date(row.createdAt).toISOString(),
        flagged: row.id === messageId,
      }));
  }

  /** The thread's title and opening post, and the flagged reply when it is one. */
  private async forumLines(
    kind: ContentKind,
    id: string,
  ): Promise<{ title: string | null; lines: CrisisContextLine[] }> {
    const [thread] = await this.dataSource.query<{ threadId: string; title: string }[]>(
      kind === 'thread'
        ? 'SELECT t.id AS "threadId", t.title FROM forum_thread t WHERE t.id = $1'
        : 'SELECT t.id AS "threadId", t.title FROM forum_post p JOIN forum_thread t ON t.id = p.thread_id WHERE p.id = $1',
      [id],
    );
    if (!thread) {
      return { title: null, lines: [] };
    }
    const rows = await this.dataSource.query<
      { id: string; seq: number; alias: string | null; body: string; createdAt: Date }[]
    >(
      `SELECT p.id, p.seq, ms.alias, p.body, p.created_at AS "createdAt"
         FROM forum_post p LEFT JOIN membership ms ON ms.id = p.author_id
        WHERE p.thread_id = $1 AND (p.seq = 0 OR p.id = $2) AND p.purged_at IS NULL
        ORDER BY p.seq`,
      [thread.threadId, id],
    );
    return {
      title: thread.title,
      lines: rows.map((row) => ({
        alias: row.alias,
        body: row.body,
        createdAt: new Date(row.createdAt).toISOString(),
        flagged: kind === 'thread' ? row.seq === 0 : row.id === id,
      })),
    };
  }
}
