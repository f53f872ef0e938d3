import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import {
  checkDataDirBeforeStart,
  checkRowsAgainst,
  DataDirError,
  describeStartFailure,
  forgetCleanStop,
  markInitialised,
  PGDATA,
  recordCleanStop,
  startFailureMessage,
  sweepStaleSocketDirs,
} from './data-dir-guard.js';
import { DataDirLock } from './data-dir-lock.js';

/**
 * PostgreSQL (PGlite) inside this process, persisted in a folder, reached through a Unix socket
 * by the ordinary `pg` driver with ONE connection. One real session is what keeps transactions
 * isolated: typeorm-pglite shares a single session between all query runners, so a rollback in
 * one could be committed by a neighbour.
 *
 * A folder that has held a database is never silently re-created: a missing, emptied, damaged or
 * cut-short database stops the start with what is wrong and how to restore (see data-dir-guard.ts).
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly lock: DataDirLock,
    private readonly socketDir: string,
    private readonly dataDir: string,
  ) {}

  /** The socket folder and port, as `pg` wants them for a Unix socket (`<host>/.s.PGSQL.<port>`). */
  static readonly port = 5432;

  get socketHost(): string {
    return this.socketDir;
  }

  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    sweepStaleSocketDirs();
    let lock: DataDirLock;
    try {
      lock = DataDirLock.acquire(dataDir);
    } catch (error) {
      throw describeStartFailure(error, dataDir) ?? error;
    }
    let db: PGlite | undefined;
    let socketDir: string | undefined;
    try {
      const { fresh, cleanStop } = checkDataDirBeforeStart(dataDir);
      db = await PGlite.create(join(dataDir, PGDATA));
      if (fresh) {
        markInitialised(dataDir);
      } else if (cleanStop) {
        checkRowsAgainst(dataDir, cleanStop, await countRows(db));
      }
      forgetCleanStop(dataDir);
      // A private folder (mode 0700) so no other user of the machine can reach the socket; the pid
      // in its name lets the next start remove it when this process is killed.
      socketDir = mkdtempSync(join(tmpdir(), `kring-pg-${process.pid}-`));
      const server = new PGLiteSocketServer({ db, path: join(socketDir, `.s.PGSQL.${EmbeddedPostgres.port}`) });
      await server.start();
      return new EmbeddedPostgres(db, server, lock, socketDir, dataDir);
    } catch (error) {
      await db?.close().catch(() => undefined);
      if (socketDir) {
        rmSync(socketDir, { recursive: true, force: true });
      }
      lock.release();
      if (error instanceof DataDirError) {
        throw error;
      }
      throw (
        describeStartFailure(error, dataDir) ??
        new DataDirError(`The embedded database in ${dataDir} did not start: ${startFailureMessage(error)}`, {
          cause: error,
        })
      );
    }
  }

  async stop(): Promise<void> {
    try {
      await this.server.stop();
      const rows = await countRows(this.db).catch(() => undefined);
      await this.db.close();
      if (rows) {
        recordCleanStop(this.dataDir, rows);
      }
    } finally {
      rmSync(this.socketDir, { recursive: true, force: true });
      this.lock.release();
    }
  }
}

/** The rows of every table of the app (exact counts: the embedded database is small). */
async function countRows(db: PGlite): Promise<Record<string, number>> {
  const tables = await db.query<{ name: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND n.nspname NOT LIKE 'pg_toast%'`,
  );
  const rows: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const result = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${name}`);
    rows[name] = result.rows[0].n;
  }
  return rows;
}
