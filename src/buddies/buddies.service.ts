import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { DomainError } from '../common/domain-error.js';
import { ChatLive } from '../chat/chat-live.js';
import { ChatService, type RoomGrant } from '../chat/chat.service.js';
import { Clock } from '../chat/clock.js';
import type {
  BuddyAvailabilityRequest,
  BuddyAvailabilityView,
  BuddyPairView,
  BuddyRequest,
  ChatMember,
} from '../contracts/chat.js';
import { DomainEvents } from '../events/domain-events.js';
import { Membership } from '../groups/membership.entity.js';
import { type GroupAccess, MembershipService } from '../groups/membership.service.js';
import type { BuddyEligibility } from '../contracts/group-proposals.js';
import { BuddyBlock } from './buddy-block.entity.js';
import { buddyEligibility, ownOpenCrisisSql, requireBuddyEligible } from './buddy-eligibility.js';
import { BuddyOffer } from './buddy-offer.entity.js';
import { BuddyPair } from './buddy-pair.entity.js';
import { buddyUnavailable, notOffering, notTheBuddy, pairClosed, pairDecided, pairNotFound } from './buddies.errors.js';

const DEFAULT_CAPACITY = 2;
const OPEN = In(['requested', 'active']);

/**
 * Whether a block stands between the people behind two memberships (SQL, membership ids as SQL
 * expressions): a block holds between the two accounts in that group, either way, so leaving and
 * rejoining under a new alias does not open the door again. It is only ever answered as
 * `buddy_unavailable` or left out of a list, so nobody learns from it who a new alias is.
 */
const BLOCKED_BETWEEN = (one: string, other: string): string =>
  `EXISTS (SELECT 1 FROM buddy_block b
             JOIN membership bm ON bm.id = b.membership_id
             JOIN membership bd ON bd.id = b.blocked_membership_id
             JOIN membership x ON x.id = ${one}
             JOIN membership y ON y.id = ${other}
            WHERE bm.group_id = x.group_id AND bd.group_id = x.group_id
              AND ((bm.account_id = x.account_id AND bd.account_id = y.account_id)
                OR (bm.account_id = y.account_id AND bd.account_id = x.account_id)))`;

/**
 * Mentorship between two members of a group, with both sides' consent: a member offers to be a
 * buddy (for so many newcomers at once, with a pause), a newcomer asks, the buddy accepts or
 * declines; an accepted pair chats in a private room under their aliases. Either side can end it
 * or block the other, after which no request passes between them again.
 */
