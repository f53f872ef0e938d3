import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { KringMetrics } from '../metrics/kring-metrics.js';
import { REDIS, type RedisConnections } from '../redis/redis-connections.js';
import { MESSAGE_COLUMNS, MESSAGE_SENDER, type MessageRow, toMessage } from './chat-history.js';
import { ChatLive } from './chat-live.js';
import { ChatModeration } from './chat-moderation.js';
import type { ChatNamespace, RoomDelivery } from './chat-sockets.js';

/** How long a message waits for the lower seqs to arrive before they are read from the database. */
const GAP_WAIT_MS = 250;
/** With several processes: how often each compares its rooms with their last seq in the database. */
const HEAD_CHECK_MS = 2_000;

/** How far this process delivered a room to its connections, and what arrived ahead of a gap. */
interface RoomCursor {
  delivered: number;
  ahead: Map<number, RoomDelivery>;
  gapTimer?: NodeJS.Timeout;
}

interface StoredRow extends MessageRow {
  groupId: string;
}

/**
 * Every process delivers a room's messages to its own connections, once each and in `seq` order.
 *
 * A message is stored on whichever process its author is connected to; that process delivers it to
 * its own connections and tells the others (Socket.IO's `serverSideEmit` over the Redis adapter).
 * Messages from two processes can cross on the way, so each process keeps, per room it has
 * connections in, the last seq it delivered: the next one goes out at once, a later one waits for
 * the gap to close, and a gap that stays open is read from the database. That read is safe because
 * the room's row lock is held until a message commits: once seq N is stored, every lower seq is
 * stored (or was erased since). With several processes each one also compares its rooms with the
 * database every two seconds, so a message whose notice Redis lost (paused, restarted) still
 * reaches everyone, in order. Redis is a shortcut, never the record.
 */
