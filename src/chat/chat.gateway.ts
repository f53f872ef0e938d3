import { Logger, UseFilters } from '@nestjs/common';
import {
  Ack,
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { ZodValidationPipe } from 'nestjs-zod';
import { Public } from '../auth/actor.js';
import { DomainError } from '../common/domain-error.js';
import { WsExceptionFilter } from '../common/ws-exception.filter.js';
import { isDatabaseUnavailable } from '../database/database-unavailable.js';
import {
  type Ack as AckOf,
  type AuthRefreshRequest,
  authRefreshSchema,
  CHAT_NAMESPACE,
  type ChatMember,
  type ChatMessage,
  CLIENT_EVENTS,
  type MessageSendRequest,
  messageSendSchema,
  type MessageSent,
  type RoomHistoryRequest,
  roomHistorySchema,
  type RoomJoined,
  type RoomJoinRequest,
  roomJoinSchema,
  type RoomRef,
  roomRefSchema,
  type SessionFloorRequest,
  sessionFloorSchema,
  type SessionHandRequest,
  sessionHandSchema,
  type SessionLiveState,
  type SessionNextRequest,
  sessionNextSchema,
  type SessionPhaseRequest,
  sessionPhaseSchema,
  type SlowModeRequest,
  slowModeSchema,
} from '../contracts/chat.js';
import { SessionFacilitation } from '../sessions/session-facilitation.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { ChatLive } from './chat-live.js';
import { actorOf, type ChatNamespace, type ChatSocket } from './chat-sockets.js';
import { ChatService } from './chat.service.js';
import { RoomFanout } from './room-fanout.js';
import { SendAccess } from './send-access.js';
import { SendQueue } from './send-queue.js';

const KNOWN_EVENTS = new Set<string>(CLIENT_EVENTS);

/**
 * The `/chat` namespace. The handshake carries the access token in `auth.token`; each event is
 * validated against its contract and answered through its acknowledgement, errors included (the
 * WS filter). The HTTP JWT guard does not apply (`@Public`): the handshake authenticated the socket.
 */
@Public()
@UseFilters(WsExceptionFilter)
@WebSocketGateway({ namespace: CHAT_NAMESPACE })
export class ChatGateway implements OnGatewayInit<ChatNamespace>, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(ChatGateway.name);

  constructor(
    private readonly live: ChatLive,
    private readonly chat: ChatService,
    private readonly sessions: SessionsService,
    private readonly facilitation: SessionFacilitation,
    private readonly fanout: RoomFanout,
    private readonly sendQueue: SendQueue,
    private readonly sendAccess: SendAccess,
  ) {}

  afterInit(namespace: ChatNamespace): void {
    this.live.attach(namespace);
    this.fanout.attach(namespace);
    namespace.use((socket, next) => {
      this.live.authenticate(socket).then(
        () => next(),
        (error: unknown) => {
          if (error instanceof DomainError) {
            // The same answer for no token, a bad one and an expired one.
            next(new Error('unauthorized'));
            return;
          }
          // Not the token's fault: a client must not drop a good token, and should try again later.
          if (isDatabaseUnavailable(error)) {
            next(new Error('service_unavailable'));
            return;
          }
          this.logger.error(
            { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) },
            'Socket handshake failed',
          );
          next(new Error('internal'));
        },
      );
    });
  }

  async handleConnection(socket: ChatSocket): Promise<void> {
    // An event this server does not know still gets an answer, so a client never waits in vain.
    socket.onAny((event: string, ...args: unknown[]) => {
      const ack = args.at(-1);
      if (!KNOWN_EVENTS.has(event) && typeof ack === 'function') {
        (ack as (answer: AckOf) => void)({ ok: false, error: { code: 'not_found', message: 'Unknown event.' } });
      }
    });
    await this.live.connected(socket);
  }

  async handleDisconnect(socket: ChatSocket): Promise<void> {
    this.sendAccess.forgetConnection(socket);
    await this.live.disconnected(socket);
  }

  @SubscribeMessage('room:join')
  async join(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody(new ZodValidationPipe(roomJoinSchema)) body: RoomJoinRequest,
    @Ack() ack: (answer: AckOf<RoomJoined>) => void,
  ): Promise<void> {
    await this.chat.join(actorOf(socket), socket, body, ack);
  }

  @SubscribeMessage('room:leave')
  async leave(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody(new ZodValidationPipe(roomRefSchema)) body: RoomRef,
  ): Promise<AckOf> {
    await this.chat.leave(socket, body);
    return { ok: true };
  }

  @SubscribeMessage('message:send')
  async send(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody(new ZodValidationPipe(messageSendSchema)) body: MessageSendRequest,
  ): Promise<AckOf<MessageSent>> {
    return { ok: true, ...(await this.sendQueue.run(() => this.chat.send(actorOf(socket), socket, body))) };
  }

  @SubscribeMessage('room:history')
  async history(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody(new ZodValidationPipe(roomHistorySchema)) body: RoomHistoryRequest,
  ): Promise<AckOf<{ history: ChatMessage[] }>> {
    return { ok: true, ...(await this.chat.history(actorOf(socket), body)) };
  }

  @SubscribeMessage('typing')
  async typing(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody(new ZodValidationPipe(roomRefSchema)) body: RoomRef,
  ): Promise<AckOf> {
    await this.chat.typing(socket, body);
    return { ok: true };
  }

  @SubscribeMessage('room:slow-mode')
  async slowMode(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody(new ZodValidationPipe(slowModeSchema)) body: SlowModeRequest,
  ): Promise<AckOf<{ seconds: number }>> {
    return { ok: true, ...(await this.chat.setSlowMode(actorOf(socket), body)) };
  }

  @SubscribeMessage('session:floor')
  async floor(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody(new ZodValidationPipe(sessionFloorSchema)) body: SessionFloorRequest,
  ): Promise<AckOf<{ floor: ChatMember | null }>> {
    return { ok: true, ...(await this.sessions.giveFloor(actorOf(socket), body)) };
  }

  @SubscribeMessage('session:phase')
  async phase(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody(new ZodValidationPipe(sessionPhaseSchema)) body: SessionPhaseRequest,
  ): Promise<AckOf<{ state: SessionLiveState }>> {
    return { ok: true, ...(await this.facilitation.setPhase(actorOf(socket), body)) };
  }

  @SubscribeMessage('session:next')
  async next(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody(new ZodValidationPipe(sessionNextSchema)) body: SessionNextRequest,
  ): Promise<AckOf<{ state: SessionLiveState }>> {
    return { ok: true, ...(await this.facilitation.next(actorOf(socket), body)) };
  }

  @SubscribeMessage('session:hand')
  async hand(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody(new ZodValidationPipe(sessionHandSchema)) body: SessionHandRequest,
  ): Promise<AckOf<{ state: SessionLiveState }>> {
    return { ok: true, ...(await this.facilitation.hand(actorOf(socket), body)) };
  }

  @SubscribeMessage('auth:refresh')
  async refresh(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody(new ZodValidationPipe(authRefreshSchema)) body: AuthRefreshRequest,
  ): Promise<AckOf<{ expiresAt: string }>> {
    return { ok: true, ...(await this.live.refresh(socket, body.token)) };
  }
}
