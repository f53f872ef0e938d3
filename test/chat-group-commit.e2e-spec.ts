import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { Ack, ChatMessage, RoomRef } from '../src/contracts/chat.js';
import { registerMember, type TestMember } from './support/accounts.js';
import {
  ChatPeer,
  createGroup as createClusterGroup,
  joinGroup as joinClusterGroup,
  type KringProcess,
  register,
  sleep,
  startKring,
} from './support/cluster.js';
import { createGroup, joinGroup, registerAdmin } from './support/groups.js';
import { type ChatClient, closeChatClients, connectChat, joinRoom, sendMessage } from './support/sockets.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

type SendAck = Ack<{ message: ChatMessage }>;

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

function send(socket: ChatClient, room: RoomRef, body: string, clientMsgId = randomUUID()): Promise<SendAck> {
  return socket.timeout(10_000).emitWithAck('message:send', { ...room, clientMsgId, body }) as Promise<SendAck>;
}

function seqOf(answer: SendAck): number {
  if (!answer.ok) {
    throw new Error(`message:send refused: ${answer.error.code} ${answer.error.message}`);
  }
  return answer.message.seq;
}

/**
 * Group commit: messages that arrive while a commit is in flight are written together in the next
 * transaction, and each is acknowledged only after that commit. Rows written in one transaction
 * share their `xmin`, which is how these tests see the batches.
 */
