import { UseFilters } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { ZodValidationPipe } from 'nestjs-zod';
import { Public } from '../auth/actor.js';
import { actorOf, type ChatNamespace, type ChatSocket } from '../chat/chat-sockets.js';
import { WsExceptionFilter } from '../common/ws-exception.filter.js';
import { type Ack, CHAT_NAMESPACE } from '../contracts/chat.js';
import { type ForumRoom, forumRoomSchema } from '../contracts/forums.js';
import { ForumLive } from './forum-live.js';

/**
 * The live forum's events on the `/chat` namespace: the chat gateway's handshake has
 * authenticated the connection (and cuts it on logout or ban); this gateway only follows rooms.
 */
@Public()
@UseFilters(WsExceptionFilter)
@WebSocketGateway({ namespace: CHAT_NAMESPACE })
export class ForumLiveGateway implements OnGatewayInit<ChatNamespace> {
  constructor(private readonly live: ForumLive) {}

  afterInit(namespace: ChatNamespace): void {
    this.live.attach(namespace);
  }

  /** Follows a thread (`threadId`) or the forum's list: refused exactly as reading it is. */
  @SubscribeMessage('forum:join')
  async join(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody(new ZodValidationPipe(forumRoomSchema)) body: ForumRoom,
  ): Promise<Ack> {
    await this.live.join(actorOf(socket), socket, body);
    return { ok: true };
  }

  @SubscribeMessage('forum:leave')
  async leave(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody(new ZodValidationPipe(forumRoomSchema)) body: ForumRoom,
  ): Promise<Ack> {
    await this.live.leave(socket, body);
    return { ok: true };
  }
}
