import { abandon } from '../auth/session.js';
import { h, on, tr, uid } from '../core/dom.js';
import { forgetPushHere } from '../notifications/push.js';

/**
 * The quick exit: leave Kring at once for a neutral page, the way sites for people in vulnerable
 * situations do. `location.replace` swaps the current history entry for the neutral page, so Back
 * does not return to what was on screen. Before leaving, the page is emptied and the session
 * forgotten (and ended on the server without waiting), in case the browser keeps a frozen copy of
 * this page in its back/forward cache.
 */
export const NEUTRAL_URL = 'https://www.google.com/';

/** Two Escape presses within this time leave the site. */
const DOUBLE_ESCAPE_MS = 1000;

let exited = false;

export function quickExit(): void {
  exited = true;
  // The browser's push subscription goes too (the server drops its side with the login).
  forgetPushHere();
  abandon();
  document.title = '';
  document.body.replaceChildren();
  location.replace(NEUTRAL_URL);
}

/** Listens for Escape pressed twice, anywhere on the page. */
export function installQuickExitKeys(): void {
  let lastEscape = Number.NEGATIVE_INFINITY;
  window.addEventListener(
    'keydown',
    (event) => {
      if (event.key !== 'Escape' || event.isComposing) {
        return;
      }
      if (event.timeStamp - lastEscape <= DOUBLE_ESCAPE_MS) {
        quickExit();
      } else {
        lastEscape = event.timeStamp;
      }
    },
    { capture: true },
  );
  // Coming back (Back button) to a frozen copy of an earlier entry of this page: start afresh
  // rather than show the emptied page.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted && exited) {
      location.reload();
    }
  });
}

/**
 * The button at the top of every page, with its explanation beside it for screen readers. It is
 * a link to the neutral page, so it also works in the rare case a script fails; the click
 * handler makes it replace the history entry.
 */
export function quickExitButton(): HTMLElement {
  const hintId = uid('quick-exit-hint');
  const link = h(
    'a',
    { class: 'quick-exit', href: NEUTRAL_URL, rel: 'noreferrer', 'aria-describedby': hintId },
    tr('quickExit.label'),
  );
  on(link, 'click', (event) => {
    event.preventDefault();
    quickExit();
  });
  return h(
    'span',
    { class: 'quick-exit-wrap' },
    link,
    h('span', { class: 'visually-hidden', id: hintId }, tr('quickExit.hint')),
  );
}
