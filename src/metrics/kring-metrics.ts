import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * This process's Prometheus instruments, in a registry of its own (several apps in one test
 * process must not share one). Other features report through the three `record…` methods; their
 * labels are fixed words and route patterns only, never an id, alias, login name or text.
 * Counting costs a map lookup, so the hooks count whether metrics are served or not.
 */
@Injectable()
export class KringMetrics {
  readonly registry = new Registry();

  private readonly requests = new Histogram({
    name: 'kring_http_request_duration_seconds',
    help: 'HTTP requests by route pattern, method and status class, and how long they took to answer',
    labelNames: ['method', 'route', 'status_class'] as const,
    registers: [this.registry],
  });

  private readonly messagesStored = new Counter({
    name: 'kring_chat_messages_stored_total',
    help: 'Chat messages this process stored (a retried clientMsgId counts once)',
    registers: [this.registry],
  });

  private readonly refusals = new Counter({
    name: 'kring_rate_limit_refusals_total',
    help: 'Requests and chat messages refused by a rate limit, by limit name',
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });

  readonly socketsConnected = new Gauge({
    name: 'kring_chat_sockets_connected',
    help: 'Socket.IO connections to /chat on this process',
    registers: [this.registry],
  });

  readonly crisisCasesOpen = new Gauge({
    name: 'kring_crisis_cases_open',
    help: 'Crisis cases not resolved yet, all groups (read from the database at each scrape)',
    registers: [this.registry],
  });

  readonly crisisOldestUnclaimed = new Gauge({
    name: 'kring_crisis_oldest_unclaimed_seconds',
    help: 'Age of the oldest open crisis case nobody who can still act holds a claim on; 0 when there is none',
    registers: [this.registry],
  });

  /** This process's database pool (the embedded database always has one connection). */
  readonly databasePool = {
    inUse: this.gauge(
      'kring_database_pool_in_use',
      'Database connections of this process running a query or transaction',
    ),
    idle: this.gauge('kring_database_pool_idle', 'Database connections of this process open and free'),
    waiting: this.gauge(
      'kring_database_pool_waiting',
      'Queries of this process waiting for a free database connection',
    ),
    max: this.gauge('kring_database_pool_max', 'The most database connections this process opens'),
  };

  /** One HTTP answer; `route` is the pattern the router matched (`null`: none matched). */
  recordRequest(method: string, route: string | null, statusCode: number, seconds: number): void {
    this.requests.observe(
      {
        method: KNOWN_METHODS.has(method) ? method : 'OTHER',
        route: route ?? 'unmatched',
        status_class: `${Math.floor(statusCode / 100)}xx`,
      },
      seconds,
    );
  }

  /** A chat message committed by this process. */
  recordMessageStored(): void {
    this.messagesStored.inc();
  }

  /** A rate limit refused; `limit` is the bucket's fixed name (`api`, `auth`, `chat-member` …). */
  recordRefusal(limit: string): void {
    this.refusals.inc({ limit: LIMIT_NAME.test(limit) ? limit : 'other' });
  }

  private gauge(name: string, help: string): Gauge {
    return new Gauge({ name, help, registers: [this.registry] });
  }
}

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Bucket names are words in the code; anything else (never expected) must not become a label. */
const LIMIT_NAME = /^[a-z][a-z-]{0,39}$/;
