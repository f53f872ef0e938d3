import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CLIENT_EVENTS } from '../src/contracts/chat.js';
import type { GroupDetail } from '../src/contracts/groups.js';
import type { TestMember } from './support/accounts.js';
import { createGroup, joinGroup, makeModerator, registerAdmin } from './support/groups.js';
import { type ChatClient, call, closeChatClients, connectChat } from './support/sockets.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Generated bad input, bounded and seeded (the same runs every time): NUL and other control
 * characters, half a character, invalid UTF-8, overlong text, wrong types, unknown fields, deep
 * nesting and huge numbers, to every route of the OpenAPI document and every client socket event.
 * Every answer is a refusal (4xx, or an error ack) in the one error shape, never a 5xx or an
 * `internal` ack, and no table changes.
 *
 * Every generated input is bad in every field it fills, so no run can succeed by chance: a value
 * is never a plain string, `true`, `null` or a small number, which some field might accept.
 */

const SEED = 20_261_206;
const BODY_RUNS = 8;
const QUERY_RUNS = 6;
const PARAM_RUNS = 4;
const EVENT_RUNS = 25;
const ERROR_KEYS = ['statusCode', 'error', 'message', 'text', 'details', 'retryAfterMs'];
/** A bad body is refused as such: invalid (400) or too large (413), whatever the route would look up. */
const BAD_BODY_STATUSES = [400, 413];

// ---- what is generated ----

/** C0 controls a multi-line text refuses too (not tab, line feed or carriage return), DEL and C1 controls. */
const controlCharacter = fc
  .oneof(
    fc.integer({ min: 0, max: 8 }),
    fc.constantFrom(11, 12),
    fc.integer({ min: 14, max: 31 }),
    fc.integer({ min: 127, max: 159 }),
  )
  .map((code) => String.fromCharCode(code));
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/**
 * A string no field accepts: it holds a control character or half a character, or is longer than
 * any field (`overlong`: over 64 KiB is refused as too large, a socket frame over 16 KiB closes the
 * connection by design).
 */
const badStringOf = (overlong: number[]) =>
  fc.oneof(
    fc
      .tuple(fc.string({ maxLength: 12 }), fc.oneof(controlCharacter, loneSurrogate), fc.string({ maxLength: 12 }))
      .map(([before, bad, after]) => `${before}${bad}${after}`),
    fc.constantFrom('\u0000', 'a\u0000b', '\u001b[2J', 'x\ud800', '\udfffx', 'line\u0085next'),
    fc.constantFrom(...overlong).map((length) => 'x'.repeat(length)),
  );
const badString = badStringOf([25_000, 70_000]);

/** A number no field accepts: beyond every bound, fractional, or negative. */
const badNumber = fc.constantFrom(1e308, -1e308, 2 ** 53 + 2, 2 ** 31, -1, 0.5, -0.25, 1e21);

function nested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 'x\u0000';
  for (let i = 0; i < depth; i++) {
    value = kind === 'array' ? [value] : { deep: value };
  }
  return value;
}

/** Deep nesting as values (deeper still as raw JSON text below: building it as objects overflows the test's stack). */
const deep = (maxDepth: number) =>
  fc
    .tuple(fc.integer({ min: 2, max: maxDepth }), fc.constantFrom('array' as const, 'object' as const))
    .map(([depth, kind]) => nested(depth, kind));

const badValue = (maxDepth: number, strings = badString) =>
  fc.oneof(
    { weight: 4, arbitrary: strings },
    { weight: 2, arbitrary: badNumber },
    { weight: 1, arbitrary: fc.constantFrom<unknown>([], {}, [1, 2], { kind: '\u0000' }) },
    { weight: 1, arbitrary: deep(maxDepth) },
  );

const unknownKey = fc.constantFrom(
  '__proto__x',
  'email',
  'isAdmin',
  'role',
  'a\u0000b',
  '\ud800',
  'constructor',
  'accountId',
);

