import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { MESSAGE_METADATA } from '@nestjs/websockets/constants.js';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import type { SearchResults, ThreadView } from '../src/contracts/forums.js';
import type { SessionView } from '../src/contracts/chat.js';
import type { MyMembership } from '../src/contracts/groups.js';
import type { QueueEntry } from '../src/contracts/moderation.js';
import type { SupportChatView } from '../src/contracts/support-chats.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { CRISIS_TEXT } from './support/crisis.js';
import { createGroup, joinGroup, makeModerator, registerAdmin } from './support/groups.js';
import { call, closeChatClients, connectChat, joinRoom, sendMessage } from './support/sockets.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * How each REST route of the app stands to a group's content. `content`: a route into one group
 * (read or write); every refused kind of member is refused by the one access rule. The others are
 * not a way into a group's content, each for the reason given. A route that is in the app but not
 * here fails the first test: whoever adds a route decides here what it is.
 */
const ROUTES: Record<string, 'content' | 'all-groups' | 'standing' | 'public' | 'account' | 'admin' | 'responder'> = {
  // The auth flow and the account itself: no group's content.
  'POST /api/auth/register': 'account',
  'POST /api/auth/login': 'account',
  'POST /api/auth/refresh': 'account',
  'POST /api/auth/logout': 'account',
  'POST /api/auth/recover': 'account',
  'GET /api/me': 'account',
  'POST /api/me/password': 'account',
  'DELETE /api/me': 'account',
  // Only the account holder's own memberships: the aliases, no group's content.
  'GET /api/me/groups': 'account',
  // The account holder's own words and settings, to download (src/exports): no one else's words,
  // so a suspended or removed member gets theirs too.
  'GET /api/me/export': 'account',
  'GET /api/me/export.html': 'account',
  // The account's own logins (devices) and notifications: each notification names only its own
  // group's alias and ids, never content (test/notifications.e2e-spec.ts sweeps them).
  'GET /api/auth/devices': 'account',
  'DELETE /api/auth/devices/:id': 'account',
  'GET /api/notifications': 'account',
  'GET /api/notifications/unread': 'account',
  'POST /api/notifications/:id/read': 'account',
  'POST /api/notifications/read-all': 'account',
  'GET /api/notifications/settings': 'account',
  'PUT /api/notifications/settings': 'account',
  'GET /api/me/content-preferences': 'account',
  'PUT /api/me/content-preferences': 'account',
  'GET /api/notifications/push': 'account',
  'PUT /api/notifications/push': 'account',
  'POST /api/notifications/push/unsubscribe': 'account',
  // Every group the account reads at once: checked for each refused kind below.
  'GET /api/me/search': 'all-groups',
  // A proposal for a new group is the account's own (no group exists yet); admins decide.
  'POST /api/group-proposals': 'account',
  'GET /api/me/group-proposals': 'account',
  'GET /api/admin/group-proposals': 'admin',
  'POST /api/admin/group-proposals/:id/decision': 'admin',
  // What a referral code's short link leads to: a group's public name, for a guest about to join.
  'POST /api/referrals/lookup': 'public',
  // Groups that meet in person: an organisation's public listing, no group's content; admins import them.
  'GET /api/offline-groups': 'public',
  'POST /api/admin/offline-groups/import': 'admin',
  'GET /api/health': 'public',
  'GET /api/health/live': 'public',
  'GET /api/health/ready': 'public',
  // The directory and a group's public description and pledge (read before joining).
  'GET /api/groups': 'public',
  'GET /api/groups/:slug': 'public',
  // A group's information page (counts only, never who the members are) and its pairing.
  'GET /api/groups/:slug/info': 'public',
  'PUT /api/groups/:slug/pair': 'admin',
  'DELETE /api/groups/:slug/pair': 'admin',
  'POST /api/groups': 'admin',
  'PATCH /api/groups/:slug': 'admin',
  'POST /api/groups/:slug/archive': 'admin',
  'POST /api/groups/:slug/moderators': 'admin',
  'DELETE /api/groups/:slug/moderators/:memberId': 'admin',
  'POST /api/admin/bans': 'admin',
  'GET /api/admin/moderator-applications': 'admin',
  'POST /api/admin/moderator-applications/:id/decision': 'admin',
  'GET /api/admin/watched-words': 'admin',
  'POST /api/admin/watched-words': 'admin',
  'DELETE /api/admin/watched-words/:id': 'admin',
  'GET /api/admin/crisis/audit': 'admin',
  'GET /api/admin/crisis/coverage': 'admin',
  'GET /api/admin/crisis/responders': 'admin',
  'POST /api/admin/crisis/responders': 'admin',
  'POST /api/admin/crisis/responders/:responderId/revoke': 'admin',
  // The site-wide crisis desk: admin-appointed crisis responders, under the crisis desk's own rule.
  'GET /api/crisis/appeals': 'responder',
  'POST /api/crisis/appeals/:appealId/decision': 'responder',
  'GET /api/crisis/desk': 'responder',
  'GET /api/crisis/desk/:caseId/context': 'responder',
  'POST /api/crisis/desk/:caseId/claim': 'responder',
  'POST /api/crisis/desk/:caseId/release': 'responder',
  'POST /api/crisis/desk/:caseId/resolve': 'responder',
  'GET /api/crisis/duty': 'responder',
  'PUT /api/crisis/duty': 'responder',
  'PUT /api/crisis/rota': 'responder',
  // The member's own standing in the group: joining, leaving, the pledge, and for a suspended
  // member what happened to them and their appeal. None of them returns what others wrote.
  'POST /api/groups/:slug/join': 'standing',
  'POST /api/groups/:slug/pledge': 'standing',
  'POST /api/groups/:slug/leave': 'standing',
  'GET /api/groups/:slug/membership': 'standing',
  'GET /api/groups/:slug/notices': 'standing',
  'POST /api/groups/:slug/notices/read': 'standing',
  'POST /api/groups/:slug/appeals/:actionId': 'standing',
  'POST /api/groups/:slug/moderator-applications': 'standing',
  // A newcomer's one question to the group's hosts, asked as a signed-in guest or in their first
  // weeks: their own words and the answer to them, never anyone else's (src/hosts).
  'GET /api/groups/:slug/hosts/ask': 'standing',
  'POST /api/groups/:slug/hosts/ask': 'standing',
  // Asking for a person in a crisis: no sanction may stand between a member and help.
  'POST /api/groups/:slug/crisis/ask': 'standing',
  // Into the group.
  'GET /api/groups/:slug/mutes': 'content',
  'POST /api/groups/:slug/mutes': 'content',
  'DELETE /api/groups/:slug/mutes/:memberId': 'content',
  'GET /api/groups/:slug/join-requests': 'content',
  'POST /api/groups/:slug/join-requests/:memberId': 'content',
  'POST /api/groups/:slug/invites': 'content',
  'GET /api/groups/:slug/threads': 'content',
  'POST /api/groups/:slug/threads': 'content',
  'GET /api/groups/:slug/threads/:threadId': 'content',
  'PATCH /api/groups/:slug/threads/:threadId': 'content',
  'DELETE /api/groups/:slug/threads/:threadId': 'content',
  'GET /api/groups/:slug/threads/:threadId/revisions': 'content',
  'POST /api/groups/:slug/threads/:threadId/posts': 'content',
  'PUT /api/groups/:slug/threads/:threadId/reactions/:kind': 'content',
  'DELETE /api/groups/:slug/threads/:threadId/reactions/:kind': 'content',
  'GET /api/groups/:slug/posts/:postId': 'content',
  'GET /api/groups/:slug/aliases': 'content',
  'PATCH /api/groups/:slug/posts/:postId': 'content',
  'DELETE /api/groups/:slug/posts/:postId': 'content',
  'GET /api/groups/:slug/posts/:postId/revisions': 'content',
  'PUT /api/groups/:slug/posts/:postId/reactions/:kind': 'content',
  'DELETE /api/groups/:slug/posts/:postId/reactions/:kind': 'content',
  'GET /api/groups/:slug/search': 'content',
  'POST /api/groups/:slug/reports': 'content',
  'POST /api/groups/:slug/worries': 'content',
  'GET /api/groups/:slug/moderation/queue': 'content',
  'POST /api/groups/:slug/moderation/queue/:caseId/claim': 'content',
  // The lines around a reported chat message (audited), and the member picker (aliases of this group only).
  'GET /api/groups/:slug/moderation/queue/:caseId/context': 'content',
  'GET /api/groups/:slug/moderation/members': 'content',
  'POST /api/groups/:slug/moderation/queue/:caseId/dismiss': 'content',
  'POST /api/groups/:slug/moderation/actions': 'content',
  'GET /api/groups/:slug/moderation/audit': 'content',
  'GET /api/groups/:slug/moderation/appeals': 'content',
  'POST /api/groups/:slug/moderation/appeals/:appealId/decision': 'content',
  'GET /api/groups/:slug/watched-words': 'content',
  'POST /api/groups/:slug/watched-words': 'content',
  'DELETE /api/groups/:slug/watched-words/:id': 'content',
  'POST /api/groups/:slug/sessions': 'content',
  'GET /api/groups/:slug/sessions': 'content',
  'GET /api/groups/:slug/sessions/:id': 'content',
  'DELETE /api/groups/:slug/sessions/:id': 'content',
  'POST /api/groups/:slug/sessions/:id/signup': 'content',
  'DELETE /api/groups/:slug/sessions/:id/signup': 'content',
  // Recurring sessions: a series, its sign-ups, moving one meeting and naming its facilitator.
  'POST /api/groups/:slug/session-series': 'content',
  'GET /api/groups/:slug/session-series': 'content',
  'POST /api/groups/:slug/session-series/:id/signup': 'content',
  'DELETE /api/groups/:slug/session-series/:id/signup': 'content',
  'PATCH /api/groups/:slug/sessions/:id': 'content',
  'PUT /api/groups/:slug/sessions/:id/facilitator': 'content',
  'GET /api/groups/:slug/buddies': 'content',
  'GET /api/groups/:slug/buddies/me': 'content',
  'PUT /api/groups/:slug/buddies/me': 'content',
  'DELETE /api/groups/:slug/buddies/me': 'content',
  'GET /api/groups/:slug/buddies/pairs': 'content',
  'POST /api/groups/:slug/buddies/requests': 'content',
  'POST /api/groups/:slug/buddies/pairs/:id/accept': 'content',
  'POST /api/groups/:slug/buddies/pairs/:id/decline': 'content',
  'POST /api/groups/:slug/buddies/pairs/:id/end': 'content',
  'POST /api/groups/:slug/buddies/pairs/:id/block': 'content',
  'GET /api/groups/:slug/support-chats': 'content',
  // Groups that run themselves: pledge and rule proposals, newcomer settings, referral codes, a
  // moderator's own step-down or pause, whether a member may offer to be a buddy.
  'GET /api/groups/:slug/buddies/eligibility': 'content',
  'GET /api/groups/:slug/rule-proposals': 'content',
  'POST /api/groups/:slug/rule-proposals': 'content',
  'POST /api/groups/:slug/rule-proposals/:id/decision': 'content',
  'GET /api/groups/:slug/settings': 'content',
  'PATCH /api/groups/:slug/settings': 'content',
  'GET /api/groups/:slug/referrals': 'content',
  'POST /api/groups/:slug/referrals': 'content',
  'POST /api/groups/:slug/referrals/card': 'content',
  'GET /api/groups/:slug/moderators/me': 'content',
  'POST /api/groups/:slug/moderators/me/step-down': 'content',
  'POST /api/groups/:slug/moderators/me/pause': 'content',
  'POST /api/groups/:slug/moderators/me/resume': 'content',
  // Its moderators edit the information page; a newcomer's welcome points to the introductions thread.
  'PATCH /api/groups/:slug/info': 'content',
  'GET /api/groups/:slug/welcome': 'content',
  'POST /api/groups/:slug/welcome/dismiss': 'content',
  // The group's hosts (aliases of the group), volunteering, a moderator's removal, the hosts' inbox.
  'GET /api/groups/:slug/hosts': 'content',
  'POST /api/groups/:slug/hosts/me': 'content',
  'DELETE /api/groups/:slug/hosts/me': 'content',
  'DELETE /api/groups/:slug/hosts/:memberId': 'content',
  'GET /api/groups/:slug/hosts/questions': 'content',
  'POST /api/groups/:slug/hosts/questions/:id/answer': 'content',
  // A support conversation between the member of a crisis case and the volunteer who claimed it,
  // a moderator of the group or a site-wide crisis responder (src/support-chats decides the sides);
  // an unknown case or conversation is the same 404 for everyone.
  'POST /api/groups/:slug/support-chats': 'responder',
  'POST /api/groups/:slug/support-chats/:id/accept': 'responder',
  'POST /api/groups/:slug/support-chats/:id/decline': 'responder',
  'POST /api/groups/:slug/support-chats/:id/close': 'responder',
};

