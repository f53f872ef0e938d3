import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Socket } from 'socket.io-client';
import type { RoomRef } from '../src/contracts/chat.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { createGroup, joinGroup, registerAdmin } from './support/groups.js';
import { PrivatePostgres } from './support/private-postgres.js';
import { chatClient, type ChatClient, closeChatClients, connectChat, firstOf, joinRoom } from './support/sockets.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Kring on a PostgreSQL server of this file's own, under a small steady load (reads, thread posts
 * and chat sends), while the server is stopped, frozen and restarted.
 */

const CONNECT_TIMEOUT_MS = 1_000;
const STATEMENT_TIMEOUT_MS = 1_500;
/** The longest any request may take while the database is away: a wait for a connection, one statement, and slack. */
const LONGEST_MS = CONNECT_TIMEOUT_MS + STATEMENT_TIMEOUT_MS + 1_000 + 2_000;
/** How long the test waits for an answer before it calls the request hung. */
const HUNG_MS = 15_000;

type Kind = 'read' | 'post' | 'send';

interface Outcome {
  kind: Kind;
  phase: string;
  ms: number;
  /** HTTP status, or the ack's error code (`ok` when it succeeded), or `hung`. */
  result: number | string;
  retryAfter?: string | null;
  /** What a succeeded write made: the thread id, or the chat message's clientMsgId. */
  written?: string;
}

