import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from '@jest/globals';

/**
 * The one service worker (client/public/sw.mjs) keeps the app shell only. Run here as the browser
 * runs it (the file as it is, in a context of its own, with a recording `fetch` and cache), its
 * fetch handler must leave every request to the API and to the chat connection alone: no answer
 * of its own, no network call, no cache read or write. The shell itself it does answer.
 */
const ORIGIN = 'https://kring.example';

interface FakeRequest {
  url: string;
  method: string;
  mode: 'navigate' | 'cors' | 'no-cors' | 'same-origin';
}

type Listener = (event: unknown) => void;

function loadWorker() {
  const listeners = new Map<string, Listener>();
  const touched: string[] = [];
  const cache = {
    put: (key: string | FakeRequest) => {
      touched.push(`cache.put ${typeof key === 'string' ? key : key.url}`);
      return Promise.resolve();
    },
    addAll: (keys: string[]) => {
      touched.push(`cache.addAll ${keys.join(' ')}`);
      return Promise.resolve();
    },
  };
  const html = {
    ok: true,
    type: 'basic',
    headers: { get: () => 'text/html; charset=utf-8' },
    clone() {
      return this;
    },
  };
  const sandbox = {
    self: {
      location: { origin: ORIGIN },
      addEventListener: (type: string, listener: Listener) => listeners.set(type, listener),
      skipWaiting: () => Promise.resolve(),
      clients: { claim: () => Promise.resolve(), openWindow: () => Promise.resolve() },
      registration: { showNotification: () => Promise.resolve() },
    },
    caches: {
      open: (name: string) => {
        touched.push(`caches.open ${name}`);
        return Promise.resolve(cache);
      },
      match: (key: string | FakeRequest) => {
        touched.push(`caches.match ${typeof key === 'string' ? key : key.url}`);
        return Promise.resolve(undefined);
      },
      keys: () => Promise.resolve([]),
      delete: () => Promise.resolve(true),
    },
    fetch: (request: FakeRequest) => {
      touched.push(`fetch ${request.url}`);
      return Promise.resolve(html);
    },
    URL,
    Promise,
    // The page's wait for a slow network must not keep the test process alive.
    setTimeout: (run: () => void, ms: number) => setTimeout(run, ms).unref(),
  };
  const source = readFileSync(join(process.cwd(), 'client', 'public', 'sw.mjs'), 'utf8');
  runInNewContext(source, sandbox, { filename: 'sw.mjs' });

  /** Sends one request through the worker's fetch handler: whether it answered, and what it touched. */
  async function request(path: string, init: Partial<FakeRequest> = {}) {
    touched.length = 0;
    const answers: Promise<unknown>[] = [];
    const event = {
      request: { url: path.startsWith('http') ? path : `${ORIGIN}${path}`, method: 'GET', mode: 'cors', ...init },
      respondWith: (answer: Promise<unknown>) => answers.push(answer),
    };
    listeners.get('fetch')!(event);
    await Promise.all(answers);
    // Let the background writes of an answered request run.
    await new Promise((resolve) => setImmediate(resolve));
    return { answered: answers.length > 0, touched: [...touched] };
  }

  return { listeners, request };
}

describe('the service worker', () => {
  it('is one worker that both keeps the shell and shows pushes', () => {
    const { listeners } = loadWorker();
    expect([...listeners.keys()].sort()).toEqual(['activate', 'fetch', 'install', 'notificationclick', 'push']);
  });

  it('never answers, fetches or caches a request to /api or /socket.io, of any kind', async () => {
    const worker = loadWorker();
    const paths = [
      '/api',
      '/api/groups',
      '/api/groups/rouw/threads/5f0c',
      '/api/auth/refresh',
      '/api/me/export?format=json',
      '/api/docs',
      '/socket.io/?EIO=4&transport=polling&t=abc',
      '/socket.io/?EIO=4&transport=websocket',
    ];
    for (const path of paths) {
      for (const init of [
        { method: 'GET', mode: 'cors' },
        { method: 'GET', mode: 'navigate' },
        { method: 'POST', mode: 'cors' },
        { method: 'PUT', mode: 'same-origin' },
      ] as const) {
        expect({ path, init, ...(await worker.request(path, init)) }).toEqual({
          path,
          init,
          answered: false,
          touched: [],
        });
      }
    }
  });

  it('leaves other sites and anything but a GET alone', async () => {
    const worker = loadWorker();
    expect(await worker.request('https://www.google.com/', { mode: 'navigate' })).toEqual({
      answered: false,
      touched: [],
    });
    expect(await worker.request('/groups', { method: 'POST', mode: 'navigate' })).toEqual({
      answered: false,
      touched: [],
    });
    expect(await worker.request('/notifications.json')).toEqual({ answered: false, touched: [] });
  });

  it('answers the shell: a page (kept as the one index.html), the built scripts and the icons', async () => {
    const worker = loadWorker();
    const page = await worker.request('/groups/rouw/chat', { mode: 'navigate' });
    expect(page.answered).toBe(true);
    expect(page.touched).toContain(`fetch ${ORIGIN}/groups/rouw/chat`);
    expect(page.touched).toContain('cache.put /');
    expect(page.touched.filter((entry) => entry.startsWith('cache.put'))).toEqual(['cache.put /']);
    const script = await worker.request('/assets/index-4f2a9c.js');
    expect(script.answered).toBe(true);
    expect(script.touched).toContain('cache.put /assets/index-4f2a9c.js');
    expect((await worker.request('/icon-192.png')).answered).toBe(true);
  });
});
