// @ts-check
// The embedded PostgreSQL (PGlite) and its socket server, in a worker thread of the Kring process:
// PGlite opens its folder while the main thread loads the app (a faster start), and its queries
// run on another core than the app's requests. Plain JavaScript because a worker thread runs a
// file as Node finds it, both from dist/ and under the tests' TypeScript transform.
// Driven by embedded-postgres.ts, which owns the lock, the folder checks and the socket folder.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** @type {{ pgdata: string, socketPath: string, countRowsAtStart: boolean }} */
const { pgdata, socketPath, countRowsAtStart } = workerData;
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

/** @type {PGlite | undefined} */
let db;
/** @type {PGLiteSocketServer | undefined} */
let server;

/**
 * The rows of every table of the app (exact counts: the embedded database is small).
 * @param {PGlite} database
 * @returns {Promise<Record<string, number>>}
 */
async function countRows(database) {
  const tables = await database.query(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND n.nspname NOT LIKE 'pg_toast%'`,
  );
  /** @type {Record<string, number>} */
  const rows = {};
  for (const { name } of /** @type {{ name: string }[]} */ (tables.rows)) {
    const result = await database.query(`SELECT count(*)::int AS n FROM ${name}`);
    rows[name] = /** @type {{ n: number }[]} */ (result.rows)[0].n;
  }
  return rows;
}

/**
 * What crosses to the main thread of a failure: PGlite fails with objects that are not Errors,
 * and a clone would lose an Error's `code` and its `cause` (where a file system error may sit).
 * @param {unknown} error
 * @param {number} [depth]
 * @returns {{ message: string, code?: unknown, errno?: unknown, cause?: unknown }}
 */
function describe(error, depth = 0) {
  if (!error || typeof error !== 'object') {
    return { message: String(error) };
  }
  const { code, errno, cause } = /** @type {{ code?: unknown, errno?: unknown, cause?: unknown }} */ (error);
  let message;
  if (error instanceof Error) {
    message = error.message;
  } else {
    try {
      message = JSON.stringify(error);
    } catch {
      message = Object.prototype.toString.call(error);
    }
  }
  return { message, code, errno, ...(cause !== undefined && depth < 4 ? { cause: describe(cause, depth + 1) } : {}) };
}

port.on('message', (/** @type {'stop' | 'close'} */ command) => {
  void (async () => {
    try {
      await server?.stop();
      // 'stop' is a clean stop, recorded with the rows it leaves; 'close' ends a start that failed.
      const rows = command === 'stop' && db ? await countRows(db).catch(() => undefined) : undefined;
      await db?.close();
      port.postMessage({ kind: 'stopped', rows });
    } catch (error) {
      port.postMessage({ kind: 'failed', error: describe(error) });
    }
  })();
});

try {
  db = await PGlite.create(pgdata);
  const rows = countRowsAtStart ? await countRows(db) : undefined;
  server = new PGLiteSocketServer({ db, path: socketPath });
  await server.start();
  port.postMessage({ kind: 'ready', rows });
} catch (error) {
  await db?.close().catch(() => undefined);
  db = undefined;
  port.postMessage({ kind: 'failed', error: describe(error) });
}
