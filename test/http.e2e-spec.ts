import { randomBytes, randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer } from '@nestjs/core';
import type { Response } from 'supertest';
import type { GroupDetail, MyMembership } from '../src/contracts/groups.js';
import { registerMember, strongPassword, type TestMember } from './support/accounts.js';
import { expectError, fieldMessage } from './support/errors.js';
import { createGroup, joinGroup, makeModerator, registerAdmin } from './support/groups.js';
import { call, closeChatClients, connectChat } from './support/sockets.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Letters only, so the name is a valid login name and cannot look like a phone number. */
function canary(prefix: string): string {
  const letters = [...randomBytes(12)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('');
  return `${prefix}${letters}`;
}

/** What helmet puts on every response, as configured in bootstrap.ts. */
function expectSecurityHeaders(response: Response): void {
  const headers = response.headers;
  expect(headers['content-security-policy']).toContain("default-src 'self'");
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toContain("object-src 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('SAMEORIGIN');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['strict-transport-security']).toMatch(/max-age=\d+/);
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['x-powered-by']).toBeUndefined();
  expect(headers['x-robots-tag']).toContain('noindex');
}

function expectApiHeaders(response: Response): void {
  expectSecurityHeaders(response);
  expect(response.headers['cache-control']).toBe('no-store');
}

let app: TestApp;

beforeAll(async () => {
  // The most talkative level, for the log spec below.
  app = await startTestApp({ env: { LOG_LEVEL: 'trace' } });
});

afterAll(async () => {
  await app.close();
});

describe('HTTP', () => {
  let member: TestMember;

  beforeAll(async () => {
    member = await registerMember(app);
  });

  it('GET /api/health answers 200 with the database up', async () => {
    const response = await app.http.get('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', database: 'up' });
    expectApiHeaders(response);
  });

  it('sends the security headers, no-store and noindex on API answers that carry secrets', async () => {
    const login = await app.http
      .post('/api/auth/login')
      .send({ loginName: member.loginName, password: member.password });
    expect(login.status).toBe(200);
    expectApiHeaders(login);
    const registration = await app.http
      .post('/api/auth/register')
      .send({ loginName: `${member.loginName}_2`, password: strongPassword() });
    expect(registration.status).toBe(201);
    expectApiHeaders(registration);
    expectApiHeaders(await app.http.get('/api/me').set('Authorization', member.bearer));
  });

  it('sends the security headers on the web client and its assets too', async () => {
    const page = await app.http.get('/');
    expect(page.status).toBe(200);
    expectSecurityHeaders(page);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.text)?.[1];
    expect(script).toBeDefined();
    expectSecurityHeaders(await app.http.get(script!));
  });

  it('sends them on refusals too: 400, 401, 404 and 413', async () => {
    expectApiHeaders(await app.http.post('/api/auth/register').send({}));
    expectApiHeaders(await app.http.get('/api/me'));
    expectApiHeaders(await app.http.get('/api/no-such-thing'));
    expectApiHeaders(await app.http.post('/api/no-such-thing').send({}));
    expectApiHeaders(await app.http.post('/api/auth/login').send({ loginName: 'x'.repeat(70 * 1024) }));
  });

  it('asks search engines to keep away from the site itself, not only the API', async () => {
    const response = await app.http.get('/');
    expectSecurityHeaders(response);
  });

  it('serves the OpenAPI UI at /api/docs and the document beside it', async () => {
    const ui = await app.http.get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
    expect(ui.text).toContain('swagger-ui');
    const document = await app.http.get('/api/docs-json');
    expect(document.status).toBe(200);
    expect(document.body.info.title).toBe('Kring API');
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/register', '/api/auth/login', '/api/auth/refresh', '/api/me', '/api/health']),
    );
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await app.http
      .post('/api/auth/register')
      .set('Content-Type', 'application/xml')
      .send('<account><loginName>quiet</loginName></account>');
    expectError(response, 415, 'unsupported_media_type');
  });

  it('refuses an empty body that says it is JSON with 400', async () => {
    const response = await app.http.post('/api/auth/login').set('Content-Type', 'application/json').send('');
    expectError(response, 400, 'validation_failed');
  });
});

