import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { DomainError } from '../common/domain-error.js';
import type { ReferralCreated, ReferralLookup, ReferralRequest, ReferralView } from '../contracts/group-proposals.js';
import { recordAction } from '../moderation/audit-log.js';
import { SupportGroup } from './group.entity.js';
import { GroupInvite } from './group-invite.entity.js';
import { groupNotFound } from './groups.errors.js';
import { MembershipService } from './membership.service.js';
import { referralCardSvg } from './referral-card.js';
import { liveReferral, makeReferral, referralView } from './referrals.js';
import { serverText } from '../contracts/server-texts.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Referral codes for professionals (a hospital hands out a card): made by the group's moderators
 * or an admin, for open and closed groups, with an expiry and a number of uses. Their makers see
 * how often each was used, never by whom: joining with a code records nothing about the code.
 */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
  ) {}

  /** Makes a code (shown once, with its short link), audited as `invite`. Staff of the group only. */
  async create(actor: Actor, slug: string, request: ReferralRequest, origin: string): Promise<ReferralCreated> {
    const { group, moderatorId } = await this.requireStaff(actor, slug);
    return this.dataSource.transaction(async (manager) => {
      const { code, invite } = await makeReferral(
        manager,
        group.id,
        request.uses,
        new Date(Date.now() + request.days * DAY_MS),
      );
      await recordAction(manager, group.id, moderatorId, {
        action: 'invite',
        targetMembershipId: null,
        target: { kind: 'invite', id: invite.id },
        reason: '',
        reasonText: serverText('audit.referralCode', { uses: request.uses, days: request.days }),
      });
      return { ...referralView(invite), code, link: shortLink(origin, code) };
    });
  }

  /** The group's codes, newest first, each with its count of uses. Staff of the group only. */
  async list(actor: Actor, slug: string): Promise<ReferralView[]> {
    const { group } = await this.requireStaff(actor, slug);
    const invites = await this.dataSource
      .getRepository(GroupInvite)
      .find({ where: { groupId: group.id }, order: { createdAt: 'DESC' }, take: 200 });
    return invites.map((invite) => referralView(invite));
  }

  /**
   * The printable A6 card: the group's name, a short link (with a live code of the group when one
   * is given, else the group's page) and its QR code. Staff of the group only; a code past expiry,
   * used up or of another group is refused as on joining.
   */
  async card(actor: Actor, slug: string, code: string | undefined, origin: string): Promise<string> {
    const { group } = await this.requireStaff(actor, slug);
    if (code !== undefined) {
      await liveReferral(this.dataSource.manager, code, group.id);
    }
    const link = code !== undefined ? shortLink(origin, code) : `${origin}/groups/${group.slug}`;
    return referralCardSvg({ name: group.name, link, locale: group.locale });
  }

  /** What a short link leads to (public): the group's name and slug; refusals as on joining. */
  async lookup(code: string): Promise<ReferralLookup> {
    const invite = await liveReferral(this.dataSource.manager, code);
    const group = await this.dataSource.getRepository(SupportGroup).findOneByOrFail({ id: invite.groupId });
    if (group.archivedAt) {
      throw new DomainError('group_archived', 'This group is archived: it takes no new members.');
    }
    return { group: group.slug, name: group.name, kind: group.kind };
  }

  /** The group and the actor's moderator membership (null for an admin); others refused as `requireModerator` refuses. */
  private async requireStaff(actor: Actor, slug: string): Promise<{ group: SupportGroup; moderatorId: string | null }> {
    if (actor.role === 'admin') {
      const group = await this.dataSource.getRepository(SupportGroup).findOneBy({ slug });
      if (!group) {
        throw groupNotFound();
      }
      return { group, moderatorId: null };
    }
    const { group, membership } = await this.memberships.requireModerator(actor, slug);
    return { group, moderatorId: membership.id };
  }
}

function shortLink(origin: string, code: string): string {
  return `${origin}/r/${encodeURIComponent(code)}`;
}
