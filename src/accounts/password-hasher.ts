import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import bcrypt from 'bcrypt';
import type { AppConfig } from '../config/app-config.js';

/** bcrypt with the configured cost (12 or more outside tests), for passwords and recovery codes. */
@Injectable()
export class PasswordHasher {
  private readonly cost: number;
  /** Compared against when a login name does not exist, so both failures take the same time. */
  private readonly decoyHash: Promise<string>;

  constructor(config: ConfigService<AppConfig, true>) {
    this.cost = config.get('auth.bcryptCost', { infer: true });
    this.decoyHash = bcrypt.hash('kring-decoy-password', this.cost);
  }

  hash(secret: string): Promise<string> {
    return bcrypt.hash(secret, this.cost);
  }

  verify(secret: string, hash: string): Promise<boolean> {
    return bcrypt.compare(secret, hash);
  }

  /** Spends the time of one verification and answers false. */
  async verifyNothing(secret: string): Promise<false> {
    await bcrypt.compare(secret, await this.decoyHash);
    return false;
  }
}
