import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../events/domain-events.js';
import type { ChatSocket } from './chat-sockets.js';
import type { RoomAccess } from './chat.service.js';

interface Remembered {
  accountId: string;
  access: RoomAccess;
}

/**
 * Per connection, the group rooms it was let send in, so a member's next message skips the
 * membership check. It is a shortcut, never the rule: every message is stored by a statement that
 * checks again (see `storeMessages` in message-store.ts) what could have changed meanwhile — membership, role, pledge,
 * suspension, mute, ban, archived group, slow mode — so a ban or a mute applies to the very next
 * message on every process even before this process hears of it. The domain events that cut
 * connections (ended membership, revoked tokens, logout) drop entries too, on every process (the
 * events cross Redis), and a refused message drops its entry.
 */
@Injectable()
export class SendAccess implements OnModuleInit {
  private readonly bySocket = new WeakMap<ChatSocket, Map<string, Remembered>>();
  /** The connections holding entries, for the events that name a membership or an account. */
  private readonly holders = new Set<ChatSocket>();

  constructor(private readonly events: DomainEvents) {}

  onModuleInit(): void {
    this.events.on('membership.ended', ({ membershipId }) =>
      this.dropWhere((entry) => entry.access.membership.id === membershipId),
    );
    this.events.on('account.tokens-revoked', ({ accountId }) =>
      this.dropWhere((entry) => entry.accountId === accountId),
    );
    this.events.on('session.revoked', ({ accountId }) => this.dropWhere((entry) => entry.accountId === accountId));
  }

  get(socket: ChatSocket, slug: string): RoomAccess | undefined {
    const entry = this.bySocket.get(socket)?.get(slug);
    return entry && entry.accountId === socket.data.accountId ? entry.access : undefined;
  }

  remember(socket: ChatSocket, slug: string, access: RoomAccess): void {
    if (!socket.connected) {
      return;
    }
    const rooms = this.bySocket.get(socket) ?? new Map<string, Remembered>();
    rooms.set(slug, { accountId: socket.data.accountId, access });
    this.bySocket.set(socket, rooms);
    this.holders.add(socket);
  }

  forget(socket: ChatSocket, slug: string): void {
    this.bySocket.get(socket)?.delete(slug);
  }

  /** The connection closed. */
  forgetConnection(socket: ChatSocket): void {
    this.bySocket.delete(socket);
    this.holders.delete(socket);
  }

  /** How many connections hold entries (for tests). */
  get size(): number {
    return this.holders.size;
  }

  private dropWhere(matches: (entry: Remembered) => boolean): void {
    for (const socket of this.holders) {
      const rooms = this.bySocket.get(socket);
      for (const [slug, entry] of rooms ?? []) {
        if (matches(entry)) {
          rooms!.delete(slug);
        }
      }
    }
  }
}
