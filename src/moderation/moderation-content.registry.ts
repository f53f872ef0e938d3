import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditTargetKind, ContentKind } from '../contracts/moderation.js';

/** What moderation needs to know of one item, whatever feature stores it. */
export interface ModeratedItem {
  groupId: string;
  authorMembershipId: string | null;
  /** The start of the text, for the moderators of the item's own group; null once purged. */
  excerpt: string | null;
  /** The author's content warning on the item, while its text is there. */
  contentWarning?: string | null;
  hidden: boolean;
  /** The chat room or thread the item lives in, for live removal events. */
  containerId: string | null;
  /** Threads only. */
  locked?: boolean;
  pinned?: boolean;
}

/** How moderation acts on one kind of content; forums register threads and posts, chat registers messages. */
export interface ModeratedKind {
  find(manager: EntityManager, id: string): Promise<ModeratedItem | null>;
  /** Hides (pending review, or by a moderator) or restores the item. */
  setHidden(manager: EntityManager, id: string, hidden: boolean): Promise<void>;
  /** Deletes the item's text for good. */
  purge(manager: EntityManager, id: string): Promise<void>;
  /** Threads only. */
  setLocked?(manager: EntityManager, id: string, locked: boolean): Promise<void>;
  setPinned?(manager: EntityManager, id: string, pinned: boolean): Promise<void>;
}

@Injectable()
export class ModerationContentRegistry {
  private readonly kinds = new Map<ContentKind, ModeratedKind>();

  register(kind: ContentKind, handler: ModeratedKind): void {
    this.kinds.set(kind, handler);
  }

  /** The handler of a content kind; undefined for anything else an audit entry can name (a session, a word). */
  handler(kind: AuditTargetKind): ModeratedKind | undefined {
    return this.kinds.get(kind as ContentKind);
  }
}
