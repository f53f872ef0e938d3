import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { IdParam } from '../common/params.js';
import type { SessionView } from '../contracts/chat.js';
import {
  createSeriesSchema,
  moveSessionSchema,
  sessionFacilitatorSchema,
  seriesSignupSchema,
  type SeriesView,
} from '../contracts/session-series.js';
import { SessionSeriesService } from './session-series.service.js';

export class CreateSeriesDto extends createZodDto(createSeriesSchema) {}
export class SeriesSignupDto extends createZodDto(seriesSignupSchema) {}
export class MoveSessionDto extends createZodDto(moveSessionSchema) {}
export class SessionFacilitatorDto extends createZodDto(sessionFacilitatorSchema) {}

/** Recurring sessions: plan a series, sign up for it, move a meeting or name its facilitator. */
@ApiTags('sessions')
@ApiBearerAuth()
@Controller('groups/:slug')
export class SessionSeriesController {
  constructor(private readonly series: SessionSeriesService) {}

  @Post('session-series')
  create(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Body() body: CreateSeriesDto,
  ): Promise<SeriesView> {
    return this.series.create(actor, slug, body);
  }

  @Get('session-series')
  list(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<SeriesView[]> {
    return this.series.list(actor, slug);
  }

  @HttpCode(200)
  @Post('session-series/:id/signup')
  signUp(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('id') id: string,
    @Body() body: SeriesSignupDto,
  ): Promise<SeriesView> {
    return this.series.signUp(actor, slug, id, body);
  }

  @HttpCode(204)
  @Delete('session-series/:id/signup')
  async signOut(@CurrentActor() actor: Actor, @Param('slug') slug: string, @IdParam('id') id: string): Promise<void> {
    await this.series.signOut(actor, slug, id);
  }

  @Patch('sessions/:id')
  move(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('id') id: string,
    @Body() body: MoveSessionDto,
  ): Promise<SessionView> {
    return this.series.move(actor, slug, id, body);
  }

  @Put('sessions/:id/facilitator')
  setFacilitator(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('id') id: string,
    @Body() body: SessionFacilitatorDto,
  ): Promise<SessionView> {
    return this.series.setFacilitator(actor, slug, id, body.memberId);
  }
}
