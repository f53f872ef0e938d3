import type { AddressInfo } from 'node:net';

/**
 * The server's own browser origins when none are configured: `http://localhost:<port>` and
 * `http://127.0.0.1:<port>`, on the port it actually listens on (tests listen on a random one).
 * The one it is bound to comes first (127.0.0.1 when bound there, else localhost). Never taken
 * from a request: its Host header is whatever the sender wrote.
 */
export function ownOrigins(server: { address(): AddressInfo | string | null }): string[] {
  const address = server.address();
  if (!address || typeof address !== 'object') {
    return [];
  }
  const origins = [`http://localhost:${address.port}`, `http://127.0.0.1:${address.port}`];
  return address.address === '127.0.0.1' ? origins.reverse() : origins;
}
