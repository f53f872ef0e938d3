import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import type { GroupSettingsRequest, GroupSettingsView } from '../contracts/group-proposals.js';
import { recordAction } from '../moderation/audit-log.js';
import { SupportGroup } from './group.entity.js';
import { MembershipService } from './membership.service.js';
import { serverText } from '../contracts/server-texts.js';

/** A group's newcomer settings (posts held for review, time before offering to be a buddy), set by its moderators. */
@Injectable()
export class GroupSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
  ) {}

  /** The settings, for the group's moderators; refused as `requireModerator` refuses. */
  async get(actor: Actor, slug: string): Promise<GroupSettingsView> {
    const { group } = await this.memberships.requireModerator(actor, slug);
    return toView(group);
  }

  /** Changes the named settings (moderators of the group only), audited with the new values. */
  async update(actor: Actor, slug: string, request: GroupSettingsRequest): Promise<GroupSettingsView> {
    const { group, membership } = await this.memberships.requireModerator(actor, slug);
    return this.dataSource.transaction(async (manager) => {
      const locked = await manager.findOneOrFail(SupportGroup, {
        where: { id: group.id },
        lock: { mode: 'pessimistic_write' },
      });
      Object.assign(locked, request);
      await manager.save(locked);
      await recordAction(manager, group.id, membership.id, {
        action: 'group-settings',
        targetMembershipId: null,
        target: null,
        reason: '',
        reasonText: serverText('audit.groupSettings', {
          settings: Object.entries(request)
            .map(([key, value]) => `${key}: ${String(value)}`)
            .sort()
            .join(', '),
        }),
      });
      return toView(locked);
    });
  }
}

function toView(group: SupportGroup): GroupSettingsView {
  return { holdFirstPosts: group.holdFirstPosts, buddyMinDays: group.buddyMinDays };
}
