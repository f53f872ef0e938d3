import { h, tr } from './dom.js';

/**
 * Kring as an installed app: the one service worker (client/public/sw.mjs: the app shell and push,
 * never API answers or anything members wrote) and the line that says so when the device is offline.
 */
export const SERVICE_WORKER = '/sw.mjs';

/** Registers the service worker (once per page load; the browser keeps one per scope). */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) {
    return;
  }
  window.addEventListener(
    'load',
    () => {
      navigator.serviceWorker.register(SERVICE_WORKER, { scope: '/' }).catch(() => undefined);
    },
    { once: true },
  );
}

/** A calm line at the top of the page while the device has no connection: what is shown may be old. */
export function offlineBanner(): HTMLElement {
  const banner = h('p', { class: 'offline-banner', role: 'status' }, tr('offline.banner'));
  const show = () => {
    banner.hidden = navigator.onLine;
  };
  window.addEventListener('online', show);
  window.addEventListener('offline', show);
  show();
  return banner;
}