/** A body: a bad value for some of the known fields and maybe an unknown field, or not an object at all. */
function badPayload(keys: readonly string[], maxDepth: number, strings = badString): fc.Arbitrary<unknown> {
  const fields = fc
    .tuple(
      fc.subarray([...keys]),
      fc.array(fc.tuple(unknownKey, badValue(maxDepth, strings)), { maxLength: 2 }),
      fc.array(badValue(maxDepth, strings), { minLength: keys.length, maxLength: keys.length }),
    )
    .filter(([chosen, unknown]) => chosen.length + unknown.length > 0)
    .map(([chosen, unknown, values]) => {
      const body: Record<string, unknown> = {};
      chosen.forEach((key, index) => {
        body[key] = values[index];
      });
      for (const [key, value] of unknown) {
        Object.defineProperty(body, key, { value, enumerable: true, configurable: true, writable: true });
      }
      return body;
    });
  return fc.oneof({ weight: 4, arbitrary: fields }, { weight: 1, arbitrary: badValue(maxDepth, strings) });
}

/** A known field nested up to 30,000 deep, as JSON text (under the 64 KiB limit). */
const deepText = (keys: readonly string[]) =>
  fc
    .tuple(fc.constantFrom(...keys), fc.integer({ min: 1000, max: 30_000 }), fc.constantFrom('[', '{"a":'))
    .map(([key, depth, open]) =>
      Buffer.from(`{"${key}":${open.repeat(depth)}0${(open === '[' ? ']' : '}').repeat(depth)}}`),
    );

/** Bodies as bytes: invalid UTF-8 (in a key, in a value beside a NUL), or JSON that is not JSON. */
const badBytes = fc.constantFrom(
  Buffer.concat([Buffer.from('{"'), Buffer.from([0xff, 0xfe]), Buffer.from('":1}')]),
  Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from('\\u0000"}')]),
  Buffer.from('{"a":1,}'),
  Buffer.from('{"a":NaN}'),
  Buffer.from(`${'['.repeat(40_000)}${']'.repeat(40_000)}`),
  Buffer.from('\u0000'),
);

/** A path parameter no route accepts, as it travels in the path. */
const badParam = fc.oneof(
  fc.constantFrom('%00', 'a%00b', '%07', '%1B', '%7F', '%C2%85', '%ED%A0%80', '%FF', '%FF%FE', 'a%zz', '%'),
  fc.integer({ min: 101, max: 3000 }).map((length) => 'a'.repeat(length)),
  fc.integer({ min: 0, max: 31 }).map((code) => `x%${code.toString(16).padStart(2, '0')}y`),
);

/**
 * A query value no parameter accepts, encoded: a control character (half a character cannot travel
 * in a URL: it arrives as U+FFFD, a valid character) or more than any parameter takes; for `limit`
 * also numbers out of bounds or not numbers.
 */
const badQueryText = fc.oneof(
  fc
    .tuple(fc.string({ maxLength: 12 }), controlCharacter, fc.string({ maxLength: 12 }))
    .map(([before, bad, after]) =>
      encodeURIComponent(`${before.replace(/\p{Cs}/gu, '')}${bad}${after.replace(/\p{Cs}/gu, '')}`),
    ),
  fc.constantFrom('%00', 'a%00b', '%1B%5B2J', '%C2%85'),
  fc.integer({ min: 201, max: 3000 }).map((length) => 'x'.repeat(length)),
);
const badLimit = fc.oneof(
  badQueryText,
  fc.constantFrom('1e400', '-5', '0', '51', 'abc', '1.5', 'NaN', 'Infinity', '%FF'),
);

// ---- the app, and what must not change ----

let app: TestApp;
let admin: TestMember;
let group: GroupDetail;
let socket: ChatClient;

interface TableState {
  rows: number;
  checksum: string;
}

/** Every table's row count and a checksum of its rows. */
async function tableStates(): Promise<Record<string, TableState>> {
  const dataSource = app.app.get(DataSource);
  const tables = await dataSource.query<{ name: string }[]>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const states: Record<string, TableState> = {};
  for (const { name } of tables) {
    const [state] = await dataSource.query<{ rows: number; checksum: string | null }[]>(
      `SELECT count(*)::int AS rows, md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))) AS checksum FROM "${name}" t`,
    );
    states[name] = { rows: state.rows, checksum: state.checksum ?? '' };
  }
  return states;
}

