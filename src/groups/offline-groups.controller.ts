import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { type Actor, AdminOnly, CurrentActor, Public } from '../auth/actor.js';
import type { OfflineGroupEntry, OfflineImportResult } from '../contracts/offline-groups.js';
import { OFFLINE_IMPORT_BODY_LIMIT_BYTES, offlineImportSchema } from '../contracts/offline-groups.js';
import { routeBodyLimit } from '../common/body-limit.js';
import { DirectoryQueryDto } from './group-info.dto.js';
import { OfflineGroupsService } from './offline-groups.service.js';

export class OfflineImportDto extends createZodDto(offlineImportSchema) {}

/** Groups that meet in person: the directory's part a guest reads, and the admins' CSV import. */
@ApiTags('groups')
@ApiBearerAuth()
@Controller()
export class OfflineGroupsController {
  constructor(private readonly offline: OfflineGroupsService) {}

  /** Searched and filtered as the directory of online groups (`GET /api/groups`), by region too. */
  @Public()
  @Get('offline-groups')
  directory(@Query() query: DirectoryQueryDto): Promise<OfflineGroupEntry[]> {
    return this.offline.directory(query);
  }

  /** A whole organisation's list (up to 5,000 rows) in one body: this route alone reads more than 64 KiB. */
  @AdminOnly()
  @HttpCode(200)
  @RouteConfig(routeBodyLimit(OFFLINE_IMPORT_BODY_LIMIT_BYTES))
  @Post('admin/offline-groups/import')
  import(@CurrentActor() actor: Actor, @Body() body: OfflineImportDto): Promise<OfflineImportResult> {
    return this.offline.import(actor, body);
  }
}
