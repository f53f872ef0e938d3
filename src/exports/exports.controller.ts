import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type Actor, CurrentActor } from '../auth/actor.js';
import type { MyDataExport } from '../contracts/exports.js';
import { ExportPageQueryDto } from './exports.dto.js';
import { EXPORT_PAGE_CSP, renderExportPage } from './export-page.js';
import { ExportsService } from './exports.service.js';

function attachment(reply: FastifyReply, exportedAt: string, extension: 'json' | 'html'): void {
  void reply.header('Content-Disposition', `attachment; filename="kring-${exportedAt.slice(0, 10)}.${extension}"`);
}

/** The member's own data, to download (the right of access); only ever the caller's own account. */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('export')
  async json(@CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): Promise<MyDataExport> {
    const data = await this.exports.exportFor(actor);
    attachment(reply, data.exportedAt, 'json');
    return data;
  }

  @Get('export.html')
  @ApiProduces('text/html')
  async page(
    @CurrentActor() actor: Actor,
    @Query() query: ExportPageQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const data = await this.exports.exportFor(actor);
    attachment(reply, data.exportedAt, 'html');
    void reply.header('Content-Type', 'text/html; charset=utf-8');
    void reply.header('Content-Security-Policy', EXPORT_PAGE_CSP);
    return renderExportPage(data, query.lang);
  }
}
