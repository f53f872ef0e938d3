import pg from 'pg';

type AnyQuery = (...args: unknown[]) => unknown;

function isReadTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === 'Query read timeout';
}

/**
 * A `pg` client that closes its connection when a statement got no answer within `query_timeout`.
 * `pg` itself only stops waiting: the connection stays checked in with the unanswered statement
 * still on it, so the next statements on it (a transaction's ROLLBACK, the next request) queue
 * behind it and wait the whole timeout again. Closed, it leaves the pool, every statement still
 * queued on it fails at once, and the pool opens a fresh connection when the server answers again.
 */
export class DroppingClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const query = (this.query as AnyQuery).bind(this);
    const dropOnTimeout = (error: unknown) => {
      if (isReadTimeout(error)) {
        this.connection.stream.destroy();
      }
    };
    const guarded: AnyQuery = (...args) => {
      const callback = args.at(-1);
      if (typeof callback === 'function') {
        args[args.length - 1] = (error: unknown, ...rest: unknown[]) => {
          dropOnTimeout(error);
          return (callback as AnyQuery)(error, ...rest);
        };
        return query(...args);
      }
      const result = query(...args);
      if (result instanceof Promise) {
        return result.catch((error: unknown) => {
          dropOnTimeout(error);
          throw error;
        });
      }
      return result;
    };
    Object.defineProperty(this, 'query', { value: guarded, writable: true, configurable: true });
  }
}
