import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import type { ChatMessage } from '../src/contracts/chat.js';
import {
  ban,
  ChatPeer,
  type ClusterMember,
  createGroup,
  eventually,
  joinGroup,
  type KringProcess,
  register,
  runToExit,
  sleep,
  startKring,
  startRedis,
  twoProcesses,
  watchWord,
  type TestRedis,
} from './support/cluster.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/**
 * Scale-out: two real server processes (`node dist/src/main.js`) on one PostgreSQL database and
 * one Redis of the test's own. On the embedded database a cluster cannot exist (one process owns
 * the data folder), and the tests say so instead.
 */

/** Each member may send this many chat messages per 5 s, whichever processes they use. */
const CHAT_LIMIT = 20;

const seqsOf = (messages: ChatMessage[]) => messages.map((message) => message.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

function ackedSeq(answer: Awaited<ReturnType<ChatPeer['send']>>): number {
  if (!answer.ok) {
    throw new Error(`message:send refused: ${answer.error.code}`);
  }
  return answer.message.seq;
}

/** Strictly increasing: nothing twice, nothing out of order. */
function expectOnceInOrder(seqs: number[]): void {
  expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
}

if (process.env.DATABASE_URL) {
  describe('two Kring processes on one PostgreSQL database and one Redis', () => {
    const { a, b, redis, sql, admin, peers } = twoProcesses({ CHAT_RATE_LIMIT_PER_CONNECTION: String(CHAT_LIMIT) });
    let slug: string;

    /** A fresh member of the group, connected to `process` and in the group's room. */
    async function peer(on: KringProcess): Promise<ChatPeer> {
      const member = await register(on);
      await joinGroup(on, member, slug);
      const chat = new ChatPeer(member, { group: slug });
      peers.push(chat);
      await chat.connect(on);
      return chat;
    }

    beforeAll(async () => {
      slug = await createGroup(a, admin);
    });

    it('reports Redis up on both processes', async () => {
      for (const kring of [a, b]) {
        const health = await fetch(`${kring.baseUrl}/api/health`);
        expect(await health.json()).toEqual({ status: 'ok', database: 'up', redis: 'up' });
      }
    });

    it('delivers every acknowledged message to members on both processes exactly once, in seq order', async () => {
      const onA = [await peer(a), await peer(a)];
      const onB = [await peer(b), await peer(b)];
      const everyone = [...onA, ...onB];
      const start = everyone[0].lastSeq;
      // All four send at once, each waiting for its ack before the next: the room's seqs interleave
      // across the two processes.
      const acked = (
        await Promise.all(
          everyone.map(async (chat, i) => {
            const seqs: number[] = [];
            for (let n = 1; n <= 8; n++) {
              seqs.push(ackedSeq(await chat.send(`bericht ${n} van deelnemer ${i + 1}`)));
            }
            return seqs;
          }),
        )
      ).flat();
      expect(acked.sort((x, y) => x - y)).toEqual(range(start + 1, start + 32));
      await eventually(() => everyone.every((chat) => chat.arrivals.length >= 32), 10_000, 'all deliveries');
      await sleep(200);
      for (const chat of everyone) {
        expect(seqsOf(chat.arrivals)).toEqual(range(start + 1, start + 32));
      }
    });

    it('disconnects a banned member at once on the other process, and keeps them out', async () => {
      const banned = await peer(b);
      const bystander = await peer(a);
      const disconnected = new Promise<string>((resolve) => banned.socket.once('disconnect', resolve));
      const issued = Date.now();
      await ban(a, admin, slug, banned.member.memberId!);
      expect(await disconnected).toBe('io server disconnect');
      expect(Date.now() - issued).toBeLessThan(5_000);
      // The same token opens no new connection anywhere.
      await expect(banned.connect(b)).rejects.toThrow('unauthorized');
      await expect(banned.connect(a)).rejects.toThrow('unauthorized');
      expect(bystander.socket.connected).toBe(true);
    });

    it("holds a member's chat rate limit across both processes", async () => {
      const onA = await peer(a);
      // The same member, a second connection on the other process.
      const onB = new ChatPeer(onA.member, onA.room);
      peers.push(onB);
      await onB.connect(b);
      const answers = [];
      for (let i = 0; i < CHAT_LIMIT / 2; i++) {
        answers.push(await onA.send(`via A ${i}`), await onB.send(`via B ${i}`));
      }
      expect(answers.every((answer) => answer.ok)).toBe(true);
      for (const chat of [onA, onB]) {
        expect(await chat.send('nog eentje')).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
      }
      const stored = await sql.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM chat_message WHERE membership_id = $1',
        [onA.member.memberId],
      );
      expect(stored.rows[0].n).toBe(CHAT_LIMIT);
    });

    it('applies a watched word added on one process to messages sent through the other at once', async () => {
      const chat = await peer(b);
      // B has read the watched words for the group (and would keep them 30 s) before the word is added
      // on A; the change reaches B through Redis, well before that.
      expect(await chat.send('ik wil snel geld verdienen')).toMatchObject({ ok: true });
      const unwatch = await watchWord(a, admin, 'snel geld', 'block');
      const refusedAt = Date.now();
      let answer = await chat.send('ik wil snel geld verdienen');
      while (answer.ok && Date.now() - refusedAt < 10_000) {
        await sleep(200);
        answer = await chat.send('ik wil snel geld verdienen');
      }
      expect(answer).toMatchObject({ ok: false, error: { code: 'blocked_content' } });
      await unwatch(a);
      let again = await chat.send('weer snel geld');
      while (!again.ok && Date.now() - refusedAt < 20_000) {
        await sleep(200);
        again = await chat.send('weer snel geld');
      }
      expect(again).toMatchObject({ ok: true });
    });

    it('leaves no ghosts when a process is killed: members on the other one get who is still there', async () => {
      const ghost = await peer(a);
      const watcher = await peer(b);
      const before = await watcher.connect(b);
      expect(before.presence.map((member) => member.memberId)).toContain(ghost.member.memberId);
      // B counts the processes every second (Redis's subscriber count): let it count A once.
      await sleep(1500);
      await a.kill();
      // A's Redis connections closed with it: B's next count is one fewer.
      await eventually(() => watcher.presenceSyncs.length > 0, 5_000, 'a presence sync');
      const now = watcher.presenceSyncs.at(-1)!.map((member) => member.memberId);
      expect(now).not.toContain(ghost.member.memberId);
      expect(now).toContain(watcher.member.memberId);
      await a.restart();
    });

    it('lets the clients of a killed process catch up on the other with sinceSeq, each acknowledged message once', async () => {
      const senders = [await peer(a), await peer(a)];
      const watcher = await peer(b);
      const acked: number[] = [];
      let killed = false;
      const bursts = senders.map(async (chat, i) => {
        for (let n = 0; n < CHAT_LIMIT && !killed; n++) {
          const answer = await chat.send(`burst ${i}-${n}`).catch(() => null);
          if (!answer) {
            return;
          }
          acked.push(ackedSeq(answer));
        }
      });
      await eventually(() => acked.length >= 6, 10_000, 'the burst');
      killed = true;
      await a.kill();
      await Promise.all(bursts);
      // The clients of A notice and come back on B from the last seq they hold.
      for (const chat of senders) {
        await eventually(() => chat.disconnects.length > 0, 5_000, 'the disconnect');
        await chat.connect(b, chat.lastSeq);
      }
      const after = ackedSeq(await watcher.send('Zijn jullie er nog?'));
      for (const chat of [...senders, watcher]) {
        await eventually(() => chat.seqs.includes(after), 10_000, 'the message after the crash');
        expectOnceInOrder(chat.seqs);
        expect(chat.seqs).toEqual(expect.arrayContaining(acked));
      }
      await a.restart();
    });

    it('keeps every acknowledged message through a 10 s Redis pause and a Redis restart, and delivers across processes again', async () => {
      const onA = await peer(a);
      const onB = await peer(b);
      const acked: number[] = [];
      await redis.pause(10_000);
      const pausedAt = Date.now();
      // Sending does not wait for Redis: the message is stored and acknowledged.
      for (const chat of [onA, onB, onA, onB]) {
        acked.push(ackedSeq(await chat.send('terwijl Redis stilstaat')));
      }
      expect(Date.now() - pausedAt).toBeLessThan(5_000);
      // Each process reads what the other stored from the database (its rooms' last seq, every 2 s):
      // everyone has every message while Redis still stands still.
      await eventually(
        () => [onA, onB].every((chat) => acked.every((seq) => chat.seqs.includes(seq))),
        20_000,
        'delivery during the pause',
      );
      expect(Date.now() - pausedAt).toBeLessThan(10_000);
      await redis.restart();
      for (const chat of [onA, onB]) {
        acked.push(ackedSeq(await chat.send('na de herstart van Redis')));
      }
      await eventually(
        () => [onA, onB].every((chat) => acked.every((seq) => chat.seqs.includes(seq))),
        20_000,
        'delivery after the restart',
      );
      for (const chat of [onA, onB]) {
        expectOnceInOrder(chat.seqs);
      }
      const health = await fetch(`${a.baseUrl}/api/health`);
      expect(await health.json()).toEqual({ status: 'ok', database: 'up', redis: 'up' });
    });
  });
} else {
  describe('the embedded database and scale-out', () => {
    let database: TestDatabase;
    let dataDir: string;
    let redis: TestRedis;
    let only: KringProcess;
    let admin: ClusterMember;
    let members: ClusterMember[];

    beforeAll(async () => {
      // A copy of the migrated template folder: no initdb and no migrations at start.
      database = await createTestDatabase();
      dataDir = database.env.DATA_DIR;
      redis = await startRedis();
      const env = { ...database.env, REDIS_URL: redis.url, JWT_SECRET: randomBytes(32).toString('hex') };
      only = await startKring('embedded', env);
      admin = await register(only);
      members = [await register(only), await register(only)];
      // Granting admin takes the data folder, as on a real site: stop, grant, start again.
      await only.stop();
      const granted = spawnSync(process.execPath, [join('dist', 'src', 'cli.js'), 'admin:grant', admin.loginName], {
        env: { ...process.env, NODE_ENV: 'test', ...env },
        encoding: 'utf8',
      });
      expect(granted.status).toBe(0);
      await only.restart();
    });

    afterAll(async () => {
      for (const chat of peers) {
        chat.close();
      }
      await only?.stop();
      await redis?.stop();
      await database?.drop();
    });

    const peers: ChatPeer[] = [];

    it('refuses a second process on the same data folder, so it cannot become a cluster', async () => {
      const second = await runToExit({ DATA_DIR: dataDir, JWT_SECRET: randomBytes(32).toString('hex') });
      expect(second.code).toBe(1);
      expect(second.output).toContain('Kring cannot start.');
      expect(second.output).toContain(dataDir);
    });

    it('chats through the Redis adapter when REDIS_URL is set', async () => {
      const slug = await createGroup(only, admin);
      for (const member of members) {
        await joinGroup(only, member, slug);
        const chat = new ChatPeer(member, { group: slug });
        peers.push(chat);
        await chat.connect(only);
      }
      const sent = ackedSeq(await peers[0].send('Hallo allemaal.'));
      await eventually(() => peers[1].seqs.includes(sent), 5_000, 'the delivery');
      // The broadcast went through the Redis stream the adapter shares between processes.
      const reader = new Redis(redis.url);
      try {
        expect(await reader.xlen('kring:socket.io')).toBeGreaterThan(0);
      } finally {
        reader.disconnect();
      }
    });
  });
}
