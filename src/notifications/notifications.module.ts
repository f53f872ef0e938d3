import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ChatModule } from '../chat/chat.module.js';
import { GroupsModule } from '../groups/groups.module.js';
import { NotificationSources } from './notification-sources.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { PushService } from './push.service.js';

/** In-app notifications (no email, by design), live on the chat socket and as a content-free Web Push. */
@Module({
  imports: [AccountsModule, GroupsModule, ChatModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationSources, PushService],
  exports: [NotificationsService],
})
export class NotificationsModule {}
