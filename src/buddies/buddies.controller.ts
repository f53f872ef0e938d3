import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { IdParam } from '../common/params.js';
import {
  type BuddyAvailabilityView,
  buddyAvailabilitySchema,
  type BuddyPairView,
  buddyRequestSchema,
  type ChatMember,
} from '../contracts/chat.js';
import type { BuddyEligibility } from '../contracts/group-proposals.js';
import { BuddiesService } from './buddies.service.js';

export class BuddyAvailabilityDto extends createZodDto(buddyAvailabilitySchema) {}
export class BuddyRequestDto extends createZodDto(buddyRequestSchema) {}

/** Offering, asking and answering; the buddy chat itself happens on the `/chat` socket. */
@ApiTags('buddies')
@ApiBearerAuth()
@Controller('groups/:slug/buddies')
export class BuddiesController {
  constructor(private readonly buddies: BuddiesService) {}

  @Get()
  available(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<ChatMember[]> {
    return this.buddies.available(actor, slug);
  }

  @Get('eligibility')
  eligibility(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<BuddyEligibility> {
    return this.buddies.eligibility(actor, slug);
  }

  @Get('me')
  availability(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<BuddyAvailabilityView> {
    return this.buddies.availability(actor, slug);
  }

  @Put('me')
  offer(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Body() body: BuddyAvailabilityDto,
  ): Promise<BuddyAvailabilityView> {
    return this.buddies.offer(actor, slug, body);
  }

  @HttpCode(204)
  @Delete('me')
  async withdraw(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<void> {
    await this.buddies.withdrawOffer(actor, slug);
  }

  @Get('pairs')
  pairs(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<BuddyPairView[]> {
    return this.buddies.pairs(actor, slug);
  }

  @Post('requests')
  request(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Body() body: BuddyRequestDto,
  ): Promise<BuddyPairView> {
    return this.buddies.request(actor, slug, body);
  }

  @HttpCode(200)
  @Post('pairs/:id/accept')
  accept(@CurrentActor() actor: Actor, @Param('slug') slug: string, @IdParam('id') id: string): Promise<BuddyPairView> {
    return this.buddies.answer(actor, slug, id, true);
  }

  @HttpCode(200)
  @Post('pairs/:id/decline')
  decline(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('id') id: string,
  ): Promise<BuddyPairView> {
    return this.buddies.answer(actor, slug, id, false);
  }

  @HttpCode(200)
  @Post('pairs/:id/end')
  end(@CurrentActor() actor: Actor, @Param('slug') slug: string, @IdParam('id') id: string): Promise<BuddyPairView> {
    return this.buddies.end(actor, slug, id);
  }

  @HttpCode(200)
  @Post('pairs/:id/block')
  block(@CurrentActor() actor: Actor, @Param('slug') slug: string, @IdParam('id') id: string): Promise<BuddyPairView> {
    return this.buddies.block(actor, slug, id);
  }
}
