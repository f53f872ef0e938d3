import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { ChatRetentionService } from '../src/chat/chat-retention.service.js';
import { Clock } from '../src/chat/clock.js';
import type { ChatMessage, MessageSent, RoomRef } from '../src/contracts/chat.js';
import type { GroupDetail } from '../src/contracts/groups.js';
import type { AuditEntry, QueueEntry } from '../src/contracts/moderation.js';
import type { SupportChatView } from '../src/contracts/support-chats.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { appointResponder, CRISIS_TEXT, crisisSuite, type Person } from './support/crisis.js';
import { accountId } from './support/database-rows.js';
import { expectError } from './support/errors.js';
import { createGroup, joinGroup, makeModerator } from './support/groups.js';
import {
  call,
  collect,
  connectChat,
  connectionRefusal,
  eventually,
  joinRoom,
  sendMessage,
  waitForEvent,
} from './support/sockets.js';
import {
  ChatPeer,
  clusterApi,
  createGroup as createClusterGroup,
  eventually as clusterEventually,
  joinGroup as joinClusterGroup,
  register,
  twoProcesses,
} from './support/cluster.js';
import { decodeToken, signToken } from './support/tokens.js';

describe('a private support conversation after a crisis message', () => {
  const { app, admin } = crisisSuite();
  let group: GroupDetail;
  let otherGroup: GroupDetail;

  beforeAll(async () => {
    group = await createGroup(app, admin);
    otherGroup = await createGroup(app, admin);
  });

  async function person(alias: string, slug = group.slug, moderator = false): Promise<Person> {
    const member = await registerMember(app);
    const membership = await joinGroup(app, member, slug, { alias });
    if (moderator) {
      await makeModerator(app, membership);
    }
    return { member, membership, socket: await connectChat(app, member) };
  }

  const api = (who: TestMember | null, token?: string) => {
    const auth = token ?? who?.bearer;
    const withAuth = <T extends { set: (name: string, value: string) => T }>(request: T): T =>
      auth ? request.set('Authorization', auth) : request;
    const base = `/api/groups/${group.slug}/support-chats`;
    return {
      offer: (caseId: string) => withAuth(app.http.post(base)).send({ caseId }),
      list: () => withAuth(app.http.get(base)),
      act: (id: string, action: 'accept' | 'decline' | 'close') => withAuth(app.http.post(`${base}/${id}/${action}`)),
    };
  };

  /** A member writes a crisis message in the group room; a moderator claims the crisis case. */
  async function claimedCase(memberAlias: string, moderatorAlias: string) {
    const member = await person(memberAlias);
    const moderator = await person(moderatorAlias, group.slug, true);
    const groupRoom = { group: group.slug };
    await joinRoom(member.socket, groupRoom);
    const sent = await sendMessage(member.socket, groupRoom, CRISIS_TEXT);
    const queue = await app.http
      .get(`/api/groups/${group.slug}/moderation/queue`)
      .set('Authorization', moderator.member.bearer);
    const crisis = (queue.body as QueueEntry[]).find(
      (entry) => entry.kind === 'crisis' && entry.target?.id === sent.id,
    );
    expect(crisis).toBeDefined();
    const claimed = await app.http
      .post(`/api/groups/${group.slug}/moderation/queue/${crisis!.id}/claim`)
      .set('Authorization', moderator.member.bearer);
    expect(claimed.status).toBe(200);
    return { member, moderator, caseId: crisis!.id };
  }

  /** A claimed case whose member accepted the moderator's offer. */
  async function openConversation(memberAlias: string, moderatorAlias: string) {
    const claimed = await claimedCase(memberAlias, moderatorAlias);
    const offered = (await api(claimed.moderator.member).offer(claimed.caseId)).body as SupportChatView;
    const accepted = await api(claimed.member.member).act(offered.id, 'accept');
    expect(accepted.status).toBe(200);
    const room: RoomRef = { group: group.slug, support: offered.id };
    return { ...claimed, chatId: offered.id, room };
  }

  async function auditLog(moderator: Person): Promise<AuditEntry[]> {
    const response = await app.http
      .get(`/api/groups/${group.slug}/moderation/audit`)
      .set('Authorization', moderator.member.bearer);
    expect(response.status).toBe(200);
    return response.body as AuditEntry[];
  }

  async function countMessages(where: string, params: unknown[]): Promise<number> {
    const [row] = await app.app
      .get(DataSource)
      .query<{ count: number }[]>(`SELECT count(*)::int AS count FROM chat_message WHERE ${where}`, params);
    return row.count;
  }

  it('is offered by the moderator who claimed the case, accepted by the member, and the two exchange messages in order under the alias and the badge', async () => {
    const { member, moderator, caseId } = await claimedCase('Stille Merel', 'Waakzame Valk');
    const heardByMember = waitForEvent<SupportChatView>(member.socket, 'support:update');
    const offered = await api(moderator.member).offer(caseId);
    expect(offered.status).toBe(201);
    const offer = offered.body as SupportChatView;
    expect(offer).toEqual({
      id: expect.any(String),
      group: group.slug,
      status: 'offered',
      role: 'volunteer',
      member: { memberId: member.membership.memberId, alias: 'Stille Merel' },
      volunteer: { badge: 'moderator' },
      offeredAt: expect.any(String),
    });
    expect(await heardByMember).toEqual({ ...offer, role: 'member' });
    expect((await api(member.member).list()).body).toEqual([{ ...offer, role: 'member' }]);
    expect((await api(moderator.member).offer(caseId)).body).toMatchObject({ id: offer.id, status: 'offered' });

    const room: RoomRef = { group: group.slug, support: offer.id };
    expect(await call(member.socket, 'room:join', room)).toMatchObject({ ok: false, error: { code: 'room_closed' } });
    expectError(await api(moderator.member).act(offer.id, 'accept'), 403, 'forbidden');
    const heardByModerator = waitForEvent<SupportChatView>(moderator.socket, 'support:update');
    const accepted = await api(member.member).act(offer.id, 'accept');
    expect(accepted.body).toEqual({ ...offer, role: 'member', status: 'active' });
    expect(await heardByModerator).toEqual({ ...offer, status: 'active' });

    const memberJoined = await joinRoom(member.socket, room);
    expect(memberJoined.room).toMatchObject({ ...room, memberId: member.membership.memberId, alias: 'Stille Merel' });
    const moderatorJoined = await joinRoom(moderator.socket, room);
    expect(moderatorJoined.room).toMatchObject({ ...room, memberId: offer.id, alias: 'moderator' });
    const toMember = collect<ChatMessage>(member.socket, 'message:new');
    const toModerator = collect<ChatMessage>(moderator.socket, 'message:new');

    const retried = randomUUID();
    const first = await sendMessage(moderator.socket, room, 'Ik las je bericht. Ik ben er nu voor je.', retried);
    await sendMessage(member.socket, room, 'Dank je. Het gaat echt niet goed.');
    await sendMessage(moderator.socket, room, 'Wil je vertellen wat er vandaag gebeurd is?');
    expect(await sendMessage(moderator.socket, room, 'Ik las je bericht. Ik ben er nu voor je.', retried)).toEqual(
      first,
    );
    await eventually(() => toMember.length >= 3 && toModerator.length >= 3, 5000, 'three messages on both sides');
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const received of [toMember, toModerator]) {
      expect(received.map((message) => [message.seq, message.alias, message.badge])).toEqual([
        [1, 'moderator', 'moderator'],
        [2, 'Stille Merel', undefined],
        [3, 'moderator', 'moderator'],
      ]);
      expect(received[0]).toMatchObject({
        ...room,
        memberId: offer.id,
        body: 'Ik las je bericht. Ik ben er nu voor je.',
      });
      expect(received[1]).toMatchObject({ memberId: member.membership.memberId });
    }
    const history = await call<{ history: ChatMessage[] }>(member.socket, 'room:history', { ...room, beforeSeq: 4 });
    expect(history.ok && history.history.map((message) => message.seq)).toEqual([1, 2, 3]);
    const rejoined = await joinRoom(await connectChat(app, moderator.member), room, 1);
    expect(rejoined.history.map((message) => [message.seq, message.alias])).toEqual([
      [2, 'Stille Merel'],
      [3, 'moderator'],
    ]);

    // What the member received names the volunteer by the badge only.
    const moderatorAccount = await accountId(app, moderator.member.loginName);
    const seen = JSON.stringify([offer, accepted.body, toMember, history, (await api(member.member).list()).body]);
    for (const secret of [
      moderatorAccount!,
      moderator.membership.memberId,
      'Waakzame Valk',
      moderator.member.loginName,
    ]) {
      expect(seen).not.toContain(secret);
    }
    const memberAccount = await accountId(app, member.member.loginName);
    expect(JSON.stringify([toModerator, rejoined, (await api(moderator.member).list()).body])).not.toContain(
      memberAccount!,
    );

    const logged = await auditLog(moderator);
    expect(logged.filter((entry) => entry.reasonText?.params?.chat === offer.id).map((entry) => entry.action)).toEqual([
      'support-accepted',
      'support-offered',
    ]);
    expect(JSON.stringify(logged)).not.toContain('Het gaat echt niet goed');
  });

  it("delivers a volunteer's message that another process stored, read back from the database with the badge, in its seq place", async () => {
    const { member, moderator, chatId, room } = await openConversation('Verre Zwaluw', 'Ander Proces');
    await joinRoom(member.socket, room);
    await joinRoom(moderator.socket, room);
    const received = collect<ChatMessage>(member.socket, 'message:new');
    // Seq 1 was committed on another process, and its notice never came (Redis away): only the database has it.
    await app.app.get(DataSource).query(
      `WITH bumped AS (UPDATE chat_room SET last_seq = last_seq + 1
                        WHERE id = (SELECT room_id FROM support_chat WHERE id = $1) RETURNING id, last_seq)
       INSERT INTO chat_message (id, room_id, seq, membership_id, support_chat_id, client_msg_id, body, created_at)
       SELECT gen_random_uuid(), id, last_seq, NULL, $1, gen_random_uuid(), 'Van een ander proces.', now() FROM bumped`,
      [chatId],
    );
    await sendMessage(member.socket, room, 'En ik schrijf hier.');
    await eventually(() => received.length >= 2, 5000, 'both messages');
    expect(received.map((message) => [message.seq, message.alias, message.badge, message.memberId])).toEqual([
      [1, 'moderator', 'moderator', chatId],
      [2, 'Verre Zwaluw', undefined, member.membership.memberId],
    ]);
  });

  it('lets the member decline: no room opens, the offer cannot be accepted afterwards, and the audit log says so', async () => {
    const { member, moderator, caseId } = await claimedCase('Twijfelende Vink', 'Rustige Uil');
    const offer = (await api(moderator.member).offer(caseId)).body as SupportChatView;
    const heardByModerator = waitForEvent<SupportChatView>(moderator.socket, 'support:update');
    const declined = await api(member.member).act(offer.id, 'decline');
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined', role: 'member' });
    expect(await heardByModerator).toMatchObject({ id: offer.id, status: 'declined', role: 'volunteer' });
    expectError(await api(member.member).act(offer.id, 'accept'), 409, 'room_closed');
    expect((await api(member.member).list()).body).toEqual([]);
    const room = { group: group.slug, support: offer.id };
    for (const socket of [member.socket, moderator.socket]) {
      expect(await call(socket, 'room:join', room)).toMatchObject({ ok: false, error: { code: 'room_closed' } });
    }
    const logged = await auditLog(moderator);
    expect(logged.filter((entry) => entry.reasonText?.params?.chat === offer.id).map((entry) => entry.action)).toEqual([
      'support-declined',
      'support-offered',
    ]);
  });

  it('refuses everyone but the two, over REST and on the socket', async () => {
    const { member, moderator, caseId, chatId, room } = await openConversation('Open Reiger', 'Vaste Das');
    await joinRoom(member.socket, room);
    await sendMessage(member.socket, room, 'Alleen voor ons twee.');
    const third = await person('Nieuwsgierige Ekster');
    const otherModerator = await person('Andere Wachter', otherGroup.slug, true);
    const notClaimer = await person('Tweede Moderator', group.slug, true);
    const forged = `Bearer ${await signToken(decodeToken(member.member.tokens.accessToken).claims, `not-this-app-s-secret-0123456789abcdef`)}`;

    // Not the claimer: cannot offer, and a moderator of the group is no door into the conversation.
    expectError(await api(notClaimer.member).offer(caseId), 403, 'not_allowed');
    expectError(await api(third.member).offer(caseId), 403, 'not_allowed');
    const refused: [Person, number, string][] = [
      [third, 404, 'not_found'],
      [notClaimer, 404, 'not_found'],
      [otherModerator, 403, 'not_a_member'],
    ];
    for (const [who, status, code] of refused) {
      const listed = await api(who.member).list();
      if (listed.status === 200) {
        expect(listed.body).toEqual([]);
      } else {
        expectError(listed, status, code);
      }
      for (const action of ['accept', 'decline', 'close'] as const) {
        expectError(await api(who.member).act(chatId, action), status, code);
      }
      for (const [event, payload] of [
        ['room:join', room],
        ['message:send', { ...room, clientMsgId: randomUUID(), body: 'Mag ik meelezen?' }],
        ['room:history', { ...room, beforeSeq: 10 }],
      ] as const) {
        expect({ event, answer: await call(who.socket, event, payload) }).toMatchObject({
          event,
          answer: { ok: false, error: { code } },
        });
      }
    }
    for (const token of [undefined, forged]) {
      expectError(await api(null, token).list(), 401, 'unauthorized');
      expectError(await api(null, token).act(chatId, 'close'), 401, 'unauthorized');
      expectError(await api(null, token).offer(caseId), 401, 'unauthorized');
    }
    expect((await connectionRefusal(app, null, { token: null })).message).toBe('unauthorized');
    expect((await connectionRefusal(app, null, { token: forged.slice('Bearer '.length) })).message).toBe(
      'unauthorized',
    );
    expect(await countMessages('body = $1', ['Mag ik meelezen?'])).toBe(0);

    // A suspended member is refused in their own conversation too, and it closes.
    await joinRoom(moderator.socket, room);
    const closedOnModerator = waitForEvent<{ reason: string }>(moderator.socket, 'room:closed');
    const suspended = await app.http
      .post(`/api/groups/${group.slug}/moderation/actions`)
      .set('Authorization', notClaimer.member.bearer)
      .send({ action: 'suspend', memberId: member.membership.memberId, days: 3, reason: 'Even afkoelen, graag.' });
    expect(suspended.status).toBeLessThan(300);
    expect(await closedOnModerator).toMatchObject({ reason: 'support_ended' });
    expectError(await api(member.member).list(), 403, 'suspended');
    expect(await call(member.socket, 'room:join', room)).toMatchObject({ ok: false, error: { code: 'suspended' } });
    expect(await call(moderator.socket, 'room:join', room)).toMatchObject({
      ok: false,
      error: { code: 'room_closed' },
    });
  });

  it("shows the member the crisis lines for a crisis line in the conversation, raises no new case for other responders or moderators to read, and ignores the volunteer's words", async () => {
    const { member, moderator, caseId, room } = await openConversation('Moede Kraai', 'Zachte Hinde');
    await joinRoom(member.socket, room);
    await joinRoom(moderator.socket, room);
    const asked = await call<MessageSent>(moderator.socket, 'message:send', {
      ...room,
      clientMsgId: randomUUID(),
      // Quoting the member's words back: the detector alone would read it as the volunteer's crisis.
      body: 'Je schreef: "Ik wil er niet meer zijn." Dat klinkt heel zwaar.',
    });
    expect(asked).toMatchObject({ ok: true });
    expect(asked.ok && asked.crisis).toBeUndefined();
    const toVolunteer = waitForEvent<ChatMessage>(moderator.socket, 'message:new');
    const answered = await call<MessageSent>(member.socket, 'message:send', {
      ...room,
      clientMsgId: randomUUID(),
      body: 'PRIVE-REGEL ' + CRISIS_TEXT,
    });
    if (!answered.ok) {
      throw new Error(`refused: ${answered.error.code}`);
    }
    expect(answered.crisis?.lines.map((line) => line.phone)).toContain('1813');
    // The volunteer who holds the member's case reads it live, in the conversation.
    expect(await toVolunteer).toMatchObject({ id: answered.message.id, body: 'PRIVE-REGEL ' + CRISIS_TEXT });
    const cases = await app.app
      .get(DataSource)
      .query<{ id: string }[]>(
        `SELECT id FROM moderation_case WHERE target_id = $1 OR target_id = $2 OR (kind = 'crisis' AND subject_membership_id = $3 AND id <> $4)`,
        [answered.message.id, asked.ok ? asked.message.id : '', member.membership.memberId, caseId],
      );
    expect(cases).toEqual([]);
    const queue = (
      await app.http.get(`/api/groups/${group.slug}/moderation/queue`).set('Authorization', moderator.member.bearer)
    ).body as QueueEntry[];
    expect(JSON.stringify(queue)).not.toContain('PRIVE-REGEL');
  });

  it('does not hold a phone number the member insists on sharing with the volunteer: it reaches the volunteer and the group moderators never read it', async () => {
    const { member, moderator, room } = await openConversation('Zorgelijke Gaai', 'Rustige Eland');
    const other = await person('Andere Wachter', group.slug, true);
    await joinRoom(member.socket, room);
    await joinRoom(moderator.socket, room);
    const body = 'Bel me gerust op 0612345678 als dat makkelijker is.';
    expect(await call(member.socket, 'message:send', { ...room, clientMsgId: randomUUID(), body })).toMatchObject({
      ok: false,
      error: { code: 'identifying_details' },
    });
    const toVolunteer = waitForEvent<ChatMessage>(moderator.socket, 'message:new');
    const sent = await call<MessageSent>(member.socket, 'message:send', {
      ...room,
      clientMsgId: randomUUID(),
      body,
      insist: true,
    });
    if (!sent.ok) {
      throw new Error(`refused: ${sent.error.code}`);
    }
    expect(sent.held).toBeUndefined();
    expect(await toVolunteer).toMatchObject({ id: sent.message.id, body });
    expect((await toVolunteer).held).toBeUndefined();
    for (const reader of [moderator, other]) {
      const queue = (
        await app.http.get(`/api/groups/${group.slug}/moderation/queue`).set('Authorization', reader.member.bearer)
      ).body as QueueEntry[];
      expect(JSON.stringify(queue)).not.toContain('0612345678');
      expect(queue.some((entry) => entry.target?.id === sent.message.id)).toBe(false);
    }
    expect(await countMessages('id = $1 AND held_at IS NULL', [sent.message.id])).toBe(1);
  });

  it('shows the crisis desk only the flagged line of a crisis message in a buddy chat, never what the buddies wrote before', async () => {
    const responder = await appointResponder(app, admin, { name: 'Weekenddienst', homeAlias: 'Weer Elders' });
    const buddy = await person('Ervaren Kievit');
    const newcomer = await person('Nieuwe Grutto');
    const buddies = `/api/groups/${group.slug}/buddies`;
    expect((await app.http.put(`${buddies}/me`).set('Authorization', buddy.member.bearer).send({})).status).toBe(200);
    const asked = (
      await app.http
        .post(`${buddies}/requests`)
        .set('Authorization', newcomer.member.bearer)
        .send({ buddyMemberId: buddy.membership.memberId })
    ).body as { id: string };
    expect(
      (await app.http.post(`${buddies}/pairs/${asked.id}/accept`).set('Authorization', buddy.member.bearer)).status,
    ).toBe(200);
    const room: RoomRef = { group: group.slug, buddy: asked.id };
    await joinRoom(buddy.socket, room);
    await joinRoom(newcomer.socket, room);
    await sendMessage(buddy.socket, room, 'BUDDY-GEHEIM: dit vertel ik alleen aan jou.');
    await sendMessage(newcomer.socket, room, 'NIEUWKOMER-GEHEIM: en ik dit aan jou.');
    const flagged = await call<MessageSent>(newcomer.socket, 'message:send', {
      ...room,
      clientMsgId: randomUUID(),
      body: CRISIS_TEXT,
    });
    if (!flagged.ok || !flagged.crisisStatus) {
      throw new Error('no crisis case for a crisis line in a buddy chat');
    }
    const context = await app.http
      .get(`/api/crisis/desk/${flagged.crisisStatus.caseId}/context`)
      .set('Authorization', responder.member.bearer);
    expect(context.status).toBe(200);
    expect((context.body as { lines: unknown[] }).lines).toEqual([
      expect.objectContaining({ alias: 'Nieuwe Grutto', body: CRISIS_TEXT, flagged: true }),
    ]);
    expect(JSON.stringify(context.body)).not.toContain('GEHEIM');
  });

  it('is closed by either side: the room closes live for both and the audit log records who closed it, not the text', async () => {
    const { member, moderator, chatId, room } = await openConversation('Kalme Spreeuw', 'Trouwe Hond');
    await joinRoom(member.socket, room);
    await joinRoom(moderator.socket, room);
    const closedForMember = waitForEvent<{ room: RoomRef; reason: string }>(member.socket, 'room:closed');
    const closedForModerator = waitForEvent<{ room: RoomRef; reason: string }>(moderator.socket, 'room:closed');
    const told = waitForEvent<SupportChatView>(moderator.socket, 'support:update');
    const closed = await api(member.member).act(chatId, 'close');
    expect(closed.body).toMatchObject({ id: chatId, status: 'closed' });
    expect(await closedForMember).toEqual({ room, reason: 'support_ended' });
    expect(await closedForModerator).toEqual({ room, reason: 'support_ended' });
    expect(await told).toMatchObject({ id: chatId, status: 'closed', role: 'volunteer' });
    expect((await api(moderator.member).act(chatId, 'close')).body).toMatchObject({ status: 'closed' });
    expect(
      await call(moderator.socket, 'message:send', { ...room, clientMsgId: randomUUID(), body: 'Nog daar?' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'room_closed' },
    });
    const logged = (await auditLog(moderator)).filter((entry) => entry.reasonText?.params?.chat === chatId);
    expect(logged.map((entry) => entry.action)).toEqual(['support-closed', 'support-accepted', 'support-offered']);
    expect(logged[0].reasonText?.code).toBe('audit.support.closed.member');

    const second = await openConversation('Late Uil', 'Wakkere Vos');
    const closedBy = await api(second.moderator.member).act(second.chatId, 'close');
    expect(closedBy.body).toMatchObject({ status: 'closed', role: 'volunteer' });
    expect(
      (await auditLog(second.moderator)).find((entry) => entry.reasonText?.params?.chat === second.chatId)?.reasonText,
    ).toEqual({ code: 'audit.support.closed.moderator', params: { chat: second.chatId } });
  });

  it('is offered by a crisis responder who claimed the case on the desk and is not a member, shown only by the badge', async () => {
    const member = await person('Verloren Meeuw');
    const moderator = await person('Drukke Mol', group.slug, true);
    const responder = await appointResponder(app, admin, { name: 'Nachtdienst', homeAlias: 'Thuis Elders' });
    await joinRoom(member.socket, { group: group.slug });
    const sent = await sendMessage(member.socket, { group: group.slug }, CRISIS_TEXT);
    const queue = (
      await app.http.get(`/api/groups/${group.slug}/moderation/queue`).set('Authorization', moderator.member.bearer)
    ).body as QueueEntry[];
    const caseId = queue.find((entry) => entry.target?.id === sent.id)!.id;
    expectError(await api(responder.member).offer(caseId), 403, 'not_allowed');
    const claimed = await app.http
      .post(`/api/crisis/desk/${caseId}/claim`)
      .set('Authorization', responder.member.bearer);
    expect(claimed.status).toBe(200);
    expectError(await api(moderator.member).offer(caseId), 403, 'not_allowed');

    const offered = await api(responder.member).offer(caseId);
    expect(offered.status).toBe(201);
    const offer = offered.body as SupportChatView;
    expect(offer).toMatchObject({ volunteer: { badge: 'crisis_responder' }, member: { alias: 'Verloren Meeuw' } });
    expect((await api(responder.member).list()).body).toEqual([offer]);
    const heard = waitForEvent<SupportChatView>(responder.socket, 'support:update');
    await api(member.member).act(offer.id, 'accept');
    expect(await heard).toMatchObject({ id: offer.id, status: 'active' });
    const room = { group: group.slug, support: offer.id };
    await joinRoom(responder.socket, room);
    await joinRoom(member.socket, room);
    const toMember = waitForEvent<ChatMessage>(member.socket, 'message:new');
    await sendMessage(responder.socket, room, 'Ik ben vannacht de vrijwilliger van dienst.');
    const received = await toMember;
    expect(received).toMatchObject({ alias: 'crisis_responder', badge: 'crisis_responder', memberId: offer.id });
    const responderAccount = await accountId(app, responder.member.loginName);
    const seen = JSON.stringify([offer, received, (await api(member.member).list()).body]);
    for (const secret of [responderAccount!, responder.homeMembership.memberId, 'Thuis Elders', 'Nachtdienst']) {
      expect(seen).not.toContain(secret);
    }
    // Being a responder opens no group: only this conversation.
    expect(await call(responder.socket, 'room:join', { group: group.slug })).toMatchObject({
      ok: false,
      error: { code: 'not_a_member' },
    });
    const revoked = await app.http
      .post(`/api/admin/crisis/responders/${responder.view.id}/revoke`)
      .set('Authorization', admin.bearer)
      .send({ reason: 'Stopt als vrijwilliger, met dank.' });
    expect(revoked.status).toBeLessThan(300);
    expect(await call(responder.socket, 'room:join', room)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expectError(await api(responder.member).list(), 403, 'not_a_member');
    // Nobody is on the other side any more: the member is not left writing into the void.
    expect(
      await call(member.socket, 'message:send', { ...room, clientMsgId: randomUUID(), body: 'Ben je er nog?' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'room_closed' },
    });
    expect((await api(member.member).list()).body).toEqual([]);
  });

  it("closes the conversation for both when the responder is revoked while both are in the room: the responder's connection receives nothing the member writes afterwards", async () => {
    const member = await person('Wankele Wilg');
    const responder = await appointResponder(app, admin, { name: 'Avonddienst', homeAlias: 'Elders Thuis' });
    const moderator = await person('Stille Uil', group.slug, true);
    await joinRoom(member.socket, { group: group.slug });
    const sent = await sendMessage(member.socket, { group: group.slug }, CRISIS_TEXT);
    const queue = (
      await app.http.get(`/api/groups/${group.slug}/moderation/queue`).set('Authorization', moderator.member.bearer)
    ).body as QueueEntry[];
    const caseId = queue.find((entry) => entry.target?.id === sent.id)!.id;
    expect(
      (await app.http.post(`/api/crisis/desk/${caseId}/claim`).set('Authorization', responder.member.bearer)).status,
    ).toBe(200);
    const offer = (await api(responder.member).offer(caseId)).body as SupportChatView;
    expect((await api(member.member).act(offer.id, 'accept')).status).toBe(200);
    const room: RoomRef = { group: group.slug, support: offer.id };
    await joinRoom(responder.socket, room);
    await joinRoom(member.socket, room);
    await sendMessage(responder.socket, room, 'Ik ben er, vertel maar.');
    const toResponder = collect<ChatMessage>(responder.socket, 'message:new');
    const closedOnResponder = waitForEvent<{ room: RoomRef; reason: string }>(responder.socket, 'room:closed');
    const closedOnMember = waitForEvent<{ room: RoomRef; reason: string }>(member.socket, 'room:closed');
    const toldMember = waitForEvent<SupportChatView>(member.socket, 'support:update');

    const revoked = await app.http
      .post(`/api/admin/crisis/responders/${responder.view.id}/revoke`)
      .set('Authorization', admin.bearer)
      .send({ reason: 'Stopt als vrijwilliger, met dank.' });
    expect(revoked.status).toBeLessThan(300);
    expect(await closedOnResponder).toEqual({ room: expect.objectContaining(room), reason: 'support_ended' });
    expect(await closedOnMember).toEqual({ room: expect.objectContaining(room), reason: 'support_ended' });
    expect(await toldMember).toMatchObject({ id: offer.id, status: 'closed', role: 'member' });
    const [row] = await app.app
      .get(DataSource)
      .query<{ status: string }[]>('SELECT status FROM support_chat WHERE id = $1', [offer.id]);
    expect(row.status).toBe('closed');

    const after = await call(member.socket, 'message:send', {
      ...room,
      clientMsgId: randomUUID(),
      body: 'Ben je er nog?',
    });
    expect(after).toMatchObject({ ok: false });
    expect(await call(member.socket, 'room:join', room)).toMatchObject({ ok: false, error: { code: 'room_closed' } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(toResponder).toEqual([]);
    expect(await countMessages('body = $1', ['Ben je er nog?'])).toBe(0);
  });

  it('closes the conversation live for both when the moderator who holds it is suspended', async () => {
    const { member, moderator, chatId, room } = await openConversation('Bleke Reiger', 'Trouwe Das');
    const other = await person('Tweede Uil', group.slug, true);
    await joinRoom(moderator.socket, room);
    await joinRoom(member.socket, room);
    const toModerator = collect<ChatMessage>(moderator.socket, 'message:new');
    const closedOnModerator = waitForEvent<{ reason: string }>(moderator.socket, 'room:closed');
    const closedOnMember = waitForEvent<{ reason: string }>(member.socket, 'room:closed');
    const toldMember = waitForEvent<SupportChatView>(member.socket, 'support:update');

    const suspended = await app.http
      .post(`/api/groups/${group.slug}/moderation/actions`)
      .set('Authorization', other.member.bearer)
      .send({ action: 'suspend', memberId: moderator.membership.memberId, days: 3, reason: 'Even een pauze.' });
    expect(suspended.status).toBeLessThan(300);
    expect(await closedOnModerator).toMatchObject({ reason: 'support_ended' });
    expect(await closedOnMember).toMatchObject({ reason: 'support_ended' });
    expect(await toldMember).toMatchObject({ id: chatId, status: 'closed' });
    expect(await call(member.socket, 'room:join', room)).toMatchObject({ ok: false, error: { code: 'room_closed' } });
    expect(
      await call(member.socket, 'message:send', { ...room, clientMsgId: randomUUID(), body: 'Hallo? Nog iemand?' }),
    ).toMatchObject({ ok: false });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(toModerator).toEqual([]);
    expect((await api(member.member).list()).body).toEqual([]);
  });

  it('is purged like other chat: by the retention window, when the member leaves with erase, and with the volunteer account', async () => {
    const dataSource = app.app.get(DataSource);
    const expiring = await openConversation('Korte Adem', 'Snelle Wezel');
    await joinRoom(expiring.member.socket, expiring.room);
    await sendMessage(expiring.member.socket, expiring.room, 'Weg na dertig dagen.');
    const clock = app.app.get(Clock);
    const spy = jest.spyOn(clock, 'now').mockReturnValue(new Date(Date.now() + 31 * 24 * 60 * 60 * 1000));
    try {
      await app.app.get(ChatRetentionService).purgeExpired();
    } finally {
      spy.mockRestore();
    }
    expect(await countMessages('body = $1', ['Weg na dertig dagen.'])).toBe(0);

    const erased = await openConversation('Wissende Lijster', 'Goede Herder');
    await joinRoom(erased.member.socket, erased.room);
    await joinRoom(erased.moderator.socket, erased.room);
    await sendMessage(erased.member.socket, erased.room, 'Mijn woorden, straks weg.');
    await sendMessage(erased.moderator.socket, erased.room, 'Het antwoord van de moderator.');
    const left = await app.http
      .post(`/api/groups/${group.slug}/leave`)
      .set('Authorization', erased.member.member.bearer)
      .send({ erase: true });
    expect(left.status).toBe(204);
    expect(
      await countMessages('body = ANY($1)', [['Mijn woorden, straks weg.', 'Het antwoord van de moderator.']]),
    ).toBe(0);
    expect(await dataSource.query('SELECT id FROM support_chat WHERE id = $1', [erased.chatId])).toEqual([]);

    const deleted = await openConversation('Blijvende Gans', 'Vertrekkende Kat');
    await joinRoom(deleted.member.socket, deleted.room);
    await joinRoom(deleted.moderator.socket, deleted.room);
    await sendMessage(deleted.member.socket, deleted.room, 'Wat de member schreef.');
    await sendMessage(deleted.moderator.socket, deleted.room, 'Wat de vrijwilliger schreef.');
    const gone = await app.http
      .delete('/api/me')
      .set('Authorization', deleted.moderator.member.bearer)
      .send({ password: deleted.moderator.member.password });
    expect(gone.status).toBe(204);
    expect(await countMessages('body = $1', ['Wat de vrijwilliger schreef.'])).toBe(0);
    expect(await countMessages('body = $1', ['Wat de member schreef.'])).toBe(1);
    expect((await api(deleted.member.member).list()).body).toEqual([]);
  });
});

/**
 * Two real processes (`node dist/src/main.js`) on one PostgreSQL database and one Redis: revoking a
 * responder through one process closes their conversation on the other, where their socket is.
 */
if (process.env.DATABASE_URL) {
  describe('a private support conversation across two processes', () => {
    const { a, b, admin, peers } = twoProcesses();

    it("closes the conversation on the other process when the responder is revoked: the responder's socket there receives nothing more", async () => {
      const home = await createClusterGroup(a, admin);
      const slug = await createClusterGroup(a, admin);
      const responder = await register(a);
      await joinClusterGroup(a, responder, home);
      const appointed = await clusterApi<{ id: string }>(a, 'POST', '/api/admin/crisis/responders', admin, {
        group: home,
        memberId: responder.memberId,
        name: 'Vrijwilliger Noor',
        reason: 'Opgeleid voor de crisisdesk.',
      });
      const member = await register(a);
      await joinClusterGroup(a, member, slug);
      const inGroup = new ChatPeer(member, { group: slug });
      peers.push(inGroup);
      await inGroup.connect(a);
      const sent = (await inGroup.socket
        .timeout(15_000)
        .emitWithAck('message:send', { group: slug, clientMsgId: randomUUID(), body: CRISIS_TEXT })) as {
        ok: boolean;
        crisisStatus?: { caseId: string };
      };
      const caseId = sent.crisisStatus!.caseId;
      await clusterApi(a, 'POST', `/api/crisis/desk/${caseId}/claim`, responder);
      const offer = await clusterApi<SupportChatView>(a, 'POST', `/api/groups/${slug}/support-chats`, responder, {
        caseId,
      });
      await clusterApi(a, 'POST', `/api/groups/${slug}/support-chats/${offer.id}/accept`, member);
      const room: RoomRef = { group: slug, support: offer.id };
      const volunteerSide = new ChatPeer(responder, room);
      const memberSide = new ChatPeer(member, room);
      peers.push(volunteerSide, memberSide);
      await volunteerSide.connect(b);
      await memberSide.connect(a);
      const closedOnB: string[] = [];
      volunteerSide.socket.on('room:closed', (closed) => closedOnB.push(closed.reason));
      expect((await memberSide.send('Fijn dat je er bent.')).ok).toBe(true);
      await clusterEventually(() => volunteerSide.arrivals.length === 1, 5000, 'the first line on process B');

      await clusterApi(a, 'POST', `/api/admin/crisis/responders/${appointed.id}/revoke`, admin, {
        reason: 'Stopt als vrijwilliger, met dank.',
      });
      await clusterEventually(() => closedOnB.length > 0, 5000, 'the room closed on process B');
      expect(closedOnB).toEqual(['support_ended']);
      expect((await memberSide.send('Ben je er nog?')).ok).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(volunteerSide.arrivals.map((message) => message.body)).toEqual(['Fijn dat je er bent.']);
    });
  });
}
