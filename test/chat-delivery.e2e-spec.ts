import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import type { Ack, ChatMessage, RoomJoined, RoomRef } from '../src/contracts/chat.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { createGroup, joinGroup, registerAdmin } from './support/groups.js';
import {
  type ChatClient,
  closeChatClients,
  collect,
  connectChat,
  eventually,
  joinRoom,
  sendMessage,
} from './support/sockets.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A client that keeps a room's messages the way the browser client does: the join's history, then
 * `message:new`; after any reconnect it joins again with `sinceSeq` = the last seq it holds. It
 * records everything it was sent in arrival order, so the test sees anything twice or out of order.
 */
async function keepRoom(socket: ChatClient, room: RoomRef) {
  const received: ChatMessage[] = [];
  const lastSeq = () => received.at(-1)?.seq ?? 0;
  let reconnects = 0;
  // Live messages that arrive in the same read as the join's answer are handed over before the
  // answer's promise settles: they wait, and follow the history (as the browser client orders by seq).
  let early: ChatMessage[] | null = null;
  const join = async () => {
    early = [];
    const answer = (await socket
      .timeout(5000)
      .emitWithAck('room:join', { ...room, sinceSeq: lastSeq() })) as Ack<RoomJoined>;
    const live: ChatMessage[] = early;
    early = null;
    if (!answer.ok) {
      throw new Error(`join refused: ${answer.error.code}`);
    }
    received.push(...answer.history, ...live);
  };
  socket.on('message:new', (message) => (early ?? received).push(message));
  socket.on('connect', () => {
    reconnects += 1;
    void join();
  });
  await join();
  return { received, reconnects: () => reconnects };
}

/** Sends until acknowledged, keeping the same clientMsgId across timeouts and reconnects. */
async function sendReliably(socket: ChatClient, room: RoomRef, body: string): Promise<ChatMessage> {
  const clientMsgId = randomUUID();
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      const answer = (await socket.timeout(2000).emitWithAck('message:send', { ...room, clientMsgId, body })) as Ack<{
        message: ChatMessage;
      }>;
      if (answer.ok) {
        return answer.message;
      }
      throw new Error(`refused: ${answer.error.code}`);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('refused')) {
        throw error;
      }
      await sleep(100);
    }
  }
  throw new Error('never acknowledged');
}