@Injectable()
export class RoomFanout implements OnApplicationShutdown {
  private readonly logger = new Logger(RoomFanout.name);
  private readonly rooms = new Map<string, RoomCursor>();
  private readonly clustered: boolean;
  private headCheck?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly live: ChatLive,
    private readonly moderation: ChatModeration,
    @Inject(REDIS) redis: RedisConnections | null,
    private readonly metrics: KringMetrics,
  ) {
    this.clustered = redis !== null;
  }

  /** Called once by the gateway when Socket.IO made the namespace. */
  attach(namespace: ChatNamespace): void {
    if (!this.clustered) {
      return;
    }
    namespace.on('room:stored', (delivery) => void this.receive(delivery));
    this.headCheck = setInterval(() => void this.checkHeads(), HEAD_CHECK_MS);
    this.headCheck.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.headCheck);
    for (const room of this.rooms.values()) {
      clearTimeout(room.gapTimer);
    }
  }

  /** A message this process committed: to its connections here, and to every other process. */
  async stored(delivery: RoomDelivery): Promise<void> {
    this.metrics.recordMessageStored();
    if (this.clustered) {
      this.live.ns.serverSideEmit('room:stored', delivery);
    }
    await this.receive(delivery);
  }

  /**
   * The seq a connection joining the room gets its history up to (every later message reaches it
   * live), when this process follows the room already. Call in `live.inRoom`.
   */
  deliveredUpTo(roomId: string): number | undefined {
    return this.rooms.get(roomId)?.delivered;
  }

  /** A connection entered the room with history up to `seq`: follow the room from there. Call in `live.inRoom`. */
  follow(roomId: string, seq: number): void {
    if (!this.rooms.has(roomId)) {
      this.rooms.set(roomId, { delivered: seq, ahead: new Map() });
    }
  }

  private receive(delivery: RoomDelivery): Promise<void> {
    return this.live.inRoom(delivery.roomId, () => Promise.resolve(this.admit(delivery)));
  }

  private admit(delivery: RoomDelivery): void {
    const room = this.followed(delivery.roomId);
    const seq = delivery.message.seq;
    if (!room || seq <= room.delivered) {
      return;
    }
    room.ahead.set(seq, delivery);
    this.deliverInOrder(delivery.roomId, room);
  }

  private deliverInOrder(roomId: string, room: RoomCursor): void {
    for (let next = room.ahead.get(room.delivered + 1); next; next = room.ahead.get(room.delivered + 1)) {
      room.ahead.delete(next.message.seq);
      room.delivered = next.message.seq;
      this.live.deliverHere(next);
    }
    if (room.ahead.size === 0) {
      clearTimeout(room.gapTimer);
      room.gapTimer = undefined;
      return;
    }
    room.gapTimer ??= setTimeout(() => {
      room.gapTimer = undefined;
      const upTo = Math.min(...room.ahead.keys()) - 1;
      void this.live.inRoom(roomId, () => this.fill(roomId, upTo));
    }, GAP_WAIT_MS);
  }

  /** The room's cursor while a connection of this process is in the room; forgotten once none is. */
  private followed(roomId: string): RoomCursor | undefined {
    const room = this.rooms.get(roomId);
    if (room && !this.live.isHere(roomId)) {
      clearTimeout(room.gapTimer);
      this.rooms.delete(roomId);
      return undefined;
    }
    return room;
  }

  /** Delivers what this process missed up to `upTo` from the database, then whatever waited behind it. */
  private async fill(roomId: string, upTo: number): Promise<void> {
    const room = this.followed(roomId);
    const ref = this.live.localRoomRef(roomId);
    if (!room || !ref || upTo <= room.delivered) {
      return;
    }
    try {
      const rows = await this.dataSource.query<StoredRow[]>(
        `SELECT ${MESSAGE_COLUMNS}, r.group_id AS "groupId"
           FROM chat_message m ${MESSAGE_SENDER} JOIN chat_room r ON r.id = m.room_id
          WHERE m.room_id = $1 AND m.seq > $2 AND m.seq <= $3
          ORDER BY m.seq`,
        [roomId, room.delivered, upTo],
      );
      const muters = await this.dataSource.query<{ muter: string; author: string }[]>(
        `SELECT membership_id AS muter, muted_membership_id AS author FROM member_mute
          WHERE muted_membership_id = ANY($1::uuid[])`,
        [[...new Set(rows.map((row) => row.membershipId))]],
      );
      const restricted = rows.find((row) => row.heldAt || row.hiddenAt);
      const moderators = restricted
        ? (await this.moderation.moderators(restricted.groupId)).map((moderator) => moderator.membershipId)
        : [];
      for (const row of rows) {
        const delivery: RoomDelivery = {
          roomId,
          message: toMessage(ref, row),
          mutedBy: muters.filter((mute) => mute.author === row.membershipId).map((mute) => mute.muter),
        };
        if (row.hiddenAt) {
          delivery.onlyFor = moderators;
        } else if (row.heldAt) {
          delivery.onlyFor = [row.membershipId, ...moderators];
        }
        room.ahead.set(Number(row.seq), delivery);
      }
    } catch (error) {
      // The database is away: try again from the next message or head check.
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'Chat catch-up failed');
      return;
    }
    // Seqs up to `upTo` that are not stored any more were erased: nobody is owed them.
    for (let seq = room.delivered + 1; seq <= upTo; seq++) {
      const delivery = room.ahead.get(seq);
      if (delivery) {
        this.live.deliverHere(delivery);
        room.ahead.delete(seq);
      }
      room.delivered = seq;
    }
    this.deliverInOrder(roomId, room);
  }

  private async checkHeads(): Promise<void> {
    const followed = [...this.rooms.keys()].filter((roomId) => this.followed(roomId));
    if (followed.length === 0) {
      return;
    }
    try {
      const heads = await this.dataSource.query<{ id: string; lastSeq: number }[]>(
        'SELECT id, last_seq AS "lastSeq" FROM chat_room WHERE id = ANY($1::uuid[])',
        [followed],
      );
      for (const head of heads) {
        const lastSeq = Number(head.lastSeq);
        if (lastSeq > (this.rooms.get(head.id)?.delivered ?? lastSeq)) {
          void this.live.inRoom(head.id, () => this.fill(head.id, lastSeq));
        }
      }
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'Chat head check failed');
    }
  }
}