interface Refusal {
  status: number;
  body: unknown;
}

/** What is wrong with an answer that should be a refusal in the one shape, or undefined. */
function problemWith(answer: Refusal): string | undefined {
  const body = answer.body as Record<string, unknown> | undefined;
  if (answer.status < 400 || answer.status > 499) {
    return `status ${answer.status}`;
  }
  if (typeof body !== 'object' || body === null) {
    return `status ${answer.status} without a JSON body`;
  }
  const extra = Object.keys(body).filter((key) => !ERROR_KEYS.includes(key));
  if (
    body.statusCode !== answer.status ||
    typeof body.error !== 'string' ||
    typeof body.message !== 'string' ||
    body.message === '' ||
    extra.length > 0
  ) {
    return `not the one shape: ${JSON.stringify(body).slice(0, 200)}`;
  }
  return undefined;
}

function describeInput(input: unknown): string {
  const text = typeof input === 'string' ? input : (JSON.stringify(input) ?? String(input));
  return JSON.stringify(text.length > 160 ? `${text.slice(0, 160)}… (${text.length} characters)` : text);
}

beforeAll(async () => {
  app = await startTestApp();
  admin = await registerAdmin(app);
  group = await createGroup(app, admin);
  // An admin and a moderator of the group: every guard lets the request through to validation.
  await makeModerator(app, await joinGroup(app, admin, group.slug));
  socket = await connectChat(app, admin);
});

afterAll(async () => {
  closeChatClients();
  await app.close();
});

// ---- the routes of the OpenAPI document ----

interface OpenApiParameter {
  in: string;
  name: string;
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
}

interface OpenApiSchema {
  properties?: Record<string, unknown>;
  oneOf?: OpenApiSchema[];
  anyOf?: OpenApiSchema[];
}

interface Route {
  method: string;
  path: string;
  query: string[];
  pathParams: string[];
  /** The body's known fields, or undefined when the route takes no body. */
  bodyKeys?: string[];
}

function schemaKeys(schema: OpenApiSchema | undefined): string[] {
  if (!schema) {
    return [];
  }
  const own = Object.keys(schema.properties ?? {});
  const variants = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].flatMap(schemaKeys);
  return [...new Set([...own, ...variants])];
}

async function documentedRoutes(): Promise<Route[]> {
  const response = await app.http.get('/api/docs-json');
  expect(response.status).toBe(200);
  const document = response.body as {
    paths: Record<string, Record<string, OpenApiOperation>>;
    components: { schemas: Record<string, OpenApiSchema> };
  };
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]): Route => {
      const ref = operation.requestBody?.content?.['application/json']?.schema?.$ref;
      const schema = ref ? document.components.schemas[ref.replace('#/components/schemas/', '')] : undefined;
      return {
        method,
        path,
        query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        // Every {name} in the path, also those the document does not list as parameters.
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]),
        bodyKeys: operation.requestBody ? schemaKeys(schema) : undefined,
      };
    }),
  );
}

/** A path parameter that passes every pipe: the group's slug, a reaction kind, or an id. */
function goodParam(name: string): string {
  if (name === 'slug') {
    return group.slug;
  }
  if (name === 'kind') {
    return 'recognise';
  }
  return randomUUID();
}

function fillPath(path: string, bad?: { name: string; value: string }): string {
  return path.replace(/\{(\w+)\}/g, (_whole, name: string) => (bad?.name === name ? bad.value : goodParam(name)));
}

function send(route: Route, path: string): request.Test {
  const agent = request(app.baseUrl);
  const method = route.method as 'get' | 'post' | 'put' | 'patch' | 'delete';
  return agent[method](path).set('Authorization', admin.bearer);
}

async function refusalOf(test: request.Test): Promise<Refusal> {
  const response = await test;
  return { status: response.status, body: response.body as unknown };
}