describe('chat delivery', () => {
  let app: TestApp;
  let admin: TestMember;

  beforeAll(async () => {
    // These tests measure delivery under load, not the per-connection limit.
    app = await startTestApp({ env: { CHAT_RATE_LIMIT_PER_CONNECTION: '1000' } });
    admin = await registerAdmin(app);
  });

  afterAll(async () => {
    closeChatClients();
    await app.close();
  });

  async function members(slug: string, count: number): Promise<TestMember[]> {
    const list: TestMember[] = [];
    for (let i = 0; i < count; i++) {
      const member = await registerMember(app);
      await joinGroup(app, member, slug);
      list.push(member);
    }
    return list;
  }

  it('delivers every message of 20 clients sending 25 each to all 20, exactly once and in the same order', async () => {
    const group = await createGroup(app, admin);
    const room = { group: group.slug };
    const people = await members(group.slug, 20);
    const sockets = await Promise.all(people.map((member) => connectChat(app, member)));
    const inboxes = sockets.map((socket) => collect<ChatMessage>(socket, 'message:new'));
    for (const socket of sockets) {
      await joinRoom(socket, room);
    }
    const acked = await Promise.all(
      sockets.map(async (socket, who) => {
        const mine: ChatMessage[] = [];
        for (let n = 0; n < 25; n++) {
          mine.push(await sendMessage(socket, room, `client ${who} message ${n}`));
        }
        return mine;
      }),
    );
    await eventually(() => inboxes.every((inbox) => inbox.length >= 500), 30_000, 'every client has 500 messages');
    await sleep(200);
    const order = inboxes[0].map((message) => message.id);
    for (const inbox of inboxes) {
      expect(inbox.map((message) => message.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
      expect(inbox.map((message) => message.id)).toEqual(order);
    }
    const byId = new Map(inboxes[0].map((message) => [message.id, message]));
    for (const [who, mine] of acked.entries()) {
      // Each acknowledgement is the message everyone got, and a client's own messages keep its order.
      expect(mine.map((message) => byId.get(message.id))).toEqual(mine);
      expect(mine.map((message) => message.body)).toEqual(
        Array.from({ length: 25 }, (_, n) => `client ${who} message ${n}`),
      );
      expect(mine.map((message) => message.seq)).toEqual([...mine.map((message) => message.seq)].sort((a, b) => a - b));
    }
  });

  it('delivers a message whose notice never arrived (stored by another process) before the next one, from the database', async () => {
    const group = await createGroup(app, admin);
    const room = { group: group.slug };
    const [reader, writer] = await members(group.slug, 2);
    const other = await joinGroup(app, await registerMember(app), group.slug);
    const readerSocket = await connectChat(app, reader);
    const writerSocket = await connectChat(app, writer);
    const start = (await joinRoom(readerSocket, room)).room.lastSeq;
    await joinRoom(writerSocket, room);
    const inbox = collect<ChatMessage>(readerSocket, 'message:new');
    // What another process does when its notice to this one is lost (Redis away): the room's next
    // seq, committed, and nothing said about it.
    await app.app.get(DataSource).query(
      `WITH bumped AS (UPDATE chat_room r SET last_seq = last_seq + 1 FROM support_group g
                        WHERE g.id = r.group_id AND g.slug = $1 AND r.kind = 'group' RETURNING r.id, r.last_seq)
       INSERT INTO chat_message (room_id, seq, membership_id, client_msg_id, body, created_at)
       SELECT id, last_seq, $2, gen_random_uuid(), 'via het andere proces', now() FROM bumped`,
      [group.slug, other.memberId],
    );
    const sent = await sendMessage(writerSocket, room, 'en hier weer');
    await eventually(() => inbox.length >= 2, 5_000, 'both messages');
    expect(inbox.map((message) => [message.seq, message.body])).toEqual([
      [start + 1, 'via het andere proces'],
      [start + 2, 'en hier weer'],
    ]);
    expect(sent.seq).toBe(start + 2);
    expect(inbox[0]).toMatchObject({ group: group.slug, alias: other.alias, memberId: other.memberId });
  });

  it('gives a client whose connection is killed mid-burst every acknowledged message exactly once, in order', async () => {
    const group = await createGroup(app, admin);
    const room = { group: group.slug };
    const [victimMember, ...senderMembers] = await members(group.slug, 4);
    const victim = await connectChat(app, victimMember, { reconnection: true });
    const kept = await keepRoom(victim, room);
    const senders = await Promise.all(senderMembers.map((member) => connectChat(app, member, { reconnection: true })));
    let killed = false;
    const burst = Promise.all(
      [victim, ...senders].map(async (socket, who) => {
        const mine: ChatMessage[] = [];
        for (let n = 0; n < 30; n++) {
          if (who === 0 && !killed && kept.received.length >= 20) {
            killed = true;
            // The transport dies as if the network went away: no goodbye to the server.
            victim.io.engine.close();
          }
          mine.push(await sendReliably(socket, room, `${who}:${n}`));
        }
        return mine;
      }),
    );
    const acked = (await burst).flat();
    expect(killed).toBe(true);
    await eventually(() => kept.received.length >= 120, 10_000, 'the victim caught up').catch((error: Error) => {
      const seqs = kept.received.map((message) => message.seq);
      throw new Error(
        `${error.message}: ${seqs.length} received, recovered ${victim.recovered}, connected ${victim.connected}, ` +
          `reconnects ${kept.reconnects()}, seqs ${seqs.join(',')}`,
      );
    });
    await sleep(200);
    expect(kept.reconnects()).toBeGreaterThanOrEqual(1);
    expect(kept.received.map((message) => message.seq)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(new Set(kept.received.map((message) => message.id))).toEqual(new Set(acked.map((message) => message.id)));
  });

  it('gives a new connection that joins with sinceSeq everything after it and then live messages, none twice', async () => {
    const group = await createGroup(app, admin);
    const room = { group: group.slug };
    const [readerMember, ...senderMembers] = await members(group.slug, 3);
    const first = await connectChat(app, readerMember);
    const before = collect<ChatMessage>(first, 'message:new');
    await joinRoom(first, room);
    const senders = await Promise.all(senderMembers.map((member) => connectChat(app, member)));
    let handover: Promise<ChatMessage[]> | undefined;
    await Promise.all(
      senders.map(async (socket, who) => {
        for (let n = 0; n < 40; n++) {
          await sendMessage(socket, room, `${who}:${n}`);
          if (!handover && before.length >= 15) {
            handover = (async () => {
              // The first connection goes away for good; a new one takes over from what it had.
              first.disconnect();
              const since = before.at(-1)!.seq;
              const second = await connectChat(app, readerMember);
              const live = collect<ChatMessage>(second, 'message:new');
              const joined = await joinRoom(second, room, since);
              await eventually(() => since + joined.history.length + live.length >= 80, 10_000, 'caught up');
              return [...before, ...joined.history, ...live];
            })();
          }
        }
      }),
    );
    const seen = await handover!;
    await sleep(200);
    expect(seen.map((message) => message.seq)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
  });
});
