import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager, In, QueryFailedError } from 'typeorm';
import { AccountPurgeRegistry } from '../accounts/account-purge.registry.js';
import { Account } from '../accounts/account.entity.js';
import type { Actor } from '../auth/actor.js';
import { DomainError } from '../common/domain-error.js';
import { EntityColumns } from '../database/entity-columns.js';
import { DomainEvents } from '../events/domain-events.js';
import type { JoinGroupRequest, MemberRef, MyMembership } from '../contracts/groups.js';
import { aliasKey, generateAlias } from './aliases.js';
import { SupportGroup } from './group.entity.js';
import {
  aliasIdentifying,
  aliasTaken,
  alreadyMember,
  groupArchived,
  groupNotFound,
  joinPending,
  memberNotFound,
  notAMember,
  notAModerator,
  pledgeNotAccepted,
  suspended,
} from './groups.errors.js';
import { recordAction } from '../moderation/audit-log.js';
import { MemberMute } from './member-mute.entity.js';
import { MembershipContentRegistry } from './membership-content.registry.js';
import { Membership } from './membership.entity.js';
import { makeReferral, spendReferral } from './referrals.js';

/** A member's standing in a group, as every feature inside a group needs it. */
export interface GroupAccess {
  group: SupportGroup;
  membership: Membership;
  isModerator: boolean;
}

const UNIQUE_VIOLATION = '23505';
const INVITE_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export function memberRef(membership: Membership): MemberRef {
  const ref: MemberRef = { memberId: membership.id, alias: membership.alias };
  if (membership.status !== 'active') {
    ref.former = true;
  }
  if (membership.role === 'moderator') {
    ref.moderator = true;
  }
  return ref;
}

/** Statuses of a current membership: at most one per account and group (former ones are `left`, `declined`). */
const CURRENT = ['active', 'pending', 'removed'] as const;

/** The join condition to the account's current membership of group `g` (at most one row), the account as `param`. */
function membershipOf(param: string): string {
  return `m.group_id = g.id AND m.account_id = ${param} AND m.status IN (${CURRENT.map((status) => `'${status}'`).join(', ')})`;
}

/**
 * Sanctions still running on a former membership of the same account in the same group: leaving
 * and joining again starts a new membership (new id, new alias) but not a clean record, so a
 * suspension or a mute follows the person until it ends or a moderator (or an appeal) lifts it on
 * the membership it was given to. Read beside the current membership, never copied onto it: the
 * new membership's own row stays clean, so nothing a moderator can see ties it to the former one.
 */
const CARRIED_SANCTIONS = `(SELECT max(f.suspended_until) FROM membership f
    WHERE f.group_id = m.group_id AND f.account_id = m.account_id AND f.id <> m.id) AS "carried_suspended_until",
  (SELECT max(f.muted_until) FROM membership f
    WHERE f.group_id = m.group_id AND f.account_id = m.account_id AND f.id <> m.id) AS "carried_muted_until"`;

/** The later of two moments (null: none). */
function later(own: Date | null, carried: unknown): Date | null {
  const other = carried === null || carried === undefined ? null : new Date(carried as string | Date);
  if (!other || Number.isNaN(other.getTime())) {
    return own;
  }
  return own && own.getTime() >= other.getTime() ? own : other;
}

