import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ZodValidationPipe } from 'nestjs-zod';
import type { Account } from '../accounts/account.entity.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { DomainError } from '../common/domain-error.js';
import {
  type DeviceTokens,
  type LogoutRequest,
  logoutSchema,
  type RefreshRequest,
  refreshSchema,
  type RegisterResponse,
  type TokenPair,
} from '../contracts/auth.js';
import { type Actor, CurrentActor, Public } from './actor.js';
import { LocalAuthGuard } from './auth.guards.js';
import { LoginDto, LogoutDto, RecoverDto, RefreshDto, RegisterDto } from './auth.dto.js';
import { clearDeviceCookie, isJsonRequest, readDeviceCookie, setDeviceCookie } from './device-cookie.js';
import { deviceLabel } from './device-label.js';
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
  async login(
    @Body() body: LoginDto,
    @CurrentAccount() account: Account,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenPair | DeviceTokens> {
    const keepSignedIn = body.keepSignedIn === true;
    const pair = await this.auth.startSession(account, {
      ...deviceLabel(request.headers['user-agent']),
      keepSignedIn,
    });
    return keepSignedIn ? this.intoCookie(pair, request, reply) : pair;
  }

  /**
   * One rotation for both kinds of login: the token comes in the body (a session held in the
   * page's memory) and goes back in the body, or comes in the device cookie and goes back in it.
   */
  @Public()
  @AuthRateLimited()
  @ApiBody({ type: RefreshDto, required: false })
  @HttpCode(200)
  @Post('refresh')
  async refresh(
    @Body(new ZodValidationPipe(refreshSchema.optional())) body: RefreshRequest | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenPair | DeviceTokens> {
    if (body?.refreshToken) {
      return this.auth.refresh(body.refreshToken);
    }
    const cookie = readDeviceCookie(request);
    if (!cookie) {
      throw new DomainError('invalid_refresh_token', 'This session has ended. Please log in again.');
    }
    if (!isJsonRequest(request)) {
      throw new DomainError('unsupported_media_type', 'Send the refresh request as application/json.');
    }
    try {
      return this.intoCookie(await this.auth.refresh(cookie), request, reply);
    } catch (error) {
      // A cookie that no longer opens anything is not kept on the device.
      clearDeviceCookie(request, reply);
      throw error;
    }
  }

  /** The body is optional: a bare `POST` (what `curl -XPOST` and `fetch` send) logs this session out. */
  @ApiBearerAuth()
  @ApiBody({ type: LogoutDto, required: false })
  @HttpCode(204)
  @Post('logout')
  async logout(
    @CurrentActor() actor: Actor,
    @Body(new ZodValidationPipe(logoutSchema.optional())) body: LogoutRequest | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(actor, body?.everywhere ?? false);
    clearDeviceCookie(request, reply);
  }

  @Public()
  @AuthRateLimited()
  @RecoverRateLimited()
  @HttpCode(204)
  @Post('recover')
  async recover(@Body() body: RecoverDto): Promise<void> {
    await this.accounts.recover(body.loginName, body.recoveryCode, body.newPassword);
  }

  private intoCookie(pair: TokenPair, request: FastifyRequest, reply: FastifyReply): DeviceTokens {
    setDeviceCookie(request, reply, pair.refreshToken, this.auth.refreshTtlSeconds);
    return { accessToken: pair.accessToken, expiresIn: pair.expiresIn };
  }
}