describe('when PostgreSQL stops, freezes or restarts under load', () => {
  let server: PrivatePostgres;
  let app: TestApp;
  let member: TestMember;
  let slug: string;
  let ref: RoomRef;
  let socket: ChatClient;
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    server = await PrivatePostgres.create();
    app = await startTestApp({
      database: { env: { DATABASE_URL: server.url }, drop: () => Promise.resolve() },
      env: {
        DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
        DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
        DATABASE_POOL_SIZE: '4',
        CHAT_RATE_LIMIT_PER_CONNECTION: '100000',
      },
    });
    const admin = await registerAdmin(app);
    member = await registerMember(app);
    slug = (await createGroup(app, admin)).slug;
    await joinGroup(app, member, slug);
    ref = { group: slug };
    socket = await connectChat(app, member);
    await joinRoom(socket, ref);
  }, 60_000);

  afterAll(async () => {
    closeChatClients();
    await app?.close();
    await server?.destroy();
  }, 30_000);

  async function timed(kind: Kind, phase: string, run: () => Promise<Omit<Outcome, 'kind' | 'phase' | 'ms'>>) {
    const started = Date.now();
    const outcome = await run();
    outcomes.push({ kind, phase, ms: Date.now() - started, ...outcome });
  }

  async function http(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response | 'hung'> {
    try {
      return await fetch(`${app.baseUrl}${path}`, {
        method,
        headers: { Authorization: member.bearer, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(HUNG_MS),
      });
    } catch {
      return 'hung';
    }
  }

  const workers: Record<Kind, (phase: string) => Promise<void>> = {
    read: (phase) =>
      timed('read', phase, async () => {
        const response = await http('GET', `/api/groups/${slug}/threads`);
        return response === 'hung'
          ? { result: 'hung' }
          : { result: response.status, retryAfter: response.headers.get('retry-after') };
      }),
    post: (phase) =>
      timed('post', phase, async () => {
        const response = await http('POST', `/api/groups/${slug}/threads`, {
          title: 'Een avond met veel onrust',
          body: 'Vanavond lukt het niet om rustig te worden.',
        });
        if (response === 'hung') {
          return { result: 'hung' };
        }
        const body = (await response.json()) as { id?: string };
        return {
          result: response.status,
          retryAfter: response.headers.get('retry-after'),
          written: response.status === 201 ? body.id : undefined,
        };
      }),
    send: (phase) =>
      timed('send', phase, async () => {
        const clientMsgId = randomUUID();
        try {
          const answer = (await (socket as unknown as Socket)
            .timeout(HUNG_MS)
            .emitWithAck('message:send', { ...ref, clientMsgId, body: 'Ik ben er nog.' })) as
            { ok: true } | { ok: false; error: { code: string; retryAfterMs?: number } };
          return answer.ok
            ? { result: 'ok', written: clientMsgId }
            : { result: answer.error.code, retryAfter: answer.error.retryAfterMs?.toString() ?? null };
        } catch {
          return { result: 'hung' };
        }
      }),
  };

  /** Every worker in a loop for `ms`, a request every 100 ms each, waiting for each answer. */
  async function load(phase: string, ms: number, during?: () => Promise<void>): Promise<Outcome[]> {
    const until = Date.now() + ms;
    const loop = async (kind: Kind) => {
      while (Date.now() < until) {
        await workers[kind](phase);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    await Promise.all([loop('read'), loop('post'), loop('send'), during?.()]);
    return outcomes.filter((outcome) => outcome.phase === phase);
  }

  /** Polls readiness until the database answers again: Kring itself is never restarted. */
  async function readyAgain(): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const response = await http('GET', '/api/health/ready');
      if (response !== 'hung' && response.status === 200) {
        return;
      }
      if (Date.now() > deadline) {
        throw new Error('Kring did not become ready again within 20 s of the database coming back');
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** What a refusal looked like, for the assertions' messages. */
  const summary = (list: Outcome[]) => list.map((o) => `${o.kind}:${o.result}:${o.ms}ms`).join(' ');

  function expectRefusedQuickly(list: Outcome[]): void {
    const failed = list.filter((o) => o.result !== 200 && o.result !== 201 && o.result !== 'ok');
    const wrong = failed.filter((o) =>
      o.kind === 'send' ? o.result !== 'service_unavailable' || !o.retryAfter : o.result !== 503 || !o.retryAfter,
    );
    expect(summary(wrong)).toBe('');
    expect(summary(list.filter((o) => o.ms > LONGEST_MS))).toBe('');
  }

  it('serves the steady load while the database is up', async () => {
    const list = await load('before', 1_500);
    expect(list.length).toBeGreaterThan(6);
    expect(summary(list.filter((o) => o.result !== 200 && o.result !== 201 && o.result !== 'ok'))).toBe('');
  });

  it('answers 503 with Retry-After at once while the database is stopped, stays live, and recovers on its own', async () => {
    await server.stop('fast');
    let list: Outcome[];
    let live: Response | 'hung';
    let ready: Response | 'hung';
    let handshake: { event: string; payload: unknown };
    try {
      list = await load('stopped', 2_500);
      live = await http('GET', '/api/health/live');
      ready = await http('GET', '/api/health/ready');
      handshake = await firstOf(chatClient(app, member), ['connect', 'connect_error'], HUNG_MS);
    } finally {
      await server.start();
    }
    for (const kind of ['read', 'post', 'send'] as const) {
      expect(list.filter((o) => o.kind === kind).length).toBeGreaterThan(2);
    }
    expect(summary(list.filter((o) => o.result === 200 || o.result === 201 || o.result === 'ok'))).toBe('');
    expectRefusedQuickly(list);
    expect(live !== 'hung' && live.status).toBe(200);
    expect(ready !== 'hung' && [ready.status, ready.headers.get('retry-after')]).toEqual([503, '5']);
    // A new chat connection is told to come back later, not that the server broke.
    expect(handshake.event === 'connect' ? 'connected' : (handshake.payload as Error).message).toBe(
      'service_unavailable',
    );

    await readyAgain();
    const after = await load('after stop', 1_000);
    expect(summary(after.filter((o) => o.result !== 200 && o.result !== 201 && o.result !== 'ok'))).toBe('');
  }, 40_000);

  it('gives up on a frozen database within the timeouts instead of hanging, and recovers when it thaws', async () => {
    server.freeze();
    let list: Outcome[];
    try {
      list = await load('frozen', 5_000);
    } finally {
      server.thaw();
    }
    expect(list.filter((o) => o.result === 503 || o.result === 'service_unavailable').length).toBeGreaterThan(2);
    expectRefusedQuickly(list);
    await readyAgain();
    const after = await load('after freeze', 1_000);
    expect(summary(after.filter((o) => o.result !== 200 && o.result !== 201 && o.result !== 'ok'))).toBe('');
  }, 40_000);

  it('rides out a crash and restart of the database under load', async () => {
    const list = await load('restart', 4_000, async () => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await server.stop('immediate');
      await server.start();
    });
    expectRefusedQuickly(list);
    await readyAgain();
    const after = await load('after restart', 1_000);
    expect(summary(after.filter((o) => o.result !== 200 && o.result !== 201 && o.result !== 'ok'))).toBe('');
  }, 40_000);

  it('loses no write it acknowledged, and logs no unexpected error for an absent database', async () => {
    const threads = outcomes.filter((o) => o.kind === 'post' && o.written).map((o) => o.written as string);
    const messages = outcomes.filter((o) => o.kind === 'send' && o.written).map((o) => o.written as string);
    expect(threads.length).toBeGreaterThan(5);
    expect(messages.length).toBeGreaterThan(5);
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      const storedThreads = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM forum_thread WHERE id = ANY($1::uuid[])',
        [threads],
      );
      const storedMessages = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM chat_message WHERE client_msg_id = ANY($1::uuid[])',
        [messages],
      );
      expect([storedThreads.rows[0].n, storedMessages.rows[0].n]).toEqual([threads.length, messages.length]);
    } finally {
      await client.end();
    }
    expect(outcomes.filter((o) => o.result === 500 || o.result === 'internal' || o.result === 'hung')).toEqual([]);
    expect(app.logs()).not.toMatch(/Unexpected error/);
    // Operators are told, but not once per refused request.
    const warnings = app
      .logs()
      .split('\n')
      .filter((line) => line.includes('The database is unavailable')).length;
    const refused = outcomes.filter((o) => o.result === 503 || o.result === 'service_unavailable').length;
    expect(warnings).toBeGreaterThan(0);
    expect(warnings).toBeLessThan(refused / 3);
  });
});
