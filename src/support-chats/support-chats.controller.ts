import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { IdParam } from '../common/params.js';
import { supportOfferSchema, type SupportChatView } from '../contracts/support-chats.js';
import { SupportChatsService } from './support-chats.service.js';

export class SupportOfferDto extends createZodDto(supportOfferSchema) {}

/** Offering, answering and closing a support conversation; the conversation itself happens on the `/chat` socket. */
@ApiTags('support-chats')
@ApiBearerAuth()
@Controller('groups/:slug/support-chats')
export class SupportChatsController {
  constructor(private readonly supportChats: SupportChatsService) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<SupportChatView[]> {
    return this.supportChats.list(actor, slug);
  }

  @Post()
  offer(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Body() body: SupportOfferDto,
  ): Promise<SupportChatView> {
    return this.supportChats.offer(actor, slug, body);
  }

  @HttpCode(200)
  @Post(':id/accept')
  accept(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('id') id: string,
  ): Promise<SupportChatView> {
    return this.supportChats.answer(actor, slug, id, true);
  }

  @HttpCode(200)
  @Post(':id/decline')
  decline(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('id') id: string,
  ): Promise<SupportChatView> {
    return this.supportChats.answer(actor, slug, id, false);
  }

  @HttpCode(200)
  @Post(':id/close')
  close(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('id') id: string,
  ): Promise<SupportChatView> {
    return this.supportChats.close(actor, slug, id);
  }
}
