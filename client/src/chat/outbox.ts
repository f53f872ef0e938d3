import type { MessageSent, RoomRef } from '../../../src/contracts/chat.js';
import { h, tr } from '../core/dom.js';
import { ApiError } from '../core/http.js';
import { type ChatConnection, uuid } from './connection.js';

/**
 * Messages on their way: each shown at once as "sending…", kept with its `clientMsgId` until the
 * server acknowledges it, and sent again with the same id after a lost connection (the server
 * stores it once). A refusal hands the text back to the room.
 */
interface Pending {
  clientMsgId: string;
  body: string;
  /** The message's content warning, sent with it every time. */
  contentWarning?: string;
  element: HTMLLIElement;
  /** Sent again after an `identifying_details` refusal, on the member's word. */
  insist: boolean;
}

export interface OutboxHooks {
  /** Where "sending…" lines go (the end of the room's list). */
  show(element: HTMLLIElement): void;
  delivered(sent: MessageSent): void;
  refused(body: string, error: unknown): void;
}

export class Outbox {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly connection: ChatConnection,
    private readonly ref: RoomRef,
    private readonly hooks: OutboxHooks,
  ) {}

  /** A fresh `clientMsgId` for the next message (the room checks the request with it first). */
  nextId(): string {
    return uuid();
  }

  async send(clientMsgId: string, body: string, insist: boolean, contentWarning?: string): Promise<void> {
    const element = h(
      'li',
      { class: 'message mine pending' },
      h('p', { class: 'message-meta' }, tr('chat.sending')),
      h('p', { class: 'user-text message-body' }, body),
    );
    this.hooks.show(element);
    const pending: Pending = { clientMsgId, body, element, insist, contentWarning };
    this.pending.set(clientMsgId, pending);
    await this.deliver(pending);
  }

  /** After a reconnection: everything not yet acknowledged, again, with its own id. */
  resend(): void {
    for (const pending of this.pending.values()) {
      void this.deliver(pending);
    }
  }

  /** Our own message came back live before its acknowledgement: its "sending…" line goes. */
  arrived(body: string): void {
    [...this.pending.values()].find((pending) => pending.body === body.trim())?.element.remove();
  }

  private async deliver(pending: Pending): Promise<void> {
    try {
      const sent = await this.connection.call('message:send', {
        ...this.ref,
        clientMsgId: pending.clientMsgId,
        body: pending.body,
        ...(pending.contentWarning ? { contentWarning: pending.contentWarning } : {}),
        ...(pending.insist ? { insist: true } : {}),
      });
      this.pending.delete(pending.clientMsgId);
      pending.element.remove();
      this.hooks.delivered(sent);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'network') {
        pending.element.querySelector('.message-meta')?.replaceChildren(tr('chat.waitingToSend'));
        return;
      }
      this.pending.delete(pending.clientMsgId);
      pending.element.remove();
      this.hooks.refused(pending.body, error);
    }
  }
}
