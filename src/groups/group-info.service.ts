import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { DomainError } from '../common/domain-error.js';
import type {
  DirectoryEntry,
  DirectoryQuery,
  GroupInfo,
  GroupWelcome,
  PairedGroup,
  UpdateGroupInfoRequest,
} from '../contracts/group-info.js';
import { activeModeratorSql } from '../crisis/active-volunteer.js';
import { recordAction } from '../moderation/audit-log.js';
import { type DirectoryRow, filterDirectory, joinTopics, splitTopics } from './directory.js';
import { SupportGroup } from './group.entity.js';
import { groupNotFound } from './groups.errors.js';
import { Membership } from './membership.entity.js';
import { MembershipService } from './membership.service.js';
import { serverText } from '../contracts/server-texts.js';

interface SummaryRow {
  slug: string;
  name: string;
  description: string;
  kind: DirectoryRow['kind'];
  audience: DirectoryRow['audience'];
  locale: DirectoryRow['locale'];
  category: DirectoryRow['category'];
  topics: string;
  member_count: number;
  paired_slug: string | null;
  paired_name: string | null;
  paired_audience: PairedGroup['audience'] | null;
}

/** The columns every directory row and information page starts from (`g` the group). */
const SUMMARY_SQL = `g.slug, g.name, g.description, g.kind, g.audience, g.locale, g.category, g.topics,
  (SELECT count(*)::int FROM membership m WHERE m.group_id = g.id AND m.status = 'active') AS member_count,
  p.slug AS paired_slug, p.name AS paired_name, p.audience AS paired_audience
  FROM support_group g LEFT JOIN support_group p ON p.id = g.paired_group_id AND p.archived_at IS NULL`;

function directoryRow(row: SummaryRow): DirectoryRow {
  return {
    slug: row.slug,
    name: row.name,
    description: row.description,
    kind: row.kind,
    audience: row.audience,
    locale: row.locale,
    memberCount: Number(row.member_count),
    category: row.category,
    topics: row.topics,
    pairedGroup:
      row.paired_slug && row.paired_name && row.paired_audience
        ? { slug: row.paired_slug, name: row.paired_name, audience: row.paired_audience }
        : null,
  };
}

const pairProblem = (message: string) =>
  new DomainError('validation_failed', 'Some fields are not valid.', [{ field: 'with', message }]);

/**
 * A group's information page, the searchable directory, the pairing of a peer group with its
 * relatives' group, and the newcomer's welcome. Nothing here reads or returns a member's words or
 * who the members are: counts only.
 */
