import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pgDump } from '@electric-sql/pglite-tools/pg_dump';
import { loadAppConfig } from '../config/app-config.js';
import { checkDataDirBeforeStart, DataDirError, MARKER_FILE, markInitialised, PGDATA } from './data-dir-guard.js';
import { DataDirLock, DataDirLockedError } from './data-dir-lock.js';

/**
 * `npm run kring -- backup FILE`: the embedded database of DATA_DIR to FILE; the line to print.
 * With DATABASE_URL set the server's own pg_dump is the tool (consistent while Kring runs).
 */
export async function backupCommand(file: string | undefined, env: NodeJS.ProcessEnv): Promise<string> {
  if (!file) {
    throw new BackupError('Usage: npm run kring -- backup FILE');
  }
  const database = databaseConfig(env);
  if (database.url) {
    throw new BackupError(
      `DATABASE_URL is set: back up PostgreSQL with its own tool, e.g. pg_dump --no-owner -f ${file} "$DATABASE_URL".`,
    );
  }
  const result = await backupEmbedded(database.dataDir, file);
  return `Backed up ${database.dataDir} to ${result.file} (${kilobytes(result.bytes)} kB in ${seconds(result.ms)} s).`;
}

/** `npm run kring -- restore FILE`: FILE into an empty DATA_DIR; the lines to print. */
export async function restoreCommand(file: string | undefined, env: NodeJS.ProcessEnv): Promise<string> {
  if (!file) {
    throw new BackupError('Usage: npm run kring -- restore FILE');
  }
  const database = databaseConfig(env);
  if (database.url) {
    throw new BackupError(
      `DATABASE_URL is set: load the dump into an empty PostgreSQL database with psql -v ON_ERROR_STOP=1 --single-transaction -f ${file} "$DATABASE_URL".`,
    );
  }
  const result = await restoreEmbedded(database.dataDir, file, Boolean(env.JWT_SECRET));
  const secret = result.newSecret
    ? `\nA new ${join(database.dataDir, 'jwt-secret')} was made: members sign in again with their passwords ` +
      "(to keep their sign-ins, copy the old folder's jwt-secret there before the restore)."
    : '';
  return (
    `Restored ${file} into ${database.dataDir}: ${result.tables} tables, ${result.rows} rows, ` +
    `last migration ${result.lastMigration} (${seconds(result.ms)} s). Start Kring on it with DATA_DIR=${database.dataDir}.${secret}`
  );
}

/**
 * DATA_DIR and DATABASE_URL as the server reads them. Backup and restore sign nothing: the
 * stand-in secret keeps the config from writing a jwt-secret into the folder being checked.
 */
function databaseConfig(env: NodeJS.ProcessEnv) {
  return loadAppConfig({ ...env, JWT_SECRET: env.JWT_SECRET || 'backup-and-restore-sign-nothing'.padEnd(32, '.') })
    .database;
}

const kilobytes = (bytes: number) => Math.round(bytes / 1024);
const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** A backup or restore that cannot go ahead; its message is one line that says why and what to do. */
export class BackupError extends Error {}

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
}

export interface RestoreResult {
  tables: number;
  rows: number;
  lastMigration: string;
  /** Whether a new `jwt-secret` was written (members sign in again). */
  newSecret: boolean;
  ms: number;
}

