import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CrisisStatus } from '../contracts/crisis.js';
import type { CrisisHelp } from '../contracts/forums.js';
import type { GroupAccess } from '../groups/membership.service.js';
import { CasesService, type Flushed, type PendingEvents } from '../moderation/cases.service.js';
import { SafetyService, type Screening } from '../safety/safety.service.js';

/** Where the moderation queue should point: a thread (its title and opening text) or a reply. */
export interface ForumTarget {
  kind: 'thread' | 'post';
  id: string;
}

/** What the author is told at once, in the answer to what they just wrote. */
export interface AuthorNote {
  crisis?: CrisisHelp;
  crisisStatus?: CrisisStatus;
  held?: true;
}

/**
 * Safety for what members write in the forums: the watched words, the privacy guard and crisis
 * language (the safety feature decides), the hold on new members' first posts, and the moderation
 * queue entries that follow. Every step runs in the writer's transaction, with its manager.
 */
@Injectable()
export class ForumSafety {
  constructor(
    private readonly safety: SafetyService,
    private readonly cases: CasesService,
  ) {}

  /**
   * Screens the texts a member is about to store, before anything is written. Throws
   * `blocked_content`, or `identifying_details` unless they insist; `firstPosts` applies the
   * group's hold on the first posts of new members (not to edits).
   */
  async screen(
    manager: EntityManager,
    access: GroupAccess,
    texts: (string | null | undefined)[],
    options: { insist?: boolean; firstPosts: boolean },
  ): Promise<Screening> {
    // A blank line between the fields, so a number or an address is never read across two of them.
    const text = texts.filter((part): part is string => !!part).join('\n\n');
    const newMemberHold = options.firstPosts && (await this.isNewMember(manager, access));
    return this.safety.screen(access.group.id, text, { insist: options.insist, newMemberHold }, manager);
  }

  /** Queue entries for a crisis signal or a held item, written in the same transaction; flush them after commit. */
  afterStore(
    manager: EntityManager,
    access: GroupAccess,
    target: ForumTarget,
    screening: Screening,
  ): Promise<PendingEvents> {
    return this.cases.afterPublish(manager, access, target, screening);
  }

  /** Emits the queue and notice events of a committed transaction; for a crisis signal, what its author is told now. */
  flush(pending: PendingEvents | null): Promise<Flushed> {
    return pending ? this.cases.flush(pending) : Promise.resolve({});
  }

  /** The crisis lines for the group's language when the text signals crisis, and whether it waits for a moderator. */
  authorNote(access: GroupAccess, screening: Screening, held: boolean): AuthorNote {
    const note: AuthorNote = {};
    if (screening.crisis) {
      note.crisis = this.safety.crisisLines(access.group.locale);
    }
    if (held) {
      note.held = true;
    }
    return note;
  }

  /**
   * Whether the group holds this member's next post: it holds the first `holdFirstPosts` of every
   * member (0: off), counted as their threads and replies that others can see. Moderators are exempt.
   */
  private async isNewMember(manager: EntityManager, access: GroupAccess): Promise<boolean> {
    const limit = access.group.holdFirstPosts;
    if (limit <= 0 || access.isModerator) {
      return false;
    }
    const [row] = await manager.query<{ n: number }[]>(
      `SELECT count(*)::int AS n
         FROM forum_post p JOIN forum_thread t ON t.id = p.thread_id
        WHERE p.author_id = $1
          AND p.held_at IS NULL AND p.hidden_at IS NULL AND p.deleted_at IS NULL
          AND (p.seq > 0 OR (t.held_at IS NULL AND t.hidden_at IS NULL AND t.deleted_at IS NULL))`,
      [access.membership.id],
    );
    return row.n < limit;
  }
}
