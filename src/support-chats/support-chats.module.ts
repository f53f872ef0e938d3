import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ChatModule } from '../chat/chat.module.js';
import { CrisisModule } from '../crisis/crisis.module.js';
import { GroupsModule } from '../groups/groups.module.js';
import { ModerationModule } from '../moderation/moderation.module.js';
import { SupportChatAccess } from './support-chat-access.js';
import { SupportChatsController } from './support-chats.controller.js';
import { SupportChatsService } from './support-chats.service.js';

/**
 * Private support conversations between a volunteer who claimed a crisis case and the member it is
 * about: offers and answers over REST, the conversation in a `support` room of the chat feature.
 */
@Module({
  imports: [AccountsModule, GroupsModule, ModerationModule, ChatModule, CrisisModule],
  controllers: [SupportChatsController],
  providers: [SupportChatAccess, SupportChatsService],
})
export class SupportChatsModule {}
