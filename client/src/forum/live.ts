import type { ForumActivityEvent, ForumPostEvent, ForumRoom } from '../../../src/contracts/forums.js';

/**
 * Follows a forum's list or one thread live while the page lives: the connection (and Socket.IO's
 * client, in its own chunk) opens with the page and closes when the member leaves it. After a
 * reconnection it joins again. The server sends ids only; the page fetches what changed.
 */
export function followForum(
  room: ForumRoom,
  signal: AbortSignal,
  handlers: {
    post?: (event: ForumPostEvent) => void;
    activity?: (event: ForumActivityEvent) => void;
    /** The membership ended while the page was open. */
    closed?: () => void;
  },
): void {
  void import('../chat/connection.js').then(({ ChatConnection }) => {
    if (signal.aborted) {
      return;
    }
    const connection = new ChatConnection();
    const join = () => void connection.call('forum:join', room).catch(() => undefined);
    connection.onState((state) => {
      if (state === 'connected') {
        join();
      }
    });
    connection.socket.on('forum:post', (event) => {
      if (event.group === room.group && event.threadId === room.threadId) {
        handlers.post?.(event);
      }
    });
    connection.socket.on('forum:activity', (event) => {
      if (event.group === room.group && room.threadId === undefined) {
        handlers.activity?.(event);
      }
    });
    connection.socket.on('forum:closed', (event) => {
      if (event.group === room.group) {
        handlers.closed?.();
      }
    });
    signal.addEventListener('abort', () => connection.close(), { once: true });
  });
}
