import { Body, Controller, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import { type Actor, AdminOnly, CurrentActor, Public } from '../auth/actor.js';
import { IdParam } from '../common/params.js';
import {
  decideGroupProposalSchema,
  decideRuleProposalSchema,
  groupProposalSchema,
  type GroupProposalView,
  groupSettingsSchema,
  type GroupSettingsView,
  referralCardSchema,
  type ReferralCreated,
  referralLookupSchema,
  type ReferralLookup,
  referralSchema,
  type ReferralView,
  ruleProposalSchema,
  type RuleProposalView,
} from '../contracts/group-proposals.js';
import { GroupProposalsService } from './group-proposals.service.js';
import { GroupSettingsService } from './group-settings.service.js';
import { PublicUrl } from './public-url.js';
import { ReferralsService } from './referrals.service.js';
import { RuleProposalsService } from './rule-proposals.service.js';

export class GroupProposalDto extends createZodDto(groupProposalSchema) {}
export class DecideGroupProposalDto extends createZodDto(decideGroupProposalSchema) {}
export class RuleProposalDto extends createZodDto(ruleProposalSchema) {}
export class DecideRuleProposalDto extends createZodDto(decideRuleProposalSchema) {}
export class GroupSettingsDto extends createZodDto(groupSettingsSchema) {}
export class ReferralDto extends createZodDto(referralSchema) {}
export class ReferralCardDto extends createZodDto(referralCardSchema) {}
export class ReferralLookupDto extends createZodDto(referralLookupSchema) {}

/** Members propose new groups; admins decide. */
@ApiTags('group-proposals')
@ApiBearerAuth()
@Controller()
export class GroupProposalsController {
  constructor(private readonly proposals: GroupProposalsService) {}

  @Post('group-proposals')
  propose(@CurrentActor() actor: Actor, @Body() body: GroupProposalDto): Promise<GroupProposalView> {
    return this.proposals.propose(actor, body);
  }

  @Get('me/group-proposals')
  mine(@CurrentActor() actor: Actor): Promise<GroupProposalView[]> {
    return this.proposals.mine(actor);
  }

  @AdminOnly()
  @Get('admin/group-proposals')
  list(@CurrentActor() actor: Actor): Promise<GroupProposalView[]> {
    return this.proposals.list(actor);
  }

  @AdminOnly()
  @HttpCode(200)
  @Post('admin/group-proposals/:id/decision')
  decide(
    @CurrentActor() actor: Actor,
    @IdParam('id') id: string,
    @Body() body: DecideGroupProposalDto,
  ): Promise<GroupProposalView> {
    return this.proposals.decide(actor, id, body);
  }
}

/** Inside a group: pledge and rule proposals, newcomer settings, referral codes and their card. */
@ApiTags('groups')
@ApiBearerAuth()
@Controller('groups/:slug')
export class GroupSelfRunController {
  constructor(
    private readonly rules: RuleProposalsService,
    private readonly settings: GroupSettingsService,
    private readonly referrals: ReferralsService,
    private readonly publicUrl: PublicUrl,
  ) {}

  @Post('rule-proposals')
  proposeRule(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Body() body: RuleProposalDto,
  ): Promise<RuleProposalView> {
    return this.rules.propose(actor, slug, body);
  }

  @Get('rule-proposals')
  ruleProposals(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<RuleProposalView[]> {
    return this.rules.list(actor, slug);
  }

  @HttpCode(200)
  @Post('rule-proposals/:id/decision')
  decideRule(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('id') id: string,
    @Body() body: DecideRuleProposalDto,
  ): Promise<RuleProposalView> {
    return this.rules.decide(actor, slug, id, body);
  }

  @Get('settings')
  getSettings(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<GroupSettingsView> {
    return this.settings.get(actor, slug);
  }

  @Patch('settings')
  updateSettings(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Body() body: GroupSettingsDto,
  ): Promise<GroupSettingsView> {
    return this.settings.update(actor, slug, body);
  }

  @Post('referrals')
  createReferral(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Body() body: ReferralDto,
  ): Promise<ReferralCreated> {
    return this.referrals.create(actor, slug, body, this.publicUrl.origin());
  }

  @Get('referrals')
  listReferrals(@CurrentActor() actor: Actor, @Param('slug') slug: string): Promise<ReferralView[]> {
    return this.referrals.list(actor, slug);
  }

  /** The printable A6 card as SVG (a POST: the code stays out of URLs and logs). */
  @HttpCode(200)
  @Post('referrals/card')
  async card(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Body() body: ReferralCardDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const svg = await this.referrals.card(actor, slug, body.code, this.publicUrl.origin());
    void reply.header('Content-Type', 'image/svg+xml; charset=utf-8').header('Cache-Control', 'no-store');
    return svg;
  }
}

/** A short link's code, looked up by a guest before joining. */
@ApiTags('groups')
@Controller('referrals')
export class ReferralLookupController {
  constructor(private readonly referrals: ReferralsService) {}

  @Public()
  @HttpCode(200)
  @Post('lookup')
  lookup(@Body() body: ReferralLookupDto): Promise<ReferralLookup> {
    return this.referrals.lookup(body.code);
  }
}
