import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AccountPurgeRegistry } from '../accounts/account-purge.registry.js';
import type { Actor } from '../auth/actor.js';
import { DomainError } from '../common/domain-error.js';
import type {
  AnsweredHostQuestion,
  AskedHostQuestion,
  HostAskStatus,
  HostCrisisNote,
  HostQuestionView,
  HostsView,
  MyHostQuestion,
} from '../contracts/hosts.js';
import { SupportGroup } from '../groups/group.entity.js';
import { groupArchived, groupNotFound } from '../groups/groups.errors.js';
import { MembershipContentRegistry } from '../groups/membership-content.registry.js';
import { Membership } from '../groups/membership.entity.js';
import { type GroupAccess, MembershipService } from '../groups/membership.service.js';
import { DomainEvents } from '../events/domain-events.js';
import { recordAction } from '../moderation/audit-log.js';
import { CasesService, type PendingEvents } from '../moderation/cases.service.js';
import { crisisAnswer, raiseCrisisFromText } from '../moderation/free-text-crisis.js';
import { RateLimiter } from '../rate-limit/rate-limiter.js';
import { SafetyService, type Screening } from '../safety/safety.service.js';
import { GroupHost } from './group-host.entity.js';
import { HostQuestion } from './host-question.entity.js';
import {
  answeredAlready,
  askedAlready,
  hostNotFound,
  notAHost,
  notANewcomer,
  noHosts,
  questionNotFound,
} from './hosts.errors.js';

/** A member counts as a newcomer for their first four weeks of active membership. */
export const NEWCOMER_DAYS = 28;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Questions per account across groups: one per group, and no sweep of the directory in a day. */
const ASK_LIMIT = { limit: 5, windowMs: 24 * 60 * 60_000 };

interface QuestionRow {
  id: string;
  guest_number: number | null;
  asker_alias: string | null;
  question: string;
  created_at: Date;
  answer: string | null;
  answered_by: string | null;
  answered_at: Date | null;
}

/** The columns a question is shown from; the asker's alias only through the membership it was asked from. */
const QUESTION_SQL = `SELECT q.id, q.guest_number, am.alias AS asker_alias, q.question, q.created_at, q.answer,
       hm.alias AS answered_by, q.answered_at
  FROM host_question q
  LEFT JOIN membership am ON am.id = q.membership_id
  LEFT JOIN membership hm ON hm.id = q.answered_by_membership_id`;

const iso = (value: Date | string) => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));

function mine(row: QuestionRow): MyHostQuestion {
  return {
    question: row.question,
    askedAt: iso(row.created_at),
    answer: row.answer,
    answeredBy: row.answer === null ? null : row.answered_by,
    answeredAt: isoOrNull(row.answered_at),
  };
}

function forHost(row: QuestionRow, possibleCrisis: boolean): HostQuestionView {
  return {
    id: row.id,
    // A question asked as a member shows that group's alias; one asked as a guest stays a guest,
    // even once they joined: the label never ties the question to the membership that came later.
    asker:
      row.asker_alias !== null
        ? { kind: 'member', alias: row.asker_alias }
        : { kind: 'guest', number: row.guest_number ?? 0 },
    ...mine(row),
    possibleCrisis,
  };
}

/** What the writer of a question or an answer screened now will be told, and the case to announce after commit. */
interface Screened {
  screening: Screening;
  pending: PendingEvents | null;
}

/**
 * Hosts of a group and the newcomer's one private question to them. The asker is known to hosts
 * only as a numbered guest of this group or by their alias in it; nothing returned to a host holds
 * an account id, a login name or an alias of another group. Volunteering, stepping down and a
 * moderator's removal of a host go through the audit log.
 */
