import type { AccountView, DeviceTokens, TokenPair } from '../../../src/contracts/auth.js';
import { api, ApiError, useAuth } from '../core/http.js';
import { keptSignedIn, saveKeptSignedIn } from '../core/prefs.js';
import { forgetPushHere } from '../notifications/push.js';

/**
 * The login session, in this page's memory only, by default.
 *
 * Both tokens live in variables of this module and nowhere else: not in sessionStorage, not in
 * localStorage, not in a cookie. Reloading or closing the page therefore logs the member out,
 * on purpose: Kring is used on shared and watched devices, and a quick exit must leave nothing
 * behind that reopens the account. No script from another origin can read a JS variable of ours
 * (and the CSP allows no script from another origin at all).
 *
 * Only when the member ticks "this is my own device" at login does the refresh token live in an
 * HttpOnly cookie the server sets (no script reads it, this one neither), with a one-character
 * mark in localStorage so that a reload knows to try it. Logout, a quick exit and an ended
 * session remove both.
 *
 * The access token (15 minutes) is renewed shortly before it expires with the rotating refresh
 * token; one renewal at a time, because presenting a spent refresh token ends the whole session
 * (the server takes it for a stolen copy).
 */

export type EndReason = 'logout' | 'expired' | 'deleted' | 'exit';

interface Tokens {
  access: string;
  /** Null on a device kept signed in: the refresh token is then in the HttpOnly cookie. */
  refresh: string | null;
  /** Wall-clock time (ms) when the access token expires. */
  expiresAt: number;
  lifetimeMs: number;
}

let tokens: Tokens | null = null;
let account: AccountView | null = null;
let renewal: Promise<boolean> | null = null;
let renewTimer: number | undefined;

type Listener = (loggedIn: boolean, reason?: EndReason) => void;
const listeners = new Set<Listener>();

/** Renew this long before expiry: a minute, or a fifth of a short lifetime. */
function renewLeadMs(lifetimeMs: number): number {
  return Math.min(60_000, lifetimeMs / 5);
}

function notify(reason?: EndReason): void {
  for (const listener of listeners) {
    listener(tokens !== null, reason);
  }
}

function schedule(): void {
  window.clearTimeout(renewTimer);
  if (!tokens) {
    return;
  }
  const delay = Math.max(0, tokens.expiresAt - renewLeadMs(tokens.lifetimeMs) - Date.now());
  renewTimer = window.setTimeout(() => void renew(), delay);
}

function accept(pair: TokenPair | DeviceTokens): void {
  const lifetimeMs = pair.expiresIn * 1000;
  const refresh = 'refreshToken' in pair ? pair.refreshToken : null;
  tokens = { access: pair.accessToken, refresh, expiresAt: Date.now() + lifetimeMs, lifetimeMs };
  schedule();
}

/**
 * With the cookie, the body is empty (but JSON: the server refuses a cookie refresh that is not).
 * Tabs of one browser share the cookie: two renewing at once would present the same token twice,
 * which the server takes for theft, so they take turns (the second then sends the rotated cookie).
 */
function spend(refresh: string | null): Promise<TokenPair | DeviceTokens> {
  const send = () =>
    api.post<TokenPair | DeviceTokens>('/api/auth/refresh', refresh === null ? {} : { refreshToken: refresh }, {
      withToken: false,
    });
  if (refresh === null && typeof navigator.locks?.request === 'function') {
    return navigator.locks.request('kring-device-refresh', send);
  }
  return send();
}

/** Spends the refresh token for a new pair. False when the session is over (then it is ended here too). */
function renew(): Promise<boolean> {
  if (!tokens) {
    return Promise.resolve(false);
  }
  renewal ??= (async () => {
    const spent = tokens?.refresh;
    try {
      const pair = await spend(spent ?? null);
      if (tokens !== null && tokens.refresh === (spent ?? null)) {
        accept(pair);
      }
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        end('expired');
        return false;
      }
      // Offline or a server hiccup: keep the session and try again soon; requests still get a chance.
      window.clearTimeout(renewTimer);
      renewTimer = window.setTimeout(() => void renew(), 15_000);
      return tokens !== null && tokens.expiresAt > Date.now();
    } finally {
      renewal = null;
    }
  })();
  return renewal;
}

