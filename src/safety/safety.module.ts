import { Body, Controller, Delete, Get, HttpCode, Module, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { IdParam } from '../common/params.js';
import { watchedWordSchema } from '../contracts/moderation.js';
import { GroupsModule } from '../groups/groups.module.js';
import { CrisisAuditLog } from '../crisis/crisis-audit.service.js';
import { SafetyService } from './safety.service.js';
import { type WatchedWordView, WatchedWordsService } from './watched-words.service.js';

class WatchedWordDto extends createZodDto(watchedWordSchema) {}

@ApiTags('moderation')
@ApiBearerAuth()
@Controller()
export class WatchedWordsController {
  constructor(private readonly words: WatchedWordsService) {}

  @Get('groups/:slug/watched-words')
  list(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<WatchedWordView[]> {
    return this.words.listForGroup(actor, slug);
  }

  @Post('groups/:slug/watched-words')
  add(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Body() body: WatchedWordDto,
  ): Promise<WatchedWordView> {
    return this.words.addToGroup(actor, slug, body.phrase, body.action);
  }

  @HttpCode(204)
  @Delete('groups/:slug/watched-words/:id')
  async remove(@CurrentActor() actor: Actor, @Param('slug') slug: string, @IdParam('id') id: string): Promise<void> {
    await this.words.removeFromGroup(actor, slug, id);
  }

  @Get('admin/watched-words')
  listSite(@CurrentActor() actor: Actor): Promise<WatchedWordView[]> {
    return this.words.listSite(actor);
  }

  @Post('admin/watched-words')
  addSite(@CurrentActor() actor: Actor, @Body() body: WatchedWordDto): Promise<WatchedWordView> {
    return this.words.addSite(actor, body.phrase, body.action);
  }

  @HttpCode(204)
  @Delete('admin/watched-words/:id')
  async removeSite(@CurrentActor() actor: Actor, @IdParam('id') id: string): Promise<void> {
    await this.words.removeSite(actor, id);
  }
}

@Module({
  imports: [GroupsModule],
  controllers: [WatchedWordsController],
  // CrisisAuditLog keeps no state: the site-wide audit's one writer, provided here too (CrisisModule imports chat, which imports safety).
  providers: [SafetyService, WatchedWordsService, CrisisAuditLog],
  exports: [SafetyService],
})
export class SafetyModule {}
