import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { BuddiesController } from '../buddies/buddies.controller.js';
import { BuddiesService } from '../buddies/buddies.service.js';
import { GroupsModule } from '../groups/groups.module.js';
import { SessionsController } from '../sessions/sessions.controller.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { ChatLive } from './chat-live.js';
import { ChatRetentionService } from './chat-retention.service.js';
import { ChatGateway } from './chat.gateway.js';
import { ChatService } from './chat.service.js';
import { Clock } from './clock.js';

/**
 * Live chat: group rooms (`chat/`), scheduled sessions (`sessions/`) and buddy chats (`buddies/`)
 * on one Socket.IO namespace, with the REST endpoints that plan sessions and pair buddies.
 * `ChatLive` is exported for moderation: it cuts a member's live connections.
 */
@Module({
  imports: [AuthModule, GroupsModule],
  controllers: [SessionsController, BuddiesController],
  providers: [Clock, ChatLive, ChatService, ChatRetentionService, ChatGateway, SessionsService, BuddiesService],
  exports: [Clock, ChatLive, ChatService],
})
export class ChatModule {}
