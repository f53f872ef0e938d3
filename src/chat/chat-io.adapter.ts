import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { defer, type Observable } from 'rxjs';
import { ownOrigins } from '../common/own-origins.js';
import { CHAT_MAX_FRAME_BYTES } from '../contracts/chat.js';
import { RECOVERY_WINDOW_MS } from './chat-live.js';

/**
 * Socket.IO as Kring runs it, set with `app.useWebSocketAdapter` in bootstrap:
 * - frames over 16 KiB end their connection unread (`maxHttpBufferSize`);
 * - a handshake from a browser origin not on the allow-list is refused in `allowRequest`: CORS
 *   headers do not bind WebSockets, and a page elsewhere must not open a socket to Kring. A
 *   handshake without an `Origin` header is let through: browsers send none on same-origin
 *   polling requests, and a non-browser client can send any header it likes anyway; the access
 *   token in the handshake, never a cookie, is what authenticates;
 * - a connection that dropped for up to two minutes gets its rooms and missed messages back,
 *   authenticated again (`skipMiddlewares: false`);
 * - the client library is not served (the browser client bundles its own);
 * - with several processes, rooms span them through the Redis adapter given here (src/redis).
 */
type IoServerOptions = Parameters<IoAdapter['createIOServer']>[1];

export class ChatIoAdapter extends IoAdapter {
  constructor(
    private readonly app: INestApplication,
    /** Allowed origins; null: the server's own, `http://localhost:<port>` and `http://127.0.0.1:<port>`. */
    private readonly allowedOrigins: string[] | null,
    /** Socket.IO's adapter for rooms across processes; undefined: this process's rooms only. */
    private readonly roomsAdapter?: NonNullable<IoServerOptions>['adapter'],
  ) {
    super(app);
  }

  // Typed through IoAdapter: @nestjs/platform-socket.io pins its own copy of socket.io.
  override createIOServer(port: number, options?: IoServerOptions): ReturnType<IoAdapter['createIOServer']> {
    return super.createIOServer(port, {
      // Socket.IO fills in what is not given; its type calls every option required.
      ...(options as NonNullable<IoServerOptions>),
      serveClient: false,
      maxHttpBufferSize: CHAT_MAX_FRAME_BYTES,
      allowRequest: (request, callback) => callback(null, this.originAllowed(request)),
      connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false },
      ...(this.roomsAdapter && { adapter: this.roomsAdapter }),
    });
  }

  /**
   * Each event handler as one plain listener. Nest's own binding keeps an RxJS pipeline per
   * handler per socket (about 35 KiB of heap per idle socket for the chat's eight handlers, see
   * bench/results); this one allocates only while an event is handled, with the same outcome: the
   * handler's result goes back through the acknowledgement (or as `{event, data}`), and an error
   * that escapes the exception filter is logged, never left to end the socket's other events.
   */
  override bindMessageHandlers(
    socket: Parameters<IoAdapter['bindMessageHandlers']>[0],
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...payload: unknown[]) => {
        const { data, ack } = this.mapPayload(payload) as { data: unknown; ack?: unknown };
        defer(() => transform(callback(data, ack))).subscribe({
          next: (response) => {
            if (response === null || response === undefined) {
              return;
            }
            const event = (response as { event?: string; data?: unknown }).event;
            if (event) {
              socket.emit(event, (response as { data?: unknown }).data);
            } else if (!isAckHandledManually && typeof ack === 'function') {
              (ack as (answer: unknown) => void)(response);
            }
          },
          error: (error: unknown) => this.logger.error(error),
        });
      });
    }
  }

  private originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    if (origin === undefined) {
      return true;
    }
    return this.origins().includes(origin.toLowerCase());
  }

  private origins(): string[] {
    if (this.allowedOrigins) {
      return this.allowedOrigins.map((origin) => origin.toLowerCase());
    }
    return ownOrigins(this.app.getHttpServer() as { address(): AddressInfo | string | null });
  }
}