/** A valid access token (renewed first when it is about to expire), or null when logged out. */
export async function freshAccessToken(): Promise<string | null> {
  if (tokens && tokens.expiresAt - Date.now() < 10_000) {
    await renew();
  }
  return tokens?.access ?? null;
}

useAuth({ accessToken: freshAccessToken, renew });

// Timers sleep in a background tab or a locked phone: catch up as soon as the page is seen again.
document.addEventListener('visibilitychange', () => {
  if (
    document.visibilityState === 'visible' &&
    tokens &&
    Date.now() >= tokens.expiresAt - renewLeadMs(tokens.lifetimeMs)
  ) {
    void renew();
  }
});

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function isLoggedIn(): boolean {
  return tokens !== null;
}

export function currentAccount(): AccountView | null {
  return account;
}

/**
 * Logs in and loads the account; rejects with `ApiError` (`invalid_credentials`, `rate_limited`, …).
 * `keepSignedIn`: the member said this is their own device.
 */
export async function login(loginName: string, password: string, keepSignedIn = false): Promise<AccountView> {
  const pair = await api.post<TokenPair | DeviceTokens>(
    '/api/auth/login',
    keepSignedIn ? { loginName, password, keepSignedIn } : { loginName, password },
    { withToken: false },
  );
  accept(pair);
  saveKeptSignedIn(keepSignedIn);
  try {
    account = await api.get<AccountView>('/api/me');
  } catch (error) {
    end('expired');
    throw error;
  }
  notify();
  return account;
}

/**
 * On a device kept signed in, picks the session up again after a reload from the cookie; does
 * nothing (and sends nothing) on any other device. Resolves once the app may draw its first page.
 */
export async function resume(): Promise<void> {
  if (!keptSignedIn() || tokens) {
    return;
  }
  try {
    accept(await spend(null));
    account = await api.get<AccountView>('/api/me');
    notify();
  } catch (error) {
    tokens = null;
    account = null;
    window.clearTimeout(renewTimer);
    // Only a refusal ends it for good; offline, the next reload tries again.
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      saveKeptSignedIn(false);
    }
  }
}

/** The account as the server sees it now. */
export async function loadAccount(signal?: AbortSignal): Promise<AccountView> {
  account = await api.get<AccountView>('/api/me', { signal });
  return account;
}

/** Ends the session here; the server call is best effort (the tokens are forgotten either way). */
export async function logout(everywhere = false): Promise<void> {
  // The server drops this device's push subscription with the login; the browser forgets its side.
  forgetPushHere();
  if (tokens) {
    try {
      await api.post<void>('/api/auth/logout', everywhere ? { everywhere: true } : {});
    } catch {
      // Already ended on the server, or unreachable: the tokens die with this page anyway.
    }
  }
  end('logout');
}

/**
 * For the quick exit: tells the server to end this login without waiting for an answer (the
 * request outlives the page thanks to `keepalive`), and forgets the tokens at once.
 */
export function abandon(): void {
  // On a device kept signed in, the logout ends the cookie's login on the server and its answer clears the cookie.
  saveKeptSignedIn(false);
  if (tokens) {
    void fetch('/api/auth/logout', {
      method: 'POST',
      keepalive: true,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.access}` },
      body: '{}',
    }).catch(() => undefined);
  }
  tokens = null;
  account = null;
  window.clearTimeout(renewTimer);
}

/** Forgets the session (tokens and account) and tells the app why. */
export function end(reason: EndReason): void {
  const wasLoggedIn = tokens !== null;
  saveKeptSignedIn(false);
  tokens = null;
  account = null;
  window.clearTimeout(renewTimer);
  if (wasLoggedIn) {
    notify(reason);
  }
}
