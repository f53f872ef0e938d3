import type { CrisisPanel } from './crisis-panel.js';

/**
 * Keeps a crisis panel on a page without a chat room (the forum) up to date: what the member is
 * told changes live (`crisis:status`) when a volunteer claims the case or comes on duty. The live
 * connection (and Socket.IO's client, in its own chunk) is opened only once there is a case to
 * follow, and closed when the member leaves the page.
 */
export function followCrisisStatus(panel: CrisisPanel, group: string, signal: AbortSignal): () => void {
  let started = false;
  return () => {
    if (started || !panel.followedCase || signal.aborted) {
      return;
    }
    started = true;
    void import('../chat/connection.js').then(({ ChatConnection }) => {
      if (signal.aborted) {
        return;
      }
      const connection = new ChatConnection();
      connection.socket.on('crisis:status', (status) => {
        if (status.group === group) {
          panel.update(status);
        }
      });
      signal.addEventListener('abort', () => connection.close(), { once: true });
    });
  };
}
