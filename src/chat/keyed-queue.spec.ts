import { describe, expect, it } from '@jest/globals';
import { KeyedQueue } from './keyed-queue.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KeyedQueue', () => {
  it('runs the tasks of one key in order, even when an earlier one is slower or fails', async () => {
    const queue = new KeyedQueue();
    const order: string[] = [];
    const first = queue.run('room', async () => {
      await tick(20);
      order.push('first');
      throw new Error('first failed');
    });
    const second = queue.run('room', () => {
      order.push('second');
      return Promise.resolve(2);
    });
    await expect(first).rejects.toThrow('first failed');
    await expect(second).resolves.toBe(2);
    expect(order).toEqual(['first', 'second']);
  });

  it('runs different keys side by side and forgets a key once it is idle', async () => {
    const queue = new KeyedQueue();
    const order: string[] = [];
    const slow = queue.run('a', async () => {
      await tick(20);
      order.push('a');
    });
    const fast = queue.run('b', () => {
      order.push('b');
      return Promise.resolve();
    });
    await Promise.all([slow, fast]);
    expect(order).toEqual(['b', 'a']);
    await tick(0);
    expect(queue.size).toBe(0);
  });
});
