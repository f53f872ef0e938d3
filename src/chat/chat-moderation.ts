import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainEvents, type DomainEventMap } from '../events/domain-events.js';
import { activeModeratorSql } from '../crisis/active-volunteer.js';
import { excerptOf } from '../forums/forum-moderation.js';
import { CasesService } from '../moderation/cases.service.js';
import type { ModeratedItem, ModeratedKind } from '../moderation/moderation-content.registry.js';
import { NoticesService } from '../moderation/notices.service.js';
import { MESSAGE_COLUMNS, MESSAGE_SENDER, type MessageRow, toMessage } from './chat-history.js';
import { ChatLive } from './chat-live.js';
import { ChatMessageRow } from './chat-message.entity.js';

interface StoredMessage extends MessageRow {
  roomId: string;
  groupId: string;
}

/**
 * Chat messages under moderation: what moderation does to a message (registered as `message`),
 * and the live side of it: a hidden or restored message reaches its room at once, queue entries
 * reach the group's online moderators, notices reach their member. Every process hears the domain
 * events (over Redis with several), so each one emits to its own connections only.
 */
@Injectable()
export class ChatModeration implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly live: ChatLive,
    private readonly events: DomainEvents,
    private readonly cases: CasesService,
    private readonly notices: NoticesService,
  ) {}

  /**
   * A hidden message is left out of members' history and catch-up (moderators see it marked);
   * restoring shows it again and approves a held one; deleting empties its text for good (an empty
   * body never is a message: the contract refuses one) and keeps it hidden until the retention purge.
   */
  readonly messages: ModeratedKind = {
    find: async (manager, id) => {
      const message = await manager.findOne(ChatMessageRow, { where: { id }, relations: { room: true } });
      if (!message?.room) {
        return null;
      }
      return {
        groupId: message.room.groupId,
        authorMembershipId: message.membershipId,
        excerpt: message.body === '' ? null : excerptOf(message.body),
        contentWarning: message.contentWarning,
        hidden: message.hiddenAt !== null || message.heldAt !== null,
        containerId: message.roomId,
      } satisfies ModeratedItem;
    },
    setHidden: async (manager, id, hidden) => {
      await manager.update(
        ChatMessageRow,
        { id },
        hidden ? { hiddenAt: () => 'COALESCE(hidden_at, now())' } : { hiddenAt: null, heldAt: null },
      );
    },
    purge: async (manager, id) => {
      await manager.update(
        ChatMessageRow,
        { id },
        { body: '', contentWarning: null, hiddenAt: () => 'COALESCE(hidden_at, now())' },
      );
    },
  };

  onModuleInit(): void {
    // Without a socket server (the CLI's application context) there is nobody to tell.
    this.events.on('content.visibility-changed', (event) =>
      event.kind === 'message' && this.live.attached ? this.visibilityChanged(event) : undefined,
    );
    this.events.on('moderation.queue-changed', (event) => (this.live.attached ? this.queueChanged(event) : undefined));
    this.events.on('moderation.notice', (event) => (this.live.attached ? this.noticeWritten(event) : undefined));
  }

  /** The group's active moderators (membership and account ids), by the one rule of active-volunteer.ts. */
  async moderators(groupId: string, manager: EntityManager = this.dataSource.manager) {
    return manager.query<{ membershipId: string; accountId: string }[]>(
      `SELECT m.id AS "membershipId", m.account_id AS "accountId" FROM membership m
        WHERE m.group_id = $1 AND ${activeModeratorSql('m')}`,
      [groupId],
    );
  }

  private async visibilityChanged(event: DomainEventMap['content.visibility-changed']): Promise<void> {
    const [stored] = await this.dataSource.query<StoredMessage[]>(
      `SELECT ${MESSAGE_COLUMNS}, m.room_id AS "roomId", r.group_id AS "groupId"
         FROM chat_message m JOIN chat_room r ON r.id = m.room_id ${MESSAGE_SENDER}
        WHERE m.id = $1`,
      [event.id],
    );
    const ref = stored ? this.live.localRoomRef(stored.roomId) : undefined;
    if (!stored || !ref) {
      return; // erased meanwhile, or nobody in its room on this process
    }
    if (event.hidden) {
      this.live.announceRemoved(stored.roomId, { ...ref, id: stored.id, seq: Number(stored.seq) });
      return;
    }
    const message = toMessage(ref, stored);
    const muters = await this.dataSource.query<{ id: string }[]>(
      'SELECT membership_id AS id FROM member_mute WHERE muted_membership_id = $1',
      [stored.membershipId],
    );
    this.live.announceRestored(
      stored.roomId,
      message,
      muters.map((mute) => mute.id),
    );
  }

  private async queueChanged(event: DomainEventMap['moderation.queue-changed']): Promise<void> {
    // A crisis case never reaches its own author's queue: there they are the member in crisis.
    const author = event.kind === 'crisis' ? await this.crisisAuthor(event.caseId) : null;
    const moderators = (await this.moderators(event.groupId)).filter((moderator) => moderator.accountId !== author);
    if (moderators.length === 0) {
      return;
    }
    const entry = await this.cases.entry(event.caseId);
    const slug = await this.slugOf(event.groupId);
    if (entry && slug) {
      this.live.toAccounts(
        moderators.map((moderator) => moderator.accountId),
        'mod:queue',
        { group: slug, entry },
      );
    }
  }

  private async noticeWritten(event: DomainEventMap['moderation.notice']): Promise<void> {
    const described = await this.notices.describe(event.noticeId);
    const [owner] = await this.dataSource.query<{ accountId: string; slug: string }[]>(
      `SELECT ms.account_id AS "accountId", g.slug FROM membership ms JOIN support_group g ON g.id = ms.group_id
        WHERE ms.id = $1`,
      [event.membershipId],
    );
    if (described && owner) {
      this.live.toAccounts([owner.accountId], 'notice', { group: owner.slug, notice: described.notice });
    }
  }

  /** The account whose crisis case this is (as `authoredBySql` reads it), or null. */
  private async crisisAuthor(caseId: string): Promise<string | null> {
    const [author] = await this.dataSource.query<{ accountId: string }[]>(
      `SELECT am.account_id AS "accountId" FROM moderation_case c JOIN membership am ON am.id = c.subject_membership_id
        WHERE c.id = $1 AND c.kind = 'crisis'`,
      [caseId],
    );
    return author?.accountId ?? null;
  }

  private async slugOf(groupId: string): Promise<string | undefined> {
    const [group] = await this.dataSource.query<{ slug: string }[]>('SELECT slug FROM support_group WHERE id = $1', [
      groupId,
    ]);
    return group?.slug;
  }
}
