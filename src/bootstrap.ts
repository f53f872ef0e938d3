import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { applyRouteBodyLimits, BODY_LIMIT_BYTES } from './common/body-limit.js';
import { clientErrorHandler, frameworkErrorHandler } from './common/framework-errors.js';
import { KringLogger, RequestLogging } from './config/logging.js';
import { PATH_PARAM_MAX_LENGTH } from './common/params.js';
import { ChatIoAdapter } from './chat/chat-io.adapter.js';
import { socketIoClusterAdapter } from './redis/socket-io-adapter.js';
import { serveWebClient } from './web-client.js';

export { BODY_LIMIT_BYTES };

/**
 * Builds the whole app, ready to listen: the same for `main.ts` and for the e2e tests, so the
 * tests drive exactly what people use.
 */
export async function createKringApp(options: AppModuleOptions): Promise<NestFastifyApplication> {
  // Helmet's middleware built once: @fastify/helmet 13 builds it again on every request
  // (parsing the policy each time), which was 4 % of the server's time on a plain request.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
  });
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: options.config.trustProxy,
    routerOptions: { maxParamLength: PATH_PARAM_MAX_LENGTH },
    // Refusals Fastify or Node answer before a route runs (no hook runs for them) get the API's one
    // error shape and the security headers too.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) =>
      securityHeaders(request.raw, reply.raw, () => frameworkErrorHandler(error, request, reply)),
    clientErrorHandler,
  });
  // A route may read a larger body than BODY_LIMIT_BYTES only by saying so (the CSV import of offline groups).
  applyRouteBodyLimits(adapter.getInstance());
  // abortOnError: false, or Nest exits the process itself when a provider fails (a locked data
  // folder, an unreachable database): main.ts could not say why, and a test process would die.
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  try {
    app.useLogger(app.get(KringLogger));
    app.enableShutdownHooks();
    app.setGlobalPrefix('api');

    const fastify = app.getHttpAdapter().getInstance();
    app.get(RequestLogging).attach(fastify);
    fastify.addHook('onRequest', (request, reply, done) =>
      securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined)),
    );
    fastify.addHook('onSend', async (request, reply) => {
      // Nothing here is for search engines, and nothing from the API may be cached on the way.
      void reply.header('X-Robots-Tag', 'noindex, nofollow, noarchive');
      if (request.url.startsWith('/api')) {
        void reply.header('Cache-Control', 'no-store');
      }
    });

    const openApi = new DocumentBuilder()
      .setTitle('Kring API')
      .setDescription('Anonymous, moderated peer support: accounts, groups, forums, chat and moderation.')
      .setVersion('1')
      .addBearerAuth()
      .build();
    // Built at the first request for it, not at every start: scanning every route's contract into
    // JSON Schema took about a twelfth of the start-up's CPU.
    SwaggerModule.setup('api/docs', app, () => cleanupOpenApiDoc(SwaggerModule.createDocument(app, openApi)));
    await serveWebClient(app);
    app.useWebSocketAdapter(new ChatIoAdapter(app, options.config.chat.allowedOrigins, socketIoClusterAdapter(app)));
  } catch (error) {
    // The database is open (and the data folder locked) by now: close it before giving up.
    await app.close();
    throw error;
  }
  return app;
}
