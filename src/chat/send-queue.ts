import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DomainError } from '../common/domain-error.js';
import type { AppConfig } from '../config/app-config.js';

/** What a refused sender is told to wait: about the time a full queue takes to drain. */
export const BUSY_RETRY_AFTER_MS = 1_000;

export const chatBusy = () =>
  new DomainError(
    'service_unavailable',
    'The chat is very busy just now: your message was not sent. Send it again in a moment.',
    undefined,
    BUSY_RETRY_AFTER_MS,
  );

/**
 * Load shedding for `message:send`. Sends in progress on this process wait for the database one
 * after another; beyond `CHAT_SEND_QUEUE_LIMIT` of them a new one would only wait seconds for its
 * acknowledgement, so it is refused at once (nothing stored) and the client sends it again with
 * the same `clientMsgId` after `retryAfterMs`.
 */
@Injectable()
export class SendQueue {
  private inProgress = 0;
  private readonly limit: number;

  constructor(config: ConfigService<AppConfig, true>) {
    this.limit = config.get('chat.sendQueueLimit', { infer: true });
  }

  /** Runs `send`, or throws `service_unavailable` with `retryAfterMs` at once when the queue is full. */
  async run<T>(send: () => Promise<T>): Promise<T> {
    if (this.inProgress >= this.limit) {
      throw chatBusy();
    }
    this.inProgress++;
    try {
      return await send();
    } finally {
      this.inProgress--;
    }
  }

  /** Sends in progress on this process. */
  get length(): number {
    return this.inProgress;
  }
}