/**
 * Logs say what was asked and how it went, never who asked or what they sent: a canary login name
 * and canary passwords go through every account route, and must not appear in any log line, at the
 * most talkative log level.
 */
describe('the logs', () => {
  const loginName = canary('canary_');
  const password = canary('Canary-Password-');
  const newPassword = canary('Canary-Recovered-');
  const changedPassword = canary('Canary-Changed-');
  const secrets: string[] = [loginName, password, newPassword, changedPassword];

  beforeAll(async () => {
    const registered = await app.http.post('/api/auth/register').send({ loginName: loginName.toUpperCase(), password });
    expect(registered.status).toBe(201);
    const codes = registered.body.recoveryCodes as string[];
    secrets.push(...codes, ...codes.map((code) => code.replaceAll('-', '')));

    const taken = await app.http.post('/api/auth/register').send({ loginName, password });
    expect(taken.status).toBe(409);
    const emailLike = await app.http
      .post('/api/auth/register')
      .send({ loginName: `${loginName}@example.com`, password });
    expect(emailLike.status).toBe(400);

    const login = await app.http.post('/api/auth/login').send({ loginName, password });
    expect(login.status).toBe(200);
    secrets.push(login.body.accessToken, login.body.refreshToken, ...(login.body.refreshToken as string).split('.'));
    const failed = await app.http.post('/api/auth/login').send({ loginName, password: `${password}-wrong` });
    expect(failed.status).toBe(401);
    const unknown = await app.http.post('/api/auth/login').send({ loginName: `${loginName}x`, password });
    expect(unknown.status).toBe(401);

    const refreshed = await app.http.post('/api/auth/refresh').send({ refreshToken: login.body.refreshToken });
    expect(refreshed.status).toBe(200);
    secrets.push(refreshed.body.accessToken, refreshed.body.refreshToken);
    const reused = await app.http.post('/api/auth/refresh').send({ refreshToken: login.body.refreshToken });
    expect(reused.status).toBe(401);

    const recovered = await app.http.post('/api/auth/recover').send({ loginName, recoveryCode: codes[0], newPassword });
    expect(recovered.status).toBe(204);
    const reusedCode = await app.http
      .post('/api/auth/recover')
      .send({ loginName, recoveryCode: codes[0], newPassword });
    expect(reusedCode.status).toBe(401);

    const again = await app.http.post('/api/auth/login').send({ loginName, password: newPassword });
    expect(again.status).toBe(200);
    secrets.push(again.body.accessToken, again.body.refreshToken);
    const bearer = `Bearer ${again.body.accessToken}`;
    expect((await app.http.get('/api/me').set('Authorization', bearer)).status).toBe(200);
    const change = await app.http
      .post('/api/me/password')
      .set('Authorization', bearer)
      .send({ currentPassword: newPassword, newPassword: changedPassword });
    expect(change.status).toBe(204);
    const search = await app.http.get(`/api/no-such-thing?name=${loginName}`);
    expect(search.status).toBe(404);
  });

  it('record the requests: method, path and status', () => {
    const logs = app.logs();
    expect(logs).toContain('"method":"POST"');
    expect(logs).toContain('"path":"/api/auth/login"');
    expect(logs).toContain('"statusCode":401');
  });

  it('never hold a login name, password, recovery code or token that was sent or handed out', () => {
    const logs = app.logs();
    const lowered = logs.toLowerCase();
    const found = secrets.filter((secret) => lowered.includes(secret.toLowerCase()));
    expect(found).toEqual([]);
  });

  it("never hold the client's address, nor headers", () => {
    const logs = app.logs();
    expect(logs).not.toContain('127.0.0.1');
    expect(logs).not.toMatch(/remoteAddress|remotePort|"headers"|authorization|user-agent|"query"/i);
  });
});

