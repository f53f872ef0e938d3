import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Nest on Fastify with the adapter set up as Kring's bootstrap sets it (body limit, global
 * prefix, no Nest logger per request), one route: what Nest itself adds to a request.
 */
@Controller('hello')
class HelloController {
  @Get()
  hello(): { hello: string } {
    return { hello: 'world' };
  }
}

@Module({ controllers: [HelloController] })
class HelloModule {}

const app = await NestFactory.create<NestFastifyApplication>(
  HelloModule,
  // 64 KiB: BODY_LIMIT_BYTES in src/bootstrap.ts (not imported: that would load the whole app).
  new FastifyAdapter({ bodyLimit: 64 * 1024, trustProxy: false }),
  { logger: ['error'] },
);
app.setGlobalPrefix('api');
await app.listen(Number(process.env.PORT ?? 3102), '127.0.0.1');
