import { currentAccount } from '../auth/session.js';
import { ChatConnection } from '../chat/connection.js';
import { h, tr } from '../core/dom.js';
import { isDiscreet, onDiscreetChange } from '../safety/discreet.js';
import { DeskCases, loadDesk } from './desk.js';

/**
 * The header's indicator of the crisis desk, for crisis responders (and admins, who may look): a
 * link to the desk with the number of cases nobody has claimed yet. No sound, no movement, never
 * in the browser tab's title; in discreet mode its words are neutral. Loaded (with the live
 * connection) only after logging in, so it costs the first page nothing. A group moderator gets
 * a plain link to go on duty; for anyone else the item stays hidden.
 */
const RELOAD_MS = 60_000;

export function startDeskIndicator(item: HTMLElement): () => void {
  const controller = new AbortController();
  const cases = new DeskCases();
  const link = h('a', { href: '/crisis', class: 'desk-link' });
  let connection: ChatConnection | null = null;
  let timer: number | undefined;
  let dutyOnly = false;

  const render = () => {
    const waiting = cases.waiting;
    link.classList.toggle('waiting', waiting > 0);
    link.replaceChildren(
      tr(isDiscreet() ? 'nav.deskDiscreet' : dutyOnly ? 'nav.duty' : 'nav.desk'),
      ...(waiting > 0
        ? [
            ' ',
            h('span', { class: 'badge desk-count' }, String(waiting)),
            h('span', { class: 'visually-hidden' }, ' ', tr('nav.deskWaiting')),
          ]
        : []),
    );
  };
  const stopDiscreet = onDiscreetChange(render);
  const reload = () => {
    loadDesk(controller.signal)
      .then((entries) => {
        cases.reset(entries);
        render();
      })
      .catch(() => undefined);
  };

  // Only an account the server says may use the desk (or go on duty) asks for it: a plain member's
  // pages make no request that can only be refused.
  const access = currentAccount()?.crisis;
  if (access?.desk) {
    loadDesk(controller.signal)
      .then((entries) => {
        if (controller.signal.aborted) {
          return;
        }
        cases.reset(entries);
        render();
        item.replaceChildren(link);
        item.hidden = false;
        connection = new ChatConnection();
        connection.socket.on('crisis:case', (event) => {
          cases.apply(event);
          render();
        });
        connection.onState((state, recovered) => {
          if (state === 'connected' && !recovered) {
            reload();
          }
        });
        // Cases still with a group's moderators are not sent live to responders: read them now and then.
        timer = window.setInterval(reload, RELOAD_MS);
      })
      .catch(() => {
        item.hidden = true;
      });
  } else if (access?.duty) {
    // A group moderator has no desk, but gets a link to go on duty.
    dutyOnly = true;
    render();
    item.replaceChildren(link);
    item.hidden = false;
  } else {
    item.hidden = true;
  }

  return () => {
    controller.abort();
    stopDiscreet();
    connection?.close();
    window.clearInterval(timer);
    item.hidden = true;
    item.replaceChildren();
  };
}
