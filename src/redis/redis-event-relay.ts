import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DomainEvents, type DomainEventMap, type DomainEventName } from '../events/domain-events.js';
import { REDIS, type RedisConnections } from './redis-connections.js';

interface RelayedEvent {
  origin: string;
  event: DomainEventName;
  payload: DomainEventMap[DomainEventName];
}

/**
 * With several processes, domain events (a ban, a logout everywhere, a hidden message) must reach
 * the sockets on every process. Events carry ids only, never what anyone wrote.
 */
@Injectable()
export class RedisEventRelay implements OnModuleInit {
  private readonly logger = new Logger(RedisEventRelay.name);
  private readonly origin = randomUUID();

  constructor(
    @Inject(REDIS) private readonly redis: RedisConnections | null,
    private readonly events: DomainEvents,
  ) {}

  async onModuleInit(): Promise<void> {
    const redis = this.redis;
    if (!redis) {
      return;
    }
    const channel = `${redis.keyPrefix}events`;
    redis.subscriber.on('message', (from: string, message: string) => {
      if (from === channel) {
        void this.receive(message);
      }
    });
    await redis.subscriber
      .subscribe(channel)
      .catch((error: unknown) =>
        this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'Could not subscribe yet'),
      );
    this.events.attachRelay(async (event, payload) => {
      const relayed: RelayedEvent = { origin: this.origin, event, payload };
      await redis.client.publish(channel, JSON.stringify(relayed));
    });
  }

  private async receive(message: string): Promise<void> {
    let relayed: RelayedEvent;
    try {
      relayed = JSON.parse(message) as RelayedEvent;
    } catch {
      return;
    }
    if (relayed.origin !== this.origin) {
      await this.events.dispatch(relayed.event, relayed.payload);
    }
  }
}
