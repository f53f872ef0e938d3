import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What a step tells others once the deletion committed (live updates; never inside the transaction). */
export type AfterPurge = () => Promise<void>;

/** Erases what one feature keeps about an account, inside the deletion's transaction; may return what to announce after it. */
export type AccountPurgeStep = (manager: EntityManager, accountId: string) => Promise<void | AfterPurge>;

/**
 * Each feature that stores something a member wrote or did registers a step here (in its
 * module's `onModuleInit`); deleting an account runs every step, then deletes the account, in
 * one transaction, so a deletion never leaves half of a member behind.
 */
@Injectable()
export class AccountPurgeRegistry {
  private readonly steps = new Map<string, AccountPurgeStep>();

  register(feature: string, step: AccountPurgeStep): void {
    this.steps.set(feature, step);
  }

  /** The registered steps by feature name (docs/data-inventory.md names the step that removes each member text). */
  features(): string[] {
    return [...this.steps.keys()];
  }

  /** Runs every step in the caller's transaction; returns what to announce once it committed. */
  async runAll(manager: EntityManager, accountId: string): Promise<AfterPurge[]> {
    const after: AfterPurge[] = [];
    for (const step of this.steps.values()) {
      const then = await step(manager, accountId);
      if (then) {
        after.push(then);
      }
    }
    return after;
  }
}