@Injectable()
export class HostsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
    private readonly content: MembershipContentRegistry,
    private readonly accountPurges: AccountPurgeRegistry,
    private readonly limiter: RateLimiter,
    private readonly events: DomainEvents,
    private readonly safety: SafetyService,
    private readonly cases: CasesService,
  ) {}

  onModuleInit(): void {
    // A question is the asker's words and an answer the host's: leaving with erase removes the
    // questions the account asked in that group (as a guest too) and empties the answers it gave.
    this.content.register('hosts', async (manager, membershipIds) => {
      await manager.query(
        `DELETE FROM host_question q USING membership m
          WHERE m.id = ANY($1::uuid[]) AND (q.membership_id = m.id OR (q.group_id = m.group_id AND q.account_id = m.account_id))`,
        [membershipIds],
      );
      await manager.update(
        HostQuestion,
        { answeredByMembershipId: In(membershipIds) },
        { answer: null, answeredByMembershipId: null, answeredAt: null },
      );
    });
    // A membership that ended (left, removed, suspended, erased) is no longer a host: rejoining
    // under the same alias reuses the row, and must not bring back the inbox without volunteering.
    // Every process of a cluster gets the event; only the one whose delete found the row audits it.
    this.events.on('membership.ended', ({ membershipId }) => this.endHost(membershipId));
    // Questions asked as a guest of a group the account never joined have no membership to erase.
    this.accountPurges.register('hosts', async (manager, accountId) => {
      await manager.delete(HostQuestion, { accountId });
    });
  }

  /** What the signed-in visitor may do on the group's "ask a host" panel, with their question if they asked. Fails with `not_found`. */
  async askStatus(actor: Actor, slug: string): Promise<HostAskStatus> {
    const group = await this.group(slug, this.dataSource.manager);
    const hosts = await this.hostCount(group.id);
    const [asked] = await this.dataSource.query<QuestionRow[]>(
      `${QUESTION_SQL} WHERE q.group_id = $1 AND q.account_id = $2`,
      [group.id, actor.accountId],
    );
    if (asked) {
      return { hosts, state: 'asked', question: mine(asked) };
    }
    let newcomer: boolean;
    try {
      newcomer = (await this.newcomerStanding(this.dataSource.manager, actor, group)) !== false;
    } catch (error) {
      // A suspended member (or one to re-accept the pledge) is no newcomer to ask now; the panel just says so.
      if (error instanceof DomainError) {
        newcomer = false;
      } else {
        throw error;
      }
    }
    return { hosts, state: newcomer ? 'newcomer' : 'not_newcomer', question: null };
  }

  /**
   * A newcomer asks the group's hosts their one question: a signed-in guest (not joined, or
   * waiting for approval) or a member in their first weeks. The question is screened as a forum
   * post is (watched words, the privacy guard, crisis language): words that signal crisis give the
   * asker the crisis lines at once and, for a member, raise a crisis case as their post would (its
   * status in the answer); a guest has no membership a case could be about, so only the lines,
   * and the hosts see the question marked. Fails with `already_handled` for a second question,
   * `not_allowed` for anyone else (a longer member, a host, a removed member), `no_hosts` when the
   * group has no active host (nobody would read it), `group_archived`, `blocked_content`,
   * `identifying_details`, `rate_limited` (several groups within a day), or as `requireMember`
   * refuses a suspended member.
   */
  async ask(actor: Actor, slug: string, question: string): Promise<AskedHostQuestion> {
    const { asked, screened, group } = await this.dataSource.transaction(async (manager) => {
      // One question at a time per group: the lock orders the guest numbers and the one-question check.
      const group = await manager.findOne(SupportGroup, { where: { slug }, lock: { mode: 'pessimistic_write' } });
      if (!group) {
        throw groupNotFound();
      }
      if (group.archivedAt) {
        throw groupArchived();
      }
      if (await manager.existsBy(HostQuestion, { groupId: group.id, accountId: actor.accountId })) {
        throw askedAlready();
      }
      const standing = await this.newcomerStanding(manager, actor, group);
      if (standing === false) {
        throw notANewcomer();
      }
      if ((await this.hostCount(group.id, manager)) === 0) {
        throw noHosts();
      }
      // Before the limiter: a refused text (a blocked word, identifying details) does not count.
      const screening = await this.safety.screenField(group.id, 'question', question, manager);
      await this.limiter.consume(
        'host-question',
        actor.accountId,
        ASK_LIMIT,
        'You asked hosts of several groups today. Please wait a day before asking another group.',
      );
      let guestNumber: number | null = null;
      if (standing === null) {
        const [row] = await manager.query<{ next: number }[]>(
          'SELECT coalesce(max(guest_number), 0) + 1 AS next FROM host_question WHERE group_id = $1',
          [group.id],
        );
        guestNumber = Number(row.next);
      }
      const saved = await manager.save(
        manager.create(HostQuestion, {
          groupId: group.id,
          accountId: actor.accountId,
          membershipId: standing?.membership.id ?? null,
          guestNumber,
          question,
        }),
      );
      const asked: MyHostQuestion = {
        question: saved.question,
        askedAt: saved.createdAt.toISOString(),
        answer: null,
        answeredBy: null,
        answeredAt: null,
      };
      return { asked, screened: await this.afterScreen(manager, standing, screening), group };
    });
    return { ...asked, ...(await this.crisisNote(group, screened)) };
  }

  /** The group's hosts as its members see them (aliases of this group only). Fails as `requireMember` does. */
  async hosts(actor: Actor, slug: string): Promise<HostsView> {
    const { group, membership, isModerator } = await this.memberships.requireMember(actor, slug);
    const rows = await this.dataSource.query<{ member_id: string; alias: string; since: Date }[]>(
      `SELECT m.id AS member_id, m.alias, h.created_at AS since FROM group_host h
         JOIN membership m ON m.id = h.membership_id AND m.status = 'active'
        WHERE h.group_id = $1 ORDER BY h.created_at, m.id`,
      [group.id],
    );
    return {
      hosts: rows.map((row) => ({ memberId: row.member_id, alias: row.alias, since: iso(row.since) })),
      me: rows.some((row) => row.member_id === membership.id),
      canRemove: isModerator,
    };
  }

  /** A member volunteers as host (audited); volunteering again changes nothing. Fails as `requireMember` does. */
  async volunteer(actor: Actor, slug: string): Promise<HostsView> {
    await this.dataSource.transaction(async (manager) => {
      const { group, membership } = await this.memberships.requireMember(actor, slug, manager);
      // One request at a time per member, so a double click makes one host and one audit entry.
      await manager.query('SELECT id FROM membership WHERE id = $1 FOR UPDATE', [membership.id]);
      if (await manager.existsBy(GroupHost, { membershipId: membership.id })) {
        return;
      }
      await manager.insert(GroupHost, { membershipId: membership.id, groupId: group.id });
      await recordAction(manager, group.id, membership.id, {
        action: 'host-volunteer',
        targetMembershipId: membership.id,
        target: null,
        reason: '',
      });
    });
    return this.hosts(actor, slug);
  }

  /** A host steps down (audited); a member who is no host changes nothing. Fails as `requireMember` does. */
  async stepDown(actor: Actor, slug: string): Promise<HostsView> {
    await this.dataSource.transaction(async (manager) => {
      const { group, membership } = await this.memberships.requireMember(actor, slug, manager);
      const removed = await manager.delete(GroupHost, { membershipId: membership.id });
      if (removed.affected) {
        await recordAction(manager, group.id, membership.id, {
          action: 'host-step-down',
          targetMembershipId: membership.id,
          target: null,
          reason: '',
        });
      }
    });
    return this.hosts(actor, slug);
  }

  /** The host role of a membership that ended goes, as a step-down in the audit log; nothing when it was no host (or already gone). */
  private async endHost(membershipId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const host = await manager.findOneBy(GroupHost, { membershipId });
      if (!host) {
        return;
      }
      const removed = await manager.delete(GroupHost, { membershipId });
      if (removed.affected) {
        await recordAction(manager, host.groupId, membershipId, {
          action: 'host-step-down',
          targetMembershipId: membershipId,
          target: null,
          reason: '',
        });
      }
    });
  }

  /**
   * A moderator of the group removes a host, with a reason, through the audit log. Fails with
   * `forbidden` for a member, as `requireModerator` refuses others, `not_found` for a member who
   * is no host.
   */
  async remove(actor: Actor, slug: string, memberId: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { group, membership } = await this.memberships.requireModerator(actor, slug, manager);
      const removed = await manager.delete(GroupHost, { membershipId: memberId, groupId: group.id });
      if (!removed.affected) {
        throw hostNotFound();
      }
      await recordAction(manager, group.id, membership.id, {
        action: 'host-remove',
        targetMembershipId: memberId,
        target: null,
        reason,
      });
    });
  }

  /**
   * The questions of the group for its hosts, each marked when it reads as crisis language:
   * unanswered ones in crisis language first, then the other unanswered ones, newest first. Fails with `forbidden` for a member who is no host.
   */
  async inbox(actor: Actor, slug: string): Promise<HostQuestionView[]> {
    const { group } = await this.requireHost(actor, slug, this.dataSource.manager);
    const rows = await this.dataSource.query<QuestionRow[]>(
      `${QUESTION_SQL} WHERE q.group_id = $1 ORDER BY (q.answered_at IS NULL) DESC, q.created_at DESC, q.id`,
      [group.id],
    );
    const views: HostQuestionView[] = [];
    for (const row of rows) {
      views.push(forHost(row, await this.signalsCrisis(group.id, row.question, this.dataSource.manager)));
    }
    // An unanswered question in crisis language comes first (the sort is stable: newest first within).
    const urgent = (view: HostQuestionView) => (view.answer === null && view.possibleCrisis ? 0 : 1);
    return views.sort((a, b) => urgent(a) - urgent(b));
  }

  /**
   * A host answers a question of their group, once. The answer is screened as a forum post is: words
   * that signal crisis give the host the crisis lines and raise a crisis case about them, as their
   * post would. Fails with `forbidden`, `not_found`, `already_handled`, `blocked_content`,
   * `identifying_details`.
   */
  async answer(actor: Actor, slug: string, questionId: string, answer: string): Promise<AnsweredHostQuestion> {
    const { view, screened, group } = await this.dataSource.transaction(async (manager) => {
      const access = await this.requireHost(actor, slug, manager);
      const { group, membership } = access;
      const question = await manager.findOne(HostQuestion, {
        where: { id: questionId, groupId: group.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!question) {
        throw questionNotFound();
      }
      if (question.answer !== null) {
        throw answeredAlready();
      }
      const screening = await this.safety.screenField(group.id, 'answer', answer, manager);
      await manager.update(
        HostQuestion,
        { id: question.id },
        { answer, answeredByMembershipId: membership.id, answeredAt: () => 'now()' },
      );
      const [row] = await manager.query<QuestionRow[]>(`${QUESTION_SQL} WHERE q.id = $1`, [question.id]);
      const view = forHost(row, await this.signalsCrisis(group.id, row.question, manager));
      return { view, screened: await this.afterScreen(manager, access, screening), group };
    });
    return { ...view, ...(await this.crisisNote(group, screened)) };
  }

  /**
   * In the writer's transaction, after their words are stored: words that signal crisis raise a
   * crisis case about a member, through the one escalation a chat message or a post takes
   * (`raiseCrisisFromText`, announced after commit; their notice says their words were read). A
   * guest (null) has no membership a case could be about. A question or an answer names no item
   * the moderators could open (it is private to the hosts and the asker): the case is about the
   * member. Nothing is held: these texts have no readers a moderator could first approve them for.
   */
  private async afterScreen(
    manager: EntityManager,
    writer: GroupAccess | null,
    screening: Screening,
  ): Promise<Screened> {
    if (!screening.crisis || !writer) {
      return { screening, pending: null };
    }
    const pending = this.cases.newPendingEvents();
    await raiseCrisisFromText(this.cases, manager, writer, pending);
    return { screening, pending };
  }

  /** After commit: the crisis lines for words that signal crisis, and for a member what is true of their case now. */
  private async crisisNote(group: SupportGroup, { screening, pending }: Screened): Promise<HostCrisisNote> {
    if (!screening.crisis) {
      return {};
    }
    return crisisAnswer(this.cases, this.safety, group.locale, pending);
  }

  /** Whether a stored question reads as crisis language, as the screen decides now (for the hosts' mark). */
  private async signalsCrisis(groupId: string, text: string, manager: EntityManager): Promise<boolean> {
    return (await this.safety.crisisSignal(groupId, text, manager)).crisis;
  }

  /** The one door to the inbox: an active member of the group (as `requireMember` decides) who is one of its hosts. */
  private async requireHost(actor: Actor, slug: string, manager: EntityManager) {
    const access = await this.memberships.requireMember(actor, slug, manager);
    if (!(await manager.existsBy(GroupHost, { membershipId: access.membership.id }))) {
      throw notAHost();
    }
    return access;
  }

  private async group(slug: string, manager: EntityManager): Promise<SupportGroup> {
    const group = await manager.findOneBy(SupportGroup, { slug });
    if (!group) {
      throw groupNotFound();
    }
    return group;
  }

  private async hostCount(groupId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [row] = await manager.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM group_host h JOIN membership m ON m.id = h.membership_id AND m.status = 'active'
        WHERE h.group_id = $1`,
      [groupId],
    );
    return Number(row.n);
  }

  /**
   * Whether the account may ask as a newcomer: `null` as a guest (no active membership: never
   * joined, left, or waiting for approval), their access as a member in their first weeks,
   * `false` otherwise (a longer member, a host, a removed member). A suspended member is refused
   * by `requireMember` itself.
   */
  private async newcomerStanding(
    manager: EntityManager,
    actor: Actor,
    group: SupportGroup,
  ): Promise<GroupAccess | null | false> {
    const current = await manager.findOneBy(Membership, {
      groupId: group.id,
      accountId: actor.accountId,
      status: In(['active', 'removed']),
    });
    if (!current) {
      return null;
    }
    if (current.status === 'removed') {
      return false;
    }
    const access = await this.memberships.requireMember(actor, group.slug, manager);
    const { membership } = access;
    if (Date.now() - membership.activeSince.getTime() > NEWCOMER_DAYS * DAY_MS) {
      return false;
    }
    if (await manager.existsBy(GroupHost, { membershipId: membership.id })) {
      return false;
    }
    return access;
  }
}
