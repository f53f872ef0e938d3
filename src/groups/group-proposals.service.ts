import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { DomainError } from '../common/domain-error.js';
import {
  type DecideGroupProposalRequest,
  type GroupProposalRequest,
  type GroupProposalView,
  proposalCategory,
} from '../contracts/group-proposals.js';
import type { CrisisHelp } from '../contracts/forums.js';
import type { GroupLocale } from '../contracts/groups.js';
import { CrisisAuditLog } from '../crisis/crisis-audit.service.js';
import { recordAction } from '../moderation/audit-log.js';
import { adminsOnly, alreadyHandled } from '../moderation/moderation.errors.js';
import { aliasKey } from './aliases.js';
import { SupportGroup } from './group.entity.js';
import { GroupProposal } from './group-proposal.entity.js';
import { Membership } from './membership.entity.js';
import { MembershipService } from './membership.service.js';
import { SafetyService } from '../safety/safety.service.js';
import { serverText } from '../contracts/server-texts.js';

/** At most this many proposals per account in a day: an admin reads each one. */
const PROPOSALS_PER_DAY = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The pledge a proposed group starts with (its moderators and members can propose a better one). */
const STARTER_PLEDGE: Record<GroupLocale, string> = {
  nl: 'Wat hier gezegd wordt, blijft hier. Ik deel niets van wat anderen hier schrijven buiten de groep, en ik spreek vanuit mijn eigen ervaring.',
  en: 'What is said here stays here. I share nothing that others write here outside the group, and I speak from my own experience.',
};

/** No group has this id: screening with it reads only the site-wide watched words. */
const NO_GROUP_YET = '00000000-0000-0000-0000-000000000000';

const proposalNotFound = () => new DomainError('not_found', 'There is no such group proposal.');

/**
 * Members propose a new group; admins approve (the group is made, and its proposer becomes its
 * first moderator if they asked to) or decline with a reason. The proposer follows the outcome in
 * their own list; admins never learn who proposed (the proposal belongs to the account, which no
 * response shows). Each decision goes into the site-wide audit log.
 */
