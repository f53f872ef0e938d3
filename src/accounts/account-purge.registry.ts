import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Erases what one feature keeps about an account, inside the deletion's transaction. */
export type AccountPurgeStep = (manager: EntityManager, accountId: string) => Promise<void>;

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

  async runAll(manager: EntityManager, accountId: string): Promise<void> {
    for (const step of this.steps.values()) {
      await step(manager, accountId);
    }
  }
}
