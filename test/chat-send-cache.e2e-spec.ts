import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import type { Ack, ChatMessage, RoomRef } from '../src/contracts/chat.js';
import { registerMember, type TestMember } from './support/accounts.js';
import {
  ban,
  ChatPeer,
  type ClusterMember,
  createGroup as createClusterGroup,
  joinGroup as joinClusterGroup,
  register,
  twoProcesses,
} from './support/cluster.js';
import { createGroup, joinGroup, makeModerator, registerAdmin } from './support/groups.js';
import { type ChatClient, closeChatClients, connectChat, joinRoom, sendMessage } from './support/sockets.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type SendAck = Ack<{ message: ChatMessage }>;

function send(socket: ChatClient | ChatPeer['socket'], room: RoomRef, body: string): Promise<SendAck> {
  return socket
    .timeout(5_000)
    .emitWithAck('message:send', { ...room, clientMsgId: randomUUID(), body }) as Promise<SendAck>;
}

/**
 * A connection remembers where it may send, so a member's next message skips the membership
 * check; whatever a moderator or admin changes still applies to the very next message.
 */
describe('chat: the remembered send permission of a connection', () => {
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

  /** A group with a moderator and a member who has sent once on their connection (so it is remembered). */
  async function sentOnce() {
    const group = await createGroup(app, admin);
    const ref = { group: group.slug };
    const moderator = await registerMember(app);
    await makeModerator(app, await joinGroup(app, moderator, group.slug));
    const member = await registerMember(app);
    const membership = await joinGroup(app, member, group.slug);
    const socket = await connectChat(app, member);
    await joinRoom(socket, ref);
    await sendMessage(socket, ref, 'Eerste bericht.');
    const act = async (body: object) => {
      const response = await app.http
        .post(`/api/groups/${group.slug}/moderation/actions`)
        .set('Authorization', moderator.bearer)
        .send({ memberId: membership.memberId, reason: 'Even pauze, graag.', ...body });
      expect(response.status).toBeLessThan(300);
    };
    const stored = async () =>
      (
        await db().query<{ body: string }[]>('SELECT body FROM chat_message WHERE membership_id = $1 ORDER BY seq', [
          membership.memberId,
        ])
      ).map((row) => row.body);
    return { group, ref, socket, act, stored, memberId: membership.memberId };
  }

  it('refuses the very next message after a mute, and takes it again after the unmute', async () => {
    const { ref, socket, act, stored } = await sentOnce();
    await act({ action: 'mute', minutes: 30 });
    expect(await send(socket, ref, 'Gedempt.')).toMatchObject({ ok: false, error: { code: 'muted' } });
    await act({ action: 'unmute' });
    expect(await send(socket, ref, 'Weer welkom.')).toMatchObject({ ok: true });
    expect(await stored()).toEqual(['Eerste bericht.', 'Weer welkom.']);
  });

  it('refuses the very next message after a suspension, a removal, a changed pledge or an archived group', async () => {
    const suspended = await sentOnce();
    await suspended.act({ action: 'suspend', days: 3 });
    expect(await send(suspended.socket, suspended.ref, 'Geschorst.')).toMatchObject({
      ok: false,
      error: { code: 'suspended' },
    });
    expect(await suspended.stored()).toEqual(['Eerste bericht.']);

    const removed = await sentOnce();
    await removed.act({ action: 'remove' });
    expect(await send(removed.socket, removed.ref, 'Verwijderd.')).toMatchObject({
      ok: false,
      error: { code: 'not_a_member' },
    });
    expect(await removed.stored()).toEqual(['Eerste bericht.']);

    const pledged = await sentOnce();
    const changed = await app.http
      .patch(`/api/groups/${pledged.group.slug}`)
      .set('Authorization', admin.bearer)
      .send({ pledge: 'Wat hier gezegd wordt, blijft hier. Ook na vandaag.' });
    expect(changed.status).toBe(200);
    expect(await send(pledged.socket, pledged.ref, 'Oude belofte.')).toMatchObject({
      ok: false,
      error: { code: 'pledge_required' },
    });
    expect(await pledged.stored()).toEqual(['Eerste bericht.']);

    const archived = await sentOnce();
    const done = await app.http.post(`/api/groups/${archived.group.slug}/archive`).set('Authorization', admin.bearer);
    expect(done.status).toBe(204);
    expect(await send(archived.socket, archived.ref, 'Gearchiveerd.')).toMatchObject({
      ok: false,
      error: { code: 'group_archived' },
    });
    expect(await archived.stored()).toEqual(['Eerste bericht.']);
  });

  it('refuses the very next message of a member whose sanction was written straight to the database (no event at all)', async () => {
    const { socket, ref, stored, memberId } = await sentOnce();
    await db().query(`UPDATE membership SET muted_until = now() + interval '5 minutes' WHERE id = $1`, [memberId]);
    expect(await send(socket, ref, 'Stil.')).toMatchObject({ ok: false, error: { code: 'muted' } });
    expect(await stored()).toEqual(['Eerste bericht.']);
  });
});

