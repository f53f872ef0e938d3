import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BuddyPairView, ChatMember, ChatMessage } from '../src/contracts/chat.js';
import type { GroupDetail, MyMembership } from '../src/contracts/groups.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { expectError } from './support/errors.js';
import { createGroup, joinGroup, makeModerator, registerAdmin } from './support/groups.js';
import {
  call,
  closeChatClients,
  collect,
  connectChat,
  eventually,
  joinRoom,
  sendMessage,
  waitForEvent,
} from './support/sockets.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('buddy chats', () => {
  let app: TestApp;
  let admin: TestMember;
  let group: GroupDetail;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await registerAdmin(app);
    group = await createGroup(app, admin);
  });

  afterAll(async () => {
    closeChatClients();
    await app.close();
  });

  interface Person {
    member: TestMember;
    membership: MyMembership;
  }

  async function member(alias: string): Promise<Person> {
    const person = await registerMember(app);
    return { member: person, membership: await joinGroup(app, person, group.slug, { alias }) };
  }

  const api = (person: Person) => ({
    offer: (body: object = {}) =>
      app.http.put(`/api/groups/${group.slug}/buddies/me`).set('Authorization', person.member.bearer).send(body),
    available: () => app.http.get(`/api/groups/${group.slug}/buddies`).set('Authorization', person.member.bearer),
    ask: (buddy: Person) =>
      app.http
        .post(`/api/groups/${group.slug}/buddies/requests`)
        .set('Authorization', person.member.bearer)
        .send({ buddyMemberId: buddy.membership.memberId }),
    pairs: () => app.http.get(`/api/groups/${group.slug}/buddies/pairs`).set('Authorization', person.member.bearer),
    act: (pair: { id: string }, action: 'accept' | 'decline' | 'end' | 'block') =>
      app.http
        .post(`/api/groups/${group.slug}/buddies/pairs/${pair.id}/${action}`)
        .set('Authorization', person.member.bearer),
  });

  /** A buddy who offers, a newcomer whose request the buddy accepted. */
  async function pair(buddyAlias: string, newcomerAlias: string) {
    const buddy = await member(buddyAlias);
    const newcomer = await member(newcomerAlias);
    expect((await api(buddy).offer()).status).toBe(200);
    const asked = (await api(newcomer).ask(buddy)).body as BuddyPairView;
    expect((await api(buddy).act(asked, 'accept')).status).toBe(200);
    return { buddy, newcomer, pairId: asked.id, room: { group: group.slug, buddy: asked.id } };
  }

  it('lets a member offer to be a buddy for two newcomers by default, pause, and be found only when available', async () => {
    const buddy = await member('Ervaren Reiger');
    const newcomer = await member('Nieuwe Mus');
    const offered = await api(buddy).offer();
    expect(offered.status).toBe(200);
    expect(offered.body).toEqual({ capacity: 2, paused: false, active: 0 });
    expect((await api(newcomer).available()).body).toContainEqual({
      memberId: buddy.membership.memberId,
      alias: 'Ervaren Reiger',
    });
    expect((await api(buddy).offer({ paused: true })).body).toEqual({ capacity: 2, paused: true, active: 0 });
    expect((await api(newcomer).available()).body).not.toContainEqual(
      expect.objectContaining({ memberId: buddy.membership.memberId }),
    );
    expectError(await api(newcomer).ask(buddy), 409, 'buddy_unavailable');
    expectError(await api(newcomer).ask(newcomer), 409, 'buddy_unavailable');
    expectError(
      await app.http
        .put(`/api/groups/${group.slug}/buddies/me`)
        .set('Authorization', buddy.member.bearer)
        .send({ capacity: 9 }),
      400,
      'validation_failed',
    );
  });

  it('opens a private room only when the buddy accepts, and the two chat there under their aliases', async () => {
    const buddy = await member('Geduldige Uil');
    const newcomer = await member('Twijfelende Vink');
    const moderator = await member('Waakzame Valk');
    await makeModerator(app, moderator.membership);
    await api(buddy).offer();
    const buddySocket = await connectChat(app, buddy.member);
    const newcomerSocket = await connectChat(app, newcomer.member);
    const heardByBuddy = waitForEvent<BuddyPairView>(buddySocket, 'buddy:update');
    const asked = await api(newcomer).ask(buddy);
    expect(asked.status).toBe(201);
    const request = asked.body as BuddyPairView;
    expect(request).toMatchObject({
      status: 'requested',
      role: 'newcomer',
      other: { memberId: buddy.membership.memberId, alias: 'Geduldige Uil' },
    });
    expect(await heardByBuddy).toMatchObject({
      id: request.id,
      role: 'buddy',
      other: { memberId: newcomer.membership.memberId, alias: 'Twijfelende Vink' },
    });
    expect((await api(newcomer).ask(buddy)).body).toMatchObject({ id: request.id });
    const room = { group: group.slug, buddy: request.id };
    expect(await call(newcomerSocket, 'room:join', room)).toMatchObject({ ok: false, error: { code: 'room_closed' } });
    expectError(await api(newcomer).act(request, 'accept'), 403, 'forbidden');

    const heardByNewcomer = waitForEvent<BuddyPairView>(newcomerSocket, 'buddy:update');
    const accepted = await api(buddy).act(request, 'accept');
    expect(accepted.body).toMatchObject({ status: 'active', role: 'buddy' });
    expect(await heardByNewcomer).toMatchObject({ status: 'active', role: 'newcomer' });
    expect((await api(buddy).pairs()).body).toEqual([accepted.body]);

    const joined = await joinRoom(newcomerSocket, room);
    expect(joined.room).toMatchObject({ ...room, alias: 'Twijfelende Vink', slowModeSeconds: 0 });
    await joinRoom(buddySocket, room);
    const intruder = await connectChat(app, moderator.member);
    expect(await call(intruder, 'room:join', room)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call(buddySocket, 'room:slow-mode', { ...room, seconds: 10 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    const inbox = collect<ChatMessage>(buddySocket, 'message:new');
    const question = await sendMessage(newcomerSocket, room, 'Mag ik je iets vragen over de eerste weken?');
    await eventually(() => inbox.length === 1);
    expect(inbox).toEqual([question]);
    expect(question).toMatchObject({ group: group.slug, buddy: request.id, alias: 'Twijfelende Vink', seq: 1 });
    const retried = await sendMessage(newcomerSocket, room, 'dubbel', randomUUID());
    expect(retried.seq).toBe(2);
  });

  it('lets the buddy decline: the request closes and no room opens', async () => {
    const buddy = await member('Drukke Bij');
    const newcomer = await member('Vragende Bij');
    await api(buddy).offer();
    const request = (await api(newcomer).ask(buddy)).body as BuddyPairView;
    expect((await api(buddy).act(request, 'decline')).body).toMatchObject({ status: 'declined' });
    expectError(await api(buddy).act(request, 'accept'), 409, 'room_closed');
    const socket = await connectChat(app, newcomer.member);
    expect(await call(socket, 'room:join', { group: group.slug, buddy: request.id })).toMatchObject({
      ok: false,
      error: { code: 'room_closed' },
    });
  });

  it('keeps a buddy to the number they take on: full buddies are not listed and cannot accept one more', async () => {
    const buddy = await member('Enige Eik');
    const [first, second] = [await member('Eerste Kiem'), await member('Tweede Kiem')];
    await api(buddy).offer({ capacity: 1 });
    const one = (await api(first).ask(buddy)).body as BuddyPairView;
    const two = (await api(second).ask(buddy)).body as BuddyPairView;
    expect((await api(buddy).act(one, 'accept')).status).toBe(200);
    expectError(await api(buddy).act(two, 'accept'), 409, 'buddy_unavailable');
    expect((await api(buddy).offer({ capacity: 1 })).body).toEqual({ capacity: 1, paused: false, active: 1 });
    const third = await member('Derde Kiem');
    expect((await api(third).available()).body).not.toContainEqual(
      expect.objectContaining({ memberId: buddy.membership.memberId }),
    );
    expectError(await api(third).ask(buddy), 409, 'buddy_unavailable');
  });

  it('lets either side end the chat: its room closes at once for both', async () => {
    const { buddy, newcomer, pairId, room } = await pair('Sluitende Deur', 'Open Raam');
    const buddySocket = await connectChat(app, buddy.member);
    const newcomerSocket = await connectChat(app, newcomer.member);
    await joinRoom(buddySocket, room);
    await joinRoom(newcomerSocket, room);
    const closedForBuddy = waitForEvent(buddySocket, 'room:closed');
    const closedForNewcomer = waitForEvent(newcomerSocket, 'room:closed');
    expect((await api(newcomer).act({ id: pairId }, 'end')).body).toMatchObject({ status: 'ended' });
    expect(await closedForBuddy).toEqual({ room, reason: 'buddy_ended' });
    expect(await closedForNewcomer).toEqual({ room, reason: 'buddy_ended' });
    expect(
      await call(buddySocket, 'message:send', { ...room, clientMsgId: randomUUID(), body: 'Ben je er nog?' }),
    ).toMatchObject({ ok: false, error: { code: 'room_closed' } });
    expect((await api(newcomer).act({ id: pairId }, 'end')).status).toBe(200);
    expect((await api(buddy).pairs()).body).toEqual([]);
    // Ending is not blocking: the newcomer may ask again.
    expect((await api(newcomer).ask(buddy)).status).toBe(201);
  });

  it('lets either side block the other: no request passes between them again, told like any unavailability', async () => {
    const { buddy, newcomer, pairId } = await pair('Grens Trekker', 'Te Veel');
    const blocked = await api(buddy).act({ id: pairId }, 'block');
    expect(blocked.body).toMatchObject({ status: 'ended' });
    const refusal = expectError(await api(newcomer).ask(buddy), 409, 'buddy_unavailable');
    expect(refusal.message).not.toMatch(/block/i);
    expect((await api(newcomer).available()).body).not.toContainEqual(
      expect.objectContaining({ memberId: buddy.membership.memberId }),
    );

    // The newcomer's side: blocking a buddy keeps that buddy out of their list for good.
    const other = await pair('Tweede Buddy', 'Voorzichtige Mus');
    await api(other.newcomer).act({ id: other.pairId }, 'block');
    expect((await api(other.newcomer).available()).body).not.toContainEqual(
      expect.objectContaining({ memberId: other.buddy.membership.memberId }),
    );
    expectError(await api(other.newcomer).ask(other.buddy), 409, 'buddy_unavailable');
  });

  it('ends the buddy chats of a member who leaves the group', async () => {
    const { buddy, newcomer, room } = await pair('Blijvende Boom', 'Vertrekkende Vogel');
    const socket = await connectChat(app, buddy.member);
    await joinRoom(socket, room);
    const closed = waitForEvent<{ reason: string }>(socket, 'room:closed');
    const update = waitForEvent<BuddyPairView>(socket, 'buddy:update');
    const left = await app.http
      .post(`/api/groups/${group.slug}/leave`)
      .set('Authorization', newcomer.member.bearer)
      .send({});
    expect(left.status).toBe(204);
    expect((await closed).reason).toBe('buddy_ended');
    expect((await update).status).toBe('ended');
    expect((await api(buddy).pairs()).body).toEqual([]);
  });

  it('never shows a buddy or newcomer as anything but their alias and member id in the group', async () => {
    const { buddy, newcomer } = await pair('Anonieme Ster', 'Anonieme Maan');
    const views = [(await api(buddy).pairs()).body, (await api(newcomer).pairs()).body] as BuddyPairView[][];
    for (const view of views.flat()) {
      expect(Object.keys(view.other).sort()).toEqual(['alias', 'memberId']);
      expect(JSON.stringify(view)).not.toContain(buddy.member.loginName);
      expect(JSON.stringify(view)).not.toContain(newcomer.member.loginName);
    }
    const listing = (await api(await member('Zoekende Ster')).available()).body as ChatMember[];
    for (const entry of listing) {
      expect(Object.keys(entry).sort()).toEqual(['alias', 'memberId']);
    }
  });
});
