import type { AddressInfo } from 'node:net';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import { ownOrigins } from '../common/own-origins.js';
import type { AppConfig } from '../config/app-config.js';

/**
 * The origin links are printed with (a referral card, its short link): `PUBLIC_URL`, or unset the
 * server's own address as the chat's allowed origins default to it. Never the request's Host
 * header: a forged one would put another site's address on a card handed out in a hospital.
 */
@Injectable()
export class PublicUrl {
  constructor(
    private readonly config: ConfigService<AppConfig, true>,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  origin(): string {
    const configured = this.config.get('publicUrl', { infer: true });
    if (configured) {
      return configured;
    }
    const server = this.adapterHost.httpAdapter.getHttpServer() as { address(): AddressInfo | string | null };
    return ownOrigins(server)[0] ?? 'http://localhost';
  }
}
