import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TokenService, unauthorized } from '../auth/token.service.js';
import type { AppConfig } from '../config/app-config.js';
import type {
  BuddyPairView,
  ChatMember,
  ChatMessage,
  MessageRemoved,
  RoomClosedReason,
  RoomRef,
  ServerToClientEvents,
} from '../contracts/chat.js';
import { DomainEvents } from '../events/domain-events.js';
import { KeyedQueue } from './keyed-queue.js';
import {
  channel,
  type ChatNamespace,
  type ChatSocket,
  type ChatSocketData,
  type JoinedRoom,
  type RoomDelivery,
} from './chat-sockets.js';

/** How long Socket.IO keeps a dropped connection's state (rooms, data, missed messages) for it. */
export const RECOVERY_WINDOW_MS = 2 * 60 * 1000;
const TYPING_THROTTLE_MS = 3000;
/** How often a process counts the processes of the cluster (the Redis adapter asks Redis: one cheap command). */
const PEER_CHECK_MS = 1000;
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The live side of chat, without the database: who is connected, in which rooms, and what they
 * are sent. Domain events (logout, logout everywhere, a membership that ended) cut this process's
 * own connections; with several processes each one hears the event and cuts its own.
 */
@Injectable()
export class ChatLive implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ChatLive.name);
  private namespace?: ChatNamespace;
  private peerCheck?: NodeJS.Timeout;
  private servers = 1;
  private checkingPeers = false;
  private readonly queue = new KeyedQueue();
  private readonly expiryTimers = new WeakMap<ChatSocket, NodeJS.Timeout>();
  private readonly typingAt = new WeakMap<ChatSocket, Map<string, number>>();
  /** Channels (account, login, membership) cut recently: a dropped connection in them is not restored. */
  private readonly cut = new Map<string, number>();
  readonly authGraceMs: number;

  constructor(
    private readonly tokens: TokenService,
    private readonly events: DomainEvents,
    config: ConfigService<AppConfig, true>,
  ) {
    this.authGraceMs = config.get('chat.authGraceMs', { infer: true });
  }

  onModuleInit(): void {
    // Without a socket server (the CLI's application context) there is no connection to cut.
    this.events.on('account.tokens-revoked', ({ accountId }) => this.namespace && this.disconnectAccount(accountId));
    this.events.on('session.revoked', ({ sessionId }) => this.namespace && this.disconnectLogin(sessionId));
    this.events.on('membership.ended', ({ membershipId }) => this.namespace && this.endMembership(membershipId));
  }

  /** Called once by the gateway when Socket.IO made the namespace. */
  attach(namespace: ChatNamespace): void {
    this.namespace = namespace;
    // Socket.IO replays a restored connection's missed messages before the auth middleware runs
    // again, so a connection whose account, login or membership was cut meanwhile is not restored:
    // it connects afresh, is authenticated, and catches up from the database if it still may.
    const adapter = namespace.adapter;
    const restore = adapter.restoreSession.bind(adapter);
    const guarded = async (pid: string, offset: string) => {
      const session = await restore(pid, offset);
      return session && this.mayRecover(session.data as Partial<ChatSocketData>) ? session : null;
    };
    adapter.restoreSession = guarded as typeof adapter.restoreSession;
    this.peerCheck = setInterval(() => void this.checkPeers(), PEER_CHECK_MS);
    this.peerCheck.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.peerCheck);
  }

  /** Whether the gateway started (not in the CLI's application context). */
  get attached(): boolean {
    return this.namespace !== undefined;
  }

  get ns(): ChatNamespace {
    if (!this.namespace) {
      throw new Error('The chat gateway has not started');
    }
    return this.namespace;
  }

  /** Runs a room's deliveries and joins on this process one at a time (see RoomFanout). */
  inRoom<T>(roomId: string, task: () => Promise<T>): Promise<T> {
    return this.queue.run(roomId, task);
  }

  /** The handshake: a valid access token in `auth.token` (never in the URL), or `unauthorized`. */
  async authenticate(socket: ChatSocket): Promise<void> {
    const token = (socket.handshake.auth as Record<string, unknown>).token;
    if (typeof token !== 'string' || 'token' in socket.handshake.query) {
      throw unauthorized();
    }
    const actor = await this.tokens.authenticate(token);
    if (socket.recovered) {
      // Socket.IO replayed what this connection missed and put it back in its rooms, but a message
      // broadcast while this handshake runs skips a connection that is not connected yet. So it
      // leaves its rooms again: the client rejoins each with `sinceSeq`, and the database fills in.
      for (const room of [...socket.rooms]) {
        if (room !== socket.id) {
          await socket.leave(room);
        }
      }
    }
    socket.data = {
      accountId: actor.accountId,
      sessionId: actor.sessionId,
      role: actor.role,
      expiresAt: actor.expiresAt,
      joined: {},
    };
  }

  /** A connection passed the handshake: index it for cuts and watch its token's expiry. */
  async connected(socket: ChatSocket): Promise<void> {
    await socket.join([channel.account(socket.data.accountId), channel.login(socket.data.sessionId)]);
    this.scheduleExpiry(socket);
  }

  /** Replaces the connection's token with a fresh one of the same account; the expiry timer restarts. */
  async refresh(socket: ChatSocket, token: string): Promise<{ expiresAt: string }> {
    const actor = await this.tokens.authenticate(token);
    if (actor.accountId !== socket.data.accountId) {
      throw unauthorized();
    }
    if (actor.sessionId !== socket.data.sessionId) {
      await socket.leave(channel.login(socket.data.sessionId));
      await socket.join(channel.login(actor.sessionId));
    }
    socket.data.sessionId = actor.sessionId;
    socket.data.role = actor.role;
    socket.data.expiresAt = actor.expiresAt;
    this.scheduleExpiry(socket);
    return { expiresAt: new Date(actor.expiresAt).toISOString() };
  }

  /** The connection closed: its members who have no other connection in a room are gone from it. */
  async disconnected(socket: ChatSocket): Promise<void> {
    clearTimeout(this.expiryTimers.get(socket));
    this.expiryTimers.delete(socket);
    for (const joined of Object.values(socket.data.joined ?? {})) {
      await this.announceIfGone(joined);
    }
  }

  /** Puts the connection in a room; true when it is the member's first connection there. */
  async enter(socket: ChatSocket, joined: JoinedRoom): Promise<boolean> {
    const before = await this.ns.in(channel.viewer(joined.roomId, joined.membershipId)).fetchSockets();
    await socket.join([
      channel.room(joined.roomId),
      channel.viewer(joined.roomId, joined.membershipId),
      channel.membership(joined.membershipId),
    ]);
    socket.data.joined[joined.roomId] = joined;
    return before.length === 0;
  }

  announceArrival(joined: JoinedRoom): void {
    this.ns
      .to(channel.room(joined.roomId))
      .except(channel.viewer(joined.roomId, joined.membershipId))
      .emit('presence:update', { room: joined.ref, member: memberOf(joined), present: true });
  }

  /** Takes the connection out of a room, telling it why when the room closed on it. */
  async leave(socket: ChatSocket, roomId: string, reason?: RoomClosedReason, announce = true): Promise<void> {
    const joined = socket.data.joined[roomId];
    if (!joined) {
      return;
    }
    delete socket.data.joined[roomId];
    await socket.leave(channel.room(roomId));
    await socket.leave(channel.viewer(roomId, joined.membershipId));
    if (!Object.values(socket.data.joined).some((other) => other.membershipId === joined.membershipId)) {
      await socket.leave(channel.membership(joined.membershipId));
    }
    if (reason) {
      socket.emit('room:closed', { room: joined.ref, reason });
    }
    if (announce) {
      await this.announceIfGone(joined);
    }
  }

  /** Who is in the room now, once per member. */
  async presence(roomId: string): Promise<ChatMember[]> {
    const sockets = await this.ns.in(channel.room(roomId)).fetchSockets();
    const members = new Map<string, ChatMember>();
    for (const socket of sockets) {
      const joined = socket.data.joined?.[roomId];
      if (joined && !members.has(joined.membershipId)) {
        members.set(joined.membershipId, memberOf(joined));
      }
    }
    return [...members.values()];
  }

  /**
   * A stored message to this process's connections in its room (every process delivers to its
   * own, in `seq` order: see RoomFanout); members who muted its author get it marked.
   */
  deliverHere({ roomId, message, mutedBy, onlyFor }: RoomDelivery): void {
    const here = this.ns.local;
    if (onlyFor) {
      if (onlyFor.length === 0) {
        return; // `to([])` would mean everyone
      }
      here.to(onlyFor.map((membershipId) => channel.viewer(roomId, membershipId))).emit('message:new', message);
      return;
    }
    const muted = mutedBy.map((membershipId) => channel.viewer(roomId, membershipId));
    if (muted.length === 0) {
      here.to(channel.room(roomId)).emit('message:new', message);
      return;
    }
    here.to(channel.room(roomId)).except(muted).emit('message:new', message);
    here.to(muted).emit('message:new', { ...message, muted: true });
  }

  /** Whether any connection of this process is in the room. */
  isHere(roomId: string): boolean {
    return (this.ns.adapter.rooms.get(channel.room(roomId))?.size ?? 0) > 0;
  }

  /** How this process's connections in the room name it, when any of them is in it. */
  localRoomRef(roomId: string): RoomRef | undefined {
    for (const socket of this.localSockets(channel.room(roomId))) {
      const joined = socket.data.joined[roomId];
      if (joined) {
        return joined.ref;
      }
    }
    return undefined;
  }

  /** Moderation took a message out of view: to this process's connections in the room. */
  announceRemoved(roomId: string, removed: MessageRemoved): void {
    this.ns.local.to(channel.room(roomId)).emit('message:removed', removed);
  }

  /** A message is visible again: to this process's connections in the room, marked for those who muted its author. */
  announceRestored(roomId: string, message: ChatMessage, mutedByIds: string[]): void {
    const muted = mutedByIds.map((membershipId) => channel.viewer(roomId, membershipId));
    this.ns.local.to(channel.room(roomId)).except(muted).emit('message:restored', message);
    if (muted.length > 0) {
      this.ns.local.to(muted).emit('message:restored', { ...message, muted: true });
    }
  }

  /** An event for these accounts' connections on this process (every process hears the domain event). */
  toAccounts<E extends 'mod:queue' | 'notice' | 'crisis:status' | 'crisis:case'>(
    accountIds: string[],
    event: E,
    ...payload: Parameters<ServerToClientEvents[E]>
  ): void {
    this.ns.local.to(accountIds.map((accountId) => channel.account(accountId))).emit(event, ...payload);
  }

  /** False when this connection told the room it is typing less than 3 s ago. */
  mayAnnounceTyping(socket: ChatSocket, roomId: string): boolean {
    const times = this.typingAt.get(socket) ?? new Map<string, number>();
    this.typingAt.set(socket, times);
    const now = Date.now();
    if (now - (times.get(roomId) ?? 0) < TYPING_THROTTLE_MS) {
      return false;
    }
    times.set(roomId, now);
    return true;
  }

  /** "Someone is typing", to the room except the typist and those who muted them; never stored. */
  announceTyping(joined: JoinedRoom, mutedByIds: string[]): void {
    const skip = [joined.membershipId, ...mutedByIds].map((id) => channel.viewer(joined.roomId, id));
    this.ns.volatile
      .to(channel.room(joined.roomId))
      .except(skip)
      .emit('typing', { room: joined.ref, member: memberOf(joined) });
  }

  announceSlowMode(roomId: string, room: RoomRef, seconds: number): void {
    this.ns.to(channel.room(roomId)).emit('room:slow-mode', { room, seconds });
  }

  announceFloor(roomId: string, room: RoomRef, floor: ChatMember | null): void {
    this.ns.to(channel.room(roomId)).emit('session:floor', { room, floor });
  }

  /** Tells an account's connections that one of its buddy requests or pairs changed. */
  notifyAccount(accountId: string, pair: BuddyPairView): void {
    this.ns.to(channel.account(accountId)).emit('buddy:update', pair);
  }

  /** Closes a room for every connection in it (a session ended, a buddy pair ended). */
  async closeRoom(roomId: string, reason: RoomClosedReason): Promise<void> {
    for (const socket of this.localSockets(channel.room(roomId))) {
      await this.leave(socket, roomId, reason, false);
    }
  }

  /** Takes one member's connections out of one room (signed out of a session). */
  async removeMember(roomId: string, membershipId: string, reason: RoomClosedReason): Promise<void> {
    for (const socket of this.localSockets(channel.viewer(roomId, membershipId))) {
      await this.leave(socket, roomId, reason);
    }
  }

  /** A membership ended (left, removed, suspended, banned): its connections leave the group's rooms at once. */
  async endMembership(membershipId: string): Promise<void> {
    this.markCut(channel.membership(membershipId));
    for (const socket of this.localSockets(channel.membership(membershipId))) {
      for (const joined of Object.values(socket.data.joined)) {
        if (joined.membershipId === membershipId) {
          await this.leave(socket, joined.roomId, 'membership_ended');
        }
      }
    }
  }

  /** Ends every connection of the account at once (logout everywhere, password change, ban, deletion). */
  disconnectAccount(accountId: string): void {
    this.markCut(channel.account(accountId));
    this.ns.in(channel.account(accountId)).disconnectSockets(true);
  }

  /** Ends the connections opened with one login session (logout). */
  disconnectLogin(sessionId: string): void {
    this.markCut(channel.login(sessionId));
    this.ns.in(channel.login(sessionId)).disconnectSockets(true);
  }

  private async announceIfGone(joined: JoinedRoom): Promise<void> {
    const still = await this.ns.in(channel.viewer(joined.roomId, joined.membershipId)).fetchSockets();
    if (still.length === 0) {
      this.ns
        .to(channel.room(joined.roomId))
        .emit('presence:update', { room: joined.ref, member: memberOf(joined), present: false });
    }
  }

  /**
   * A process that was killed never says its members left: when the cluster has fewer processes
   * than at the last check (the Redis adapter counts the subscribers of its channel, and a killed
   * process's connections close with it), every room this process serves gets its presence
   * again, from the processes still there. With one process the count never drops.
   */
  private async checkPeers(): Promise<void> {
    if (this.checkingPeers) {
      return; // Redis is slow to answer (paused, reconnecting): one count at a time
    }
    this.checkingPeers = true;
    try {
      const servers = await this.ns.adapter.serverCount();
      const fewer = servers < this.servers;
      this.servers = servers;
      if (!fewer) {
        return;
      }
      const rooms = new Map<string, RoomRef>();
      for (const socket of this.ns.sockets.values()) {
        for (const joined of Object.values(socket.data.joined ?? {})) {
          rooms.set(joined.roomId, joined.ref);
        }
      }
      for (const [roomId, room] of rooms) {
        const presence = await this.presence(roomId);
        this.ns.local.to(channel.room(roomId)).emit('presence:sync', { room, presence });
      }
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'Presence check failed');
    } finally {
      this.checkingPeers = false;
    }
  }

  private localSockets(name: string): ChatSocket[] {
    const ids = this.ns.adapter.rooms.get(name) ?? new Set<string>();
    return [...ids].map((id) => this.ns.sockets.get(id)).filter((socket) => socket !== undefined);
  }

  private scheduleExpiry(socket: ChatSocket): void {
    clearTimeout(this.expiryTimers.get(socket));
    const delay = Math.min(Math.max(0, socket.data.expiresAt - Date.now()), MAX_TIMER_MS);
    const timer = setTimeout(() => {
      if (socket.data.expiresAt > Date.now()) {
        this.scheduleExpiry(socket);
        return;
      }
      socket.emit('auth:expired', { graceMs: this.authGraceMs });
      const grace = setTimeout(() => socket.disconnect(true), this.authGraceMs);
      grace.unref();
      this.expiryTimers.set(socket, grace);
    }, delay);
    timer.unref();
    this.expiryTimers.set(socket, timer);
  }

  private markCut(name: string): void {
    const now = Date.now();
    for (const [key, at] of this.cut) {
      if (now - at > RECOVERY_WINDOW_MS) {
        this.cut.delete(key);
      }
    }
    this.cut.set(name, now);
  }

  private mayRecover(data: Partial<ChatSocketData>): boolean {
    if (!data.accountId || !data.sessionId) {
      return false;
    }
    const names = [
      channel.account(data.accountId),
      channel.login(data.sessionId),
      ...Object.values(data.joined ?? {}).map((joined) => channel.membership(joined.membershipId)),
    ];
    return !names.some((name) => this.cut.has(name));
  }
}

function memberOf(joined: JoinedRoom): ChatMember {
  return { memberId: joined.membershipId, alias: joined.alias };
}
