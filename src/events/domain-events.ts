import { Global, Injectable, Logger, Module } from '@nestjs/common';

/**
 * What happened that other features react to. Payloads carry ids only, never what anyone wrote.
 * With several processes these must reach every process (the scale-out work carries them over Redis).
 */
export interface DomainEventMap {
  /** Every token of the account was cut (logout everywhere, password change, recovery, ban, deletion). */
  'account.tokens-revoked': { accountId: string };
  /** One login session ended (logout). */
  'session.revoked': { accountId: string; sessionId: string };
  /** A membership stopped being active (left, removed, suspended, erased). */
  'membership.ended': { membershipId: string; groupId: string; accountId: string };
  /** The moderation queue of a group changed (a new report, alert, held item, claim or resolution). */
  'moderation.queue-changed': { groupId: string; caseId: string; kind: 'crisis' | 'report' | 'held' | 'worry' };
  /** A crisis case was raised, escalated, re-announced, claimed, released or resolved: the desk's live view. */
  'crisis.case-changed': {
    caseId: string;
    reason: 'raised' | 'escalated' | 'reannounced' | 'claimed' | 'released' | 'resolved';
  };
  /** What the author of a crisis message is told changed (one process decided it, by a conditional update). */
  'crisis.status-changed': { caseId: string; membershipId: string; state: 'claimed' | 'notified' | 'nobody_on_duty' };
  /**
   * A private support conversation closed because one side can no longer be in it (the volunteer
   * was revoked, demoted, suspended, banned or deleted; the member left or was removed): every
   * process takes its connections out of the room and tells both sides.
   */
  'support.closed': { supportChatId: string; roomId: string | null };
  /** A private notice for one member was written (a warning, an action, the crisis lines). */
  'moderation.notice': { membershipId: string; noticeId: string };
  /** A group's watched words (groupId) or the site-wide ones (null) changed: screening reads them again. */
  'safety.watched-words-changed': { groupId: string | null };
  /** A moderator hid or restored an item, or it was hidden pending review. */
  'content.visibility-changed': {
    groupId: string;
    kind: 'thread' | 'post' | 'message';
    id: string;
    containerId: string | null;
    hidden: boolean;
  };
  /** A reply became visible in a thread (stored unheld, or approved): notifications of replies and mentions. */
  'forum.posted': { groupId: string; threadId: string; postId: string };
  /**
   * A thread was started (visible), or a reply or opening post edited or removed by its author:
   * live forum readers fetch it again (replies made visible come as `forum.posted`).
   */
  'forum.changed': { groupId: string; threadId: string; postId: string; change: 'started' | 'edited' | 'removed' };
  /**
   * A visible reply or thread opening post names a member of its group by `@alias` (never the
   * author; an edit: only whom it newly names): their notification.
   */
  'forum.mentioned': { groupId: string; threadId: string; postId: string; membershipId: string };
  /** Someone asked to be a buddy, or the buddy accepted or declined: the other side's notification. */
  'buddy.changed': { pairId: string; membershipId: string; status: 'requested' | 'active' | 'declined' };
  /** A visible message with an `@` in a group's room: notifications of the aliases it mentions. */
  'chat.mentioned': { groupId: string; messageId: string };
  /** A moderator approved or declined a join request. */
  'membership.decided': { membershipId: string; approved: boolean };
}

export type DomainEventName = keyof DomainEventMap;
type Listener<E extends DomainEventName> = (payload: DomainEventMap[E]) => void | Promise<void>;

/** Carries events to the other processes of a cluster (Redis pub/sub); absent with one process. */
export type EventRelay = <E extends DomainEventName>(event: E, payload: DomainEventMap[E]) => Promise<void>;

/**
 * A typed event bus: listeners in this process are called at once; with a relay attached, every
 * other process gets the event too. A listener that fails is logged and never breaks the emitter.
 */
@Injectable()
export class DomainEvents {
  private readonly logger = new Logger(DomainEvents.name);
  private readonly listeners = new Map<DomainEventName, Set<Listener<DomainEventName>>>();
  private relay: EventRelay | null = null;

  attachRelay(relay: EventRelay): void {
    this.relay = relay;
  }

  on<E extends DomainEventName>(event: E, listener: Listener<E>): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as Listener<DomainEventName>);
    this.listeners.set(event, set);
    return () => set.delete(listener as Listener<DomainEventName>);
  }

  /** Calls every listener and waits for them; call it after the transaction that made it true committed. */
  async emit<E extends DomainEventName>(event: E, payload: DomainEventMap[E]): Promise<void> {
    // Not awaited: a paused or unreachable Redis must not hold up the action that emitted.
    this.relay?.(event, payload).catch((error: unknown) =>
      this.logger.warn({ event, err: error instanceof Error ? error.message : String(error) }, 'Event relay failed'),
    );
    await this.dispatch(event, payload);
  }

  /** Runs this process's listeners only: for events that came from another process. */
  async dispatch<E extends DomainEventName>(event: E, payload: DomainEventMap[E]): Promise<void> {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        await listener(payload);
      } catch (error) {
        this.logger.error(
          { event, err: error instanceof Error ? error.message : String(error) },
          'Event listener failed',
        );
      }
    }
  }
}

@Global()
@Module({ providers: [DomainEvents], exports: [DomainEvents] })
export class EventsModule {}