/** Sends bytes as they are (supertest and Node's client refuse to send a malformed request) and reads the answer. */
function rawRequest(text: string): Promise<{ status: number; headers: string; body: string }> {
  const port = Number(new URL(app.baseUrl).port);
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text, 'latin1'));
    let data = '';
    socket.on('data', (chunk: Buffer) => {
      data += chunk.toString('utf8');
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, ...rest] = data.split('\r\n\r\n');
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0),
        headers: head,
        body: rest.join('\r\n\r\n'),
      });
    });
    setTimeout(() => socket.destroy(), 2000);
  });
}

/** The one error shape, for an answer supertest did not parse. */
function expectRawError(answer: { status: number; body: string }, status: number, error: string): void {
  const body = JSON.parse(answer.body) as Record<string, unknown>;
  expect({ status: answer.status, body }).toEqual({
    status,
    body: { statusCode: status, error, message: expect.any(String) },
  });
}

describe('every refusal has the one error shape, whatever raised it', () => {
  let member: TestMember;

  beforeAll(async () => {
    member = await registerMember(app);
  });

  it('answers a path with a malformed %-escape with 400 validation_failed, not Fastify’s FST_ERR_BAD_URL', async () => {
    for (const path of ['/api/groups/%FF%FE/threads', '/api/auth/%E0%A4%A', '/assets/%FF']) {
      const response = await app.http.get(path).set('Authorization', member.bearer);
      expectError(response, 400, 'validation_failed');
      expectApiHeaders(response);
    }
  });

  it('answers a path parameter longer than any name with 404 not_found, not FST_ERR_MAX_PARAM_LENGTH', async () => {
    for (const length of [101, 2000]) {
      const response = await app.http
        .get(`/api/groups/${'a'.repeat(length)}/threads`)
        .set('Authorization', member.bearer);
      expectError(response, 404, 'not_found');
      expectApiHeaders(response);
    }
  });

  it('answers what Node cannot parse as HTTP (a NUL in a header, a garbage request line) in the one shape', async () => {
    expectRawError(
      await rawRequest('GET /api/health HTTP/1.1\r\nHost: x\r\nX-Note: a\u0000b\r\n\r\n'),
      400,
      'validation_failed',
    );
    expectRawError(await rawRequest('NOT HTTP AT ALL\r\n\r\n'), 400, 'validation_failed');
    const tooLarge = await rawRequest(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`);
    expectRawError(tooLarge, 431, 'headers_too_large');
  });

  it('answers bad JSON, a body of the wrong type, a wrong media type, a body too large and an unknown route in the one shape', async () => {
    const login = () => app.http.post('/api/auth/login');
    expectError(await login().set('Content-Type', 'application/json').send('{"loginName":'), 400, 'validation_failed');
    expectError(await login().set('Content-Type', 'application/json').send('"a string"'), 400, 'validation_failed');
    expectError(
      await login().set('Content-Type', 'application/json').send('{"__proto__":{"admin":true}}'),
      400,
      'validation_failed',
    );
    expectError(await login().set('Content-Type', 'text/plain').send('hello'), 400, 'validation_failed');
    expectError(await login().set('Content-Type', 'application/xml').send('<a/>'), 415, 'unsupported_media_type');
    expectError(await login().send({ loginName: 'x'.repeat(70 * 1024) }), 413, 'payload_too_large');
    expectError(await app.http.get('/api/no/such/route'), 404, 'not_found');
    expectError(await app.http.patch('/api/health'), 404, 'not_found');
  });
});

describe('text with NUL, control characters or half a character is refused before the database', () => {
  let admin: TestMember;
  let moderator: TestMember;
  let group: GroupDetail;
  let membership: MyMembership;
  const bad = ['a\u0000b', 'a\u0007b', 'a\ud800b'];

  beforeAll(async () => {
    admin = await registerAdmin(app);
    moderator = await registerMember(app);
    group = await createGroup(app, admin);
    membership = await joinGroup(app, moderator, group.slug);
    await makeModerator(app, membership);
  });

  afterAll(() => {
    closeChatClients();
  });

  it('refuses NUL in login and recovery, without a token, with 400 naming the field', async () => {
    for (const loginName of bad) {
      const login = await app.http.post('/api/auth/login').send({ loginName, password: 'a long enough password' });
      expect(fieldMessage(expectError(login, 400, 'validation_failed'), 'loginName')).toBe('Use plain text.');
      const recover = await app.http
        .post('/api/auth/recover')
        .send({ loginName, recoveryCode: 'abcd-efgh', newPassword: 'a long enough password' });
      expect(fieldMessage(expectError(recover, 400, 'validation_failed'), 'loginName')).toBe('Use plain text.');
    }
    const password = await app.http
      .post('/api/auth/login')
      .send({ loginName: 'quiet.heron', password: 'pass\u0000word-long' });
    expectError(password, 400, 'validation_failed');
  });

  it('answers a :slug with NUL or a control character like a missing group: 404', async () => {
    // NUL, BEL and NEL (a C1 control), as a path carries them.
    for (const slug of ['a%00b', 'a%07b', 'a%C2%85b']) {
      for (const path of [`/api/groups/${slug}`, `/api/groups/${slug}/threads`, `/api/groups/${slug}/search?q=hello`]) {
        expectError(await app.http.get(path).set('Authorization', moderator.bearer), 404, 'not_found');
      }
      const report = await app.http
        .post(`/api/groups/${slug}/reports`)
        .set('Authorization', moderator.bearer)
        .send({ target: { kind: 'post', id: randomUUID() }, reason: 'spam' });
      expectError(report, 404, 'not_found');
    }
  });

  it('refuses it in search, report notes, moderation reasons, session titles, watched words and group fields with 400', async () => {
    const as = (member: TestMember) => ({ Authorization: member.bearer });
    const slug = group.slug;
    const answers: [string, Response][] = [
      ['q', await app.http.get(`/api/groups/${slug}/search?q=a%00b`).set(as(moderator))],
      ['q', await app.http.get('/api/me/search?q=a%00b').set(as(moderator))],
      [
        'note',
        await app.http
          .post(`/api/groups/${slug}/reports`)
          .set(as(moderator))
          .send({ target: { kind: 'post', id: randomUUID() }, reason: 'spam', note: 'a\u0000b' }),
      ],
      [
        'reason',
        await app.http
          .post(`/api/groups/${slug}/moderation/actions`)
          .set(as(moderator))
          .send({ action: 'warn', memberId: membership.memberId, reason: 'because\u0000' }),
      ],
      [
        'title',
        await app.http
          .post(`/api/groups/${slug}/sessions`)
          .set(as(moderator))
          .send({
            title: 'Evening\u0000circle',
            startsAt: new Date(Date.now() + 3_600_000).toISOString(),
            endsAt: new Date(Date.now() + 7_200_000).toISOString(),
            capacity: 10,
            facilitatorMemberId: membership.memberId,
          }),
      ],
      [
        'phrase',
        await app.http
          .post(`/api/groups/${slug}/watched-words`)
          .set(as(moderator))
          .send({ phrase: 'bad\u0000word', action: 'hold' }),
      ],
      ['name', await app.http.patch(`/api/groups/${slug}`).set(as(admin)).send({ name: 'Name\u0000' })],
      ['description', await app.http.patch(`/api/groups/${slug}`).set(as(admin)).send({ description: 'a\ud800' })],
      [
        'body',
        await app.http
          .post(`/api/groups/${slug}/threads`)
          .set(as(moderator))
          .send({ title: 'A title', body: 'text\u001b[31m red' }),
      ],
    ];
    for (const [field, response] of answers) {
      expect({ field, message: fieldMessage(expectError(response, 400, 'validation_failed'), field) }).toEqual({
        field,
        message: 'Use plain text.',
      });
    }
  });

  it('keeps line breaks and tabs in a post body, and refuses them in a title', async () => {
    const created = await app.http
      .post(`/api/groups/${group.slug}/threads`)
      .set('Authorization', moderator.bearer)
      .send({ title: 'Two lines', body: 'first line\n\tsecond line' });
    expect(created.status).toBe(201);
    expect(created.body.body).toBe('first line\n\tsecond line');
    const title = await app.http
      .post(`/api/groups/${group.slug}/threads`)
      .set('Authorization', moderator.bearer)
      .send({ title: 'one\ttwo', body: 'text' });
    expect(fieldMessage(expectError(title, 400, 'validation_failed'), 'title')).toBe('Use one line of plain text.');
  });

  it('refuses it in the chat events with a validation_failed ack, and the connection stays open', async () => {
    const socket = await connectChat(app, moderator);
    const room = { group: 'a\u0000b' };
    const events: [string, object][] = [
      ['room:join', room],
      ['room:leave', room],
      ['room:history', { ...room, beforeSeq: 5 }],
      ['typing', room],
      ['message:send', { ...room, clientMsgId: randomUUID(), body: 'hello' }],
      ['message:send', { group: group.slug, clientMsgId: randomUUID(), body: 'hello\u0000' }],
      ['room:slow-mode', { ...room, seconds: 5 }],
      ['session:floor', { group: 'a\u0000b', session: randomUUID(), memberId: null }],
      ['auth:refresh', { token: 'a\u0000b' }],
    ];
    for (const [event, payload] of events) {
      const answer = await call(socket, event, payload);
      expect({ event, answer }).toEqual({
        event,
        answer: { ok: false, error: expect.objectContaining({ code: 'validation_failed' }) },
      });
    }
    expect(socket.connected).toBe(true);
  });
});

/** `:slug` in a route path is `{slug}` in the OpenAPI document. */
function openApiPath(...parts: string[]): string {
  const joined = ['api', ...parts]
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter((part) => part !== '')
    .join('/');
  return `/${joined}`.replace(/:(\w+)/g, '{$1}');
}

interface Route {
  method: string;
  path: string;
  hasBody: boolean;
}

/** Every route the app serves, from Nest's own metadata: what the document must describe. */
function appRoutes(): Route[] {
  const routes: Route[] = [];
  for (const module of app.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) {
        continue;
      }
      const base = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, controller) as string | string[]);
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') {
          continue;
        }
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (method === undefined || paths === undefined) {
          continue;
        }
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, unknown>;
        const hasBody = Object.keys(args).some((key) => key.startsWith(`${RouteParamtypes.BODY}:`));
        for (const prefix of base) {
          for (const path of ([] as string[]).concat(paths)) {
            routes.push({ method: RequestMethod[method].toLowerCase(), path: openApiPath(prefix, path), hasBody });
          }
        }
      }
    }
  }
  return routes;
}

describe('the OpenAPI document', () => {
  interface Operation {
    requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> };
  }
  let paths: Record<string, Record<string, Operation>>;

  beforeAll(async () => {
    const document = await app.http.get('/api/docs-json');
    expect(document.status).toBe(200);
    paths = document.body.paths as typeof paths;
  });

  it('describes every route the app serves, and nothing else', () => {
    const served = appRoutes()
      .map((route) => `${route.method.toUpperCase()} ${route.path}`)
      .sort();
    expect(served.length).toBeGreaterThan(50);
    const documented = Object.entries(paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(documented).toEqual(served);
  });

  it('gives every route that reads a body its request body, with the contract’s schema', () => {
    const missing = appRoutes()
      .filter((route) => route.hasBody)
      .filter((route) => {
        const schema = paths[route.path]?.[route.method]?.requestBody?.content?.['application/json']?.schema;
        const described = schema !== undefined && ['$ref', 'properties', 'oneOf', 'anyOf'].some((key) => key in schema);
        return !described;
      })
      .map((route) => `${route.method.toUpperCase()} ${route.path}`);
    expect(missing).toEqual([]);
    expect(paths['/api/groups/{slug}/moderation/actions'].post.requestBody?.content?.['application/json']).toEqual({
      schema: { $ref: '#/components/schemas/ModerationActionDto' },
    });
  });
});
