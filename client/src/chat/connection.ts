import { io, type Socket } from 'socket.io-client';
import {
  type Ack,
  type AckError,
  CHAT_NAMESPACE,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../../src/contracts/chat.js';
import { freshAccessToken, onSessionChange } from '../auth/session.js';
import { ApiError } from '../core/http.js';

/**
 * The live chat connection: Socket.IO's client, loaded only by the chat pages (their chunk), on
 * the `/chat` namespace of this same origin. The access token goes in the handshake's `auth` (never
 * the URL), fresh on every (re)connection, and again when the server says it ran out. Socket.IO
 * reconnects by itself; the rooms (room.ts) catch up on what they missed.
 */
export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'ended';

/** How long an acknowledgement may take before the client treats the request as not answered. */
const ACK_TIMEOUT_MS = 10_000;

export class ChatConnection {
  readonly socket: ChatSocket;
  private stateListeners = new Set<(state: ConnectionState, recovered: boolean) => void>();
  private stopSession: () => void;
  state: ConnectionState = 'connecting';

  constructor() {
    this.socket = io(CHAT_NAMESPACE, {
      // The token is read at each attempt: a reconnection after a renewal sends the new one.
      auth: (send) => {
        void freshAccessToken().then((token) => send(token ? { token } : {}));
      },
      transports: ['websocket', 'polling'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    });
    this.socket.on('connect', () => this.setState('connected', this.socket.recovered));
    this.socket.on('disconnect', (reason) => {
      // The server ended it (logout elsewhere, a ban, a token not renewed): no automatic retry.
      this.setState(reason === 'io server disconnect' || reason === 'io client disconnect' ? 'ended' : 'reconnecting');
    });
    this.socket.on('connect_error', () => {
      if (!this.socket.active) {
        this.setState('ended');
      } else if (this.state !== 'connecting') {
        this.setState('reconnecting');
      }
    });
    this.socket.on('auth:expired', () => {
      void freshAccessToken().then((token) => {
        if (token) {
          void this.call('auth:refresh', { token }).catch(() => undefined);
        }
      });
    });
    const stopSession = onSessionChange((loggedIn) => {
      if (!loggedIn) {
        this.close();
      }
    });
    // engine.io-client closes its sockets on the browser's "offline" event from one shared list,
    // and each socket removes itself from that list while it is being walked: with two or more
    // connections on a page (the room, the notification bell, the crisis follow-up) every second
    // one was skipped and showed "connected" until its ping timed out. Each connection acts itself.
    const dropOnOffline = () => this.socket.io.engine?.close();
    window.addEventListener('offline', dropOnOffline);
    this.stopSession = () => {
      stopSession();
      window.removeEventListener('offline', dropOnOffline);
    };
  }

  onState(listener: (state: ConnectionState, recovered: boolean) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  private setState(state: ConnectionState, recovered = false): void {
    this.state = state;
    for (const listener of this.stateListeners) {
      listener(state, recovered);
    }
  }

  /**
   * Sends an event and resolves with its acknowledgement's payload; rejects with an `ApiError`
   * (the same codes as the REST API) for a refusal, or `network` when no answer came in time.
   */
  async call<E extends keyof ClientToServerEvents>(
    event: E,
    payload: Parameters<ClientToServerEvents[E]>[0],
  ): Promise<AckPayload<E>> {
    let answer: Ack<object>;
    try {
      // Socket.IO's typed emit cannot follow a generic event name; the contract types the payload above.
      const emit = this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck as (
        event: string,
        payload: unknown,
      ) => Promise<Ack<object>>;
      answer = await emit.call(this.socket.timeout(ACK_TIMEOUT_MS), event, payload);
    } catch {
      throw new ApiError({ statusCode: 0, error: 'network', message: 'No answer from the chat server.' });
    }
    if (!answer.ok) {
      throw ackError(answer.error);
    }
    return answer as AckPayload<E>;
  }

  close(): void {
    this.stopSession();
    this.stateListeners.clear();
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }
}

/** What an event's acknowledgement carries when it succeeds. */
export type AckPayload<E extends keyof ClientToServerEvents> = Parameters<
  Parameters<ClientToServerEvents[E]>[1]
>[0] extends infer A
  ? Extract<A, { ok: true }>
  : never;

function ackError(error: AckError): ApiError {
  return new ApiError({
    statusCode: 400,
    error: error.code,
    message: error.message,
    text: error.text,
    details: error.details,
    retryAfterMs: error.retryAfterMs,
  });
}

/** A random UUID (v4) for `clientMsgId`; `crypto.randomUUID` needs a secure context, this does not. */
export function uuid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
