import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { ZodValidationPipe } from 'nestjs-zod';
import { type Actor, AdminOnly, CurrentActor } from '../auth/actor.js';
import { IdParam } from '../common/params.js';
import type {
  AuditEntry,
  MemberPick,
  ModerationActionRequest,
  Notice,
  QueueContext,
  QueueEntry,
} from '../contracts/moderation.js';
import { ActionsService } from './actions.service.js';
import { type AppealView, AppealsService } from './appeals.service.js';
import { CasesService } from './cases.service.js';
import {
  AppealDto,
  AppointModeratorDto,
  AuditQueryDto,
  BanDto,
  DecideAppealDto,
  DecideApplicationDto,
  MemberSearchDto,
  ModerationActionDto,
  ModeratorApplicationDto,
  ReportDto,
  ResolveCaseDto,
  WorryDto,
} from './moderation.dto.js';
import { ModeratorToolsService } from './moderator-tools.service.js';
import { type ApplicationView, ModeratorsService } from './moderators.service.js';
import { NoticesService } from './notices.service.js';

@ApiTags('moderation')
@ApiBearerAuth()
@Controller('groups/:slug')
export class ModerationController {
  constructor(
    private readonly cases: CasesService,
    private readonly actions: ActionsService,
    private readonly appeals: AppealsService,
    private readonly moderators: ModeratorsService,
    private readonly notices: NoticesService,
    private readonly tools: ModeratorToolsService,
  ) {}

  @HttpCode(202)
  @Post('reports')
  async report(@CurrentActor() actor: Actor, @Param('slug') slug: string, @Body() body: ReportDto): Promise<void> {
    await this.cases.report(actor, slug, body);
  }

  @HttpCode(202)
  @Post('worries')
  async worry(@CurrentActor() actor: Actor, @Param('slug') slug: string, @Body() body: WorryDto): Promise<void> {
    await this.cases.worry(actor, slug, body);
  }

  @Get('moderation/queue')
  queue(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<QueueEntry[]> {
    return this.cases.queue(actor, slug);
  }

  /** The lines around a reported chat message (audited each time it is read). */
  @Get('moderation/queue/:caseId/context')
  queueContext(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('caseId') caseId: string,
  ): Promise<QueueContext> {
    return this.tools.queueContext(actor, slug, caseId);
  }

  /** The member picker: part of an alias, this group's members only (moderators and admins). */
  @Get('moderation/members')
  members(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Query() query: MemberSearchDto,
  ): Promise<MemberPick[]> {
    return this.tools.searchMembers(actor, slug, query);
  }

  @HttpCode(200)
  @Post('moderation/queue/:caseId/claim')
  claim(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('caseId') caseId: string,
  ): Promise<QueueEntry> {
    return this.cases.claim(actor, slug, caseId);
  }

  @HttpCode(204)
  @Post('moderation/queue/:caseId/dismiss')
  async dismiss(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('caseId') caseId: string,
    @Body() body: ResolveCaseDto,
  ): Promise<void> {
    await this.cases.dismiss(actor, slug, caseId, body.resolution);
  }

  /** One endpoint for every action; the body is a union keyed by `action`. */
  @ApiBody({ type: ModerationActionDto })
  @Post('moderation/actions')
  act(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Body(new ZodValidationPipe(ModerationActionDto)) body: ModerationActionRequest,
  ): Promise<{ actionId: string }> {
    return this.actions.act(actor, slug, body);
  }

  @Get('moderation/audit')
  audit(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Query() query: AuditQueryDto,
  ): Promise<AuditEntry[]> {
    return this.actions.auditLog(actor, slug, query);
  }

  @Get('moderation/appeals')
  openAppeals(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<AppealView[]> {
    return this.appeals.openAppeals(actor, slug);
  }

  @HttpCode(204)
  @Post('moderation/appeals/:appealId/decision')
  async decideAppeal(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('appealId') appealId: string,
    @Body() body: DecideAppealDto,
  ): Promise<void> {
    await this.appeals.decide(actor, slug, appealId, body.decision, body.reason);
  }

  @Get('notices')
  myNotices(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<Notice[]> {
    return this.notices.list(actor, slug);
  }

  @HttpCode(204)
  @Post('notices/read')
  async markRead(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<void> {
    await this.notices.markRead(actor, slug);
  }

  @Post('appeals/:actionId')
  appeal(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('actionId') actionId: string,
    @Body() body: AppealDto,
  ): Promise<{ appealId: string }> {
    return this.appeals.appeal(actor, slug, actionId, body.text);
  }

  @Post('moderator-applications')
  apply(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Body() body: ModeratorApplicationDto,
  ): Promise<{ applicationId: string }> {
    return this.moderators.apply(actor, slug, body.motivation);
  }

  @AdminOnly()
  @HttpCode(204)
  @Post('moderators')
  async appoint(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Body() body: AppointModeratorDto,
  ): Promise<void> {
    await this.moderators.appoint(actor, slug, body.memberId, true);
  }

  @AdminOnly()
  @HttpCode(204)
  @Delete('moderators/:memberId')
  async dismissModerator(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('memberId') memberId: string,
  ): Promise<void> {
    await this.moderators.appoint(actor, slug, memberId, false);
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@AdminOnly()
@Controller('admin')
export class AdminModerationController {
  constructor(
    private readonly actions: ActionsService,
    private readonly moderators: ModeratorsService,
  ) {}

  /** Bans the account behind an alias, site-wide; the admin never learns its other aliases. */
  @HttpCode(204)
  @Post('bans')
  async ban(@CurrentActor() actor: Actor, @Body() body: BanDto): Promise<void> {
    await this.actions.ban(actor, body.group, body.memberId, body.reason);
  }

  @Get('moderator-applications')
  applications(@CurrentActor() actor: Actor): Promise<ApplicationView[]> {
    return this.moderators.openApplications(actor);
  }

  @HttpCode(204)
  @Post('moderator-applications/:id/decision')
  async decide(
    @CurrentActor() actor: Actor,
    @IdParam('id') id: string,
    @Body() body: DecideApplicationDto,
  ): Promise<void> {
    await this.moderators.decide(actor, id, body.approve);
  }
}
