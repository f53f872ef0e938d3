import type { Message } from '../i18n/i18n.js';

/**
 * A short message for the next page ("You are logged out."), kept in memory only and shown once:
 * visibly at the top of the page and read out by the page's polite live region.
 */
let pending: Message | null = null;

export function flash(message: Message): void {
  pending = message;
}

export function takeFlash(): Message | null {
  const message = pending;
  pending = null;
  return message;
}
