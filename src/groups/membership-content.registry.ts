import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Erases what some feature holds that these memberships wrote (posts, messages, reactions …). */
export type MembershipEraseStep = (manager: EntityManager, membershipIds: string[]) => Promise<void>;

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

  async eraseAll(manager: EntityManager, membershipIds: string[]): Promise<void> {
    if (membershipIds.length === 0) {
      return;
    }
    for (const step of this.steps.values()) {
      await step(manager, membershipIds);
    }
  }
}