/** A unique violation (of `constraint`, if given): the groups module's one mapping of 23505. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) {
    return false;
  }
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === UNIQUE_VIOLATION && (!constraint || driverError.constraint === constraint);
}

@Injectable()
export class MembershipService implements OnModuleInit {
  private readonly groupColumns: EntityColumns<SupportGroup>;
  private readonly membershipColumns: EntityColumns<Membership>;
  /**
   * The membership check as parts of a statement, for a feature that reads more in the same
   * statement (chat, on every message): select `select` from `from` (aliases `g` and `m`) with
   * `$1` the slug and `$2` the account, then hand the row to `accessFrom`.
   */
  readonly accessSql: { readonly select: string; readonly from: string };

  constructor(
    private readonly dataSource: DataSource,
    private readonly content: MembershipContentRegistry,
    private readonly accountPurges: AccountPurgeRegistry,
    private readonly events: DomainEvents,
  ) {
    this.groupColumns = new EntityColumns(dataSource, SupportGroup, 'g');
    this.membershipColumns = new EntityColumns(dataSource, Membership, 'm');
    this.accessSql = {
      select: `${this.groupColumns.select}, ${this.membershipColumns.select}, ${CARRIED_SANCTIONS}`,
      from: `support_group g LEFT JOIN membership m ON ${membershipOf('$2')}`,
    };
  }

  onModuleInit(): void {
    this.accountPurges.register('groups', async (manager, accountId) => {
      const memberships = await manager.find(Membership, { where: { accountId }, select: { id: true } });
      const after = await this.content.eraseAll(
        manager,
        memberships.map((membership) => membership.id),
      );
      await manager.delete(Membership, { accountId });
      return async () => {
        for (const announce of after) {
          await announce();
        }
      };
    });
  }

  /**
   * The actor's active membership of the group, with the current pledge accepted. Fails with
   * `not_found` for an unknown group, `not_a_member` for anyone else (pending, left, removed
   * members included), `suspended` during a suspension, `pledge_required` when the pledge changed
   * since they accepted it.
   */
  async requireMember(
    actor: Actor,
    slug: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<GroupAccess> {
    return this.accessFrom(await this.accessRow(actor, slug, manager));
  }

  // Every request inside a group passes here: one statement, written out (see EntityColumns).
  private async accessRow(
    actor: Actor,
    slug: string,
    manager: EntityManager,
  ): Promise<Record<string, unknown> | undefined> {
    const [row] = await manager.query<Record<string, unknown>[]>(
      `SELECT ${this.accessSql.select} FROM ${this.accessSql.from} WHERE g.slug = $1`,
      [slug, actor.accountId],
    );
    return row;
  }

  /** The rules of `requireMember`, applied to a row selected with `accessSql` (undefined: no such group). */
  accessFrom(row: Record<string, unknown> | undefined): GroupAccess {
    const access = this.decide(row);
    if (access instanceof DomainError) {
      throw access;
    }
    return access;
  }

  /**
   * Every group whose content the actor may read now, by the very rules of `requireMember`
   * (active, not suspended, current pledge): for a path that reads several groups at once (the
   * search across one's groups), which must never re-implement the rule.
   */
  async readableGroups(actor: Actor, manager: EntityManager = this.dataSource.manager): Promise<GroupAccess[]> {
    const rows = await manager.query<Record<string, unknown>[]>(
      `SELECT ${this.accessSql.select} FROM support_group g JOIN membership m ON ${membershipOf('$1')} ORDER BY g.id`,
      [actor.accountId],
    );
    return rows
      .map((row) => this.decide(row))
      .filter((access): access is GroupAccess => !(access instanceof DomainError));
  }

  /**
   * The actor's active membership, even while suspended or before re-accepting a changed pledge:
   * only for asking a person for help and for the support conversation offered in answer (its
   * offers, accepting, its room), which no sanction may block (BRIEF rule 4, safety first).
   * Nothing of the group's content is readable through it.
   */
  async requireStandingForHelp(
    actor: Actor,
    slug: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<GroupAccess> {
    const access = this.decide(await this.accessRow(actor, slug, manager), { sanctionsApply: false });
    if (access instanceof DomainError) {
      throw access;
    }
    return access;
  }

  /** The one access rule: a standing in the group, or the refusal that explains why not. */
  private decide(
    row: Record<string, unknown> | undefined,
    { sanctionsApply }: { sanctionsApply: boolean } = { sanctionsApply: true },
  ): GroupAccess | DomainError {
    const group = row && this.groupColumns.from(row);
    if (!group) {
      return groupNotFound();
    }
    const membership = this.membershipColumns.from(row);
    if (!membership || membership.status !== 'active') {
      return membership?.status === 'pending' ? joinPending() : notAMember();
    }
    // The standing in force: this membership's own sanctions or one still running from a former one.
    membership.suspendedUntil = later(membership.suspendedUntil, row['carried_suspended_until']);
    membership.mutedUntil = later(membership.mutedUntil, row['carried_muted_until']);
    const standing = { group, membership, isModerator: membership.role === 'moderator' };
    if (!sanctionsApply) {
      return standing;
    }
    if (membership.suspendedUntil && membership.suspendedUntil.getTime() > Date.now()) {
      return suspended(membership.suspendedUntil);
    }
    if (membership.pledgeVersion < group.pledgeVersion) {
      return pledgeNotAccepted();
    }
    return standing;
  }

  /** As `requireMember`, and the member moderates the group; otherwise `forbidden`. */
  async requireModerator(actor: Actor, slug: string, manager?: EntityManager): Promise<GroupAccess> {
    const access = await this.requireMember(actor, slug, manager);
    if (!access.isModerator) {
      throw notAModerator();
    }
    return access;
  }

  /**
   * Joins a group after the pledge was accepted: at once for an open group or with a valid invite
   * code, as a pending request for a closed one. The alias is chosen (unique in the group, not the
   * login name, not an alias of the account in another group) or generated in the group's language.
   * Joining again after leaving starts a new membership with a new member id, so nobody can link
   * the old alias to the new one; only a member who chooses their former alias again continues
   * that membership (its words were under that alias already).
   */
  async join(actor: Actor, slug: string, request: JoinGroupRequest): Promise<MyMembership> {
    return this.dataSource.transaction(async (manager) => {
      const group = await manager.findOneBy(SupportGroup, { slug });
      if (!group) {
        throw groupNotFound();
      }
      if (group.archivedAt) {
        throw groupArchived();
      }
      const existing = await manager.findOneBy(Membership, {
        groupId: group.id,
        accountId: actor.accountId,
        status: In([...CURRENT]),
      });
      if (existing?.status === 'active') {
        throw alreadyMember();
      }
      if (existing?.status === 'pending') {
        throw joinPending();
      }
      if (existing?.status === 'removed') {
        throw notAMember();
      }
      let status: Membership['status'] = group.kind === 'open' ? 'active' : 'pending';
      if (request.inviteCode !== undefined) {
        await spendReferral(manager, group.id, request.inviteCode);
        status = 'active';
      }
      const alias = request.alias
        ? await this.checkChosenAlias(manager, actor, group, request.alias)
        : await this.freshAlias(manager, actor, group);
      // A former membership of this account under the chosen alias: the member continues it knowingly.
      const resumed = await manager.findOneBy(Membership, {
        groupId: group.id,
        accountId: actor.accountId,
        aliasKey: aliasKey(alias),
      });
      const values = {
        alias,
        aliasKey: aliasKey(alias),
        status,
        pledgeVersion: group.pledgeVersion,
        pledgeAcceptedAt: new Date(),
        activeSince: new Date(),
        leftAt: null,
      };
      let membership: Membership;
      try {
        if (resumed) {
          await manager.update(Membership, { id: resumed.id }, values);
          membership = { ...resumed, ...values };
        } else {
          membership = await manager.save(
            manager.create(Membership, { ...values, groupId: group.id, accountId: actor.accountId, role: 'member' }),
          );
          await this.keepOwnMutes(manager, membership);
        }
      } catch (error) {
        if (isUniqueViolation(error, 'uq_membership_group_alias')) {
          throw aliasTaken();
        }
        if (isUniqueViolation(error, 'uq_membership_group_account_current')) {
          throw alreadyMember();
        }
        throw error;
      }
      return this.describe(group, membership);
    });
  }

  /**
   * The members this account muted under a former membership of the group stay muted by the new
   * one: a member who leaves for a fresh start should not meet again the words they chose not to
   * read. Only the muter ever sees their mute list, so this tells nobody else anything. Mutes by
   * others of the former membership do not follow: they would show the muters who the new alias is.
   */
  private async keepOwnMutes(manager: EntityManager, membership: Membership): Promise<void> {
    await manager.query(
      `INSERT INTO member_mute (membership_id, muted_membership_id)
       SELECT DISTINCT $1::uuid, mm.muted_membership_id
         FROM member_mute mm JOIN membership f ON f.id = mm.membership_id
        WHERE f.group_id = $2 AND f.account_id = $3 AND f.id <> $1::uuid AND mm.muted_membership_id <> $1::uuid
       ON CONFLICT DO NOTHING`,
      [membership.id, membership.groupId, membership.accountId],
    );
  }

  /** Records that the member accepted the group's current pledge. */
  async acceptPledge(actor: Actor, slug: string): Promise<MyMembership> {
    const group = await this.dataSource.getRepository(SupportGroup).findOneBy({ slug });
    if (!group) {
      throw groupNotFound();
    }
    const repository = this.dataSource.getRepository(Membership);
    const membership = await repository.findOneBy({ groupId: group.id, accountId: actor.accountId, status: 'active' });
    if (!membership) {
      throw notAMember();
    }
    await repository.update(
      { id: membership.id },
      { pledgeVersion: group.pledgeVersion, pledgeAcceptedAt: new Date() },
    );
    return this.describe(group, { ...membership, pledgeVersion: group.pledgeVersion });
  }

  /**
   * Leaves the group. The member's words stay under the alias, marked as a former member, unless
   * `erase` is asked: then every feature purges them in the same transaction.
   */
  async leave(actor: Actor, slug: string, erase: boolean): Promise<void> {
    const { ended, after } = await this.dataSource.transaction(async (manager) => {
      const group = await manager.findOneBy(SupportGroup, { slug });
      if (!group) {
        throw groupNotFound();
      }
      const membership = await manager.findOneBy(Membership, {
        groupId: group.id,
        accountId: actor.accountId,
        status: In(['active', 'pending']),
      });
      if (!membership) {
        throw notAMember();
      }
      const announcements = erase ? await this.content.eraseAll(manager, [membership.id]) : [];
      await manager.update(Membership, { id: membership.id }, { status: 'left', leftAt: new Date() });
      return { ended: membership, after: announcements };
    });
    for (const announce of after) {
      await announce();
    }
    await this.events.emit('membership.ended', {
      membershipId: ended.id,
      groupId: ended.groupId,
      accountId: ended.accountId,
    });
  }

  /** The account's own memberships: only its holder ever sees its aliases side by side. */
  async myMemberships(actor: Actor): Promise<MyMembership[]> {
    const memberships = await this.dataSource.getRepository(Membership).find({
      where: { accountId: actor.accountId, status: In(['active', 'pending']) },
      relations: { group: true },
      order: { joinedAt: 'ASC' },
    });
    return memberships.map((membership) => this.describe(membership.group!, membership));
  }

  /** The actor's membership of one group (any status; the newest after a rejoin), or `not_a_member`. */
  async myMembership(actor: Actor, slug: string): Promise<MyMembership> {
    const group = await this.dataSource.getRepository(SupportGroup).findOneBy({ slug });
    if (!group) {
      throw groupNotFound();
    }
    const membership = await this.latestOf(group.id, actor.accountId);
    if (!membership) {
      throw notAMember();
    }
    return this.describe(group, membership);
  }

  /**
   * The account's newest membership of the group in any status (the current one when there is
   * one), or null: for what a member sees of their own standing, such as their notices.
   */
  async latestOf(
    groupId: string,
    accountId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Membership | null> {
    const current = await manager.findOneBy(Membership, { groupId, accountId, status: In([...CURRENT]) });
    if (current) {
      return current;
    }
    const [former] = await manager.find(Membership, {
      where: { groupId, accountId },
      order: { leftAt: { direction: 'DESC', nulls: 'LAST' }, joinedAt: 'DESC' },
      take: 1,
    });
    return former ?? null;
  }

  /** Mutes another member of the group for the actor only. Idempotent. */
  async mute(actor: Actor, slug: string, memberId: string): Promise<void> {
    const { membership } = await this.requireMember(actor, slug);
    const target = await this.findMemberInGroup(membership.groupId, memberId);
    if (target.id === membership.id) {
      throw memberNotFound();
    }
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(MemberMute)
      .values({ membershipId: membership.id, mutedMembershipId: target.id })
      .orIgnore()
      .execute();
  }

  async unmute(actor: Actor, slug: string, memberId: string): Promise<void> {
    const { membership } = await this.requireMember(actor, slug);
    await this.dataSource
      .getRepository(MemberMute)
      .delete({ membershipId: membership.id, mutedMembershipId: memberId });
  }

  /** The members the actor muted in this group. */
  async listMutes(actor: Actor, slug: string): Promise<MemberRef[]> {
    const { membership } = await this.requireMember(actor, slug);
    const mutes = await this.dataSource
      .getRepository(MemberMute)
      .find({ where: { membershipId: membership.id }, relations: { muted: true } });
    return mutes.map((mute) => memberRef(mute.muted!));
  }

  /** Ids of the memberships this membership muted; features mark their content for it. */
  async mutedBy(membershipId: string, manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    const rows = await manager.find(MemberMute, { where: { membershipId }, select: { mutedMembershipId: true } });
    return new Set(rows.map((row) => row.mutedMembershipId));
  }

  /** A member of the group by membership id, or `not_found` (also for an id from another group). */
  async findMemberInGroup(
    groupId: string,
    memberId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Membership> {
    const member = await manager.findOneBy(Membership, { id: memberId, groupId });
    if (!member) {
      throw memberNotFound();
    }
    return member;
  }

  /** Join requests of a closed group waiting for a moderator. */
  async pendingRequests(actor: Actor, slug: string): Promise<MemberRef[]> {
    const { group } = await this.requireModerator(actor, slug);
    const pending = await this.dataSource
      .getRepository(Membership)
      .find({ where: { groupId: group.id, status: 'pending' }, order: { joinedAt: 'ASC' } });
    return pending.map((membership) => ({ memberId: membership.id, alias: membership.alias }));
  }

  /**
   * A moderator approves or declines a join request, with the decision and its reason in the audit
   * log (in the same transaction). Fails like `requireModerator`, or `not_found` for no such request.
   */
  async decideRequest(actor: Actor, slug: string, memberId: string, approve: boolean, reason: string): Promise<void> {
    const { group, membership } = await this.requireModerator(actor, slug);
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.update(
        Membership,
        { id: memberId, groupId: group.id, status: 'pending' },
        approve ? { status: 'active', activeSince: new Date() } : { status: 'declined' },
      );
      if (!result.affected) {
        throw memberNotFound();
      }
      await recordAction(manager, group.id, membership.id, {
        action: approve ? 'join-approve' : 'join-decline',
        targetMembershipId: memberId,
        target: null,
        reason,
      });
    });
    await this.events.emit('membership.decided', { membershipId: memberId, approved: approve });
  }

  /**
   * A one-off code (five uses, two weeks) to join a group directly; shown once. The audit log names
   * who made it (never the code). Referral codes with their own expiry and uses: `ReferralsService`.
   */
  async createInvite(actor: Actor, slug: string): Promise<{ code: string; expiresAt: string; uses: number }> {
    const group = await this.dataSource.getRepository(SupportGroup).findOneBy({ slug });
    if (!group) {
      throw groupNotFound();
    }
    const moderatorId = actor.role === 'admin' ? null : (await this.requireModerator(actor, slug)).membership.id;
    const expiresAt = new Date(Date.now() + INVITE_TTL_MS);
    const uses = 5;
    const code = await this.dataSource.transaction(async (manager) => {
      const made = await makeReferral(manager, group.id, uses, expiresAt);
      await recordAction(manager, group.id, moderatorId, {
        action: 'invite',
        targetMembershipId: null,
        target: { kind: 'invite', id: made.invite.id },
        reason: '',
      });
      return made.code;
    });
    return { code, expiresAt: expiresAt.toISOString(), uses };
  }

  /** A chosen alias the account may use in the group (as `join` checks it), or `alias_taken` / `validation_failed`. */
  async checkChosenAlias(manager: EntityManager, actor: Actor, group: SupportGroup, alias: string): Promise<string> {
    const key = aliasKey(alias);
    const account = await manager.findOneByOrFail(Account, { id: actor.accountId });
    if (aliasKey(account.loginName) === key) {
      throw aliasIdentifying('Do not use your login name as an alias: others would learn how you log in.');
    }
    const elsewhere = await manager.findOneBy(Membership, { accountId: actor.accountId, aliasKey: key });
    if (elsewhere && elsewhere.groupId !== group.id) {
      throw aliasIdentifying(
        'You use this alias in another group. Choose a different one, so nobody can link your groups.',
      );
    }
    const taken = await manager.findOneBy(Membership, { groupId: group.id, aliasKey: key });
    if (taken && taken.accountId !== actor.accountId) {
      throw aliasTaken();
    }
    return alias;
  }

  /** A generated alias free in the group and not used by this account anywhere (that would link groups). */
  async freshAlias(manager: EntityManager, actor: Actor, group: SupportGroup): Promise<string> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const alias = generateAlias(group.locale, attempt);
      const key = aliasKey(alias);
      const clash = await manager
        .createQueryBuilder(Membership, 'm')
        .where('(m.group_id = :groupId OR m.account_id = :accountId) AND m.alias_key = :key', {
          groupId: group.id,
          accountId: actor.accountId,
          key,
        })
        .getExists();
      if (!clash) {
        return alias;
      }
    }
    throw aliasTaken();
  }

  private describe(group: SupportGroup, membership: Membership): MyMembership {
    return {
      ...memberRef(membership),
      group: group.slug,
      status: membership.status,
      role: membership.role,
      pledgeCurrent: membership.pledgeVersion >= group.pledgeVersion,
    };
  }
}
