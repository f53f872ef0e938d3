import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { moderatorStatusSchema, type ModeratorStatusView } from '../contracts/group-proposals.js';
import { ModeratorStatusService } from './moderator-status.service.js';

export class ModeratorStatusDto extends createZodDto(moderatorStatusSchema) {}

/** A moderator steps down, pauses or resumes themselves. */
@ApiTags('moderation')
@ApiBearerAuth()
@Controller('groups/:slug/moderators/me')
export class ModeratorStatusController {
  constructor(private readonly status: ModeratorStatusService) {}

  @Get()
  get(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<ModeratorStatusView> {
    return this.status.status(actor, slug);
  }

  @HttpCode(200)
  @Post('step-down')
  stepDown(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Body() body: ModeratorStatusDto,
  ): Promise<ModeratorStatusView> {
    return this.status.stepDown(actor, slug, body.reason);
  }

  @HttpCode(200)
  @Post('pause')
  pause(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Body() body: ModeratorStatusDto,
  ): Promise<ModeratorStatusView> {
    return this.status.pause(actor, slug, true, body.reason);
  }

  @HttpCode(200)
  @Post('resume')
  resume(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Body() body: ModeratorStatusDto,
  ): Promise<ModeratorStatusView> {
    return this.status.pause(actor, slug, false, body.reason);
  }
}
