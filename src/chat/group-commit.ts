import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { PoolClient } from 'pg';
import { DataSource, QueryFailedError, type QueryRunner } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { isDatabaseUnavailable } from '../database/database-unavailable.js';
import { type BatchTransaction, type MessageWrite, type Stored, storeMessage, storeMessages } from './message-store.js';

export type { BatchTransaction } from './message-store.js';

/** One message's share of a batch: `key` orders the batch (the room: every batch locks rooms in one order). */
export interface BatchWork<T> {
  key: string;
  /** The message: written with the batch's others in one statement. */
  write: MessageWrite;
  /**
   * After the batch's rows are written, in the same transaction (a crisis case, say): what the
   * promise settles with. Without it the promise settles with what storing came to.
   */
  then?(tx: BatchTransaction, stored: Stored): Promise<T>;
}

interface Entry {
  work: BatchWork<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** The most works one transaction holds; the send queue bounds what waits anyway. */
const MAX_BATCH = 256;

/** A statement in the batch failed (the transaction was rolled back): nothing of it is stored. */
class StatementFailed {
  constructor(readonly error: unknown) {}
}

/**
 * Group commit for chat messages: works that arrive while a commit is in flight are written
 * together in the next single transaction, as ONE multi-row statement (`storeMessages`), and each
 * promise settles only after that commit (resolved: stored; rejected: not stored, or not known to
 * be). One statement and one synchronous commit then serve many messages; what the
 * acknowledgement means is unchanged. A batch with nothing to do after its rows (no `then`, as
 * for nearly every message) is that one statement alone, without BEGIN and COMMIT of its own:
 * PostgreSQL commits a statement outside a transaction block as it ends, before it answers, so
 * one round trip does what three did.
 *
 * A batch whose statement fails (a constraint, a refused row) does not fail its messages: it is
 * rolled back and written again at once, one message after another in one transaction. A message
 * that fails there is rejected with its own error, and the others are written again without it;
 * they commit together and resolve after that commit. A lost
 * database fails the whole batch, and a failed COMMIT too (its outcome unknown: the client sends
 * again with the same `clientMsgId`, which never stores twice).
 */
@Injectable()
export class GroupCommit {
  private readonly waiting: Entry[] = [];
  private running = false;
  private readonly named: boolean;

  constructor(
    private readonly dataSource: DataSource,
    config: ConfigService<AppConfig, true>,
  ) {
    this.named = config.get('database.preparedStatements', { infer: true });
  }

  /** Runs `work` in the next batch; settles after that batch committed (or failed). */
  submit<T>(work: BatchWork<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve, reject });
      if (!this.running) {
        void this.drain();
      }
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        await this.write(this.nextBatch());
      }
    } finally {
      this.running = false;
    }
  }

  /** The waiting works (at most MAX_BATCH), in key order and, within a key, in arrival order. */
  private nextBatch(): Entry[] {
    const batch = this.waiting.splice(0, MAX_BATCH);
    if (batch.length < 2) {
      return batch;
    }
    // Array.prototype.sort is stable: within a key, arrival order stays.
    return batch.sort((a, b) => compareKeys(a.work.key, b.work.key));
  }

  private async write(batch: Entry[]): Promise<void> {
    let results: unknown[];
    const body = async (tx: BatchTransaction): Promise<unknown[]> => {
      const stored =
        batch.length === 1
          ? [await storeMessage(tx, batch[0].work.write)]
          : await storeMessages(
              tx,
              batch.map((entry) => entry.work.write),
            );
      const settled: unknown[] = [];
      for (let i = 0; i < batch.length; i++) {
        settled.push(await settle(batch[i].work, tx, stored[i]));
      }
      return settled;
    };
    try {
      results = await (batch.every((entry) => entry.work.then === undefined)
        ? this.statement(body)
        : this.transaction(body));
    } catch (error) {
      if (error instanceof StatementFailed && batch.length > 1) {
        await this.oneByOne(batch);
        return;
      }
      const cause = error instanceof StatementFailed ? error.error : error;
      batch.forEach((entry) => entry.reject(cause));
      return;
    }
    batch.forEach((entry, i) => entry.resolve(results[i]));
  }

  /**
   * The batch again, one message after another in one transaction. A message whose statement
   * fails is rejected with its own error (the ones before it were written): the transaction is
   * rolled back and the others are written again without it, until one transaction commits them all.
   */
  private async oneByOne(batch: Entry[]): Promise<void> {
    let remaining = batch;
    while (remaining.length > 0) {
      let culprit: Entry | undefined;
      let results: unknown[];
      try {
        results = await this.transaction(async (tx) => {
          const settled: unknown[] = [];
          for (const entry of remaining) {
            culprit = entry;
            settled.push(await settle(entry.work, tx, await storeMessage(tx, entry.work.write)));
          }
          return settled;
        });
      } catch (error) {
        if (!(error instanceof StatementFailed) || culprit === undefined) {
          remaining.forEach((entry) => entry.reject(error));
          return;
        }
        culprit.reject(error.error);
        remaining = remaining.filter((entry) => entry !== culprit);
        continue;
      }
      remaining.forEach((entry, i) => entry.resolve(results[i]));
      return;
    }
  }

  /**
   * Runs `body` in a transaction and commits. A statement error (the database there) rolls back
   * and is thrown as StatementFailed; no connection, a lost database or a failed COMMIT are thrown
   * as they are (nothing known to be stored).
   */
  private async transaction<T>(body: (tx: BatchTransaction) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PoolClient;
      await runner.startTransaction();
      const tx: BatchTransaction = {
        manager: runner.manager,
        query: (name, text, values) => this.query(runner, client, name, text, values),
      };
      let result: T;
      try {
        result = await body(tx);
      } catch (error) {
        await runner.rollbackTransaction().catch(() => undefined);
        throw isDatabaseUnavailable(error) ? error : new StatementFailed(error);
      }
      await runner.commitTransaction();
      return result;
    } finally {
      await runner.release().catch(() => undefined);
    }
  }

  /**
   * Runs `body`, ONE statement, outside a transaction block: PostgreSQL commits it as it ends and
   * answers only after that commit (an error: nothing of it stored, thrown as StatementFailed). A
   * lost connection is thrown as it is: whether it committed is not known.
   */
  private async statement<T>(body: (tx: BatchTransaction) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PoolClient;
      try {
        return await body({
          manager: runner.manager,
          query: (name, text, values) => this.query(runner, client, name, text, values),
        });
      } catch (error) {
        throw isDatabaseUnavailable(error) ? error : new StatementFailed(error);
      }
    } finally {
      await runner.release().catch(() => undefined);
    }
  }

  private async query<R>(
    runner: QueryRunner,
    client: PoolClient,
    name: string,
    text: string,
    values: unknown[],
  ): Promise<R[]> {
    if (!this.named) {
      return runner.query(text, values) as Promise<R[]>;
    }
    try {
      return (await client.query({ name, text, values })).rows as R[];
    } catch (error) {
      // The same error as TypeORM's own queries, so callers tell constraint errors apart one way.
      throw new QueryFailedError(text, values, error as Error);
    }
  }
}

function settle<T>(work: BatchWork<T>, tx: BatchTransaction, stored: Stored): Promise<T> | T {
  return work.then ? work.then(tx, stored) : (stored as T);
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
