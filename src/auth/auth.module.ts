import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AccountsModule } from '../accounts/accounts.module.js';
import type { AppConfig } from '../config/app-config.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { DevicesController } from './devices.controller.js';
import { DevicesService } from './devices.service.js';
import { JwtStrategy } from './jwt.strategy.js';
import { LocalStrategy } from './local.strategy.js';
import { SessionCleanupService } from './session-cleanup.service.js';
import { JWT_ALGORITHM, jwtKey, TokenService } from './token.service.js';

@Module({
  imports: [
    AccountsModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => ({
        secret: jwtKey(config.get('auth.jwtSecret', { infer: true })),
        // TokenService passes these on every call too; here so that no call can forget them.
        signOptions: { algorithm: JWT_ALGORITHM },
        verifyOptions: { algorithms: [JWT_ALGORITHM] },
      }),
    }),
  ],
  controllers: [AuthController, DevicesController],
  providers: [AuthService, DevicesService, TokenService, JwtStrategy, LocalStrategy, SessionCleanupService],
  exports: [TokenService],
})
export class AuthModule {}
