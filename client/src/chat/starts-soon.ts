import { h, tr } from '../core/dom.js';

/** How long before a session the countdown shows (issue 14: "starts in 10 minutes"). */
const SOON_MINUTES = 10;
/** Timers longer than this are re-checked rather than trusted (a laptop asleep, a clock that moved). */
const LONGEST_WAIT_MS = 60 * 60_000;

/**
 * "Starts in 7 min": shown from ten minutes before `startsAt` and counted down once a minute while
 * the page is open (never every second: nobody needs a ticking clock in a support group). The badge
 * is there but hidden until then, and hides again once the session has begun; its timer ends when
 * the badge leaves the page.
 */
export function startsSoon(startsAt: string): HTMLElement {
  const starts = Date.parse(startsAt);
  const badge = h('span', { class: 'badge unread', 'data-testid': 'starts-soon', hidden: true });
  let shownMinutes = 0;
  let seenOnPage = false;
  const update = (): void => {
    if (badge.isConnected) {
      seenOnPage = true;
    } else if (seenOnPage) {
      return;
    }
    const left = starts - Date.now();
    const minutes = Math.ceil(left / 60_000);
    const soon = left > 0 && minutes <= SOON_MINUTES;
    badge.hidden = !soon;
    if (soon && minutes !== shownMinutes) {
      shownMinutes = minutes;
      badge.replaceChildren(tr('series.startsIn', { minutes }));
    }
    if (left <= 0) {
      return;
    }
    // Wake when the shown number changes next: at the next whole minute, or when the ten minutes begin.
    const untilChange = soon ? left - (minutes - 1) * 60_000 : left - SOON_MINUTES * 60_000;
    window.setTimeout(update, Math.min(Math.max(untilChange, 0) + 50, LONGEST_WAIT_MS));
  };
  if (Number.isFinite(starts)) {
    update();
  }
  return badge;
}
