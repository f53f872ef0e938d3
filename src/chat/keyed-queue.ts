/**
 * Runs tasks one after another per key, and tasks of different keys side by side. Chat runs each
 * room's deliveries and joins through it, so a joining connection's history and live messages
 * never overlap or leave a gap.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `task` after every task queued before it under `key` settled; returns its outcome. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) {
        this.tails.delete(key);
      }
    });
    return result;
  }

  /** How many keys have work queued (for tests). */
  get size(): number {
    return this.tails.size;
  }
}
