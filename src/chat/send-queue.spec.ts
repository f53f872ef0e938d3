import { describe, expect, it } from '@jest/globals';
import type { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../config/app-config.js';
import { DomainError } from '../common/domain-error.js';
import { SendQueue } from './send-queue.js';

function queueOf(limit: number): SendQueue {
  const config = { get: () => limit } as unknown as ConfigService<AppConfig, true>;
  return new SendQueue(config);
}

describe('SendQueue', () => {
  it('refuses a send beyond the limit at once with service_unavailable and a retry hint, and frees the place when a send settles', async () => {
    const queue = queueOf(2);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = queue.run(() => held.then(() => 'first'));
    const second = queue.run(() => Promise.reject(new Error('refused by the database')));
    await expect(second).rejects.toThrow('refused by the database');
    const third = queue.run(() => held.then(() => 'third'));
    expect(queue.length).toBe(2);

    const refusal = await queue.run(() => Promise.resolve('fourth')).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'service_unavailable', retryAfterMs: 1000 });

    release();
    expect([await first, await third]).toEqual(['first', 'third']);
    expect(queue.length).toBe(0);
    expect(await queue.run(() => Promise.resolve('fifth'))).toBe('fifth');
  });
});
