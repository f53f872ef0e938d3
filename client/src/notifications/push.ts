import type { PushKeyView } from '../../../src/contracts/notifications.js';
import { api } from '../core/http.js';
import { SERVICE_WORKER } from '../core/offline.js';
import { currentLanguage } from '../i18n/i18n.js';

/** The one service worker (client/public/sw.mjs) shows a push: only the fixed sentence, nothing else. */
const WORKER = SERVICE_WORKER;

export type PushState = 'unsupported' | 'denied' | 'on' | 'off';

export function pushSupported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/**
 * Whether this device gets Kring's pushes: only when the server says this login holds the browser's
 * subscription. A browser keeps its subscription when the server ended the login some other way
 * (it expired, was ended from another device, a password change), so on its own it would offer
 * "turn off" for pushes that no longer come. Such a leftover is dropped here and the page offers
 * "turn on" again: the member opts in per login (it may be another account's, or a device that was
 * ended because it was lost), so it is never quietly signed up again.
 */
export async function pushState(): Promise<PushState> {
  if (!pushSupported()) {
    return 'unsupported';
  }
  if (Notification.permission === 'denied') {
    return 'denied';
  }
  const registration = await navigator.serviceWorker.getRegistration('/');
  const subscription = await registration?.pushManager.getSubscription();
  if (!subscription) {
    return 'off';
  }
  const { subscribed } = await api.get<PushKeyView>(
    `/api/notifications/push?endpoint=${encodeURIComponent(subscription.endpoint)}`,
  );
  if (!subscribed) {
    await subscription.unsubscribe();
  }
  return subscribed ? 'on' : 'off';
}

/** Asks the browser for permission, subscribes this device and tells the server (with the page's language). */
export async function turnPushOn(): Promise<void> {
  const registration = await navigator.serviceWorker.register(WORKER, { scope: '/' });
  await navigator.serviceWorker.ready;
  const { publicKey } = await api.get<PushKeyView>('/api/notifications/push');
  const subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: fromBase64Url(publicKey),
  });
  const json = subscription.toJSON();
  await api.put<void>('/api/notifications/push', {
    endpoint: json.endpoint,
    expirationTime: json.expirationTime ?? null,
    keys: json.keys,
    language: currentLanguage(),
  });
}

/** Unsubscribes this device, here and at the server. */
export async function turnPushOff(): Promise<void> {
  const registration = await navigator.serviceWorker.getRegistration('/');
  const subscription = await registration?.pushManager.getSubscription();
  if (subscription) {
    await api.post<void>('/api/notifications/push/unsubscribe', { endpoint: subscription.endpoint });
    await subscription.unsubscribe();
  }
}

/**
 * Forgets this browser's push subscription, without asking the server (which drops it with the
 * login: logout, quick exit). Best effort and never throws: leaving must not wait on it.
 */
export function forgetPushHere(): void {
  if (!pushSupported()) {
    return;
  }
  void navigator.serviceWorker
    .getRegistration('/')
    .then((registration) => registration?.pushManager.getSubscription())
    .then((subscription) => subscription?.unsubscribe())
    .catch(() => undefined);
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(text.length / 4) * 4, '=');
  const bytes = atob(base64);
  const out = new Uint8Array(new ArrayBuffer(bytes.length));
  for (let i = 0; i < bytes.length; i += 1) {
    out[i] = bytes.charCodeAt(i);
  }
  return out;
}
