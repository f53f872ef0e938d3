// Kring's one service worker (scope /). It does two things, and nothing else:
//
// 1. The app shell, so the site opens at once and still opens without a connection: the page
//    itself (index.html, the same for every route), its scripts and styles (/assets/, named by
//    their content, so a cached one never goes stale) and the icons. Never an API response, never
//    the chat connection, never anything a member or a group wrote: requests to /api and
//    /socket.io, and anything that is not a GET to this site, are not touched at all (the browser
//    handles them as if there were no worker). test/service-worker.e2e-spec.ts holds it to that.
// 2. Push: a push says only that something is new, in the device's language ("Kring: er is iets
//    nieuws voor je" / "Kring: something new for you"); nothing else is shown, whatever arrives. A
//    click opens the notification centre, where the member sees the rest after logging in.
//
// A classic script with no imports, so every browser runs it and the test can load it as it is.
const SHELL_CACHE = 'kring-shell-v1';
const SHELL_FILES = ['/', '/manifest.webmanifest', '/icon.svg', '/icon-neutral.svg', '/icon-192.png', '/icon-512.png'];
/** A page that does not answer within this is shown from the cache (a slow or absent connection). */
const NAVIGATION_WAIT_MS = 3000;

/** Whether a request is part of the app shell; everything else passes the worker by. */
function isShellRequest(request) {
  if (request.method !== 'GET') {
    return false;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return false;
  }
  if (url.pathname === '/api' || url.pathname.startsWith('/api/') || url.pathname.startsWith('/socket.io')) {
    return false;
  }
  if (request.mode === 'navigate') {
    return true;
  }
  return url.pathname.startsWith('/assets/') || SHELL_FILES.includes(url.pathname);
}

async function remember(key, response) {
  if (response.ok && response.type === 'basic') {
    const cache = await caches.open(SHELL_CACHE);
    await cache.put(key, response.clone());
  }
  return response;
}

/** The page: from the network when it answers in time (and kept), else the kept shell. */
async function page(request) {
  // Every route's page is index.html; only an HTML answer may stand in for it.
  const fresh = fetch(request).then((response) =>
    (response.headers.get('content-type') ?? '').includes('text/html') ? remember('/', response) : response,
  );
  const late = new Promise((resolve) => setTimeout(() => resolve(null), NAVIGATION_WAIT_MS));
  try {
    const first = await Promise.race([fresh, late]);
    if (first) {
      return first;
    }
  } catch {
    // No connection: the kept shell below.
  }
  const kept = await caches.match('/');
  return kept ?? fresh;
}

/** A script, style or icon: the kept copy when there is one, else from the network (and kept). */
async function asset(request) {
  const kept = await caches.match(request);
  if (kept) {
    return kept;
  }
  const url = new URL(request.url);
  return remember(url.pathname, await fetch(request));
}

/** The shell's files, and the scripts and styles the page itself names (the first page already loaded them without us). */
async function keepShell() {
  const cache = await caches.open(SHELL_CACHE);
  await cache.addAll(SHELL_FILES);
  const index = await cache.match('/');
  const html = index ? await index.text() : '';
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
  await cache.addAll(assets);
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    keepShell()
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== SHELL_CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  if (!isShellRequest(event.request)) {
    return;
  }
  event.respondWith(event.request.mode === 'navigate' ? page(event.request) : asset(event.request));
});

const ALLOWED = ['Kring: er is iets nieuws voor je', 'Kring: something new for you'];

self.addEventListener('push', (event) => {
  const text = event.data ? event.data.text() : '';
  const body = ALLOWED.includes(text) ? text : ALLOWED[1];
  event.waitUntil(self.registration.showNotification('Kring', { body, icon: '/icon-neutral.svg', tag: 'kring-new' }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(self.clients.openWindow('/notifications'));
});
