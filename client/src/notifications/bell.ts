import { isLoggedIn, onSessionChange } from '../auth/session.js';
import type { ChatConnection } from '../chat/connection.js';
import { h, tr } from '../core/dom.js';
import { loadUnread, NOTIFICATIONS_CHANGED } from './notifications.js';

/**
 * The main menu's link to the notification centre, with the number of unread notifications. It
 * counts again when one arrives on the live connection (loaded in a chunk of its own after
 * logging in) and when the centre marks some read. Shown only while logged in.
 */
export function notificationBell(): HTMLLIElement {
  const link = h('a', { href: '/notifications', class: 'bell-link' });
  const item = h('li', { 'data-when': 'in', class: 'bell-item' }, link);
  let stop: (() => void) | null = null;

  const render = (unread: number) => {
    link.classList.toggle('unread', unread > 0);
    link.replaceChildren(
      tr('nav.notifications'),
      ...(unread > 0
        ? [
            ' ',
            h('span', { class: 'badge bell-count' }, String(unread)),
            h('span', { class: 'visually-hidden' }, ' ', tr('nav.notificationsUnread')),
          ]
        : []),
    );
  };

  const start = () => {
    const controller = new AbortController();
    let connection: ChatConnection | null = null;
    const count = () => {
      loadUnread(controller.signal)
        .then((counts) => render(counts.total))
        .catch(() => undefined);
    };
    count();
    window.addEventListener(NOTIFICATIONS_CHANGED, count);
    void import('../chat/connection.js').then(({ ChatConnection }) => {
      if (controller.signal.aborted) {
        return;
      }
      connection = new ChatConnection();
      connection.socket.on('notification:new', count);
      // Missed while the connection was away: the count comes from the server again.
      connection.onState((state) => state === 'connected' && count());
    });
    return () => {
      controller.abort();
      window.removeEventListener(NOTIFICATIONS_CHANGED, count);
      connection?.close();
    };
  };

  render(0);
  const follow = (loggedIn: boolean) => {
    stop?.();
    stop = loggedIn ? start() : null;
  };
  follow(isLoggedIn());
  onSessionChange(follow);
  return item;
}