@Injectable()
export class GroupProposalsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
    private readonly audit: CrisisAuditLog,
    private readonly safety: SafetyService,
  ) {}

  /**
   * Proposes a group. Fails with `not_a_member` for an account in no group, `suspended` while a
   * suspension runs in any group, `rate_limited` past three proposals a day, `validation_failed`
   * for an alias the account may not use (its login name, or its alias in another group).
   */
  async propose(actor: Actor, request: GroupProposalRequest): Promise<GroupProposalView & { crisis?: CrisisHelp }> {
    // Admins read the purpose, and it becomes the group's description: screened as a post is, with
    // the site's watched words (there is no group yet). Crisis language is stored all the same, and
    // its writer is given the crisis lines at once.
    let crisis = false;
    for (const [field, text] of [
      ['name', request.name],
      ['purpose', request.purpose],
    ] as const) {
      crisis = (await this.safety.screenField(NO_GROUP_YET, field, text)).crisis || crisis;
    }
    const view = await this.dataSource.transaction(async (manager) => {
      await this.requireStanding(manager, actor);
      // One proposal at a time per account, so parallel requests cannot all pass the count below.
      await manager.query('SELECT id FROM account WHERE id = $1 FOR UPDATE', [actor.accountId]);
      const recent = await manager.query<{ count: number; oldest: Date | string | null }[]>(
        `SELECT count(*)::int AS count, min(created_at) AS oldest FROM group_proposal
          WHERE proposer_account_id = $1 AND created_at > now() - interval '1 day'`,
        [actor.accountId],
      );
      if (Number(recent[0].count) >= PROPOSALS_PER_DAY) {
        const oldest = new Date(recent[0].oldest ?? Date.now());
        throw new DomainError(
          'rate_limited',
          `You can propose ${PROPOSALS_PER_DAY} groups a day. Try again later.`,
          undefined,
          Math.max(1000, oldest.getTime() + DAY_MS - Date.now()),
        );
      }
      let alias: string | null = null;
      if (request.moderate && request.alias) {
        // Checked as joining checks it, against a group that does not exist yet.
        const future = Object.assign(new SupportGroup(), { id: randomUUID() });
        alias = await this.memberships.checkChosenAlias(manager, actor, future, request.alias);
      }
      const saved = await manager.save(
        manager.create(GroupProposal, {
          proposerAccountId: actor.accountId,
          name: request.name,
          purpose: request.purpose,
          audience: request.audience,
          locale: request.locale,
          category: proposalCategory(request.audience, request.category),
          moderate: request.moderate,
          alias,
          status: 'open',
          decisionReason: null,
          decidedAt: null,
          groupId: null,
        }),
      );
      return toView(saved, null);
    });
    return crisis ? { ...view, crisis: this.safety.crisisLines(request.locale) } : view;
  }

  /** The account's own proposals, newest first, with each outcome. */
  async mine(actor: Actor): Promise<GroupProposalView[]> {
    const proposals = await this.dataSource.getRepository(GroupProposal).find({
      where: { proposerAccountId: actor.accountId },
      relations: { group: true },
      order: { createdAt: 'DESC' },
    });
    return proposals.map((proposal) => toView(proposal, proposal.group?.slug ?? null));
  }

  /** Proposals for admins: open ones first (oldest first), then the 50 newest decided ones. */
  async list(actor: Actor): Promise<GroupProposalView[]> {
    if (actor.role !== 'admin') {
      throw adminsOnly();
    }
    const repository = this.dataSource.getRepository(GroupProposal);
    const open = await repository.find({ where: { status: 'open' }, order: { createdAt: 'ASC' } });
    const decided = await repository
      .createQueryBuilder('p')
      .leftJoinAndSelect('p.group', 'g')
      .where(`p.status <> 'open'`)
      .orderBy('p.decided_at', 'DESC')
      .take(50)
      .getMany();
    return [...open, ...decided].map((proposal) => toView(proposal, proposal.group?.slug ?? null));
  }

  /**
   * An admin approves (the group is made; its proposer becomes its moderator when they asked) or
   * declines with a reason, audited site-wide in the same transaction. Fails with `not_found`,
   * `already_handled` for a decided proposal.
   */
  async decide(actor: Actor, id: string, request: DecideGroupProposalRequest): Promise<GroupProposalView> {
    if (actor.role !== 'admin') {
      throw adminsOnly();
    }
    return this.dataSource.transaction(async (manager) => {
      const proposal = await manager.findOne(GroupProposal, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!proposal) {
        throw proposalNotFound();
      }
      if (proposal.status !== 'open') {
        throw alreadyHandled('This proposal', serverText('error.handled.proposal'));
      }
      proposal.status = request.approve ? 'approved' : 'declined';
      proposal.decisionReason = request.reason ?? null;
      proposal.decidedAt = new Date();
      let slug: string | null = null;
      if (request.approve) {
        if (request.category) {
          proposal.category = request.category;
        }
        const group = await this.createGroup(manager, proposal);
        proposal.groupId = group.id;
        slug = group.slug;
      }
      await manager.save(proposal);
      await this.audit.write(manager, {
        action: request.approve ? 'group-proposal-approved' : 'group-proposal-declined',
        actor: { adminAccountId: actor.accountId },
        groupId: proposal.groupId,
        reason: request.reason ?? '',
        ...(request.reason === undefined
          ? { reasonText: serverText('crisisAudit.groupFromProposal', { group: proposal.name }) }
          : {}),
      });
      return toView(proposal, slug);
    });
  }

  /** Members propose; a person under a running suspension anywhere does not, until it ends. */
  private async requireStanding(manager: EntityManager, actor: Actor): Promise<void> {
    const [row] = await manager.query<{ member: boolean | null; suspended: Date | string | null }[]>(
      `SELECT bool_or(status = 'active') AS member,
              max(suspended_until) FILTER (WHERE suspended_until > now()) AS suspended
         FROM membership WHERE account_id = $1`,
      [actor.accountId],
    );
    if (row?.suspended) {
      const until = new Date(row.suspended);
      throw new DomainError(
        'suspended',
        `You cannot propose a group while a suspension runs (until ${until.toISOString()}).`,
      );
    }
    if (!row?.member) {
      throw new DomainError('not_a_member', 'Members propose new groups: join a group first.');
    }
  }

  /**
   * Whether the proposer may become a first moderator now: not for a banned account, nor while a
   * suspension runs. The group is still made (the idea serves others) with no moderator, which the
   * coverage shows admins; refusing the approval instead would tell the admin that this proposal's
   * author is banned, linking the proposal to that account.
   */
  private async mayModerate(manager: EntityManager, accountId: string): Promise<boolean> {
    const [row] = await manager.query<{ ok: boolean }[]>(
      `SELECT a.banned_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.account_id = a.id AND m.suspended_until > now()) AS ok
         FROM account a WHERE a.id = $1`,
      [accountId],
    );
    return row?.ok === true;
  }

  /** The group of an approved proposal, with its proposer as first moderator when they asked (and may). */
  private async createGroup(manager: EntityManager, proposal: GroupProposal): Promise<SupportGroup> {
    const group = await manager.save(
      manager.create(SupportGroup, {
        slug: await this.freeSlug(manager, proposal.name),
        name: proposal.name,
        description: proposal.purpose,
        pledge: STARTER_PLEDGE[proposal.locale],
        locale: proposal.locale,
        kind: 'open',
        audience: proposal.audience,
        category: proposal.category,
      }),
    );
    if (!proposal.moderate || !(await this.mayModerate(manager, proposal.proposerAccountId))) {
      return group;
    }
    const proposer: Actor = { accountId: proposal.proposerAccountId, role: 'member', sessionId: '' };
    let alias: string;
    try {
      alias = proposal.alias
        ? await this.memberships.checkChosenAlias(manager, proposer, group, proposal.alias)
        : await this.memberships.freshAlias(manager, proposer, group);
    } catch {
      // The chosen alias was taken elsewhere by the proposer since: a generated one keeps groups unlinked.
      alias = await this.memberships.freshAlias(manager, proposer, group);
    }
    const membership = await manager.save(
      manager.create(Membership, {
        groupId: group.id,
        accountId: proposal.proposerAccountId,
        alias,
        aliasKey: aliasKey(alias),
        status: 'active',
        role: 'moderator',
        pledgeVersion: group.pledgeVersion,
        pledgeAcceptedAt: new Date(),
        leftAt: null,
      }),
    );
    await recordAction(manager, group.id, null, {
      action: 'appoint',
      targetMembershipId: membership.id,
      target: null,
      reason: '',
      reasonText: serverText('audit.firstModerator'),
    });
    return group;
  }

  private async freeSlug(manager: EntityManager, name: string): Promise<string> {
    const base =
      name
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 50)
        .replace(/-+$/g, '') || 'group';
    let slug = base.length >= 3 ? base : `group-${base}`;
    while (await manager.existsBy(SupportGroup, { slug })) {
      slug = `${base}-${randomBytes(2).toString('hex')}`;
    }
    return slug;
  }
}

function toView(proposal: GroupProposal, slug: string | null): GroupProposalView {
  return {
    id: proposal.id,
    name: proposal.name,
    purpose: proposal.purpose,
    audience: proposal.audience,
    locale: proposal.locale,
    category: proposal.category,
    moderate: proposal.moderate,
    status: proposal.status,
    reason: proposal.decisionReason,
    group: slug,
    createdAt: proposal.createdAt.toISOString(),
    decidedAt: proposal.decidedAt?.toISOString() ?? null,
  };
}