@Injectable()
export class BuddiesService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
    private readonly chat: ChatService,
    private readonly live: ChatLive,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.chat.registerRoomKind('buddy', (manager, access, id) => this.grant(manager, access, id));
    this.events.on('membership.ended', ({ membershipId }) => this.membershipEnded(membershipId));
  }

  /** Offers to be a buddy, or changes how many newcomers at once and whether on a break. */
  async offer(actor: Actor, slug: string, request: BuddyAvailabilityRequest): Promise<BuddyAvailabilityView> {
    const { group, membership } = await this.memberships.requireMember(actor, slug);
    // A new offer, or coming back from a break, passes the rule; pausing or changing the number always may.
    const current = await this.dataSource.getRepository(BuddyOffer).findOneBy({ membershipId: membership.id });
    if (!current || (current.paused && !request.paused)) {
      await requireBuddyEligible(this.dataSource.manager, group, membership);
    }
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(BuddyOffer)
      .values({ membershipId: membership.id, capacity: request.capacity, paused: request.paused })
      .orUpdate(['capacity', 'paused', 'updated_at'], ['membership_id'])
      .execute();
    return this.availability(actor, slug);
  }

  /** The member's own offer; `not_found` when they do not offer. */
  async availability(actor: Actor, slug: string): Promise<BuddyAvailabilityView> {
    const { membership } = await this.memberships.requireMember(actor, slug);
    const offer = await this.dataSource.getRepository(BuddyOffer).findOneBy({ membershipId: membership.id });
    if (!offer) {
      throw notOffering();
    }
    const active = await this.dataSource
      .getRepository(BuddyPair)
      .countBy({ buddyMembershipId: membership.id, status: 'active' });
    return { capacity: offer.capacity, paused: offer.paused, active };
  }

  /** Whether the member may offer to be a buddy in the group now, and if not why and from when. */
  async eligibility(actor: Actor, slug: string): Promise<BuddyEligibility> {
    const { group, membership } = await this.memberships.requireMember(actor, slug);
    return buddyEligibility(this.dataSource.manager, group, membership);
  }

  /** Stops offering; running buddy chats go on. */
  async withdrawOffer(actor: Actor, slug: string): Promise<void> {
    const { membership } = await this.memberships.requireMember(actor, slug);
    await this.dataSource.getRepository(BuddyOffer).delete({ membershipId: membership.id });
  }

  /** Buddies the member could ask now: offering, not on a break, not full, no block either way. */
  async available(actor: Actor, slug: string): Promise<ChatMember[]> {
    const { group, membership } = await this.memberships.requireMember(actor, slug);
    const rows = await this.dataSource.query<{ id: string; alias: string }[]>(
      `SELECT ms.id, ms.alias FROM buddy_offer o JOIN membership ms ON ms.id = o.membership_id
        WHERE ms.group_id = $1 AND ms.status = 'active' AND ms.id <> $2 AND NOT o.paused
          AND (SELECT count(*) FROM buddy_pair p WHERE p.buddy_membership_id = ms.id AND p.status = 'active') < o.capacity
          AND NOT ${BLOCKED_BETWEEN('ms.id', '$2')}
          AND NOT ${ownOpenCrisisSql('ms')}
        ORDER BY ms.alias`,
      [group.id, membership.id],
    );
    return rows.map((row) => ({ memberId: row.id, alias: row.alias }));
  }

  /**
   * Asks a buddy; asking again while a request or chat is open returns it. Fails with
   * `buddy_unavailable` alike for a buddy on a break, full, not offering, or blocked either way.
   */
  async request(actor: Actor, slug: string, request: BuddyRequest): Promise<BuddyPairView> {
    const { group, membership } = await this.memberships.requireMember(actor, slug);
    const { pair, created } = await this.dataSource.transaction(async (manager) => {
      const offer = await manager.findOne(BuddyOffer, {
        where: { membershipId: request.buddyMemberId },
        relations: { membership: true },
      });
      const buddy = offer?.membership;
      if (!offer || !buddy || buddy.groupId !== group.id || buddy.status !== 'active' || buddy.id === membership.id) {
        throw buddyUnavailable();
      }
      if (offer.paused || (await this.blocked(manager, membership.id, buddy.id))) {
        throw buddyUnavailable();
      }
      const open = await manager.findOneBy(BuddyPair, {
        buddyMembershipId: buddy.id,
        newcomerMembershipId: membership.id,
        status: OPEN,
      });
      if (open) {
        return { pair: open, created: false };
      }
      if ((await manager.countBy(BuddyPair, { buddyMembershipId: buddy.id, status: 'active' })) >= offer.capacity) {
        throw buddyUnavailable();
      }
      const saved = await manager.save(
        manager.create(BuddyPair, {
          groupId: group.id,
          buddyMembershipId: buddy.id,
          newcomerMembershipId: membership.id,
          status: 'requested',
          roomId: null,
          requestedAt: this.clock.now(),
          decidedAt: null,
          endedAt: null,
        }),
      );
      return { pair: saved, created: true };
    });
    return this.tell(slug, pair, membership, created);
  }

  /** The member's open requests and buddy chats, on either side. */
  async pairs(actor: Actor, slug: string): Promise<BuddyPairView[]> {
    const { membership } = await this.memberships.requireMember(actor, slug);
    const pairs = await this.dataSource.getRepository(BuddyPair).find({
      where: [
        { buddyMembershipId: membership.id, status: OPEN },
        { newcomerMembershipId: membership.id, status: OPEN },
      ],
      relations: { buddy: true, newcomer: true },
      order: { requestedAt: 'ASC' },
    });
    return pairs.map((pair) => toView(slug, pair, membership.id));
  }

  /**
   * The asked buddy accepts (a private room opens) or declines. Fails with `forbidden` for the
   * newcomer, `room_closed` for a request answered or withdrawn before, `buddy_unavailable` when
   * accepting would go over the buddy's number.
   */
  async answer(actor: Actor, slug: string, pairId: string, accept: boolean): Promise<BuddyPairView> {
    const { group, membership } = await this.memberships.requireMember(actor, slug);
    const pair = await this.dataSource.transaction(async (manager) => {
      const found = await this.lockPair(manager, group.id, pairId, membership.id);
      if (found.buddyMembershipId !== membership.id) {
        throw notTheBuddy();
      }
      if (found.status !== 'requested') {
        throw pairDecided();
      }
      if (accept) {
        // The offer's lock lines up two acceptances by the same buddy.
        const offer = await manager.findOne(BuddyOffer, {
          where: { membershipId: membership.id },
          lock: { mode: 'pessimistic_write' },
        });
        const active = await manager.countBy(BuddyPair, { buddyMembershipId: membership.id, status: 'active' });
        if (active >= (offer?.capacity ?? DEFAULT_CAPACITY)) {
          throw new DomainError(
            'buddy_unavailable',
            'You have as many buddy chats as you offered. End one or raise your number first.',
          );
        }
        if (await this.blocked(manager, found.newcomerMembershipId, membership.id)) {
          throw buddyUnavailable();
        }
        found.roomId = (await this.chat.createRoom(manager, group.id, 'buddy')).id;
      }
      found.status = accept ? 'active' : 'declined';
      found.decidedAt = this.clock.now();
      return manager.save(found);
    });
    return this.tell(slug, pair, membership, true);
  }

  /** Either side ends the request or the chat; its room closes at once. Ending twice is fine. */
  async end(actor: Actor, slug: string, pairId: string): Promise<BuddyPairView> {
    return this.close(actor, slug, pairId, false);
  }

  /** Ends it and blocks the other side: no request between the two again, either way. */
  async block(actor: Actor, slug: string, pairId: string): Promise<BuddyPairView> {
    return this.close(actor, slug, pairId, true);
  }

  private async close(actor: Actor, slug: string, pairId: string, block: boolean): Promise<BuddyPairView> {
    const { group, membership } = await this.memberships.requireMember(actor, slug);
    const { pair, changed } = await this.dataSource.transaction(async (manager) => {
      const found = await this.lockPair(manager, group.id, pairId, membership.id);
      if (block) {
        const other = found.buddyMembershipId === membership.id ? found.newcomerMembershipId : found.buddyMembershipId;
        await manager
          .createQueryBuilder()
          .insert()
          .into(BuddyBlock)
          .values({ membershipId: membership.id, blockedMembershipId: other })
          .orIgnore()
          .execute();
      }
      if (found.status !== 'requested' && found.status !== 'active') {
        return { pair: found, changed: false };
      }
      found.status = 'ended';
      found.endedAt = this.clock.now();
      return { pair: await manager.save(found), changed: true };
    });
    if (changed && pair.roomId) {
      await this.live.closeRoom(pair.roomId, 'buddy_ended');
    }
    return this.tell(slug, pair, membership, changed);
  }

  /** A member who left ends their buddy chats and stops offering. */
  private async membershipEnded(membershipId: string): Promise<void> {
    const open = await this.dataSource.getRepository(BuddyPair).find({
      where: [
        { buddyMembershipId: membershipId, status: OPEN },
        { newcomerMembershipId: membershipId, status: OPEN },
      ],
      relations: { buddy: true, newcomer: true, group: true },
    });
    await this.dataSource.getRepository(BuddyOffer).delete({ membershipId });
    for (const pair of open) {
      await this.dataSource
        .getRepository(BuddyPair)
        .update({ id: pair.id }, { status: 'ended', endedAt: this.clock.now() });
      pair.status = 'ended';
      if (pair.roomId) {
        await this.live.closeRoom(pair.roomId, 'buddy_ended');
      }
      const other = pair.buddyMembershipId === membershipId ? pair.newcomer : pair.buddy;
      if (other && pair.group) {
        this.live.notifyAccount(other.accountId, toView(pair.group.slug, pair, other.id));
      }
    }
  }

  /** The private room of an active pair, for its two members only. */
  private async grant(manager: EntityManager, access: GroupAccess, pairId: string): Promise<RoomGrant> {
    const pair = await manager.findOne(BuddyPair, {
      where: { id: pairId, groupId: access.group.id },
      relations: { room: true },
    });
    const me = access.membership.id;
    if (!pair || (pair.buddyMembershipId !== me && pair.newcomerMembershipId !== me)) {
      throw pairNotFound();
    }
    if (pair.status !== 'active' || !pair.room) {
      throw pairClosed();
    }
    return { room: pair.room, leads: false };
  }

  private async lockPair(manager: EntityManager, groupId: string, pairId: string, me: string): Promise<BuddyPair> {
    const pair = await manager.findOne(BuddyPair, {
      where: { id: pairId, groupId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!pair || (pair.buddyMembershipId !== me && pair.newcomerMembershipId !== me)) {
      throw pairNotFound();
    }
    return pair;
  }

  private async blocked(manager: EntityManager, one: string, other: string): Promise<boolean> {
    const [row] = await manager.query<{ blocked: boolean }[]>(
      `SELECT ${BLOCKED_BETWEEN('$1::uuid', '$2::uuid')} AS blocked`,
      [one, other],
    );
    return row.blocked;
  }

  /** The pair as the actor sees it; when it changed, the other side's connections hear of it too. */
  private async tell(slug: string, pair: BuddyPair, me: Membership, changed: boolean): Promise<BuddyPairView> {
    const meBuddy = pair.buddyMembershipId === me.id;
    const other = await this.dataSource
      .getRepository(Membership)
      .findOneByOrFail({ id: meBuddy ? pair.newcomerMembershipId : pair.buddyMembershipId });
    const both = Object.assign(new BuddyPair(), pair, { buddy: meBuddy ? me : other, newcomer: meBuddy ? other : me });
    if (changed) {
      this.live.notifyAccount(other.accountId, toView(slug, both, other.id));
      if (pair.status === 'requested' || pair.status === 'active' || pair.status === 'declined') {
        await this.events.emit('buddy.changed', { pairId: pair.id, membershipId: other.id, status: pair.status });
      }
    }
    return toView(slug, both, me.id);
  }
}

function toView(slug: string, pair: BuddyPair, viewerId: string): BuddyPairView {
  const asBuddy = pair.buddyMembershipId === viewerId;
  const other = asBuddy ? pair.newcomer : pair.buddy;
  return {
    id: pair.id,
    group: slug,
    status: pair.status,
    role: asBuddy ? 'buddy' : 'newcomer',
    other: { memberId: other!.id, alias: other!.alias },
    requestedAt: pair.requestedAt.toISOString(),
  };
}
