import type { INestApplicationContext } from '@nestjs/common';
import type { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { REDIS, type RedisConnections } from './redis-connections.js';

/** Socket.IO's `adapter` option (typed through Nest's IoAdapter, which pins its own socket.io). */
export type SocketIoAdapterFactory = NonNullable<Parameters<IoAdapter['createIOServer']>[1]>['adapter'];

/**
 * Socket.IO rooms that span every process through one Redis stream, when `REDIS_URL` is set;
 * undefined otherwise (rooms stay in this process). The stream adapter, unlike the pub/sub one,
 * keeps what it carried for a while, so a connection that drops and comes back to any process gets
 * its missed packets (connection state recovery); 0.3.1 is pinned because it does not replay the
 * same packets on a second recovery.
 *
 * Heartbeats every second and a node counted gone after 3 s: a killed process stops holding up
 * cluster-wide requests (presence looks up sockets on every process) within seconds, before the
 * adapter's own 5 s request timeout would fail them.
 */
export function socketIoClusterAdapter(app: INestApplicationContext): SocketIoAdapterFactory | undefined {
  const redis = app.get<RedisConnections | null>(REDIS, { strict: false });
  if (!redis) {
    return undefined;
  }
  return createAdapter(redis.adapter, {
    streamName: `${redis.keyPrefix}socket.io`,
    channelPrefix: `${redis.keyPrefix}socket.io`,
    sessionKeyPrefix: `${redis.keyPrefix}socket.io:session:`,
    // Entries are what recovery can replay: about two minutes of a busy site's messages and heartbeats.
    maxLen: 100_000,
    heartbeatInterval: 1_000,
    heartbeatTimeout: 3_000,
    onlyPlaintext: true,
  }) as SocketIoAdapterFactory;
}
