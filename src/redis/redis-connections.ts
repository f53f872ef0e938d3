import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';

/**
 * The process's Redis connections when `REDIS_URL` is set, or null: Redis is only for scale-out
 * (shared socket rooms, rate limits, events), never a source of truth.
 */
export class RedisConnections {
  private readonly logger = new Logger('Redis');
  /** Commands (rate limits, publishing, the Socket.IO adapter). */
  readonly client: Redis;
  /** A connection in subscriber mode, for the event relay. */
  readonly subscriber: Redis;
  /**
   * The Socket.IO adapter's (it makes its own copies to read the stream and to subscribe). Its
   * commands wait for Redis however long it is away, instead of failing after two retries: a
   * broadcast queued during an outage still reaches the other processes when Redis is back.
   */
  readonly adapter: Redis;

  /**
   * @param keyPrefix starts every key, stream and channel Kring uses (`REDIS_KEY_PREFIX`, "kring:").
   */
  constructor(
    url: string,
    readonly keyPrefix: string,
  ) {
    const options = { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false };
    this.client = new Redis(url, { ...options, connectionName: 'kring' });
    this.subscriber = new Redis(url, { ...options, connectionName: 'kring-sub' });
    this.adapter = new Redis(url, { ...options, maxRetriesPerRequest: null, connectionName: 'kring-sio' });
    for (const connection of [this.client, this.subscriber, this.adapter]) {
      // ioredis reconnects by itself; say so once per failure instead of crashing the process.
      connection.on('error', (error: Error) => this.logger.warn({ err: error.message }, 'Redis connection problem'));
    }
  }

  /** Whether Redis answers within a second. */
  async ping(): Promise<boolean> {
    try {
      const answer = await Promise.race([
        this.client.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000).unref()),
      ]);
      return answer === 'PONG';
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    this.subscriber.disconnect();
    this.client.disconnect();
    this.adapter.disconnect();
    return Promise.resolve();
  }
}

export const REDIS = Symbol('REDIS');
