import { Controller, Delete, Get, HttpCode, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IdParam } from '../common/params.js';
import type { DeviceView } from '../contracts/auth.js';
import { type Actor, CurrentActor } from './actor.js';
import { clearDeviceCookie } from './device-cookie.js';
import { DevicesService } from './devices.service.js';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('auth/devices')
export class DevicesController {
  constructor(private readonly devices: DevicesService) {}

  @Get()
  list(@CurrentActor() actor: Actor): Promise<DeviceView[]> {
    return this.devices.list(actor);
  }

  /** Ending the device this request came from is a logout: its cookie is cleared too. */
  @HttpCode(204)
  @Delete(':id')
  async end(
    @CurrentActor() actor: Actor,
    @IdParam('id') id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.devices.end(actor, id);
    if (id === actor.sessionId) {
      clearDeviceCookie(request, reply);
    }
  }
}
