import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import type { RoomRef } from '../src/contracts/chat.js';
import { registerMember } from './support/accounts.js';
import { createGroup, joinGroup, registerAdmin } from './support/groups.js';
import { type ChatClient, closeChatClients, connectChat, joinRoom, sendMessage } from './support/sockets.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type SendAck = { ok: true } | { ok: false; error: { code: string; retryAfterMs?: number } };

describe('health probes and load shedding', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { CHAT_SEND_QUEUE_LIMIT: '1', CHAT_RATE_LIMIT_PER_CONNECTION: '1000' } });
  });

  afterAll(async () => {
    closeChatClients();
    await app.close();
  });

  it('answers liveness and readiness separately, and keeps /api/health as readiness', async () => {
    const live = await app.http.get('/api/health/live');
    expect([live.status, live.body.status]).toEqual([200, 'ok']);
    const ready = await app.http.get('/api/health/ready');
    expect([ready.status, ready.body]).toEqual([200, { status: 'ok', database: 'up' }]);
    const health = await app.http.get('/api/health');
    expect([health.status, health.body]).toEqual([200, { status: 'ok', database: 'up' }]);
  });

  it('refuses a send at once with service_unavailable and a retry hint when the send queue is full, storing nothing for it', async () => {
    const admin = await registerAdmin(app);
    const member = await registerMember(app);
    const group = await createGroup(app, admin);
    await joinGroup(app, member, group.slug);
    const ref: RoomRef = { group: group.slug };
    const socket: ChatClient = await connectChat(app, member);
    await joinRoom(socket, ref);

    const sends = Array.from({ length: 12 }, () => randomUUID());
    const answers = await Promise.all(
      sends.map(async (clientMsgId) => {
        const started = Date.now();
        const answer = (await (socket as unknown as Socket)
          .timeout(10_000)
          .emitWithAck('message:send', { ...ref, clientMsgId, body: 'Wie is er vanavond?' })) as SendAck;
        return { clientMsgId, answer, ms: Date.now() - started };
      }),
    );
    const refused = answers.filter(({ answer }) => !answer.ok);
    const accepted = answers.filter(({ answer }) => answer.ok);
    expect(refused.length).toBeGreaterThan(0);
    expect(accepted.length).toBeGreaterThan(0);
    for (const { answer } of refused) {
      expect(answer).toEqual({
        ok: false,
        error: { code: 'service_unavailable', message: expect.stringMatching(/busy/), retryAfterMs: 1000 },
      });
    }

    const stored = async (ids: string[]) =>
      (
        await app.app
          .get(DataSource)
          .query<{ n: number }[]>('SELECT count(*)::int AS n FROM chat_message WHERE client_msg_id = ANY($1::uuid[])', [
            ids,
          ])
      )[0].n;
    expect(await stored(accepted.map(({ clientMsgId }) => clientMsgId))).toBe(accepted.length);
    expect(await stored(refused.map(({ clientMsgId }) => clientMsgId))).toBe(0);

    // Sent again one at a time, with the same clientMsgId, each one goes through.
    for (const { clientMsgId } of refused) {
      await sendMessage(socket, ref, 'Wie is er vanavond?', clientMsgId);
    }
    expect(await stored(sends)).toBe(sends.length);
  });

  it('stays live when the database is gone, while readiness says 503 with Retry-After', async () => {
    await app.app.get(DataSource).destroy();
    const live = await app.http.get('/api/health/live');
    expect(live.status).toBe(200);
    const ready = await app.http.get('/api/health/ready');
    expect([ready.status, ready.headers['retry-after'], ready.body.database]).toEqual([503, '5', 'down']);
  });
});