const DUMP_START = '-- PostgreSQL database dump\n';
const DUMP_END = '-- PostgreSQL database dump complete';
/** Only Kring's own database is restored: its migrations table is in every dump of it. */
const KRING_TABLE = /^CREATE TABLE public\.schema_migration \(/m;
/**
 * The dump comes from PGlite's pg_dump 18; PostgreSQL 15 and 16 do not know this setting and
 * would stop a `psql -v ON_ERROR_STOP=1` load on it. Its default (0, off) is what the load wants.
 */
const NEWER_THAN_15 = /^SET transaction_timeout = 0;\n/m;

/**
 * Writes a plain-SQL dump of the embedded database in `dataDir` to `file`: what `psql` of
 * PostgreSQL 15+ loads into an empty database, and `restoreEmbedded` into an empty data folder.
 * Owners and grants are left out, so the objects belong to whoever loads it. The file appears
 * whole or not at all (written beside it, then renamed), readable by its owner only: it holds
 * password hashes and every member's words.
 *
 * Refuses (BackupError) a folder without a database, a damaged one, and one a running Kring
 * holds: PGlite has a single session, so a dump through the running server would run its
 * snapshot transaction in the same session as the app's own queries, and a second process on
 * the folder would corrupt it.
 */
export async function backupEmbedded(dataDir: string, file: string): Promise<BackupResult> {
  const started = Date.now();
  if (!existsSync(join(dataDir, PGDATA, 'PG_VERSION'))) {
    throw new BackupError(`There is no embedded database in ${dataDir} to back up (set DATA_DIR to the data folder).`);
  }
  const target = resolve(file);
  if (!existsSync(dirname(target))) {
    throw new BackupError(`Cannot write ${file}: the folder ${dirname(target)} does not exist.`);
  }
  const lock = lockOrExplain(dataDir, 'back up');
  let db: PGlite | undefined;
  const draft = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.partial`);
  try {
    checkDataDirBeforeStart(dataDir);
    db = await PGlite.create(join(dataDir, PGDATA));
    const dump = await pgDump({ pg: db, args: ['--no-owner', '--no-privileges', '--rows-per-insert=100'] });
    const sql = (await dump.text()).replace(NEWER_THAN_15, '');
    if (!sql.includes(DUMP_END)) {
      throw new BackupError(`pg_dump of ${dataDir} ended early; no backup was written.`);
    }
    const header =
      `-- Kring: a backup of the embedded database in ${dataDir}, made ${new Date().toISOString()}.\n` +
      '-- Load it into an empty PostgreSQL 15+ database with\n' +
      '--   psql -v ON_ERROR_STOP=1 --single-transaction -f <this file> "postgres://…/kring"\n' +
      '-- or into an empty data folder with: DATA_DIR=<folder> npm run kring -- restore <this file>\n';
    writeFileSync(draft, header + sql, { mode: 0o600, flag: 'wx' });
    renameSync(draft, target);
    return { file: target, bytes: Buffer.byteLength(header + sql), ms: Date.now() - started };
  } catch (error) {
    rmSync(draft, { force: true });
    if (error instanceof BackupError) {
      throw error;
    }
    if (error instanceof DataDirError) {
      throw new BackupError(`Cannot back up ${dataDir}: ${error.message}`, { cause: error });
    }
    throw new BackupError(`The backup of ${dataDir} failed (${oneLine(error)}); no backup was written.`, {
      cause: error,
    });
  } finally {
    await db?.close().catch(() => undefined);
    lock.release();
  }
}

/**
 * Loads a dump made by `backupEmbedded` into `dataDir`, which must hold no database: it is never
 * overwritten. The database is built in a folder beside `pgdata` and renamed into place only when
 * the whole dump loaded, so a failed restore leaves the folder as it was. Without JWT_SECRET and
 * without a `jwt-secret` in the folder, a new one is written (the old sign-ins end; passwords stay).
 */
export async function restoreEmbedded(dataDir: string, file: string, jwtSecretSet: boolean): Promise<RestoreResult> {
  const started = Date.now();
  refuseHeldFolder(dataDir);
  const sql = readDump(file);
  const lock = lockOrExplain(dataDir, 'restore into');
  const building = join(dataDir, `${PGDATA}.restoring-${randomBytes(4).toString('hex')}`);
  let db: PGlite | undefined;
  try {
    refuseHeldFolder(dataDir);
    db = await PGlite.create(building);
    try {
      await db.exec(sql);
    } catch (error) {
      throw new BackupError(`${file} did not load (${oneLine(error)}); nothing was restored.`, { cause: error });
    }
    const summary = await summarise(db);
    await db.close();
    db = undefined;
    let newSecret = false;
    const secretFile = join(dataDir, 'jwt-secret');
    if (!jwtSecretSet && !existsSync(secretFile)) {
      writeFileSync(secretFile, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
      newSecret = true;
    }
    renameSync(building, join(dataDir, PGDATA));
    markInitialised(dataDir);
    return { ...summary, newSecret, ms: Date.now() - started };
  } catch (error) {
    await db?.close().catch(() => undefined);
    rmSync(building, { recursive: true, force: true });
    if (error instanceof BackupError) {
      throw error;
    }
    throw new BackupError(`The restore into ${dataDir} failed (${oneLine(error)}); nothing was restored.`, {
      cause: error,
    });
  } finally {
    lock.release();
  }
}

function refuseHeldFolder(dataDir: string): void {
  const pgdata = join(dataDir, PGDATA);
  const holds = existsSync(join(dataDir, MARKER_FILE)) || (existsSync(pgdata) && readdirSync(pgdata).length > 0);
  if (holds) {
    throw new BackupError(
      `${dataDir} already holds a database; restore only into an empty data folder (set DATA_DIR to a new folder). Nothing was changed.`,
    );
  }
}

/** The dump's text, when it is a whole plain-SQL pg_dump of a Kring database that PGlite can run. */
function readDump(file: string): string {
  let sql: string;
  try {
    sql = readFileSync(file, 'utf8');
  } catch (error) {
    throw new BackupError(`Cannot read ${file} (${oneLine(error)}).`, { cause: error });
  }
  if (!sql.slice(0, 4096).includes(DUMP_START)) {
    throw new BackupError(`${file} is not a plain-SQL dump made by "npm run kring -- backup"; nothing was restored.`);
  }
  if (!sql.slice(-1024).includes(DUMP_END)) {
    throw new BackupError(`${file} is cut short (its end is missing); nothing was restored.`);
  }
  if (!KRING_TABLE.test(sql)) {
    throw new BackupError(
      `${file} is not a dump of a Kring database (no schema_migration table); nothing was restored.`,
    );
  }
  if (/^COPY .* FROM stdin;$/m.test(sql) || /^\\(?!\.)/m.test(sql)) {
    throw new BackupError(
      `${file} uses COPY or psql commands, which only psql can load; make it with pg_dump --inserts --no-owner. Nothing was restored.`,
    );
  }
  return sql;
}

async function summarise(db: PGlite): Promise<Omit<RestoreResult, 'newSecret' | 'ms'>> {
  const tables = await db.query<{ name: string }>(
    `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname = 'public'`,
  );
  let rows = 0;
  for (const { name } of tables.rows) {
    rows += (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${name}`)).rows[0].n;
  }
  const last = await db.query<{ name: string }>(
    'SELECT name FROM public.schema_migration ORDER BY "timestamp" DESC LIMIT 1',
  );
  return { tables: tables.rows.length, rows, lastMigration: last.rows[0]?.name ?? 'none' };
}

function lockOrExplain(dataDir: string, what: string): DataDirLock {
  try {
    return DataDirLock.acquire(dataDir);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      throw new BackupError(
        `Stop the server first: a running Kring holds ${dataDir}, and only a stopped one can ${what}.`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
}
