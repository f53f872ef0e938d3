import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../common/domain-error.js';
import { toErrorBody } from '../common/error-body.js';
import { type AppConfig, ConfigError } from '../config/app-config.js';
import { KringMetrics } from './kring-metrics.js';
import { MetricsService } from './metrics.service.js';

/**
 * Where metrics come from and go to over HTTP: every answer of the main port is timed by its route
 * pattern (Fastify's `onResponse`), and with METRICS_PORT a listener of its own serves the scrape,
 * so the main port need not. Neither exists in the CLI's application context (no HTTP server).
 */
@Injectable()
export class MetricsHttp implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsHttp.name);
  private readonly settings: AppConfig['metrics'];
  private listener?: Server;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly service: MetricsService,
    private readonly metrics: KringMetrics,
    config: ConfigService<AppConfig, true>,
  ) {
    this.settings = config.get('metrics', { infer: true });
  }

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter as { getInstance(): FastifyInstance } | undefined;
    if (!this.service.enabled || !adapter) {
      return;
    }
    adapter.getInstance().addHook('onResponse', (request, reply, done) => {
      // The pattern (`/api/groups/:slug/threads`), never the URL with its ids.
      this.metrics.recordRequest(
        request.method,
        request.routeOptions.url ?? null,
        reply.statusCode,
        reply.elapsedTime / 1000,
      );
      done();
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.settings.port === null || !this.adapterHost.httpAdapter) {
      return;
    }
    const listener = createServer((request, response) => void this.answer(request, response));
    const { port, host } = this.settings;
    await new Promise<void>((resolve, reject) => {
      const refuse = (error: NodeJS.ErrnoException) =>
        // Said like a wrong setting (main.ts prints it without a stack): the operator picks another.
        reject(
          new ConfigError(
            `Invalid configuration:\n  METRICS_PORT: cannot listen on ${host}:${port}: ${error.code === 'EADDRINUSE' ? 'in use by another program' : error.code}`,
          ),
        );
      listener.once('error', refuse);
      listener.listen(port, host, () => {
        listener.off('error', refuse);
        resolve();
      });
    });
    this.listener = listener;
    const bound = listener.address() as AddressInfo;
    this.logger.log(`Metrics on http://${bound.address}:${bound.port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const listener = this.listener;
    this.listener = undefined;
    if (listener) {
      listener.closeAllConnections();
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    }
  }

  /** Where the metrics listener listens (null without METRICS_PORT): METRICS_PORT=0 picks a free port. */
  get listenerAddress(): AddressInfo | null {
    return this.listener ? (this.listener.address() as AddressInfo) : null;
  }

  /** GET /metrics (or /api/metrics), with the token when METRICS_TOKEN is set; nothing else. */
  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0];
    try {
      if (request.method !== 'GET' || (path !== '/metrics' && path !== '/api/metrics')) {
        throw new DomainError('not_found', 'Not found.');
      }
      this.service.authorize(request.headers.authorization);
      const text = await this.service.scrape();
      response.writeHead(200, { 'Content-Type': this.service.contentType, 'Cache-Control': 'no-store' }).end(text);
    } catch (error) {
      const body = toErrorBody(error) ?? { statusCode: 500, error: 'internal', message: 'Something went wrong.' };
      if (body.statusCode === 500) {
        this.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'Metrics scrape failed');
      }
      response
        .writeHead(body.statusCode, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
        .end(JSON.stringify(body));
    }
  }
}
