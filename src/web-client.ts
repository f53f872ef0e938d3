import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** The built browser client (`npm run build:client`), relative to this file in src/ and dist/src/. */
const CLIENT_DIST = [
  fileURLToPath(new URL('../client/dist', import.meta.url)),
  fileURLToPath(new URL('../../client/dist', import.meta.url)),
].find((dir) => existsSync(dir));

/**
 * Serves the client at `/`; any other GET outside `/api` and `/socket.io` gets `index.html`, so
 * the client's own routes survive a reload.
 */
export async function serveWebClient(app: NestFastifyApplication): Promise<void> {
  if (!CLIENT_DIST) {
    return;
  }
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, { root: CLIENT_DIST, prefix: '/', wildcard: false, index: ['index.html'] });
  fastify.get('/*', (request, reply) => {
    if (request.url.startsWith('/api') || request.url.startsWith('/socket.io')) {
      return reply.status(404).send({ statusCode: 404, error: 'not_found', message: 'Not found.' });
    }
    return reply.type('text/html').sendFile('index.html');
  });
}
