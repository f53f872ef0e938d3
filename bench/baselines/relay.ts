import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * The chat baseline: a bare Socket.IO relay with Kring's event names and payloads on `/chat`, and
 * nothing else: no authentication, no validation, no rate limit, no database. A room's `seq` is a
 * counter in memory; `message:send` broadcasts `message:new` to the room (the sender too), then
 * acknowledges, as Kring does. It loads the socket.io copy that Nest's adapter uses, so both run
 * the same version.
 */
interface ServerLike {
  of(name: string): NamespaceLike;
}
interface NamespaceLike {
  on(event: 'connection', listener: (socket: SocketLike) => void): void;
  to(room: string): { emit(event: string, payload: unknown): void };
}
interface SocketLike {
  join(room: string): void;
  on(event: string, listener: (payload: Record<string, unknown>, ack: (answer: unknown) => void) => void): void;
}

const requireFromNest = createRequire(join(process.cwd(), 'node_modules', '@nestjs', 'platform-socket.io', 'index.js'));
const { Server } = requireFromNest('socket.io') as { Server: new (server: unknown, options: object) => ServerLike };

const http = createServer();
const io = new Server(http, { serveClient: false, maxHttpBufferSize: 16 * 1024 });
const chat = io.of('/chat');
const seqs = new Map<string, number>();

chat.on('connection', (socket) => {
  const member = { memberId: randomUUID(), alias: 'Stille Reiger' };
  socket.on('room:join', (payload, ack) => {
    const group = String(payload.group);
    socket.join(group);
    ack({
      ok: true,
      room: { group, ...member, lastSeq: seqs.get(group) ?? 0, slowModeSeconds: 0 },
      history: [],
      hasMore: false,
      presence: [],
    });
  });
  socket.on('message:send', (payload, ack) => {
    const group = String(payload.group);
    const seq = (seqs.get(group) ?? 0) + 1;
    seqs.set(group, seq);
    const message = {
      id: randomUUID(),
      seq,
      group,
      ...member,
      body: payload.body,
      createdAt: new Date().toISOString(),
    };
    chat.to(group).emit('message:new', message);
    ack({ ok: true, message });
  });
});

http.listen(Number(process.env.PORT ?? 3200), '127.0.0.1');
