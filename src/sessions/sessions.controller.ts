import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { IdParam } from '../common/params.js';
import { cancelSessionSchema, createSessionSchema, type SessionView } from '../contracts/chat.js';
import { SessionsService } from './sessions.service.js';

export class CreateSessionDto extends createZodDto(createSessionSchema) {}
export class CancelSessionDto extends createZodDto(cancelSessionSchema) {}

/** Scheduling and signing up for sessions; the sessions themselves happen on the `/chat` socket. */
@ApiTags('sessions')
@ApiBearerAuth()
@Controller('groups/:slug/sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Post()
  create(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Body() body: CreateSessionDto,
  ): Promise<SessionView> {
    return this.sessions.create(actor, slug, body);
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<SessionView[]> {
    return this.sessions.list(actor, slug);
  }

  @Get(':id')
  view(@CurrentActor() actor: Actor, @Param('slug') slug: string, @IdParam('id') id: string): Promise<SessionView> {
    return this.sessions.view(actor, slug, id);
  }

  @HttpCode(204)
  @Delete(':id')
  async cancel(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('id') id: string,
    @Body() body: CancelSessionDto,
  ): Promise<void> {
    await this.sessions.cancel(actor, slug, id, body.reason);
  }

  @HttpCode(200)
  @Post(':id/signup')
  signUp(@CurrentActor() actor: Actor, @Param('slug') slug: string, @IdParam('id') id: string): Promise<SessionView> {
    return this.sessions.signUp(actor, slug, id);
  }

  @HttpCode(204)
  @Delete(':id/signup')
  async signOut(@CurrentActor() actor: Actor, @Param('slug') slug: string, @IdParam('id') id: string): Promise<void> {
    await this.sessions.signOut(actor, slug, id);
  }
}
