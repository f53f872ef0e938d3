import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AppConfig } from '../config/app-config.js';
import type { Actor } from './actor.js';
import { type AccessTokenClaims, JWT_ALGORITHM, jwtKey, TokenService } from './token.service.js';

/** Bearer access tokens: HS256 only, `exp`, `iss` and `aud` checked, then the token version. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: ConfigService<AppConfig, true>,
    private readonly tokens: TokenService,
  ) {
    const auth = config.get('auth', { infer: true });
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt hands this to jsonwebtoken.verify unchanged, which takes a KeyObject (see
      // jwtKey); @types/passport-jwt only lists string | Buffer.
      secretOrKey: jwtKey(auth.jwtSecret) as unknown as Buffer,
      algorithms: [JWT_ALGORITHM],
      issuer: auth.issuer,
      audience: auth.audience,
      ignoreExpiration: false,
    });
  }

  validate(claims: AccessTokenClaims & { exp?: unknown }): Promise<Actor> {
    return this.tokens.resolveActor(claims);
  }
}
