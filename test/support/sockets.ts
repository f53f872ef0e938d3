import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import {
  type Ack,
  CHAT_NAMESPACE,
  type ChatMessage,
  type ClientToServerEvents,
  type RoomJoined,
  type RoomRef,
  type ServerToClientEvents,
} from '../../src/contracts/chat.js';
import type { TestMember } from './accounts.js';
import type { TestApp } from './test-app.js';

export type ChatClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ChatClientOptions {
  /** The handshake token; defaults to the member's access token. `null` sends no token. */
  token?: string | null;
  /** An `Origin` header, as a browser would send. */
  origin?: string;
  /** Extra query parameters on the handshake URL. */
  query?: Record<string, string>;
  /** Socket.IO's automatic reconnection; off unless a test wants it. */
  reconnection?: boolean;
}

const clients = new Set<ChatClient>();

/** A `/chat` client that has not connected yet (it connects at once). Closed by `closeChatClients`. */
export function chatClient(app: TestApp, member: TestMember | null, options: ChatClientOptions = {}): ChatClient {
  const token = options.token === undefined ? member?.tokens.accessToken : options.token;
  const socket: ChatClient = io(`${app.baseUrl}${CHAT_NAMESPACE}`, {
    transports: ['websocket'],
    auth: token === null || token === undefined ? {} : { token },
    query: options.query,
    extraHeaders: options.origin ? { Origin: options.origin } : undefined,
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
    forceNew: true,
  });
  clients.add(socket);
  return socket;
}

/** Connects a member to `/chat` and waits until the server accepted the handshake. */
export async function connectChat(
  app: TestApp,
  member: TestMember | null,
  options: ChatClientOptions = {},
): Promise<ChatClient> {
  const socket = chatClient(app, member, options);
  const outcome = await firstOf(socket, ['connect', 'connect_error'], 5000);
  if (outcome.event === 'connect_error') {
    throw new Error(`connect_error: ${(outcome.payload as Error).message}`);
  }
  return socket;
}

/** Tries to connect and returns the `connect_error`; fails the test when the handshake succeeds. */
export async function connectionRefusal(
  app: TestApp,
  member: TestMember | null,
  options: ChatClientOptions = {},
): Promise<Error> {
  const socket = chatClient(app, member, options);
  const outcome = await firstOf(socket, ['connect', 'connect_error'], 5000);
  if (outcome.event === 'connect') {
    throw new Error('the handshake was accepted');
  }
  return outcome.payload as Error;
}

/** Whichever of the events comes first, with its first argument, or a rejection after `timeoutMs`. */
export function firstOf(
  socket: ChatClient,
  events: string[],
  timeoutMs = 5000,
): Promise<{ event: string; payload: unknown }> {
  const untyped = socket as unknown as Socket;
  return new Promise((resolve, reject) => {
    const listeners = new Map<string, (payload: unknown) => void>();
    const stop = () => {
      clearTimeout(timer);
      for (const [event, listener] of listeners) {
        untyped.off(event, listener);
      }
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`none of ${events.join(', ')} within ${timeoutMs} ms`));
    }, timeoutMs);
    for (const event of events) {
      const listener = (payload: unknown) => {
        stop();
        resolve({ event, payload });
      };
      listeners.set(event, listener);
      untyped.on(event, listener);
    }
  });
}

/** The next `name` event of the socket (its first argument), or a rejection after `timeoutMs`. */
export async function waitForEvent<T = unknown>(socket: ChatClient, name: string, timeoutMs = 5000): Promise<T> {
  return (await firstOf(socket, [name], timeoutMs)).payload as T;
}

/** Every `name` event the socket receives from now on, in order (the first argument of each). */
export function collect<T = unknown>(socket: ChatClient, name: string): T[] {
  const received: T[] = [];
  (socket as unknown as Socket).on(name, (payload: T) => received.push(payload));
  return received;
}

/** Emits any event with any arguments and waits for the acknowledgement (5 s). */
export function call<T extends object = object>(
  socket: ChatClient,
  event: string,
  ...args: unknown[]
): Promise<Ack<T>> {
  return (socket as unknown as Socket).timeout(5000).emitWithAck(event, ...args) as Promise<Ack<T>>;
}

export async function joinRoom(
  socket: ChatClient,
  room: RoomRef,
  sinceSeq?: number,
): Promise<Extract<Ack<RoomJoined>, { ok: true }>> {
  const answer = await call<RoomJoined>(socket, 'room:join', sinceSeq === undefined ? room : { ...room, sinceSeq });
  if (!answer.ok) {
    throw new Error(`room:join refused: ${answer.error.code} ${answer.error.message}`);
  }
  return answer;
}

export async function sendMessage(socket: ChatClient, room: RoomRef, body: string, clientMsgId = randomUUID()) {
  const answer = await call<{ message: ChatMessage }>(socket, 'message:send', { ...room, clientMsgId, body });
  if (!answer.ok) {
    throw new Error(`message:send refused: ${answer.error.code} ${answer.error.message}`);
  }
  return answer.message;
}

/** Waits until `check` holds, polling every 20 ms, or fails after `timeoutMs`. */
export async function eventually(check: () => boolean, timeoutMs = 5000, what = 'the condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Closes every client made by these helpers; call it in afterAll before closing the app. */
export function closeChatClients(): void {
  for (const socket of clients) {
    socket.removeAllListeners();
    socket.disconnect();
  }
  clients.clear();
}
