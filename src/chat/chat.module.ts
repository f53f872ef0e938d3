import { Module, type OnModuleInit } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { BuddiesController } from '../buddies/buddies.controller.js';
import { BuddiesService } from '../buddies/buddies.service.js';
import { GroupsModule } from '../groups/groups.module.js';
import { ModerationContentRegistry } from '../moderation/moderation-content.registry.js';
import { ModerationModule } from '../moderation/moderation.module.js';
import { SessionFacilitation } from '../sessions/session-facilitation.js';
import { SessionSeriesController } from '../sessions/session-series.controller.js';
import { SessionSeriesService } from '../sessions/session-series.service.js';
import { SessionsController } from '../sessions/sessions.controller.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { ChatHistory } from './chat-history.js';
import { ChatLive } from './chat-live.js';
import { ChatModeration } from './chat-moderation.js';
import { ChatRetentionService } from './chat-retention.service.js';
import { ChatGateway } from './chat.gateway.js';
import { ChatService } from './chat.service.js';
import { Clock } from './clock.js';
import { GroupCommit } from './group-commit.js';
import { RoomFanout } from './room-fanout.js';
import { SendAccess } from './send-access.js';
import { SendQueue } from './send-queue.js';

/**
 * Live chat: group rooms (`chat/`), scheduled sessions (`sessions/`) and buddy chats (`buddies/`)
 * on one Socket.IO namespace, with the REST endpoints that plan sessions and pair buddies.
 * Messages are screened by the safety feature and moderated through the moderation feature's
 * registry (`message`); moderation reaches rooms, moderators and members live through `ChatModeration`.
 * `ChatLive` is exported for moderation: it cuts a member's live connections.
 */
@Module({
  imports: [AuthModule, GroupsModule, ModerationModule],
  controllers: [SessionsController, SessionSeriesController, BuddiesController],
  providers: [
    Clock,
    ChatLive,
    ChatService,
    ChatHistory,
    ChatModeration,
    ChatRetentionService,
    ChatGateway,
    RoomFanout,
    GroupCommit,
    SendAccess,
    SendQueue,
    SessionsService,
    SessionSeriesService,
    SessionFacilitation,
    BuddiesService,
  ],
  exports: [Clock, ChatLive, ChatService],
})
export class ChatModule implements OnModuleInit {
  constructor(
    private readonly registry: ModerationContentRegistry,
    private readonly moderation: ChatModeration,
  ) {}

  onModuleInit(): void {
    this.registry.register('message', this.moderation.messages);
  }
}