describe('generated bad input', () => {
  let routes: Route[];

  beforeAll(async () => {
    routes = await documentedRoutes();
  });

  it('reaches every route of the OpenAPI document: bodies, queries and path parameters', () => {
    expect(routes.length).toBeGreaterThan(60);
    expect(routes.filter((route) => route.bodyKeys !== undefined).length).toBeGreaterThan(25);
    expect(routes.filter((route) => route.bodyKeys?.length === 0)).toEqual([]);
    expect(routes.filter((route) => route.query.length > 0).length).toBeGreaterThan(2);
  });

  it('reaches the crisis desk and support conversation routes, each with its body (issue 12)', () => {
    const bodies = Object.fromEntries(
      routes.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route.bodyKeys?.slice().sort() ?? null]),
    );
    expect(bodies).toMatchObject({
      'POST /api/crisis/desk/{caseId}/claim': null,
      'POST /api/crisis/desk/{caseId}/release': null,
      'POST /api/crisis/desk/{caseId}/resolve': ['resolution'],
      'GET /api/crisis/desk/{caseId}/context': null,
      'PUT /api/crisis/duty': ['onDuty'],
      'PUT /api/crisis/rota': ['slots', 'timezone'],
      'POST /api/crisis/appeals/{appealId}/decision': ['decision', 'reason'],
      'POST /api/admin/crisis/responders': ['group', 'memberId', 'name', 'reason'],
      'POST /api/admin/crisis/responders/{responderId}/revoke': ['reason'],
      'POST /api/groups/{slug}/support-chats': ['caseId'],
      'POST /api/groups/{slug}/support-chats/{id}/accept': null,
      'POST /api/groups/{slug}/support-chats/{id}/decline': null,
      'POST /api/groups/{slug}/support-chats/{id}/close': null,
    });
    expect(EVENT_FIELDS).toContain('support');
  });

  it('refuses bad bodies on every route that takes one as bad input (400, or 413 when too large) in the one shape, before anything is looked up, and changes no table', async () => {
    const before = await tableStates();
    const failures: string[] = [];
    for (const route of routes.filter((candidate) => candidate.bodyKeys !== undefined)) {
      const label = `${route.method.toUpperCase()} ${route.path}`;
      const inputs = fc.oneof(
        { weight: 5, arbitrary: badPayload(route.bodyKeys!, 500).map((body) => ({ json: body })) },
        { weight: 1, arbitrary: fc.oneof(badBytes, deepText(route.bodyKeys!)).map((bytes) => ({ bytes })) },
      );
      const result = await fc.check(
        fc.asyncProperty(inputs, async (input) => {
          const test = send(route, fillPath(route.path));
          const answer = await refusalOf(
            'json' in input
              ? test.set('Content-Type', 'application/json').send(JSON.stringify(input.json))
              : test.set('Content-Type', 'application/json').send(input.bytes),
          );
          // Refused as bad input before anything is looked up (a NUL must never reach a service).
          const problem =
            problemWith(answer) ??
            (BAD_BODY_STATUSES.includes(answer.status)
              ? undefined
              : `status ${answer.status}, not a refusal of the body`);
          if (problem) {
            failures.push(
              `${label} ${describeInput('json' in input ? input.json : input.bytes.toString('latin1'))}: ${problem}`,
            );
          }
          return problem === undefined;
        }),
        {
          seed: SEED,
          numRuns: BODY_RUNS,
          endOnFailure: true,
          // Also, always: each field alone, holding a sentence with a NUL in it.
          examples: route.bodyKeys!.map((key): [{ json: unknown }] => [
            { json: { [key]: 'Gebeld met\u0000 1813, het gaat.' } },
          ]),
        },
      );
      if (result.failed && failures.length === 0) {
        failures.push(`${label}: ${String(result.errorInstance)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await tableStates()).toEqual(before);
  });

  it('refuses bad query parameters with a 4xx in the one shape, and changes no table', async () => {
    const before = await tableStates();
    const failures: string[] = [];
    for (const route of routes.filter((candidate) => candidate.query.length > 0)) {
      const label = `${route.method.toUpperCase()} ${route.path}`;
      const query = fc
        .tuple(
          fc.subarray(route.query, { minLength: 1 }),
          fc.tuple(...route.query.map((name) => (name === 'limit' ? badLimit : badQueryText))),
          fc.option(fc.constantFrom('email=x', 'admin=true', 'q[]=ab', 'limit=1&limit=2'), { nil: undefined }),
        )
        .map(([names, values, extra]) =>
          [...names.map((name) => `${name}=${values[route.query.indexOf(name)]}`), ...(extra ? [extra] : [])].join('&'),
        );
      const result = await fc.check(
        fc.asyncProperty(query, async (search) => {
          const answer = await refusalOf(send(route, `${fillPath(route.path)}?${search}`));
          const problem = problemWith(answer);
          if (problem) {
            failures.push(`${label} ?${search.slice(0, 160)}: ${problem}`);
          }
          return problem === undefined;
        }),
        { seed: SEED, numRuns: QUERY_RUNS, endOnFailure: true },
      );
      if (result.failed && failures.length === 0) {
        failures.push(`${label}: ${String(result.errorInstance)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await tableStates()).toEqual(before);
  });

  it('refuses bad path parameters on every route with a 4xx in the one shape, and changes no table', async () => {
    const before = await tableStates();
    const failures: string[] = [];
    for (const route of routes.filter((candidate) => candidate.pathParams.length > 0)) {
      const label = `${route.method.toUpperCase()} ${route.path}`;
      const input = fc.tuple(fc.constantFrom(...route.pathParams), badParam);
      const result = await fc.check(
        fc.asyncProperty(input, async ([name, value]) => {
          const answer = await refusalOf(send(route, fillPath(route.path, { name, value })));
          const problem = problemWith(answer);
          if (problem) {
            failures.push(`${label} {${name}}=${value.slice(0, 60)}: ${problem}`);
          }
          return problem === undefined;
        }),
        { seed: SEED, numRuns: PARAM_RUNS, endOnFailure: true },
      );
      if (result.failed && failures.length === 0) {
        failures.push(`${label}: ${String(result.errorInstance)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await tableStates()).toEqual(before);
  });
});

// ---- the client socket events ----

/** Every field name of the chat payloads; unknown to an event, a field is refused all the same. */
const EVENT_FIELDS = [
  'group',
  'session',
  'buddy',
  'support',
  'sinceSeq',
  'beforeSeq',
  'limit',
  'clientMsgId',
  'body',
  'insist',
  'seconds',
  'memberId',
  'token',
];

/** Longer than any payload field (a token takes 4,096 characters), and under the 16 KiB frame limit. */
const socketStrings = badStringOf([4200]);
const FRAME_BUDGET = 15_000;

describe('generated bad socket events', () => {
  it('answers every client event with an error ack (never internal), keeps the connection, and changes no table', async () => {
    const before = await tableStates();
    const failures: string[] = [];
    for (const event of [...CLIENT_EVENTS, 'no:such-event']) {
      const result = await fc.check(
        fc.asyncProperty(
          badPayload(EVENT_FIELDS, 300, socketStrings).filter(
            (payload) => (JSON.stringify(payload) ?? '').length < FRAME_BUDGET,
          ),
          async (payload) => {
            const answer = (await call(socket, event, payload).catch((error: unknown) => ({
              thrown: String(error),
            }))) as { ok?: unknown; error?: Record<string, unknown> };
            const error = answer.error;
            const fine =
              answer.ok === false &&
              typeof error?.code === 'string' &&
              error.code !== 'internal' &&
              typeof error.message === 'string' &&
              error.message !== '';
            if (!fine) {
              failures.push(`${event} ${describeInput(payload)}: ${JSON.stringify(answer).slice(0, 200)}`);
            }
            return fine;
          },
        ),
        { seed: SEED, numRuns: EVENT_RUNS, endOnFailure: true },
      );
      if (result.failed && failures.length === 0) {
        failures.push(`${event}: ${String(result.errorInstance)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(socket.connected).toBe(true);
    expect(await tableStates()).toEqual(before);
  });
});
