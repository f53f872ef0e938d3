import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CATCH_UP_MAX, type ChatMessage, JOIN_HISTORY, type RoomRef } from '../contracts/chat.js';
import type { VolunteerBadge } from '../contracts/support-chats.js';
import { MembershipService } from '../groups/membership.service.js';
import type { RoomAccess } from './chat.service.js';
import { Clock } from './clock.js';

export interface MessageRow {
  id: string;
  seq: number;
  membershipId: string;
  alias: string;
  body: string;
  contentWarning?: string | null;
  createdAt: Date;
  hiddenAt?: Date | null;
  heldAt?: Date | null;
  /** Written by the volunteer of a support conversation (then `membershipId` is the conversation's id). */
  badge?: VolunteerBadge | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * A message's columns, with `MESSAGE_SENDER` joined: a member's message shows their alias, a
 * support conversation's volunteer is shown by the badge under the conversation's id.
 */
export const MESSAGE_COLUMNS = `m.id, m.seq, COALESCE(m.membership_id, m.support_chat_id) AS "membershipId",
  COALESCE(ms.alias, sc.volunteer_badge) AS alias, sc.volunteer_badge AS badge, m.body, m.content_warning AS "contentWarning", m.created_at AS "createdAt",
  m.hidden_at AS "hiddenAt", m.held_at AS "heldAt"`;
/** Who wrote message `m`: the member (`ms`), or the volunteer of a support conversation (`sc`). */
export const MESSAGE_SENDER = `LEFT JOIN membership ms ON ms.id = m.membership_id
  LEFT JOIN support_chat sc ON sc.id = m.support_chat_id`;
/**
 * What a reader may see, with `$n` the reader moderates and `$n+1` their membership: moderators
 * everything (marked), members neither hidden messages nor others' held ones.
 */
const visibleTo = (n: number) =>
  `($${n}::boolean OR (m.hidden_at IS NULL AND (m.held_at IS NULL OR m.membership_id = $${n + 1})))`;

/**
 * Reading a room's stored messages as one reader may see them: within the group's retention
 * window, without what moderation took out of view (moderators see it marked), and marked where
 * the reader muted the author.
 */
@Injectable()
export class ChatHistory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipService,
    private readonly clock: Clock,
  ) {}

  /** Up to `limit` messages before `beforeSeq`, oldest first. */
  async before(access: RoomAccess, beforeSeq: number, limit: number): Promise<ChatMessage[]> {
    const rows = await this.dataSource.query<MessageRow[]>(
      `SELECT ${MESSAGE_COLUMNS} FROM chat_message m ${MESSAGE_SENDER}
        WHERE m.room_id = $1 AND m.seq < $2 AND m.created_at >= $3 AND ${visibleTo(5)}
        ORDER BY m.seq DESC LIMIT $4`,
      [access.room.id, beforeSeq, this.retentionCutoff(access), limit, ...reader(access)],
    );
    return this.present(access, rows.reverse());
  }

  /**
   * What a joining connection lacks up to `upTo`: the last 50 messages, or every message after
   * `sinceSeq` (up to 1,000; `hasMore` asks to join again).
   */
  async catchUp(
    access: RoomAccess,
    sinceSeq: number | undefined,
    upTo: number,
  ): Promise<{ history: ChatMessage[]; hasMore: boolean }> {
    if (sinceSeq === undefined) {
      const rows = await this.dataSource.query<MessageRow[]>(
        `SELECT ${MESSAGE_COLUMNS} FROM chat_message m ${MESSAGE_SENDER}
          WHERE m.room_id = $1 AND m.seq <= $2 AND m.created_at >= $3 AND ${visibleTo(5)}
          ORDER BY m.seq DESC LIMIT $4`,
        [access.room.id, upTo, this.retentionCutoff(access), JOIN_HISTORY, ...reader(access)],
      );
      return { history: await this.present(access, rows.reverse()), hasMore: false };
    }
    const rows = await this.dataSource.query<MessageRow[]>(
      `SELECT ${MESSAGE_COLUMNS} FROM chat_message m ${MESSAGE_SENDER}
        WHERE m.room_id = $1 AND m.seq > $2 AND m.seq <= $3 AND m.created_at >= $4 AND ${visibleTo(6)}
        ORDER BY m.seq ASC LIMIT $5`,
      [access.room.id, sinceSeq, upTo, this.retentionCutoff(access), CATCH_UP_MAX + 1, ...reader(access)],
    );
    const hasMore = rows.length > CATCH_UP_MAX;
    return { history: await this.present(access, rows.slice(0, CATCH_UP_MAX)), hasMore };
  }

  /** Messages older than this are past the group's retention window (the purge deletes them soon). */
  private retentionCutoff(access: RoomAccess): Date {
    return new Date(this.clock.now().getTime() - access.group.chatRetentionDays * DAY_MS);
  }

  private async present(access: RoomAccess, rows: MessageRow[]): Promise<ChatMessage[]> {
    const muted = rows.length > 0 ? await this.memberships.mutedBy(access.membership.id) : new Set<string>();
    return rows.map((row) => toMessage(access.ref, row, muted.has(row.membershipId)));
  }
}

/** The parameters of `visibleTo`: whether the reader moderates the group, and their membership. */
function reader(access: RoomAccess): [boolean, string] {
  return [access.isModerator, access.membership.id];
}

/** A stored message as clients see it; `hidden` and `held` only reach those who may read such messages. */
export function toMessage(ref: RoomRef, row: MessageRow, muted = false): ChatMessage {
  const message: ChatMessage = {
    id: row.id,
    seq: Number(row.seq),
    ...ref,
    memberId: row.membershipId,
    alias: row.alias,
    body: row.body,
    ...(row.contentWarning ? { contentWarning: row.contentWarning } : {}),
    createdAt: row.createdAt.toISOString(),
  };
  if (muted) {
    message.muted = true;
  }
  if (row.hiddenAt) {
    message.hidden = true;
  }
  if (row.heldAt) {
    message.held = true;
  }
  if (row.badge) {
    message.badge = row.badge;
  }
  return message;
}
