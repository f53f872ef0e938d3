import { randomUUID } from 'node:crypto';
import { afterEach, expect } from '@jest/globals';
import type { Test } from 'supertest';
import type { MessageSent, RoomRef } from '../../src/contracts/chat.js';
import type { CrisisResponderView } from '../../src/contracts/crisis.js';
import type { GroupDetail, MyMembership } from '../../src/contracts/groups.js';
import { registerMember, type TestMember } from './accounts.js';
import { createGroup, joinGroup } from './groups.js';
import { call, type ChatClient, connectChat, joinRoom } from './sockets.js';
import { appSuite } from './suite.js';
import type { TestApp, TestAppOptions } from './test-app.js';

/** Caught by the crisis detector before and after its rewrite. */
export const CRISIS_TEXT = 'Ik wil er niet meer zijn. Ik heb al een afscheidsbrief geschreven.';

/** The crisis lines a Dutch group's member is given, in order. */
export const DUTCH_CRISIS_PHONES = ['1813', '0800 32 123', '113 of 0800-0113', '112'];

export interface Person {
  member: TestMember;
  membership: MyMembership;
  socket: ChatClient;
}

export interface Responder {
  member: TestMember;
  view: CrisisResponderView;
  socket: ChatClient;
}

/** Requests as one member (or a guest with `null`). */
export function as(
  app: TestApp,
  who: TestMember | null,
  method: 'get' | 'post' | 'put',
  path: string,
  body?: object,
): Test {
  const request = app.http[method](path);
  if (who) {
    request.set('Authorization', who.bearer);
  }
  return body === undefined ? request : request.send(body);
}

/** A group with no moderator (like the starter groups) and members in its room. */
export async function groupWithoutModerator(app: TestApp, admin: TestMember, memberCount = 1) {
  const group = await createGroup(app, admin, { locale: 'nl' });
  const ref: RoomRef = { group: group.slug };
  const members: Person[] = [];
  for (let i = 0; i < memberCount; i++) {
    members.push(await personIn(app, group, ref));
  }
  return { group, ref, members };
}

/** A member of `group`, connected, in its room. */
export async function personIn(app: TestApp, group: GroupDetail, ref: RoomRef, alias?: string): Promise<Person> {
  const member = await registerMember(app);
  const membership = await joinGroup(app, member, group.slug, alias ? { alias } : {});
  const socket = await connectChat(app, member);
  await joinRoom(socket, ref);
  return { member, membership, socket };
}

/**
 * An admin appoints a crisis responder: the account of a member of a group of its own (with an
 * alias there that must never reach the desk), connected to `/chat`, on duty unless told otherwise.
 */
export async function appointResponder(
  app: TestApp,
  admin: TestMember,
  options: { name?: string; onDuty?: boolean; homeAlias?: string } = {},
): Promise<Responder & { home: GroupDetail; homeMembership: MyMembership }> {
  const home = await createGroup(app, admin, { locale: 'nl' });
  const member = await registerMember(app);
  const homeMembership = await joinGroup(app, member, home.slug, options.homeAlias ? { alias: options.homeAlias } : {});
  const appointed = await as(app, admin, 'post', '/api/admin/crisis/responders', {
    group: home.slug,
    memberId: homeMembership.memberId,
    name: options.name ?? `Vrijwilliger ${randomUUID().slice(0, 4)}`,
    reason: 'Opgeleid bij de Zelfmoordlijn; vrijwilliger op de crisisdesk.',
  });
  expect(appointed.status).toBe(201);
  if (options.onDuty ?? true) {
    await setDuty(app, member, true);
  }
  const socket = await connectChat(app, member);
  return { member, view: appointed.body as CrisisResponderView, socket, home, homeMembership };
}

export async function setDuty(app: TestApp, who: TestMember, onDuty: boolean): Promise<void> {
  const response = await as(app, who, 'put', '/api/crisis/duty', { onDuty });
  expect({ status: response.status, onDuty: (response.body as { onDuty?: boolean }).onDuty }).toEqual({
    status: 200,
    onDuty,
  });
}

/** Sends a chat message and returns the acknowledgement (failing on a refusal). */
export async function sendCrisis(socket: ChatClient, ref: RoomRef, body = CRISIS_TEXT): Promise<MessageSent> {
  const answer = await call<MessageSent>(socket, 'message:send', { ...ref, clientMsgId: randomUUID(), body });
  if (!answer.ok) {
    throw new Error(`message:send refused: ${answer.error.code} ${answer.error.message}`);
  }
  return answer;
}

export interface CrisisSuite {
  /** The app on its own database; its fields are filled in before the first test. */
  app: TestApp;
  /** A site admin, registered before the first test. */
  admin: TestMember;
  /** Who is on duty now: each goes off duty after the test, for duty is site-wide. */
  onDuty: TestMember[];
  /** An appointed responder (see `appointResponder`), on duty until the test ends unless told otherwise. */
  responder(options?: Parameters<typeof appointResponder>[2]): ReturnType<typeof appointResponder>;
  /** A query on the app's database. */
  sql<T>(query: string, params?: unknown[]): Promise<T>;
}

/**
 * The set-up the crisis specs share, registered in the calling `describe`: before all, the app
 * starts (given two minutes, as the browser specs are: its migrations are slow on a busy machine)
 * and an admin registers; after each test, everyone it put on duty goes off duty again;
 * after all, chat clients and the app close.
 */
export function crisisSuite(options: { env?: TestAppOptions['env'] } = {}): CrisisSuite {
  const { app, admin, sql } = appSuite({ env: options.env, startMs: 120_000 });
  const onDuty: TestMember[] = [];

  afterEach(async () => {
    for (const member of onDuty.splice(0)) {
      await setDuty(app, member, false);
    }
  });

  return {
    app,
    admin,
    onDuty,
    async responder(responderOptions = {}) {
      const appointed = await appointResponder(app, admin, responderOptions);
      if (responderOptions.onDuty ?? true) {
        onDuty.push(appointed.member);
      }
      return appointed;
    },
    sql,
  };
}