/** Each `/chat` event, the same way: `content` events are refused to every refused kind. */
const EVENTS: Record<string, 'content' | 'needs-joined-room' | 'account'> = {
  'room:join': 'content',
  'room:history': 'content',
  'message:send': 'content',
  'room:slow-mode': 'content',
  'session:floor': 'content',
  'session:phase': 'content',
  'session:next': 'content',
  'session:hand': 'content',
  // The live forum (a thread's room, a forum list's room): joined through the REST read's door.
  'forum:join': 'content',
  // Leaving follows nothing a refused member could have joined.
  'forum:leave': 'needs-joined-room',
  // Both act only on a room the connection joined, which a refused member cannot do.
  'room:leave': 'needs-joined-room',
  typing: 'needs-joined-room',
  'auth:refresh': 'account',
};

/** A valid request body for the content routes that take one: a refusal must come from access, not validation. */
function bodyFor(route: string, ids: { memberId: string; threadId: string }): object | undefined {
  const soon = Date.now() + 60 * 60 * 1000;
  const bodies: Record<string, object> = {
    'POST /api/groups/:slug/mutes': { memberId: ids.memberId },
    'POST /api/groups/:slug/join-requests/:memberId': { approve: false, reason: 'Niet passend bij deze groep.' },
    'POST /api/groups/:slug/threads': { title: 'Binnengedrongen', body: 'Hallo allemaal.' },
    'PATCH /api/groups/:slug/threads/:threadId': { title: 'Overgenomen' },
    'PATCH /api/groups/:slug/info': { purpose: 'Overgenomen' },
    'POST /api/groups/:slug/threads/:threadId/posts': { body: 'Hallo allemaal.' },
    'PATCH /api/groups/:slug/posts/:postId': { body: 'Overgenomen' },
    'POST /api/groups/:slug/reports': { target: { kind: 'thread', id: ids.threadId }, reason: 'other' },
    'POST /api/groups/:slug/worries': { memberId: ids.memberId },
    'POST /api/groups/:slug/crisis/ask': { note: 'Ik wil met iemand praten.' },
    'POST /api/groups/:slug/moderation/queue/:caseId/dismiss': { resolution: 'Niets aan de hand.' },
    'POST /api/groups/:slug/moderation/actions': { action: 'warn', memberId: ids.memberId, reason: 'Let op je toon.' },
    'POST /api/groups/:slug/moderation/appeals/:appealId/decision': { decision: 'upheld', reason: 'Terecht.' },
    'POST /api/groups/:slug/watched-words': { phrase: 'geheimwoord', action: 'hold' },
    'DELETE /api/groups/:slug/watched-words/:id': { reason: 'Niet meer nodig.' },
    'POST /api/groups/:slug/sessions': {
      title: 'Binnengedrongen sessie',
      startsAt: new Date(soon).toISOString(),
      endsAt: new Date(soon + 60 * 60 * 1000).toISOString(),
      capacity: 10,
      facilitatorMemberId: ids.memberId,
    },
    'DELETE /api/groups/:slug/sessions/:id': { reason: 'Gaat niet door.' },
    'POST /api/groups/:slug/session-series': {
      title: 'Binnengedrongen reeks',
      rhythm: 'weekly',
      firstDate: new Date(soon + 24 * 60 * 60 * 1000).toISOString().slice(0, 10),
      localTime: '19:00',
      durationMinutes: 90,
      count: 4,
      capacity: 10,
    },
    'POST /api/groups/:slug/session-series/:id/signup': { volunteer: true },
    'PATCH /api/groups/:slug/sessions/:id': {
      startsAt: new Date(soon).toISOString(),
      endsAt: new Date(soon + 60 * 60 * 1000).toISOString(),
    },
    'PUT /api/groups/:slug/sessions/:id/facilitator': { memberId: ids.memberId },
    'PUT /api/groups/:slug/buddies/me': { capacity: 2 },
    'POST /api/groups/:slug/buddies/requests': { buddyMemberId: ids.memberId },
    'POST /api/groups/:slug/rule-proposals': { text: 'Wat hier gezegd wordt, blijft altijd hier.' },
    'POST /api/groups/:slug/rule-proposals/:id/decision': { approve: false, reason: 'Niet nodig.' },
    'PATCH /api/groups/:slug/settings': { holdFirstPosts: 5 },
    'POST /api/groups/:slug/referrals': { uses: 10, days: 30 },
    'POST /api/groups/:slug/referrals/card': {},
    'POST /api/groups/:slug/moderators/me/step-down': {},
    'DELETE /api/groups/:slug/hosts/:memberId': { reason: 'Niet meer actief.' },
    'POST /api/groups/:slug/hosts/questions/:id/answer': { answer: 'Welkom, kom gerust eens kijken.' },
    'POST /api/groups/:slug/moderators/me/pause': {},
    'POST /api/groups/:slug/moderators/me/resume': {},
  };
  return bodies[route];
}