@Injectable()
export class GroupInfoService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
  ) {}

  /** The directory a guest may read, searched and filtered (see directory.ts); archived groups are left out. */
  async directory(query: DirectoryQuery): Promise<DirectoryEntry[]> {
    const rows = await this.dataSource.query<SummaryRow[]>(
      `SELECT ${SUMMARY_SQL} WHERE g.archived_at IS NULL ORDER BY g.name`,
    );
    return filterDirectory(rows.map(directoryRow), query);
  }

  /** A group's information page, readable by anyone. Fails with `not_found`. */
  async info(slug: string, manager: EntityManager = this.dataSource.manager): Promise<GroupInfo> {
    const [row] = await manager.query<
      (SummaryRow & {
        purpose: string;
        who_for: string;
        session_format: string;
        rules: string;
        pledge: string;
        archived: boolean;
        moderator_count: number;
        next_session_at: Date | null;
      })[]
    >(
      `SELECT ${SUMMARY_SQL.replace(
        'g.topics,',
        `g.topics, g.purpose, g.who_for, g.session_format, g.rules, g.pledge, g.archived_at IS NOT NULL AS archived,
         (SELECT count(*)::int FROM membership m WHERE m.group_id = g.id AND ${activeModeratorSql('m')}) AS moderator_count,
         (SELECT min(s.starts_at) FROM chat_session s WHERE s.group_id = g.id AND s.ends_at > now() AND s.cancelled_at IS NULL) AS next_session_at,`,
      )} WHERE g.slug = $1`,
      [slug],
    );
    if (!row) {
      throw groupNotFound();
    }
    const entry = directoryRow(row);
    return {
      ...entry,
      topics: splitTopics(entry.topics),
      purpose: row.purpose,
      whoFor: row.who_for,
      sessionFormat: row.session_format,
      rules: row.rules,
      pledge: row.pledge,
      moderatorCount: Number(row.moderator_count),
      nextSessionAt: row.next_session_at ? new Date(row.next_session_at).toISOString() : null,
      archived: row.archived,
    };
  }

  /**
   * A moderator of the group (or an admin) edits its information page; the changed fields go into
   * the group's audit log. A member is refused with `forbidden`, anyone else as `requireMember`
   * refuses them (`not_a_member`, `suspended`…); a guest never gets here (401).
   */
  async updateInfo(actor: Actor, slug: string, request: UpdateGroupInfoRequest): Promise<GroupInfo> {
    const moderatorId = await this.requireEditor(actor, slug);
    return this.dataSource.transaction(async (manager) => {
      const group = await manager.findOne(SupportGroup, { where: { slug }, lock: { mode: 'pessimistic_write' } });
      if (!group) {
        throw groupNotFound();
      }
      const { topics, ...fields } = request;
      Object.assign(group, fields);
      if (topics !== undefined) {
        group.topics = joinTopics(topics);
      }
      await manager.save(group);
      await recordAction(manager, group.id, moderatorId, {
        action: 'group-update',
        targetMembershipId: null,
        target: null,
        reason: '',
        reasonText: serverText('audit.infoPage', { fields: Object.keys(request).sort().join(', ') }),
      });
      return this.info(slug, manager);
    });
  }

  /** The moderator's membership id, or null for an admin; `forbidden` for a member, `not_a_member` for others. */
  private async requireEditor(actor: Actor, slug: string): Promise<string | null> {
    if (actor.role === 'admin') {
      if (!(await this.dataSource.getRepository(SupportGroup).existsBy({ slug }))) {
        throw groupNotFound();
      }
      return null;
    }
    // The one door: anyone but an active moderator is refused as every other way into the group refuses them.
    return (await this.memberships.requireModerator(actor, slug)).membership.id;
  }

  /**
   * Pairs a peer group with a relatives' group (admins): each points to the other, any former
   * partner of either is let go. Only the groups are linked, never their members. Fails with
   * `validation_failed` on the same group or two groups of one audience.
   */
  async pair(slug: string, withSlug: string): Promise<GroupInfo> {
    return this.dataSource.transaction(async (manager) => {
      const groups = await manager.find(SupportGroup, {
        where: [{ slug }, { slug: withSlug }],
        lock: { mode: 'pessimistic_write' },
      });
      const group = groups.find((candidate) => candidate.slug === slug);
      const partner = groups.find((candidate) => candidate.slug === withSlug);
      if (!group) {
        throw groupNotFound();
      }
      if (!partner) {
        throw pairProblem('There is no group with this slug.');
      }
      if (group.id === partner.id) {
        throw pairProblem('A group cannot be paired with itself.');
      }
      if (group.audience === partner.audience) {
        throw pairProblem("Pair a peer group with a relatives' group.");
      }
      await this.letGo(manager, [group, partner]);
      await manager.update(SupportGroup, { id: group.id }, { pairedGroupId: partner.id });
      await manager.update(SupportGroup, { id: partner.id }, { pairedGroupId: group.id });
      for (const [one, other] of [
        [group, partner],
        [partner, group],
      ]) {
        await recordAction(manager, one.id, null, {
          action: 'group-update',
          targetMembershipId: null,
          target: null,
          reason: '',
          reasonText: serverText('audit.pairedWith', { group: other.slug }),
        });
      }
      return this.info(slug, manager);
    });
  }

  /** Ends a group's pairing on both sides (admins). */
  async unpair(slug: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const group = await manager.findOne(SupportGroup, { where: { slug }, lock: { mode: 'pessimistic_write' } });
      if (!group) {
        throw groupNotFound();
      }
      await this.letGo(manager, [group]);
    });
  }

  private async letGo(manager: EntityManager, groups: SupportGroup[]): Promise<void> {
    for (const group of groups) {
      if (!group.pairedGroupId) {
        continue;
      }
      await manager.update(SupportGroup, { id: group.pairedGroupId }, { pairedGroupId: null });
      await manager.update(SupportGroup, { id: group.id }, { pairedGroupId: null });
      await recordAction(manager, group.id, null, {
        action: 'group-update',
        targetMembershipId: null,
        target: null,
        reason: '',
        reasonText: serverText('audit.pairingEnded'),
      });
    }
  }

  /** Whether the member still has the group's welcome to see, and the introductions thread it points to. */
  async welcome(actor: Actor, slug: string): Promise<GroupWelcome> {
    const { group, membership } = await this.memberships.requireMember(actor, slug);
    return { show: membership.welcomedAt === null, threadId: group.welcomeThreadId };
  }

  /** The member closed the welcome: it does not show again for this membership. */
  async dismissWelcome(actor: Actor, slug: string): Promise<void> {
    const { membership } = await this.memberships.requireMember(actor, slug);
    await this.dataSource
      .getRepository(Membership)
      .update({ id: membership.id, welcomedAt: IsNull() }, { welcomedAt: () => 'now()' });
  }
}