if (process.env.DATABASE_URL) {
  describe('chat: a sanction on one process applies to the very next message on the other', () => {
    const { a, b, sql, admin, peers } = twoProcesses({ CHAT_RATE_LIMIT_PER_CONNECTION: '1000' });
    let moderator: ClusterMember;
    let slug: string;

    beforeAll(async () => {
      slug = await createClusterGroup(a, admin);
      moderator = await register(a);
      await joinClusterGroup(a, moderator, slug);
      await sql.query(`UPDATE membership SET role = 'moderator' WHERE id = $1`, [moderator.memberId]);
    });

    /** A member connected to B who has sent there once (so B remembers the connection may send). */
    async function sentOnB(): Promise<ChatPeer> {
      const member = await register(b);
      await joinClusterGroup(b, member, slug);
      const peer = new ChatPeer(member, { group: slug });
      peers.push(peer);
      await peer.connect(b);
      expect(await peer.send('Eerste bericht.')).toMatchObject({ ok: true });
      return peer;
    }

    async function actOnA(memberId: string, body: object): Promise<void> {
      const response = await fetch(`${a.baseUrl}/api/groups/${slug}/moderation/actions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${moderator.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ memberId, reason: 'Even pauze, graag.', ...body }),
      });
      expect(response.status).toBeLessThan(300);
    }

    async function storedBodies(memberId: string): Promise<string[]> {
      const rows = await sql.query<{ body: string }>('SELECT body FROM chat_message WHERE membership_id = $1', [
        memberId,
      ]);
      return rows.rows.map((row) => row.body);
    }

    /** The answer to a send, or null when the server cut the connection instead of answering. */
    async function attempt(peer: ChatPeer, body: string): Promise<SendAck | null> {
      if (!peer.socket.connected) {
        return null;
      }
      const cut = new Promise<null>((resolve) => peer.socket.once('disconnect', () => resolve(null)));
      const answered = send(peer.socket, peer.room, body).catch(() => null);
      return Promise.race([answered, cut]);
    }

    it('a mute and a suspension given on A refuse the very next message on B', async () => {
      const muted = await sentOnB();
      await actOnA(muted.member.memberId!, { action: 'mute', minutes: 30 });
      expect(await muted.send('Gedempt.')).toMatchObject({ ok: false, error: { code: 'muted' } });
      expect(await storedBodies(muted.member.memberId!)).toEqual(['Eerste bericht.']);

      const suspended = await sentOnB();
      await actOnA(suspended.member.memberId!, { action: 'suspend', days: 2 });
      const answer = await attempt(suspended, 'Geschorst.');
      expect(answer === null || (!answer.ok && ['suspended', 'not_a_member'].includes(answer.error.code))).toBe(true);
      expect(await storedBodies(suspended.member.memberId!)).toEqual(['Eerste bericht.']);
    });

    it('a ban given on A refuses the very next message on B, whether or not B heard of it yet', async () => {
      const banned = await sentOnB();
      await ban(a, admin, slug, banned.member.memberId!);
      const answer = await attempt(banned, 'Na de ban.');
      expect(answer?.ok ?? false).toBe(false);
      expect(await storedBodies(banned.member.memberId!)).toEqual(['Eerste bericht.']);
    });
  });
}