describe('chat group commit', () => {
  let app: TestApp;
  let admin: TestMember;
  const db = () => app.app.get(DataSource);

  beforeAll(async () => {
    app = await startTestApp({ env: { CHAT_RATE_LIMIT_PER_CONNECTION: '1000' } });
    admin = await registerAdmin(app);
  });

  afterAll(async () => {
    closeChatClients();
    await app.close();
  });

  /** A group with `count` members, each connected and in the group's room. */
  async function room(count: number): Promise<{
    ref: RoomRef;
    roomId: string;
    sockets: ChatClient[];
    members: TestMember[];
    memberIds: string[];
  }> {
    const group = await createGroup(app, admin);
    const ref = { group: group.slug };
    const sockets: ChatClient[] = [];
    const members: TestMember[] = [];
    const memberIds: string[] = [];
    for (let i = 0; i < count; i++) {
      const member = await registerMember(app);
      memberIds.push((await joinGroup(app, member, group.slug)).memberId);
      const socket = await connectChat(app, member);
      await joinRoom(socket, ref);
      sockets.push(socket);
      members.push(member);
    }
    const [{ id }] = await db().query<{ id: string }[]>(
      `SELECT r.id FROM chat_room r JOIN support_group g ON g.id = r.group_id WHERE g.slug = $1 AND r.kind = 'group'`,
      [group.slug],
    );
    return { ref, roomId: id, sockets, members, memberIds };
  }

  async function storedRows(roomId: string) {
    return db().query<{ seq: number; body: string; clientMsgId: string; tx: string }[]>(
      `SELECT seq, body, client_msg_id AS "clientMsgId", xmin::text AS tx FROM chat_message WHERE room_id = $1 ORDER BY seq`,
      [roomId],
    );
  }

  /**
   * Holds the given room's row lock (and, on the embedded database, its one connection) until
   * `release` is called: a message to that room keeps a commit in flight meanwhile.
   */
  function holdRoom(roomId: string): { locked: Promise<void>; release: () => Promise<void> } {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let taken!: () => void;
    const locked = new Promise<void>((resolve) => (taken = resolve));
    const done = db().transaction(async (manager) => {
      await manager.query('SELECT id FROM chat_room WHERE id = $1 FOR UPDATE', [roomId]);
      taken();
      await released;
    });
    return {
      locked,
      release: async () => {
        release();
        await done;
      },
    };
  }

  it('stores every acknowledged message of many concurrent senders in three rooms once, gap-free, in ack order, in shared commits', async () => {
    const rooms = [await room(6), await room(6), await room(6)];
    const perSender = 15;
    const acks = await Promise.all(
      rooms.flatMap(({ ref, sockets }, r) =>
        sockets.map(async (socket, s) => {
          const seqs: number[] = [];
          for (let n = 0; n < perSender; n++) {
            seqs.push(seqOf(await send(socket, ref, `kamer ${r} afzender ${s} bericht ${n}`)));
          }
          return { room: r, seqs };
        }),
      ),
    );
    let transactions = 0;
    let messages = 0;
    for (const [r, { roomId }] of rooms.entries()) {
      const rows = await storedRows(roomId);
      const acked = acks.filter((ack) => ack.room === r).flatMap((ack) => ack.seqs);
      // Every acknowledged message is stored, once, and nothing else is: seqs 1..n without a gap.
      expect(rows.map((row) => row.seq)).toEqual(range(1, 6 * perSender));
      expect([...acked].sort((a, b) => a - b)).toEqual(range(1, 6 * perSender));
      expect(new Set(rows.map((row) => row.body)).size).toBe(rows.length);
      messages += rows.length;
      transactions += new Set(rows.map((row) => row.tx)).size;
    }
    // Each sender's acks came in the order of the seqs the room gave its messages.
    for (const { seqs } of acks) {
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
    // 18 senders at once: most commits carried several messages.
    expect(transactions).toBeLessThan(messages / 2);
  });

  it('fails only the message that hits a constraint error; its batch neighbours are stored and acknowledged', async () => {
    const rooms = [await room(4), await room(4)];
    // Every socket sent once: the next messages go straight to the write.
    for (const { ref, sockets } of rooms) {
      for (const socket of sockets) {
        await sendMessage(socket, ref, 'hallo');
      }
    }
    // A check the database enforces and the app does not know of: a constraint error on one message.
    await db().query(`CREATE FUNCTION kring_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.body LIKE '%weigeren%' THEN
          RAISE EXCEPTION 'refused by the test' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await db().query(
      `CREATE TRIGGER kring_test_refuse BEFORE INSERT ON chat_message FOR EACH ROW EXECUTE FUNCTION kring_test_refuse()`,
    );
    try {
      const [first, second] = rooms;
      // A commit in flight: the first room's next message waits on the room's lock.
      const hold = holdRoom(first.roomId);
      await hold.locked;
      const blocker = send(first.sockets[0], first.ref, 'eerst');
      await sleep(150);
      // These all arrive meanwhile: one batch after the blocker's, with one bad message in its middle.
      const batch = [
        send(first.sockets[1], first.ref, 'een'),
        send(second.sockets[0], second.ref, 'twee'),
        send(first.sockets[2], first.ref, 'dit moet de database weigeren'),
        send(second.sockets[1], second.ref, 'drie'),
        send(first.sockets[3], first.ref, 'vier'),
        send(second.sockets[2], second.ref, 'vijf'),
      ];
      await sleep(150);
      await hold.release();
      expect(seqOf(await blocker)).toBe(5);
      const answers = await Promise.all(batch);
      expect(answers[2]).toMatchObject({ ok: false, error: { code: 'internal' } });
      for (const answer of [...answers.slice(0, 2), ...answers.slice(3)]) {
        expect(answer.ok).toBe(true);
      }
      const firstRows = await storedRows(first.roomId);
      const secondRows = await storedRows(second.roomId);
      expect(firstRows.map((row) => row.body)).toEqual(['hallo', 'hallo', 'hallo', 'hallo', 'eerst', 'een', 'vier']);
      expect(firstRows.map((row) => row.seq)).toEqual(range(1, 7));
      expect(secondRows.map((row) => row.body)).toEqual(['hallo', 'hallo', 'hallo', 'hallo', 'twee', 'drie', 'vijf']);
      expect(secondRows.map((row) => row.seq)).toEqual(range(1, 7));
      // The five neighbours were written together, in one commit, without the bad one.
      const neighbours = [...firstRows.slice(5), ...secondRows.slice(4)];
      expect(new Set(neighbours.map((row) => row.tx)).size).toBe(1);
      // The same message sent again fails again, alone; the next good one gets the next seq.
      expect(await send(first.sockets[2], first.ref, 'weer weigeren')).toMatchObject({ ok: false });
      expect(seqOf(await send(first.sockets[2], first.ref, 'wel goed'))).toBe(8);
    } finally {
      await db().query('DROP TRIGGER kring_test_refuse ON chat_message');
      await db().query('DROP FUNCTION kring_test_refuse()');
    }
  });

  it('loses nothing of 50 concurrent senders in five rooms: every message stored once, gap-free, each sender in order, in multi-room commits', async () => {
    const rooms = [];
    for (let r = 0; r < 5; r++) {
      rooms.push(await room(10));
    }
    const perSender = 6;
    const acks = await Promise.all(
      rooms.flatMap(({ ref, sockets }, r) =>
        sockets.map(async (socket, s) => {
          const seqs: number[] = [];
          for (let n = 0; n < perSender; n++) {
            seqs.push(seqOf(await send(socket, ref, `vijftig ${r}.${s}.${n}`)));
          }
          return { room: r, sender: s, seqs };
        }),
      ),
    );
    const roomsOfCommit = new Map<string, Set<number>>();
    for (const [r, { roomId }] of rooms.entries()) {
      const rows = await storedRows(roomId);
      expect(rows.map((row) => row.seq)).toEqual(range(1, 10 * perSender));
      const seqOfBody = new Map(rows.map((row) => [row.body, row.seq]));
      for (const { sender, seqs } of acks.filter((ack) => ack.room === r)) {
        // Acknowledged with the seq it was stored under, and each sender's messages in its order.
        expect(range(0, perSender - 1).map((n) => seqOfBody.get(`vijftig ${r}.${sender}.${n}`))).toEqual(seqs);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      }
      for (const row of rows) {
        roomsOfCommit.set(row.tx, (roomsOfCommit.get(row.tx) ?? new Set()).add(r));
      }
    }
    // Batches held messages of several rooms: one statement wrote rows of more than one room.
    expect([...roomsOfCommit.values()].some((held) => held.size > 1)).toBe(true);
  });

  it("gives a batch consecutive seqs per room, each connection's messages in their order, and refuses a member muted meanwhile inside it without a gap", async () => {
    const first = await room(4);
    for (const socket of first.sockets) {
      await sendMessage(socket, first.ref, 'hallo');
    }
    // Written straight to the table: the remembered access does not know, the batch statement does.
    await db().query(`UPDATE membership SET muted_until = now() + interval '10 minutes' WHERE id = $1`, [
      first.memberIds[2],
    ]);
    const hold = holdRoom(first.roomId);
    await hold.locked;
    const blocker = send(first.sockets[0], first.ref, 'eerst');
    await sleep(150);
    const batch = [
      send(first.sockets[3], first.ref, 'een'),
      send(first.sockets[1], first.ref, 'twee'),
      send(first.sockets[2], first.ref, 'gedempt'),
      send(first.sockets[3], first.ref, 'drie'),
    ];
    await sleep(150);
    await hold.release();
    expect(seqOf(await blocker)).toBe(5);
    const answers = await Promise.all(batch);
    const [een, twee, muted, drie] = answers;
    expect(muted).toMatchObject({ ok: false, error: { code: 'muted' } });
    // Two connections' messages may reach the batch in either order; one connection's keep theirs.
    expect([seqOf(een), seqOf(twee), seqOf(drie)].sort((a, b) => a - b)).toEqual([6, 7, 8]);
    expect(seqOf(een)).toBeLessThan(seqOf(drie));
    const rows = await storedRows(first.roomId);
    expect(rows.map((row) => row.seq)).toEqual(range(1, 8));
    expect(rows.slice(5).map((row) => row.seq)).toEqual([seqOf(een), seqOf(twee), seqOf(drie)].sort((a, b) => a - b));
    expect(rows.map((row) => row.body)).not.toContain('gedempt');
    expect(new Set(rows.slice(5).map((row) => row.tx)).size).toBe(1);
  });

  it('stores a clientMsgId sent twice in one batch (two connections of one member) once, and answers both with it', async () => {
    const first = await room(2);
    const second = await connectChat(app, first.members[1]);
    await joinRoom(second, first.ref);
    // Every connection sent once: the next messages go straight to the write.
    for (const socket of [...first.sockets, second]) {
      await sendMessage(socket, first.ref, 'hallo');
    }
    const hold = holdRoom(first.roomId);
    await hold.locked;
    const blocker = send(first.sockets[0], first.ref, 'eerst');
    await sleep(150);
    const clientMsgId = randomUUID();
    const twice = [
      send(first.sockets[1], first.ref, 'één keer', clientMsgId),
      send(first.sockets[0], first.ref, 'ernaast'),
      send(second, first.ref, 'één keer', clientMsgId),
    ];
    await sleep(150);
    await hold.release();
    expect(seqOf(await blocker)).toBe(4);
    const [a, neighbour, b] = await Promise.all(twice);
    expect(seqOf(a)).toBe(seqOf(b));
    expect(seqOf(neighbour)).toBeGreaterThan(4);
    const rows = await storedRows(first.roomId);
    expect(rows.filter((row) => row.clientMsgId === clientMsgId)).toHaveLength(1);
    expect(rows.map((row) => row.seq)).toEqual(range(1, 6));
  });
});

if (process.env.DATABASE_URL) {
  describe('chat group commit when the process is killed mid-batch', () => {
    let database: TestDatabase;
    let kring: KringProcess;
    let sql: pg.Client;
    const peers: ChatPeer[] = [];

    beforeAll(async () => {
      database = await createTestDatabase();
      kring = await startKring('K', {
        ...database.env,
        JWT_SECRET: randomBytes(32).toString('hex'),
        CHAT_RATE_LIMIT_PER_CONNECTION: '1000',
      });
      sql = new pg.Client({ connectionString: database.env.DATABASE_URL });
      await sql.connect();
    });

    afterAll(async () => {
      for (const peer of peers) {
        peer.close();
      }
      await kring?.stop();
      await sql?.end();
      await database?.drop();
    });

    it('loses no acknowledged message and stores none twice when the clients send again after the restart', async () => {
      const admin = await register(kring);
      await sql.query(`UPDATE account SET role = 'admin' WHERE login_name = $1`, [admin.loginName]);
      const slugs = [await createClusterGroup(kring, admin), await createClusterGroup(kring, admin)];
      for (let i = 0; i < 12; i++) {
        const member = await register(kring);
        const slug = slugs[i % 2];
        await joinClusterGroup(kring, member, slug);
        const peer = new ChatPeer(member, { group: slug });
        await peer.connect(kring);
        peers.push(peer);
      }
      const acked = new Map<string, number>();
      let killed = false;
      /** Sends each message until acknowledged, with the same clientMsgId across the crash, as the client does. */
      const sendAll = async (peer: ChatPeer, who: number) => {
        for (let n = 0; n < 40; n++) {
          const clientMsgId = randomUUID();
          const body = `deelnemer ${who} bericht ${n}`;
          for (;;) {
            try {
              const answer = (await peer.socket
                .timeout(3_000)
                .emitWithAck('message:send', { ...peer.room, clientMsgId, body })) as SendAck;
              if (answer.ok) {
                acked.set(body, answer.message.seq);
                break;
              }
              if (answer.error.code !== 'service_unavailable') {
                throw new Error(`refused: ${answer.error.code}`);
              }
            } catch (error) {
              if (error instanceof Error && error.message.startsWith('refused')) {
                throw error;
              }
            }
            await sleep(100);
            if (killed && !peer.socket.connected) {
              await peer.connect(kring).catch(() => undefined);
            }
          }
        }
      };
      const sending = Promise.all(peers.map((peer, who) => sendAll(peer, who)));
      // Killed while batches are being written, then started again on the same port.
      while (acked.size < 120) {
        await sleep(5);
      }
      killed = true;
      await kring.kill();
      const ackedBeforeKill = new Map(acked);
      await kring.restart();
      await sending;
      const rows = (
        await sql.query<{ slug: string; seq: number; body: string }>(
          `SELECT g.slug, m.seq, m.body FROM chat_message m JOIN chat_room r ON r.id = m.room_id
             JOIN support_group g ON g.id = r.group_id WHERE g.slug = ANY($1) ORDER BY g.slug, m.seq`,
          [slugs],
        )
      ).rows;
      const stored = new Map(rows.map((row) => [row.body, Number(row.seq)]));
      // Nothing acknowledged before the kill is lost, with the seq it was acknowledged with.
      for (const [body, seq] of ackedBeforeKill) {
        expect(stored.get(body)).toBe(seq);
      }
      // Every message stored exactly once (480 bodies, 480 rows), and each room's seqs have no gap.
      expect(rows).toHaveLength(12 * 40);
      expect(stored.size).toBe(12 * 40);
      for (const slug of slugs) {
        const seqs = rows.filter((row) => row.slug === slug).map((row) => Number(row.seq));
        expect(seqs).toEqual(range(1, seqs.length));
      }
    });
  });
}
