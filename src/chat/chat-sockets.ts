import type { Namespace, Socket } from 'socket.io';
import type { AccountRole } from '../accounts/account.entity.js';
import type { Actor } from '../auth/actor.js';
import type { ChatMessage, ClientToServerEvents, RoomRef, ServerToClientEvents } from '../contracts/chat.js';

/** A room this connection joined, as the connection remembers it (restored with the connection state). */
export interface JoinedRoom {
  ref: RoomRef;
  roomId: string;
  groupId: string;
  membershipId: string;
  alias: string;
  /** The room's `last_seq` when this connection joined: every later message reaches it live. */
  joinedAtSeq: number;
}

/** What the server keeps on a connection; plain data, because Socket.IO restores it after a short drop. */
export interface ChatSocketData {
  accountId: string;
  sessionId: string;
  role: AccountRole;
  /** When the connection's access token runs out (ms since the epoch). */
  expiresAt: number;
  joined: Record<string, JoinedRoom>;
}

/** A stored message on its way to the connections in its room, and who sees it how. */
export interface RoomDelivery {
  roomId: string;
  message: ChatMessage;
  /** Members who muted the author: their connections get the message marked `muted`. */
  mutedBy: string[];
  /** Only these members' connections get it (a held message: its author and the group's moderators). */
  onlyFor?: string[];
}

/** What one process tells the others (through the Redis adapter's `serverSideEmit`). */
export interface ChatServerSideEvents {
  'room:stored': (delivery: RoomDelivery) => void;
}

export type ChatSocket = Socket<ClientToServerEvents, ServerToClientEvents, ChatServerSideEvents, ChatSocketData>;
export type ChatNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, ChatServerSideEvents, ChatSocketData>;

/**
 * Socket.IO room names. Only the server ever sees them; clients address rooms by group slug and
 * session, buddy or support conversation id.
 */
export const channel = {
  room: (roomId: string) => `room:${roomId}`,
  /** One member's connections in one room: mutes are applied per receiver through it. */
  viewer: (roomId: string, membershipId: string) => `room:${roomId}:member:${membershipId}`,
  membership: (membershipId: string) => `membership:${membershipId}`,
  account: (accountId: string) => `account:${accountId}`,
  login: (sessionId: string) => `login:${sessionId}`,
};

export function actorOf(socket: ChatSocket): Actor {
  const { accountId, role, sessionId } = socket.data;
  return { accountId, role, sessionId };
}

/** The ref as clients name the room, without the keys that are not set. */
export function roomRef(ref: RoomRef): RoomRef {
  const clean: RoomRef = { group: ref.group };
  if (ref.session !== undefined) {
    clean.session = ref.session;
  }
  if (ref.buddy !== undefined) {
    clean.buddy = ref.buddy;
  }
  if (ref.support !== undefined) {
    clean.support = ref.support;
  }
  return clean;
}
