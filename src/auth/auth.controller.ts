import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { ZodValidationPipe } from 'nestjs-zod';
import type { Account } from '../accounts/account.entity.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { type LogoutRequest, logoutSchema, type RegisterResponse, type TokenPair } from '../contracts/auth.js';
import { type Actor, CurrentActor, Public } from './actor.js';
import { LocalAuthGuard } from './auth.guards.js';
import { LoginDto, LogoutDto, RecoverDto, RefreshDto, RegisterDto } from './auth.dto.js';
import { AuthService } from './auth.service.js';
import { AuthRateLimited, RecoverRateLimited } from '../rate-limit/rate-limit.guard.js';
import { CurrentAccount } from './current-account.decorator.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly accounts: AccountsService,
  ) {}

  @Public()
  @AuthRateLimited()
  @Post('register')
  register(@Body() body: RegisterDto): Promise<RegisterResponse> {
    return this.accounts.register(body);
  }

  @Public()
  @AuthRateLimited()
  @UseGuards(LocalAuthGuard)
  @HttpCode(200)
  @Post('login')
  login(@Body() _body: LoginDto, @CurrentAccount() account: Account): Promise<TokenPair> {
    return this.auth.startSession(account);
  }

  @Public()
  @AuthRateLimited()
  @HttpCode(200)
  @Post('refresh')
  refresh(@Body() body: RefreshDto): Promise<TokenPair> {
    return this.auth.refresh(body.refreshToken);
  }

  /** The body is optional: a bare `POST` (what `curl -XPOST` and `fetch` send) logs this session out. */
  @ApiBearerAuth()
  @ApiBody({ type: LogoutDto, required: false })
  @HttpCode(204)
  @Post('logout')
  async logout(
    @CurrentActor() actor: Actor,
    @Body(new ZodValidationPipe(logoutSchema.optional())) body: LogoutRequest | undefined,
  ): Promise<void> {
    await this.auth.logout(actor, body?.everywhere ?? false);
  }

  @Public()
  @AuthRateLimited()
  @RecoverRateLimited()
  @HttpCode(204)
  @Post('recover')
  async recover(@Body() body: RecoverDto): Promise<void> {
    await this.accounts.recover(body.loginName, body.recoveryCode, body.newPassword);
  }
}