/** Every route the running app serves, as `METHOD /api/path`, read from the controllers' own metadata. */
function appRoutes(app: TestApp): string[] {
  const routes: string[] = [];
  for (const module of app.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) {
        continue;
      }
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = Object.getOwnPropertyDescriptor(prototype, name)?.value as unknown;
        if (typeof handler !== 'function' || name === 'constructor') {
          continue;
        }
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) {
          continue;
        }
        const full = ['api', base, path].map((part) => part.replace(/^\/+|\/+$/g, '')).filter(Boolean);
        routes.push(`${RequestMethod[method]} /${full.join('/')}`);
      }
    }
  }
  return routes.sort();
}

/** Every event a `/chat` gateway listens to, read from its handlers' metadata. */
function appEvents(app: TestApp): string[] {
  const events: string[] = [];
  for (const module of app.app.get(ModulesContainer).values()) {
    for (const wrapper of module.providers.values()) {
      const metatype = wrapper.metatype as { prototype?: Record<string, unknown> } | null;
      const prototype = metatype?.prototype;
      if (!prototype || typeof metatype !== 'function') {
        continue;
      }
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = Object.getOwnPropertyDescriptor(prototype, name)?.value as unknown;
        const event =
          typeof handler === 'function' ? (Reflect.getMetadata(MESSAGE_METADATA, handler) as unknown) : undefined;
        if (typeof event === 'string') {
          events.push(event);
        }
      }
    }
  }
  return [...new Set(events)].sort();
}

