import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../auth/actor.js';
import type { AskedForPerson } from '../contracts/crisis.js';
import { CrisisAskService } from './crisis-ask.service.js';
import { AskForPersonDto } from './crisis.dto.js';

/** A member asks for a person to talk to, in a group of theirs. */
@ApiTags('crisis')
@ApiBearerAuth()
@Controller('groups/:slug/crisis')
export class CrisisAskController {
  constructor(private readonly asks: CrisisAskService) {}

  @HttpCode(200)
  @Post('ask')
  ask(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Body() body: AskForPersonDto,
  ): Promise<AskedForPerson> {
    return this.asks.ask(actor, slug, body.note);
  }
}
