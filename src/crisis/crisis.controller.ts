import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, AdminOnly, CurrentActor } from '../auth/actor.js';
import { IdParam } from '../common/params.js';
import type {
  CrisisAuditEntry,
  CrisisCaseContext,
  CrisisCoverage,
  CrisisDeskEntry,
  CrisisResponderView,
  DutyView,
} from '../contracts/crisis.js';
import type { AppealView } from '../moderation/appeals.service.js';
import { CoverageService } from './coverage.service.js';
import { CrisisAppealsService } from './crisis-appeals.service.js';
import { CrisisAuditLog } from './crisis-audit.service.js';
import { CrisisDeskService } from './crisis-desk.service.js';
import { CrisisEscalation } from './crisis-escalation.service.js';
import {
  AppointResponderDto,
  DecideCrisisAppealDto,
  DutyDto,
  ResolveCrisisDto,
  RevokeResponderDto,
  RotaDto,
} from './crisis.dto.js';
import { RespondersService } from './responders.service.js';

/** The crisis desk for responders (admins may look), and duty for responders and group moderators. */
@ApiTags('crisis')
@ApiBearerAuth()
@Controller('crisis')
export class CrisisController {
  constructor(
    private readonly desk: CrisisDeskService,
    private readonly escalation: CrisisEscalation,
    private readonly responders: RespondersService,
    private readonly appeals: CrisisAppealsService,
  ) {}

  @Get('desk')
  list(@CurrentActor() actor: Actor): Promise<CrisisDeskEntry[]> {
    return this.desk.desk(actor);
  }

  @Get('desk/:caseId/context')
  context(@CurrentActor() actor: Actor, @IdParam('caseId') caseId: string): Promise<CrisisCaseContext> {
    return this.desk.context(actor, caseId);
  }

  @HttpCode(200)
  @Post('desk/:caseId/claim')
  claim(@CurrentActor() actor: Actor, @IdParam('caseId') caseId: string): Promise<CrisisDeskEntry> {
    return this.desk.claim(actor, caseId);
  }

  @HttpCode(200)
  @Post('desk/:caseId/release')
  release(@CurrentActor() actor: Actor, @IdParam('caseId') caseId: string): Promise<CrisisDeskEntry> {
    return this.desk.release(actor, caseId);
  }

  @HttpCode(200)
  @Post('desk/:caseId/resolve')
  resolve(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @Body() body: ResolveCrisisDto,
  ): Promise<CrisisDeskEntry> {
    return this.desk.resolve(actor, caseId, body.resolution);
  }

  @Get('duty')
  duty(@CurrentActor() actor: Actor): Promise<DutyView> {
    return this.responders.duty(actor);
  }

  @Put('duty')
  setDuty(@CurrentActor() actor: Actor, @Body() body: DutyDto): Promise<DutyView> {
    return this.escalation.setDuty(actor, body.onDuty);
  }

  @Put('rota')
  setRota(@CurrentActor() actor: Actor, @Body() body: RotaDto): Promise<DutyView> {
    return this.responders.setRota(actor, body);
  }

  /** Appeals no group moderator may decide (against the only moderator, or the one who acted). */
  @Get('appeals')
  openAppeals(@CurrentActor() actor: Actor): Promise<AppealView[]> {
    return this.appeals.open(actor);
  }

  @HttpCode(204)
  @Post('appeals/:appealId/decision')
  async decideAppeal(
    @CurrentActor() actor: Actor,
    @IdParam('appealId') appealId: string,
    @Body() body: DecideCrisisAppealDto,
  ): Promise<void> {
    await this.appeals.decide(actor, appealId, body.decision, body.reason);
  }
}

/** Admins: appoint and revoke responders, coverage, the desk's audit log. */
@ApiTags('admin')
@ApiBearerAuth()
@AdminOnly()
@Controller('admin/crisis')
export class AdminCrisisController {
  constructor(
    private readonly responders: RespondersService,
    private readonly coverageService: CoverageService,
    private readonly audit: CrisisAuditLog,
  ) {}

  @Get('responders')
  list(@CurrentActor() actor: Actor): Promise<CrisisResponderView[]> {
    return this.responders.list(actor);
  }

  @Post('responders')
  appoint(@CurrentActor() actor: Actor, @Body() body: AppointResponderDto): Promise<CrisisResponderView> {
    return this.responders.appoint(actor, body);
  }

  @HttpCode(204)
  @Post('responders/:responderId/revoke')
  async revoke(
    @CurrentActor() actor: Actor,
    @IdParam('responderId') responderId: string,
    @Body() body: RevokeResponderDto,
  ): Promise<void> {
    await this.responders.revoke(actor, responderId, body.reason);
  }

  @Get('coverage')
  coverage(@CurrentActor() actor: Actor): Promise<CrisisCoverage> {
    return this.coverageService.coverage(actor);
  }

  @Get('audit')
  auditLog(@CurrentActor() actor: Actor): Promise<CrisisAuditEntry[]> {
    return this.audit.list(actor);
  }
}
