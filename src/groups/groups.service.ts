import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import type { CreateGroupRequest, GroupDetail, UpdateGroupRequest } from '../contracts/groups.js';
import { recordAction } from '../moderation/audit-log.js';
import { SupportGroup } from './group.entity.js';
import { groupNotFound, slugTaken } from './groups.errors.js';
import { seedStarterContent } from './starter-content.js';
import { serverText } from '../contracts/server-texts.js';

@Injectable()
export class GroupsService implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  /** A fresh embedded database gets the starter groups, so the first visit finds a living site. */
  async onApplicationBootstrap(): Promise<void> {
    const embedded = !this.config.get('database.url', { infer: true });
    if (!embedded || this.config.get('env', { infer: true }) === 'test') {
      return;
    }
    await this.seedStarterGroups();
  }

  /** Creates the starter groups, their information pages and welcome threads when there are no groups at all. */
  async seedStarterGroups(): Promise<void> {
    await this.dataSource.transaction((manager) => seedStarterContent(manager));
  }

  /** One group's public page: description, pledge and counts. */
  async detail(slug: string): Promise<GroupDetail> {
    const group = await this.dataSource.getRepository(SupportGroup).findOneBy({ slug });
    if (!group) {
      throw groupNotFound();
    }
    return this.toDetail(group);
  }

  /** Creates a group (admins). Fails with `slug_taken`. */
  async create(request: CreateGroupRequest): Promise<GroupDetail> {
    try {
      const group = await this.dataSource
        .getRepository(SupportGroup)
        .save(this.dataSource.getRepository(SupportGroup).create(request));
      return this.toDetail(group);
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw slugTaken();
      }
      throw error;
    }
  }

  /** Edits a group (admins). A changed pledge gets a new version that members accept before reading on. */
  async update(slug: string, request: UpdateGroupRequest): Promise<GroupDetail> {
    return this.dataSource.transaction(async (manager) => {
      const group = await manager.findOne(SupportGroup, { where: { slug }, lock: { mode: 'pessimistic_write' } });
      if (!group) {
        throw groupNotFound();
      }
      const saved = await this.applyChange(manager, group, request, null);
      return this.toDetail(saved, manager);
    });
  }

  /**
   * The one door for changing a group's fields (an admin's edit, an accepted member proposal), on
   * the locked group in the caller's transaction: a changed pledge gets a new version that members
   * accept before reading on, and which fields changed goes into the group's audit log.
   */
  async applyChange(
    manager: EntityManager,
    group: SupportGroup,
    request: UpdateGroupRequest & { rules?: string },
    actorMembershipId: string | null,
  ): Promise<SupportGroup> {
    const pledgeChanged = request.pledge !== undefined && request.pledge !== group.pledge;
    Object.assign(group, request);
    if (pledgeChanged) {
      group.pledgeVersion += 1;
    }
    const saved = await manager.save(group);
    await recordAction(manager, group.id, actorMembershipId, {
      action: 'group-update',
      targetMembershipId: null,
      target: null,
      reason: '',
      reasonText: serverText('audit.groupFields', { fields: Object.keys(request).sort().join(', ') }),
    });
    return saved;
  }

  /** Archives a group (admins): it leaves the directory and takes no new members. */
  async archive(slug: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const group = await manager.findOneBy(SupportGroup, { slug });
      if (!group) {
        throw groupNotFound();
      }
      await manager.update(SupportGroup, { id: group.id }, { archivedAt: new Date() });
      await recordAction(manager, group.id, null, {
        action: 'group-archive',
        targetMembershipId: null,
        target: null,
        reason: '',
      });
    });
  }

  private async toDetail(group: SupportGroup, manager: EntityManager = this.dataSource.manager): Promise<GroupDetail> {
    const [{ count }] = await manager.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM membership WHERE group_id = $1 AND status = 'active'`,
      [group.id],
    );
    return {
      slug: group.slug,
      name: group.name,
      description: group.description,
      kind: group.kind,
      audience: group.audience,
      locale: group.locale,
      memberCount: Number(count),
      pledge: group.pledge,
      pledgeVersion: group.pledgeVersion,
      chatRetentionDays: group.chatRetentionDays,
      archived: group.archivedAt !== null,
    };
  }
}
