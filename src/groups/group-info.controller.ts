import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, AdminOnly, CurrentActor, Public } from '../auth/actor.js';
import type { GroupInfo, GroupWelcome } from '../contracts/group-info.js';
import { PairGroupDto, UpdateGroupInfoDto } from './group-info.dto.js';
import { GroupInfoService } from './group-info.service.js';

/** A group's information page (guests read it, its moderators edit it), its pairing and the newcomer's welcome. */
@ApiTags('groups')
@ApiBearerAuth()
@Controller('groups/:slug')
export class GroupInfoController {
  constructor(private readonly info: GroupInfoService) {}

  @Public()
  @Get('info')
  read(@Param('slug') slug: string): Promise<GroupInfo> {
    return this.info.info(slug);
  }

  @Patch('info')
  update(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Body() body: UpdateGroupInfoDto,
  ): Promise<GroupInfo> {
    return this.info.updateInfo(actor, slug, body);
  }

  @AdminOnly()
  @Put('pair')
  pair(@Param('slug') slug: string, @Body() body: PairGroupDto): Promise<GroupInfo> {
    return this.info.pair(slug, body.with);
  }

  @AdminOnly()
  @HttpCode(204)
  @Delete('pair')
  async unpair(@Param('slug') slug: string): Promise<void> {
    await this.info.unpair(slug);
  }

  @Get('welcome')
  welcome(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<GroupWelcome> {
    return this.info.welcome(actor, slug);
  }

  @HttpCode(204)
  @Post('welcome/dismiss')
  async dismissWelcome(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<void> {
    await this.info.dismissWelcome(actor, slug);
  }
}