/**
 * The one access rule, walked: every route and socket event into a group's content refuses a
 * suspended member, a removed one, one who left, a member of another group and a moderator of
 * another group, and writes nothing; the search across one's groups finds nothing of the group.
 */
describe('every way into a group refuses whoever may not read it', () => {
  let app: TestApp;
  let admin: TestMember;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await registerAdmin(app);
  });

  afterAll(async () => {
    closeChatClients();
    await app.close();
  });

  const sql = <T>(query: string, params: unknown[] = []) => app.app.get(DataSource).query<T>(query, params);

  /** The row count of every table: a refused request changes none. */
  async function everyTable(): Promise<Record<string, number>> {
    const tables = await sql<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'migrations'`,
    );
    const counts: Record<string, number> = {};
    for (const { table_name: table } of tables) {
      const [row] = await sql<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}"`);
      counts[table] = row.n;
    }
    return counts;
  }

  const send = (who: TestMember, method: Method, path: string, body?: object): Promise<Response> => {
    const request = app.http[method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](path).set(
      'Authorization',
      who.bearer,
    );
    return body === undefined ? request : request.send(body);
  };

  it('knows every route and every socket event the app serves, so a new one must be placed here', () => {
    expect(appRoutes(app).filter((route) => !(route in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((route) => !appRoutes(app).includes(route))).toEqual([]);
    expect(appEvents(app)).toEqual(Object.keys(EVENTS).sort());
  });

  it('refuses a suspended, removed or former member and members and moderators of another group on every content route and event', async () => {
    const group = await createGroup(app, admin);
    const other = await createGroup(app, admin);
    const word = `kompas${Date.now().toString(36)}`;

    const bram = await registerMember(app);
    const bramIn = await joinGroup(app, bram, group.slug);
    await makeModerator(app, bramIn);
    const thread = (
      await send(bram, 'POST', `/api/groups/${group.slug}/threads`, { title: `Over ${word}`, body: `Het ${word}.` })
    ).body as ThreadView;
    const reply = await send(bram, 'POST', `/api/groups/${group.slug}/threads/${thread.id}/posts`, {
      body: `Nog een ${word}.`,
    });
    expect(reply.status).toBe(201);
    const soon = Date.now() + 60_000;
    const session = await send(bram, 'POST', `/api/groups/${group.slug}/sessions`, {
      title: 'Avondsessie',
      startsAt: new Date(soon - 120_000).toISOString(),
      endsAt: new Date(soon + 3_600_000).toISOString(),
      capacity: 10,
      facilitatorMemberId: bramIn.memberId,
    });
    expect(session.status).toBe(201);
    const sessionId = (session.body as SessionView).id;
    // A support conversation: bram claimed the crisis case of a member and offered, she accepted.
    const anna = await registerMember(app);
    await joinGroup(app, anna, group.slug);
    const annaSocket = await connectChat(app, anna);
    await joinRoom(annaSocket, { group: group.slug });
    const crisis = await sendMessage(annaSocket, { group: group.slug }, CRISIS_TEXT);
    annaSocket.disconnect();
    const queue = (await send(bram, 'GET', `/api/groups/${group.slug}/moderation/queue`)).body as QueueEntry[];
    const caseId = queue.find((entry) => entry.target?.id === crisis.id)!.id;
    expect((await send(bram, 'POST', `/api/groups/${group.slug}/moderation/queue/${caseId}/claim`)).status).toBe(200);
    const offer = (await send(bram, 'POST', `/api/groups/${group.slug}/support-chats`, { caseId }))
      .body as SupportChatView;
    expect((await send(anna, 'POST', `/api/groups/${group.slug}/support-chats/${offer.id}/accept`)).status).toBe(200);

    const refused: { kind: string; who: TestMember; code: string }[] = [];
    const inGroup = async (kind: string, status: string, code: string) => {
      const who = await registerMember(app);
      const membership: MyMembership = await joinGroup(app, who, group.slug);
      await makeModerator(app, membership);
      if (status === 'suspended') {
        await sql(`UPDATE membership SET suspended_until = now() + interval '3 days' WHERE id = $1`, [
          membership.memberId,
        ]);
      } else {
        await sql(`UPDATE membership SET status = $2 WHERE id = $1`, [membership.memberId, status]);
      }
      refused.push({ kind, who, code });
    };
    // Moderators, so the moderator routes are refused by access too, not only by role.
    await inGroup('a suspended moderator', 'suspended', 'suspended');
    await inGroup('a removed moderator', 'removed', 'not_a_member');
    await inGroup('a moderator who left', 'left', 'not_a_member');
    const elsewhere = await registerMember(app);
    await joinGroup(app, elsewhere, other.slug);
    refused.push({ kind: 'a member of another group', who: elsewhere, code: 'not_a_member' });
    const otherModerator = await registerMember(app);
    await makeModerator(app, await joinGroup(app, otherModerator, other.slug));
    refused.push({ kind: 'a moderator of another group', who: otherModerator, code: 'not_a_member' });
    // A suspension that began before the newest thread still hides it.
    const later = await send(bram, 'POST', `/api/groups/${group.slug}/threads`, {
      title: `Later ${word}`,
      body: `Na de schorsing: ${word}.`,
    });
    expect(later.status).toBe(201);

    const params: Record<string, string> = {
      slug: group.slug,
      threadId: thread.id,
      postId: (reply.body as { id: string }).id,
      memberId: bramIn.memberId,
      kind: 'recognise',
      id: sessionId,
      caseId: randomUUID(),
      appealId: randomUUID(),
      actionId: randomUUID(),
    };
    const contentRoutes = Object.entries(ROUTES)
      .filter(([, kind]) => kind === 'content')
      .map(([route]) => route);
    const before = await everyTable();
    const answers: string[] = [];
    for (const route of contentRoutes) {
      const [method, pattern] = route.split(' ') as [Method, string];
      let path = pattern.replace(/:([A-Za-z]+)/g, (_match, name: string) => params[name]);
      if (route.startsWith('GET /api/groups/:slug/search')) {
        path += `?q=${word}`;
      }
      if (route === 'GET /api/groups/:slug/moderation/members') {
        path += `?q=${encodeURIComponent(bramIn.alias.slice(0, 2))}`;
      }
      if (route === 'GET /api/groups/:slug/aliases') {
        path += `?q=${encodeURIComponent(bramIn.alias.slice(0, 2))}`;
      }
      if (route.includes('/buddies/pairs/') || route.includes('/support-chats/')) {
        path = path.replace(sessionId, randomUUID());
      }
      for (const { kind, who, code } of refused) {
        const response = await send(
          who,
          method,
          path,
          bodyFor(route, { memberId: bramIn.memberId, threadId: thread.id }),
        );
        const body = response.body as { error?: string };
        answers.push(`${route} for ${kind}: ${response.status} ${body.error ?? ''}`);
        expect(`${route} for ${kind}: ${response.status} ${body.error ?? ''}`).toBe(
          `${route} for ${kind}: 403 ${code}`,
        );
      }
    }
    expect(answers).toHaveLength(contentRoutes.length * refused.length);

    for (const { kind, who } of refused) {
      const search = await send(who, 'GET', `/api/me/search?q=${word}`);
      expect({ kind, status: search.status, hits: (search.body as SearchResults).hits }).toEqual({
        kind,
        status: 200,
        hits: [],
      });
    }

    const rooms = [
      { group: group.slug },
      { group: group.slug, session: sessionId },
      { group: group.slug, support: offer.id },
    ];
    const payloads: Record<string, object[]> = {
      'room:join': rooms,
      'room:history': rooms.map((room) => ({ ...room, beforeSeq: 1_000 })),
      'message:send': rooms.map((room) => ({ ...room, clientMsgId: randomUUID(), body: 'Hallo allemaal.' })),
      'room:slow-mode': [{ group: group.slug, seconds: 30 }],
      'session:floor': [{ group: group.slug, session: sessionId, memberId: null }],
      'session:phase': [{ group: group.slug, session: sessionId, phase: 'round' }],
      'session:next': [{ group: group.slug, session: sessionId }],
      'session:hand': [{ group: group.slug, session: sessionId, raised: true }],
      'room:leave': rooms,
      typing: rooms,
      'forum:join': [{ group: group.slug }, { group: group.slug, threadId: thread.id }],
      'forum:leave': [{ group: group.slug }, { group: group.slug, threadId: thread.id }],
    };
    for (const { kind, who, code } of refused) {
      const socket = await connectChat(app, who);
      for (const [event, role] of Object.entries(EVENTS)) {
        if (role === 'account') {
          continue;
        }
        for (const payload of payloads[event]) {
          const answer = (await call(socket, event, payload)) as { ok: boolean; error?: { code: string } };
          if (role === 'content') {
            expect({ event, kind, answer }).toEqual({
              event,
              kind,
              answer: { ok: false, error: expect.objectContaining({ code }) },
            });
          } else if (event === 'typing') {
            expect({ event, kind, answer }).toEqual({
              event,
              kind,
              answer: { ok: false, error: expect.objectContaining({ code: 'forbidden' }) },
            });
          } else {
            expect({ event, kind, answer }).toEqual({ event, kind, answer: { ok: true } });
          }
        }
      }
      socket.disconnect();
    }
    expect(await everyTable()).toEqual(before);

    // The walk can fail: the group's own moderator is let in on the same paths.
    const own = await send(bram, 'GET', `/api/me/search?q=${word}`);
    expect((own.body as SearchResults).hits.map((hit) => hit.group)).toContain(group.slug);
    // Some 150 routes and events for six people: 10-20 s alone, two minutes on a machine shared with other suites.
  }, 240_000);
});
