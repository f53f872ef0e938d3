import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import type { CreateGroupRequest, GroupDetail, GroupSummary, UpdateGroupRequest } from '../contracts/groups.js';
import { recordAction } from '../moderation/audit-log.js';
import { SupportGroup } from './group.entity.js';
import { groupNotFound, slugTaken } from './groups.errors.js';
import { STARTER_GROUPS } from './starter-groups.js';

interface GroupRow {
  slug: string;
  name: string;
  description: string;
  kind: GroupSummary['kind'];
  audience: GroupSummary['audience'];
  locale: GroupSummary['locale'];
  member_count: number;
}

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

  /** Creates the starter groups when there are no groups at all. */
  async seedStarterGroups(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if ((await manager.count(SupportGroup)) > 0) {
        return;
      }
      await manager.insert(SupportGroup, STARTER_GROUPS);
    });
  }

  /** The public directory: what a guest may see of each group, never any content. */
  async directory(): Promise<GroupSummary[]> {
    const rows = await this.dataSource.query<GroupRow[]>(
      `SELECT g.slug, g.name, g.description, g.kind, g.audience, g.locale,
              (SELECT count(*)::int FROM membership m WHERE m.group_id = g.id AND m.status = 'active') AS member_count
         FROM support_group g
        WHERE g.archived_at IS NULL
        ORDER BY g.name`,
    );
    return rows.map((row) => ({
      slug: row.slug,
      name: row.name,
      description: row.description,
      kind: row.kind,
      audience: row.audience,
      locale: row.locale,
      memberCount: Number(row.member_count),
    }));
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
      const pledgeChanged = request.pledge !== undefined && request.pledge !== group.pledge;
      Object.assign(group, request);
      if (pledgeChanged) {
        group.pledgeVersion += 1;
      }
      const saved = await manager.save(group);
      // Which fields an admin changed (a new pledge makes every member accept it again): audited.
      await recordAction(manager, group.id, null, {
        action: 'group-update',
        targetMembershipId: null,
        target: null,
        reason: Object.keys(request).sort().join(', '),
      });
      return this.toDetail(saved, manager);
    });
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
