import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { IdParam } from '../common/params.js';
import {
  type NotificationList,
  type NotificationSettings,
  notificationSettingsSchema,
  type PushKeyView,
  pushStatusQuerySchema,
  pushSubscribeSchema,
  pushUnsubscribeSchema,
  readAllQuerySchema,
  type UnreadCounts,
} from '../contracts/notifications.js';
import { NotificationsService } from './notifications.service.js';
import { PushService } from './push.service.js';

export class NotificationSettingsDto extends createZodDto(notificationSettingsSchema) {}
export class PushSubscribeDto extends createZodDto(pushSubscribeSchema) {}
export class PushUnsubscribeDto extends createZodDto(pushUnsubscribeSchema) {}
export class PushStatusQueryDto extends createZodDto(pushStatusQuerySchema) {}
export class ReadAllQueryDto extends createZodDto(readAllQuerySchema) {}

/** The member's own notifications, read marks, settings per kind and push opt-in of this device. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly push: PushService,
  ) {}

  @Get()
  list(@CurrentActor() actor: Actor): Promise<NotificationList> {
    return this.notifications.list(actor);
  }

  @Get('unread')
  unread(@CurrentActor() actor: Actor): Promise<UnreadCounts> {
    return this.notifications.unread(actor);
  }

  @HttpCode(204)
  @Post('read-all')
  markAllRead(@CurrentActor() actor: Actor, @Query() query: ReadAllQueryDto): Promise<void> {
    return this.notifications.markAllRead(actor, query.group);
  }

  @HttpCode(204)
  @Post(':id/read')
  markRead(@CurrentActor() actor: Actor, @IdParam('id') id: string): Promise<void> {
    return this.notifications.markRead(actor, id);
  }

  @Get('settings')
  settings(@CurrentActor() actor: Actor): Promise<NotificationSettings> {
    return this.notifications.settings(actor);
  }

  @Put('settings')
  updateSettings(@CurrentActor() actor: Actor, @Body() body: NotificationSettingsDto): Promise<NotificationSettings> {
    return this.notifications.updateSettings(actor, body);
  }

  @Get('push')
  async pushKey(@CurrentActor() actor: Actor, @Query() query: PushStatusQueryDto): Promise<PushKeyView> {
    const subscribed = query.endpoint ? await this.push.holds(actor, query.endpoint) : false;
    return { publicKey: this.push.publicKey, subscribed };
  }

  @HttpCode(204)
  @Put('push')
  subscribe(@CurrentActor() actor: Actor, @Body() body: PushSubscribeDto): Promise<void> {
    return this.push.subscribe(actor, body);
  }

  @HttpCode(204)
  @Post('push/unsubscribe')
  unsubscribe(@CurrentActor() actor: Actor, @Body() body: PushUnsubscribeDto): Promise<void> {
    return this.push.unsubscribe(actor.accountId, body.endpoint);
  }
}
