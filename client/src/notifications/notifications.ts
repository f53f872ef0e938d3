import type { NotificationView, UnreadCounts } from '../../../src/contracts/notifications.js';
import { h, tr } from '../core/dom.js';
import { api } from '../core/http.js';
import type { MessageKey } from '../i18n/i18n.js';

/** Said by the page after marking read, so the menu's badge counts again. */
export const NOTIFICATIONS_CHANGED = 'kring:notifications-changed';

export function notificationsChanged(): void {
  window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
}

export function loadUnread(signal?: AbortSignal): Promise<UnreadCounts> {
  return api.get<UnreadCounts>('/api/notifications/unread', { signal });
}

/** The sentence that says what a notification is about (its group and alias are said beside it). */
export function sentenceKey(item: NotificationView): MessageKey {
  switch (item.kind) {
    case 'reply':
      return item.count > 1 ? 'notifications.replies' : 'notifications.reply';
    case 'mention':
      return item.what === 'chat-mention' ? 'notifications.chatMention' : 'notifications.mention';
    case 'buddy':
      return item.what === 'requested'
        ? 'notifications.buddyRequested'
        : item.what === 'accepted'
          ? 'notifications.buddyAccepted'
          : 'notifications.buddyDeclined';
    case 'notice':
      return 'notifications.notice';
    case 'appeal':
      return 'notifications.appeal';
    case 'session':
      return 'notifications.session';
    case 'join':
      return item.what === 'approved' ? 'notifications.joinApproved' : 'notifications.joinDeclined';
  }
}

let counts: { at: number; promise: Promise<UnreadCounts> } | null = null;

/**
 * A line for a group's card in "my groups" and the directory: how many notifications of that group
 * are unread; empty (hidden) when none. The counts are asked once for all cards of a page.
 */
export function unreadLine(slug: string): HTMLElement {
  const line = h('p', { class: 'unread-line', hidden: true });
  if (!counts || counts.at < Date.now() - 2000) {
    counts = { at: Date.now(), promise: loadUnread() };
  }
  counts.promise
    .then(({ groups }) => {
      const unread = groups.find((group) => group.group === slug)?.unread ?? 0;
      if (unread > 0) {
        line.replaceChildren(
          h(
            'a',
            { href: '/notifications', class: 'badge unread' },
            unread === 1 ? tr('notifications.groupUnreadOne') : tr('notifications.groupUnread', { count: unread }),
          ),
        );
        line.hidden = false;
      }
    })
    .catch(() => undefined);
  return line;
}
