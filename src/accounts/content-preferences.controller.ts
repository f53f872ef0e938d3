import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { type ContentPreferences, contentPreferencesSchema } from '../contracts/content-preferences.js';
import { ContentPreferencesService } from './content-preferences.service.js';

export class ContentPreferencesDto extends createZodDto(contentPreferencesSchema) {}

/** The member's own reading preferences: folding warned text, and personal hidden words. */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me/content-preferences')
export class ContentPreferencesController {
  constructor(private readonly preferences: ContentPreferencesService) {}

  @Get()
  get(@CurrentActor() actor: Actor): Promise<ContentPreferences> {
    return this.preferences.get(actor);
  }

  @Put()
  set(@CurrentActor() actor: Actor, @Body() body: ContentPreferencesDto): Promise<ContentPreferences> {
    return this.preferences.set(actor, body);
  }
}
