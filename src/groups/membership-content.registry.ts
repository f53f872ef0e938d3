import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What a step tells others once the erasure committed (live updates; never inside the transaction). */
export type AfterErase = () => Promise<void>;

/** Erases what some feature holds that these memberships wrote (posts, messages, reactions …); may return what to announce after it. */
export type MembershipEraseStep = (manager: EntityManager, membershipIds: string[]) => Promise<void | AfterErase>;

/**
 * Forums, chat and moderation register a step here (in `onModuleInit`). Leaving a group with
 * `erase`, and deleting an account, run every step in the caller's transaction: a member's words
 * are purged everywhere or nowhere.
 */
@Injectable()
export class MembershipContentRegistry {
  private readonly steps = new Map<string, MembershipEraseStep>();

  register(feature: string, step: MembershipEraseStep): void {
    this.steps.set(feature, step);
  }

  /** The registered steps by feature name (docs/data-inventory.md names the step that removes each member text). */
  features(): string[] {
    return [...this.steps.keys()];
  }

  /** Runs every step in the caller's transaction; returns what to announce once it committed. */
  async eraseAll(manager: EntityManager, membershipIds: string[]): Promise<AfterErase[]> {
    const after: AfterErase[] = [];
    if (membershipIds.length === 0) {
      return after;
    }
    for (const step of this.steps.values()) {
      const then = await step(manager, membershipIds);
      if (then) {
        after.push(then);
      }
    }
    return after;
  }
}
