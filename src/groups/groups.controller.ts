import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type Actor, AdminOnly, CurrentActor, Public } from '../auth/actor.js';
import { IdParam } from '../common/params.js';
import type { DirectoryEntry } from '../contracts/group-info.js';
import type { GroupDetail, MemberRef, MyMembership } from '../contracts/groups.js';
import { DirectoryQueryDto } from './group-info.dto.js';
import { GroupInfoService } from './group-info.service.js';
import {
  AcceptPledgeDto,
  CreateGroupDto,
  DecideJoinRequestDto,
  JoinGroupDto,
  LeaveGroupDto,
  MuteDto,
  UpdateGroupDto,
} from './groups.dto.js';
import { GroupsService } from './groups.service.js';
import { MembershipService } from './membership.service.js';

@ApiTags('groups')
@ApiBearerAuth()
@Controller('groups')
export class GroupsController {
  constructor(
    private readonly groups: GroupsService,
    private readonly memberships: MembershipService,
    private readonly info: GroupInfoService,
  ) {}

  /** The directory, searched (`q`: name, description, topic words) and filtered by category, audience, language. */
  @Public()
  @Get()
  directory(@Query() query: DirectoryQueryDto): Promise<DirectoryEntry[]> {
    return this.info.directory(query);
  }

  @Public()
  @Get(':slug')
  detail(@Param('slug') slug: string): Promise<GroupDetail> {
    return this.groups.detail(slug);
  }

  @AdminOnly()
  @Post()
  create(@Body() body: CreateGroupDto): Promise<GroupDetail> {
    return this.groups.create(body);
  }

  @AdminOnly()
  @Patch(':slug')
  update(@Param('slug') slug: string, @Body() body: UpdateGroupDto): Promise<GroupDetail> {
    return this.groups.update(slug, body);
  }

  @AdminOnly()
  @HttpCode(204)
  @Post(':slug/archive')
  async archive(@Param('slug') slug: string): Promise<void> {
    await this.groups.archive(slug);
  }

  /** 201 with an active membership, or 202 with a pending one (a closed group without invite). */
  @Post(':slug/join')
  async join(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Body() body: JoinGroupDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MyMembership> {
    const membership = await this.memberships.join(actor, slug, body);
    void reply.status(membership.status === 'pending' ? 202 : 201);
    return membership;
  }

  @HttpCode(200)
  @Post(':slug/pledge')
  acceptPledge(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Body() _body: AcceptPledgeDto,
  ): Promise<MyMembership> {
    return this.memberships.acceptPledge(actor, slug);
  }

  @HttpCode(204)
  @Post(':slug/leave')
  async leave(@CurrentActor() actor: Actor, @Param('slug') slug: string, @Body() body: LeaveGroupDto): Promise<void> {
    await this.memberships.leave(actor, slug, body.erase);
  }

  @Get(':slug/membership')
  membership(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<MyMembership> {
    return this.memberships.myMembership(actor, slug);
  }

  @Get(':slug/mutes')
  mutes(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<MemberRef[]> {
    return this.memberships.listMutes(actor, slug);
  }

  @HttpCode(204)
  @Post(':slug/mutes')
  async mute(@CurrentActor() actor: Actor, @Param('slug') slug: string, @Body() body: MuteDto): Promise<void> {
    await this.memberships.mute(actor, slug, body.memberId);
  }

  @HttpCode(204)
  @Delete(':slug/mutes/:memberId')
  async unmute(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('memberId') memberId: string,
  ): Promise<void> {
    await this.memberships.unmute(actor, slug, memberId);
  }

  @Get(':slug/join-requests')
  joinRequests(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<MemberRef[]> {
    return this.memberships.pendingRequests(actor, slug);
  }

  @HttpCode(204)
  @Post(':slug/join-requests/:memberId')
  async decide(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('memberId') memberId: string,
    @Body() body: DecideJoinRequestDto,
  ): Promise<void> {
    await this.memberships.decideRequest(actor, slug, memberId, body.approve, body.reason ?? '');
  }

  @Post(':slug/invites')
  invite(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
  ): Promise<{ code: string; expiresAt: string; uses: number }> {
    return this.memberships.createInvite(actor, slug);
  }
}

@ApiTags('me')
@ApiBearerAuth()
@Controller('me/groups')
export class MyGroupsController {
  constructor(private readonly memberships: MembershipService) {}

  /** The account's own memberships, aliases side by side: for its holder's eyes only. */
  @Get()
  list(@CurrentActor() actor: Actor): Promise<MyMembership[]> {
    return this.memberships.myMemberships(actor);
  }
}
