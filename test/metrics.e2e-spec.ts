import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createKringApp } from '../src/bootstrap.js';
import { loadAppConfig } from '../src/config/app-config.js';
import type { MessageSent } from '../src/contracts/chat.js';
import type { ThreadView } from '../src/contracts/forums.js';
import { MetricsHttp } from '../src/metrics/metrics-http.js';
import { registerMember } from './support/accounts.js';
import { CRISIS_TEXT, personIn, type Person } from './support/crisis.js';
import { expectError } from './support/errors.js';
import { createGroup, registerAdmin } from './support/groups.js';
import { call, closeChatClients } from './support/sockets.js';
import { createTestDatabase } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Issue 16: `/api/metrics` in Prometheus format, off by default, behind a token or on a port of its own. */

const TOKEN = randomBytes(24).toString('base64url');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus's text format, sample lines only. */
function samples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) {
        throw new Error(`not a sample line: ${line}`);
      }
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

/** The one sample with this name and these labels (others ignored); fails when there is none. */
function valueOf(all: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = all.filter(
    (sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
  expect({ name, labels, found: found.length }).toEqual({ name, labels, found: 1 });
  return found[0].value;
}

async function scrapeWithToken(app: TestApp): Promise<string> {
  const response = await app.http.get('/api/metrics').set('Authorization', `Bearer ${TOKEN}`);
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text;
}

describe('metrics (issue 16)', () => {
  describe('by default', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp();
    });

    afterAll(async () => {
      await app.close();
    });

    it('are off: /api/metrics answers exactly like an unknown route, with or without a token', async () => {
      const unknown = await app.http.get('/api/no-such-route');
      for (const response of [
        await app.http.get('/api/metrics'),
        await app.http.get('/api/metrics').set('Authorization', `Bearer ${TOKEN}`),
      ]) {
        expectError(response, 404, 'not_found');
        expect(response.body).toEqual(unknown.body);
      }
    });
  });

  describe('with METRICS_TOKEN', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp({ env: { METRICS_TOKEN: TOKEN, CHAT_RATE_LIMIT_PER_CONNECTION: '3' } });
    });

    afterAll(async () => {
      closeChatClients();
      await app.close();
    });

    it('refuses a scrape without the token, with a wrong one or another scheme: 401 in the one error shape', async () => {
      const wrongOfSameLength = `${TOKEN.slice(0, -1)}${TOKEN.endsWith('A') ? 'B' : 'A'}`;
      for (const authorization of [
        undefined,
        `Bearer ${wrongOfSameLength}`,
        `Bearer ${TOKEN}x`,
        'Bearer ',
        `Basic ${TOKEN}`,
        TOKEN,
      ]) {
        const request = app.http.get('/api/metrics');
        const response =
          authorization === undefined ? await request : await request.set('Authorization', authorization);
        const body = expectError(response, 401, 'unauthorized');
        expect(body.message).toContain('METRICS_TOKEN');
        expect(response.text).not.toContain('kring_');
      }
    });

    it('answers the token with this process’s metrics in Prometheus format', async () => {
      const all = samples(await scrapeWithToken(app));
      for (const name of [
        'kring_chat_sockets_connected',
        'kring_chat_messages_stored_total',
        'kring_crisis_cases_open',
        'kring_crisis_oldest_unclaimed_seconds',
        'kring_database_pool_in_use',
        'kring_database_pool_idle',
        'kring_database_pool_waiting',
        'kring_database_pool_max',
        'nodejs_eventloop_lag_seconds',
        'nodejs_eventloop_lag_p99_seconds',
        'process_cpu_seconds_total',
      ]) {
        expect(all.map((sample) => sample.name)).toContain(name);
      }
      const poolSize = process.env.DATABASE_URL ? 10 : 1;
      expect(valueOf(all, 'kring_database_pool_max')).toBe(poolSize);
      expect(valueOf(all, 'kring_database_pool_waiting')).toBe(0);
    });

    describe('after a member’s day', () => {
      const word = `zonnebloem${randomBytes(4).toString('hex')}`;
      const aliases = [`Lijster${randomBytes(3).toString('hex')}`, `Merel${randomBytes(3).toString('hex')}`];
      const seen: string[] = [];
      let people: Person[];
      let slug: string;
      let text: string;
      let all: Sample[];

      beforeAll(async () => {
        const admin = await registerAdmin(app);
        const group = await createGroup(app, admin);
        slug = group.slug;
        people = [
          await personIn(app, group, { group: slug }, aliases[0]),
          await personIn(app, group, { group: slug }, aliases[1]),
        ];
        const [anna, bert] = people;
        const posted = await app.http
          .post(`/api/groups/${slug}/threads`)
          .set('Authorization', anna.member.bearer)
          .send({ title: `Over ${word}`, body: `Vandaag dacht ik aan ${word}.` });
        expect(posted.status).toBe(201);
        const threadId = (posted.body as ThreadView).id;
        const read = await app.http
          .get(`/api/groups/${slug}/threads/${threadId}`)
          .set('Authorization', bert.member.bearer);
        expect(read.status).toBe(200);
        const missing = randomUUID();
        expect(
          (await app.http.get(`/api/groups/${slug}/threads/${missing}`).set('Authorization', bert.member.bearer))
            .status,
        ).toBe(404);
        expect((await app.http.get(`/api/nothing-here/${missing}`)).status).toBe(404);

        const sent: MessageSent[] = [];
        for (const body of [`Hallo, ${word}`, CRISIS_TEXT, 'Nog een bericht']) {
          const answer = await call<MessageSent>(anna.socket, 'message:send', {
            group: slug,
            clientMsgId: randomUUID(),
            body,
          });
          expect(answer.ok).toBe(true);
          sent.push(answer as MessageSent & { ok: true });
        }
        expect(sent[1].crisis).toBeDefined();
        // The fourth message within the window is refused by the per-connection limit.
        const refused = await call(anna.socket, 'message:send', {
          group: slug,
          clientMsgId: randomUUID(),
          body: 'Te snel',
        });
        expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited' } });

        seen.push(
          admin.loginName,
          ...people.map((person) => person.member.loginName),
          ...people.map((person) => person.membership.memberId),
          ...people.flatMap((person) => [person.member.tokens.accessToken, person.member.tokens.refreshToken]),
          slug,
          threadId,
          missing,
          ...sent.map((answer) => answer.message.id),
          ...JSON.stringify([posted.body, read.body]).match(new RegExp(UUID.source, 'gi'))!,
        );
        text = await scrapeWithToken(app);
        all = samples(text);
      });

      it('counts requests by route pattern, method and status class, never by the concrete URL', () => {
        const requests = (labels: Record<string, string>) =>
          valueOf(all, 'kring_http_request_duration_seconds_count', labels);
        expect(requests({ method: 'POST', route: '/api/groups/:slug/threads', status_class: '2xx' })).toBe(1);
        expect(requests({ method: 'GET', route: '/api/groups/:slug/threads/:threadId', status_class: '2xx' })).toBe(1);
        expect(requests({ method: 'GET', route: '/api/groups/:slug/threads/:threadId', status_class: '4xx' })).toBe(1);
        expect(requests({ method: 'POST', route: '/api/auth/register', status_class: '2xx' })).toBe(3);
        expect(
          valueOf(all, 'kring_http_request_duration_seconds_bucket', {
            method: 'POST',
            route: '/api/groups/:slug/threads',
            status_class: '2xx',
            le: '+Inf',
          }),
        ).toBe(1);
        const routes = new Set(all.map((sample) => sample.labels.route).filter((route) => route !== undefined));
        for (const route of routes) {
          expect(route).toMatch(/^(unmatched|\/[\w/:*-]*)$/);
        }
      });

      it('counts the messages stored, the sockets connected, the refusal and the open crisis case', () => {
        expect(valueOf(all, 'kring_chat_messages_stored_total')).toBe(3);
        expect(valueOf(all, 'kring_chat_sockets_connected')).toBe(2);
        expect(valueOf(all, 'kring_rate_limit_refusals_total', { limit: 'chat-connection' })).toBe(1);
        expect(valueOf(all, 'kring_crisis_cases_open')).toBe(1);
        const oldest = valueOf(all, 'kring_crisis_oldest_unclaimed_seconds');
        expect(oldest).toBeGreaterThan(0);
        expect(oldest).toBeLessThan(120);
        expect(valueOf(all, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
      });

      it('holds no content, alias, login name, token or id, and no URL with one', () => {
        expect(text).not.toMatch(UUID);
        for (const secret of [word, ...aliases, ...seen]) {
          expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
        }
        expect(text.toLowerCase()).not.toContain(word);
        expect(text).not.toContain('nothing-here');
        expect(text).not.toContain(CRISIS_TEXT.slice(0, 20));
      });

      it('follows connections that leave', async () => {
        people[1].socket.disconnect();
        const deadline = Date.now() + 5000;
        let connected = 2;
        while (connected !== 1 && Date.now() < deadline) {
          connected = valueOf(samples(await scrapeWithToken(app)), 'kring_chat_sockets_connected');
        }
        expect(connected).toBe(1);
      });
    });
  });

  describe('with METRICS_PORT and METRICS_TOKEN', () => {
    let app: TestApp;
    let metricsUrl: string;

    beforeAll(async () => {
      app = await startTestApp({ env: { METRICS_PORT: '0', METRICS_TOKEN: TOKEN } });
      metricsUrl = `http://127.0.0.1:${app.app.get(MetricsHttp).listenerAddress?.port}`;
    });

    afterAll(async () => {
      await app.close();
    });

    it('serves the metrics on its own port only: the main port answers 404, even to the token', async () => {
      expectError(await app.http.get('/api/metrics').set('Authorization', `Bearer ${TOKEN}`), 404, 'not_found');
      const scraped = await fetch(`${metricsUrl}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('kring_chat_messages_stored_total 0');
    });

    it('still asks the token there: 401 in the one error shape without it', async () => {
      for (const headers of [{}, { Authorization: 'Bearer not-the-token' }] as Record<string, string>[]) {
        const refused = await fetch(`${metricsUrl}/metrics`, { headers });
        expect(refused.status).toBe(401);
        expect(await refused.json()).toEqual({
          statusCode: 401,
          error: 'unauthorized',
          message: expect.stringContaining('METRICS_TOKEN'),
        });
      }
    });

    it('answers 404 on its port for anything but GET /metrics', async () => {
      const other = await fetch(`${metricsUrl}/api/health`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      expect(other.status).toBe(404);
      expect(await other.json()).toEqual({ statusCode: 404, error: 'not_found', message: 'Not found.' });
    });
  });

  describe('with METRICS_PORT alone', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp({ env: { METRICS_PORT: '0' } });
    });

    afterAll(async () => {
      await app.close();
    });

    it('serves its port, bound to 127.0.0.1, without a token; the main port does not serve them', async () => {
      const address = app.app.get(MetricsHttp).listenerAddress;
      expect(address?.address).toBe('127.0.0.1');
      const scraped = await fetch(`http://127.0.0.1:${address?.port}/metrics`);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('kring_http_request_duration_seconds');
      expectError(await app.http.get('/api/metrics'), 404, 'not_found');
      // A member's token does not open the main port's route either.
      const member = await registerMember(app);
      expectError(await app.http.get('/api/metrics').set('Authorization', member.bearer), 404, 'not_found');
    });

    it('refuses to start, naming METRICS_PORT, when another program holds that port', async () => {
      const taken = app.app.get(MetricsHttp).listenerAddress!.port;
      const database = await createTestDatabase();
      const config = loadAppConfig({
        NODE_ENV: 'test',
        BCRYPT_COST: '4',
        JWT_SECRET: randomBytes(32).toString('hex'),
        METRICS_PORT: String(taken),
        ...database.env,
      });
      const sink = new Writable({ write: (_chunk, _encoding, callback) => callback() });
      const second = await createKringApp({ config, logDestination: sink });
      try {
        await expect(second.listen(0, '127.0.0.1')).rejects.toThrow(
          `METRICS_PORT: cannot listen on 127.0.0.1:${taken}: in use by another program`,
        );
      } finally {
        await second.close();
        await database.drop();
      }
    });
  });
});
