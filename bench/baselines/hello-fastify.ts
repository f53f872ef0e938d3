import Fastify from 'fastify';

/** Bare Fastify answering `{"hello":"world"}`: the floor for the Nest hello-world. */
const app = Fastify({ logger: false });
app.get('/api/hello', () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT ?? 3101), host: '127.0.0.1' });
