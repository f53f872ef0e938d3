import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { IdParam } from '../common/params.js';
import {
  type AnsweredHostQuestion,
  answerHostQuestionSchema,
  type AskedHostQuestion,
  askHostSchema,
  type HostAskStatus,
  type HostQuestionView,
  type HostsView,
  removeHostSchema,
} from '../contracts/hosts.js';
import { HostsService } from './hosts.service.js';

export class AskHostDto extends createZodDto(askHostSchema) {}
export class AnswerHostQuestionDto extends createZodDto(answerHostQuestionSchema) {}
export class RemoveHostDto extends createZodDto(removeHostSchema) {}

/** A group's hosts: volunteering, a moderator's removal, the newcomer's one question and the hosts' inbox. */
@ApiTags('groups')
@ApiBearerAuth()
@Controller('groups/:slug/hosts')
export class HostsController {
  constructor(private readonly hosts: HostsService) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<HostsView> {
    return this.hosts.hosts(actor, slug);
  }

  @HttpCode(200)
  @Post('me')
  volunteer(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<HostsView> {
    return this.hosts.volunteer(actor, slug);
  }

  @Delete('me')
  stepDown(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<HostsView> {
    return this.hosts.stepDown(actor, slug);
  }

  @HttpCode(204)
  @Delete(':memberId')
  async remove(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('memberId') memberId: string,
    @Body() body: RemoveHostDto,
  ): Promise<void> {
    await this.hosts.remove(actor, slug, memberId, body.reason);
  }

  @Get('ask')
  askStatus(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<HostAskStatus> {
    return this.hosts.askStatus(actor, slug);
  }

  @Post('ask')
  ask(@CurrentActor() actor: Actor, @Param('slug') slug: string, @Body() body: AskHostDto): Promise<AskedHostQuestion> {
    return this.hosts.ask(actor, slug, body.question);
  }

  @Get('questions')
  inbox(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<HostQuestionView[]> {
    return this.hosts.inbox(actor, slug);
  }

  @HttpCode(200)
  @Post('questions/:id/answer')
  answer(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('id') id: string,
    @Body() body: AnswerHostQuestionDto,
  ): Promise<AnsweredHostQuestion> {
    return this.hosts.answer(actor, slug, id, body.answer);
  }
}
