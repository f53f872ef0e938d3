import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { DomainError } from '../common/domain-error.js';
import type { DecideRuleProposalRequest, RuleProposalRequest, RuleProposalView } from '../contracts/group-proposals.js';
import type { CrisisStatus } from '../contracts/crisis.js';
import type { CrisisHelp } from '../contracts/forums.js';
import { recordAction } from '../moderation/audit-log.js';
import { CasesService, noEvents } from '../moderation/cases.service.js';
import { crisisAnswer, raiseCrisisFromText } from '../moderation/free-text-crisis.js';
import { SafetyService } from '../safety/safety.service.js';
import { alreadyHandled } from '../moderation/moderation.errors.js';
import { SupportGroup } from './group.entity.js';
import { GroupsService } from './groups.service.js';
import { MembershipContentRegistry } from './membership-content.registry.js';
import { Membership } from './membership.entity.js';
import { isUniqueViolation, memberRef, MembershipService } from './membership.service.js';
import { RuleProposal } from './rule-proposal.entity.js';
import { serverText } from '../contracts/server-texts.js';

const proposalNotFound = () => new DomainError('not_found', 'There is no such proposal in this group.');

/**
 * Members propose a new wording of their group's pledge or rules; the group's moderators accept
 * (the change goes through the groups' one door, so a new pledge is accepted again by every
 * member) or decline with a reason. Both are audited with the proposer as the member acted for.
 */
@Injectable()
export class RuleProposalsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
    private readonly groups: GroupsService,
    private readonly content: MembershipContentRegistry,
    private readonly safety: SafetyService,
    private readonly cases: CasesService,
  ) {}

  onModuleInit(): void {
    // What a member proposed is their words: gone when they leave with erase or delete their account.
    this.content.register('rule-proposals', async (manager, membershipIds) => {
      await manager.delete(RuleProposal, { membershipId: In(membershipIds) });
    });
  }

  /**
   * A member proposes; one open proposal per member and field (`already_handled` for a second).
   * Every member of the group reads it, so the text and the note are screened: a blocked watched
   * word or identifying details refuse it (`blocked_content`, `identifying_details`, on the field),
   * and crisis language is stored all the same, with the crisis lines and who knows in the answer
   * and a crisis case for the group's volunteers. A "hold" watched word holds nothing here: a
   * proposal has no held state (its readers are the group, and a moderator decides it anyway).
   */
  async propose(
    actor: Actor,
    slug: string,
    request: RuleProposalRequest,
  ): Promise<RuleProposalView & { crisis?: CrisisHelp; crisisStatus?: CrisisStatus }> {
    const access = await this.memberships.requireMember(actor, slug);
    const { group, membership } = access;
    const repository = this.dataSource.getRepository(RuleProposal);
    const waiting = () =>
      alreadyHandled('Your proposal is waiting for a moderator; it', serverText('error.handled.proposalWaiting'));
    if (await repository.existsBy({ membershipId: membership.id, field: request.field, status: 'open' })) {
      throw waiting();
    }
    let crisis = false;
    for (const [field, text] of [
      ['text', request.text],
      ['note', request.note],
    ] as const) {
      if (text) {
        crisis = (await this.safety.screenField(group.id, field, text)).crisis || crisis;
      }
    }
    const pending = noEvents();
    const saved = await this.dataSource
      .transaction(async (manager) => {
        const stored = await manager.save(
          manager.create(RuleProposal, {
            groupId: group.id,
            membershipId: membership.id,
            field: request.field,
            text: request.text,
            note: request.note ?? null,
            status: 'open',
            decidedByMembershipId: null,
            decisionReason: null,
            decidedAt: null,
          }),
        );
        if (crisis) {
          await raiseCrisisFromText(this.cases, manager, access, pending);
        }
        return stored;
      })
      .catch((error: unknown) => {
        // Parallel requests: the database keeps one open proposal per member and field.
        throw isUniqueViolation(error, 'uq_rule_proposal_open') ? waiting() : error;
      });
    const view = toView({ ...saved, membership });
    if (!crisis) {
      return view;
    }
    return { ...view, ...(await crisisAnswer(this.cases, this.safety, group.locale, pending)) };
  }

  /** Every member sees the group's proposals, open ones first, with each outcome. */
  async list(actor: Actor, slug: string): Promise<RuleProposalView[]> {
    const { group } = await this.memberships.requireMember(actor, slug);
    const proposals = await this.dataSource.getRepository(RuleProposal).find({
      where: { groupId: group.id },
      relations: { membership: true },
      order: { createdAt: 'DESC' },
      take: 100,
    });
    return proposals
      .sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open'))
      .map((proposal) => toView(proposal));
  }

  /**
   * A moderator of the group accepts or declines (a reason required). Fails like
   * `requireModerator`, `not_found` for a proposal of another group, `already_handled` once decided.
   */
  async decide(actor: Actor, slug: string, id: string, request: DecideRuleProposalRequest): Promise<RuleProposalView> {
    const { group, membership } = await this.memberships.requireModerator(actor, slug);
    return this.dataSource.transaction(async (manager) => {
      const proposal = await manager.findOne(RuleProposal, {
        where: { id, groupId: group.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!proposal) {
        throw proposalNotFound();
      }
      proposal.membership = await manager.findOneByOrFail(Membership, { id: proposal.membershipId });
      if (proposal.status !== 'open') {
        throw alreadyHandled('This proposal', serverText('error.handled.proposal'));
      }
      if (request.approve) {
        const locked = await manager.findOneOrFail(SupportGroup, {
          where: { id: group.id },
          lock: { mode: 'pessimistic_write' },
        });
        await this.groups.applyChange(manager, locked, { [proposal.field]: proposal.text }, membership.id);
      }
      proposal.status = request.approve ? 'accepted' : 'declined';
      proposal.decidedByMembershipId = membership.id;
      proposal.decisionReason = request.reason ?? null;
      proposal.decidedAt = new Date();
      await manager.save(proposal);
      await recordAction(manager, group.id, membership.id, {
        action: request.approve ? 'rule-proposal-accept' : 'rule-proposal-decline',
        targetMembershipId: proposal.membershipId,
        target: null,
        reason: request.reason ?? `Accepted the proposed ${proposal.field}`,
      });
      return toView(proposal);
    });
  }
}

function toView(proposal: RuleProposal): RuleProposalView {
  return {
    id: proposal.id,
    field: proposal.field,
    text: proposal.text,
    note: proposal.note,
    proposer: memberRef(proposal.membership!),
    status: proposal.status,
    reason: proposal.decisionReason,
    createdAt: proposal.createdAt.toISOString(),
    decidedAt: proposal.decidedAt?.toISOString() ?? null,
  };
}
