import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import type { Notice as NoticeView } from '../contracts/moderation.js';
import { isServerTextCode, type ServerText } from '../contracts/server-texts.js';
import { SupportGroup } from '../groups/group.entity.js';
import { groupNotFound, notAMember } from '../groups/groups.errors.js';
import type { Membership } from '../groups/membership.entity.js';
import { MembershipService } from '../groups/membership.service.js';
import { crisisHelp } from '../safety/crisis-lines.js';
import { appealDecider } from './appeal-decider.js';
import { Notice } from './notice.entity.js';

export interface NewNotice {
  membershipId: string;
  kind: NoticeView['kind'];
  /** What happened, worded by the client in the member's language. */
  text: ServerText;
  /** The moderator's own words (their reason), as written; none for a notice the system says alone. */
  message?: string;
  actionId?: string | null;
  withCrisisLines?: boolean;
}

/** Private notices from a group's moderation to one member. Never says who reported or asked. */
@Injectable()
export class NoticesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
  ) {}

  /** Writes a notice in the caller's transaction; emit `moderation.notice` after it commits. */
  async write(manager: EntityManager, notice: NewNotice): Promise<Notice> {
    return manager.save(
      manager.create(Notice, {
        membershipId: notice.membershipId,
        kind: notice.kind,
        textCode: notice.text.code,
        textParams: notice.text.params ?? null,
        message: notice.message ?? '',
        actionId: notice.actionId ?? null,
        withCrisisLines: notice.withCrisisLines ?? false,
        readAt: null,
      }),
    );
  }

  /**
   * The actor's notices in a group, newest first. Works for suspended and removed members too: they
   * must be able to read what happened and appeal.
   */
  async list(actor: Actor, slug: string): Promise<NoticeView[]> {
    const { group, membership } = await this.ownMembership(actor, slug);
    const notices = await this.dataSource
      .getRepository(Notice)
      .find({ where: { membershipId: membership.id }, order: { createdAt: 'DESC' }, take: 100 });
    const views = notices.map((notice) => this.view(notice, group));
    // Who would decide an appeal of each action the member was told about (it changes as moderators come and go).
    for (const [index, notice] of notices.entries()) {
      if (notice.actionId && (notice.kind === 'action' || notice.kind === 'warning')) {
        const [action] = await this.dataSource.query<{ moderatorMembershipId: string | null }[]>(
          'SELECT moderator_membership_id AS "moderatorMembershipId" FROM moderation_action WHERE id = $1',
          [notice.actionId],
        );
        if (action) {
          views[index].appealDecidedBy = await appealDecider(
            this.dataSource.manager,
            group.id,
            action.moderatorMembershipId,
            membership.id,
          );
        }
      }
    }
    return views;
  }

  /** One notice as its member sees it (for live delivery). */
  async describe(noticeId: string): Promise<{ membershipId: string; notice: NoticeView } | null> {
    const notice = await this.dataSource.getRepository(Notice).findOne({
      where: { id: noticeId },
      relations: { membership: { group: true } },
    });
    if (!notice?.membership?.group) {
      return null;
    }
    return { membershipId: notice.membershipId, notice: this.view(notice, notice.membership.group) };
  }

  async markRead(actor: Actor, slug: string): Promise<void> {
    const { membership } = await this.ownMembership(actor, slug);
    await this.dataSource
      .createQueryBuilder()
      .update(Notice)
      .set({ readAt: () => 'now()' })
      .where('membership_id = :id AND read_at IS NULL', { id: membership.id })
      .execute();
  }

  /** The actor's membership of a group in any state but none (the current one after a rejoin). */
  async ownMembership(actor: Actor, slug: string): Promise<{ group: SupportGroup; membership: Membership }> {
    const group = await this.dataSource.getRepository(SupportGroup).findOneBy({ slug });
    if (!group) {
      throw groupNotFound();
    }
    const membership = await this.memberships.latestOf(group.id, actor.accountId);
    if (!membership) {
      throw notAMember();
    }
    return { group, membership };
  }

  private view(notice: Notice, group: SupportGroup): NoticeView {
    const view: NoticeView = {
      id: notice.id,
      kind: notice.kind,
      text: isServerTextCode(notice.textCode)
        ? { code: notice.textCode, ...(notice.textParams ? { params: notice.textParams } : {}) }
        : null,
      message: notice.message,
      actionId: notice.actionId,
      createdAt: notice.createdAt.toISOString(),
      read: notice.readAt !== null,
    };
    if (notice.withCrisisLines) {
      view.crisisLines = crisisHelp(group.locale);
    }
    return view;
  }
}
