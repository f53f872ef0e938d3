import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { ChangePasswordDto, DeleteAccountDto } from '../auth/auth.dto.js';
import type { AccountView } from '../contracts/auth.js';
import { AccountsService } from './accounts.service.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  me(@CurrentActor() actor: Actor): Promise<AccountView> {
    return this.accounts.describe(actor.accountId);
  }

  @HttpCode(204)
  @Post('password')
  async changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto): Promise<void> {
    await this.accounts.changePassword(actor.accountId, body.currentPassword, body.newPassword);
  }

  @HttpCode(204)
  @Delete()
  async deleteAccount(@CurrentActor() actor: Actor, @Body() body: DeleteAccountDto): Promise<void> {
    await this.accounts.deleteAccount(actor.accountId, body.password);
  }
}
