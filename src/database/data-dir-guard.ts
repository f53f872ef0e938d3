import {
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/**
 * The embedded database refuses to start on its data folder, and says why and what to do. Never
 * an empty database in place of one that was there: that would look healthy with everything gone.
 */
export class DataDirError extends Error {}

/** Written when the folder's database is first created; its presence means "this folder has held a database". */
export const MARKER_FILE = 'kring-database.json';
export const PGDATA = 'pgdata';
/** Below this much free space a start is refused: PostgreSQL could not even write its WAL. */
const MIN_FREE_BYTES = 16 * 1024 * 1024;

/** What a clean stop leaves, to check at the next start that nothing was lost in between. */
export interface CleanStop {
  at: string;
  /** Size of each relation file (main fork segments) under pgdata/base and pgdata/global. */
  files: Record<string, number>;
  /** Rows in each table. */
  rows: Record<string, number>;
}

interface Marker {
  initialisedAt: string;
  cleanStop?: CleanStop;
}

const RESTORE_HINT =
  'Stop here and restore the whole data folder from your backup copy (with Kring stopped). Only if ' +
  'there is no backup and you accept losing every account, post and message in it, run ' +
  '`npm run kring -- data:init --force` (it keeps the damaged files aside in a pgdata.damaged-… folder) and start again.';

function readMarker(dataDir: string): Marker | undefined {
  const file = join(dataDir, MARKER_FILE);
  if (!existsSync(file)) {
    return undefined;
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Marker;
  } catch {
    // A marker we cannot read still says a database was here.
    return { initialisedAt: 'an unknown date' };
  }
}

function writeMarker(dataDir: string, marker: Marker): void {
  const file = join(dataDir, MARKER_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(marker, null, 2), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

/**
 * Checks the folder before PGlite opens it. Answers whether a new database may be created here
 * (a folder that never held one); throws `DataDirError` when the folder held a database that is
 * now missing, emptied, damaged or cut short, or when the disk is full or read-only.
 */
export function checkDataDirBeforeStart(dataDir: string): { fresh: boolean; cleanStop?: CleanStop } {
  checkWritable(dataDir);
  const pgdata = join(dataDir, PGDATA);
  const marker = readMarker(dataDir);
  const hasPgdata = existsSync(pgdata);
  const hasVersion = existsSync(join(pgdata, 'PG_VERSION'));
  const held = marker
    ? `The data folder ${dataDir} has held Kring's database since ${marker.initialisedAt}`
    : `The data folder ${dataDir} holds a database folder (${pgdata})`;
  if (!hasPgdata) {
    if (marker) {
      throw new DataDirError(`${held}, but ${pgdata} is gone. ${RESTORE_HINT}`);
    }
    return { fresh: true };
  }
  if (!hasVersion) {
    if (!marker && readdirSync(pgdata).length === 0) {
      // An empty folder from a first start that stopped before creating anything.
      return { fresh: true };
    }
    throw new DataDirError(
      `${held}, but ${join(pgdata, 'PG_VERSION')} is missing: the folder is emptied or damaged. ${RESTORE_HINT}`,
    );
  }
  if (!existsSync(join(pgdata, 'global', 'pg_control'))) {
    throw new DataDirError(
      `${held}, but ${join(pgdata, 'global', 'pg_control')} is missing: the folder is damaged. ${RESTORE_HINT}`,
    );
  }
  const cleanStop = marker?.cleanStop;
  if (cleanStop) {
    const now = relationFiles(pgdata);
    const cut = Object.entries(cleanStop.files)
      .filter(([file, size]) => (now[file] ?? -1) < size)
      .map(([file]) => file);
    if (cut.length > 0) {
      throw new DataDirError(
        `${held}, but ${cut.length} table file(s) are missing or shorter than when Kring last stopped ` +
          `(${cut.slice(0, 5).join(', ')}${cut.length > 5 ? ', …' : ''}): rows would be missing. ${RESTORE_HINT}`,
      );
    }
  }
  if (!marker) {
    // A folder from before the marker existed: it holds a database, so from now on it is marked.
    writeMarker(dataDir, { initialisedAt: new Date().toISOString() });
  }
  return { fresh: false, cleanStop };
}

/** After a new database was created in the folder: mark it as having held one. */
export function markInitialised(dataDir: string): void {
  writeMarker(dataDir, { initialisedAt: new Date().toISOString() });
}

/** Compares the rows of each table with the last clean stop; throws `DataDirError` when some are gone. */
export function checkRowsAgainst(dataDir: string, cleanStop: CleanStop, rows: Record<string, number>): void {
  const lost = Object.entries(cleanStop.rows).filter(([table, count]) => (rows[table] ?? -1) < count);
  if (lost.length > 0) {
    const list = lost.map(([table, count]) => `${table}: ${rows[table] ?? 'missing'} of ${count}`).join(', ');
    throw new DataDirError(
      `The database in ${dataDir} has fewer rows than when Kring last stopped (${list}): its files were cut short ` +
        `or overwritten while Kring was stopped. ${RESTORE_HINT}`,
    );
  }
}

/** The running database is open: a crash from now on leaves no record of a clean stop to check against. */
export function forgetCleanStop(dataDir: string): void {
  const marker = readMarker(dataDir);
  if (marker?.cleanStop) {
    writeMarker(dataDir, { initialisedAt: marker.initialisedAt });
  }
}

/** After the database closed cleanly: what the next start checks against. */
export function recordCleanStop(dataDir: string, rows: Record<string, number>): void {
  const marker = readMarker(dataDir) ?? { initialisedAt: new Date().toISOString() };
  writeMarker(dataDir, {
    initialisedAt: marker.initialisedAt,
    cleanStop: { at: new Date().toISOString(), files: relationFiles(join(dataDir, PGDATA)), rows },
  });
}

/**
 * `data:init --force`: moves the folder's database aside (never deletes it) and forgets the
 * marker, so the next start creates an empty database. Returns where the old files went.
 */
export function resetDataDir(dataDir: string): string | undefined {
  const pgdata = join(dataDir, PGDATA);
  let movedTo: string | undefined;
  if (existsSync(pgdata)) {
    movedTo = join(dataDir, `${PGDATA}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    renameSync(pgdata, movedTo);
  }
  rmSync(join(dataDir, MARKER_FILE), { force: true });
  return movedTo;
}

/** Main-fork segment files of every relation (`base/<db>/<relfilenode>[.<n>]`, `global/<relfilenode>`). */
function relationFiles(pgdata: string): Record<string, number> {
  const files: Record<string, number> = {};
  const visit = (dir: string) => {
    if (!existsSync(dir)) {
      return;
    }
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        visit(path);
      } else if (entry.isFile() && /^\d+(\.\d+)?$/.test(entry.name)) {
        files[relative(pgdata, path)] = statSync(path).size;
      }
    }
  };
  visit(join(pgdata, 'base'));
  visit(join(pgdata, 'global'));
  return files;
}

function checkWritable(dataDir: string): void {
  const probe = join(dataDir, `.kring-write-check-${process.pid}`);
  try {
    writeFileSync(probe, 'ok');
    rmSync(probe, { force: true });
  } catch (error) {
    rmSync(probe, { force: true });
    throw describeStartFailure(error, dataDir) ?? error;
  }
  const { bavail, bsize } = statfsSync(dataDir);
  if (bavail * bsize < MIN_FREE_BYTES) {
    throw new DataDirError(
      `The disk is full at ${dataDir} (${Math.floor((bavail * bsize) / 1024)} KiB free): free some space, then start again.`,
    );
  }
}

/** Node's error codes, and Emscripten's errno numbers (PGlite's file system), for the failures people can fix. */
const ERRNO_NAMES: Record<number, string> = { 2: 'EACCES', 51: 'ENOSPC', 63: 'EPERM', 69: 'EROFS', 29: 'EIO' };

/**
 * A clear sentence for a failed start of the embedded database (a full disk, a read-only or
 * unreadable folder), or undefined when the error is none of those. PGlite fails with objects
 * that are not `Error`s, which printed as "[object Object]".
 */
export function describeStartFailure(error: unknown, dataDir: string): DataDirError | undefined {
  const code = errorCode(error);
  switch (code) {
    case 'ENOSPC':
      return new DataDirError(`The disk is full at ${dataDir}: free some space, then start again.`);
    case 'EROFS':
      return new DataDirError(
        `The data folder ${dataDir} is on a read-only file system: Kring must write there. Make it writable or set DATA_DIR.`,
      );
    case 'EACCES':
    case 'EPERM':
      return new DataDirError(
        `Kring may not write in the data folder ${dataDir} (permission denied): give the user running Kring ` +
          'write access to it, or set DATA_DIR.',
      );
    case 'EIO':
      return new DataDirError(`Reading or writing the data folder ${dataDir} failed (an I/O error): check the disk.`);
    case undefined:
    default:
      return undefined;
  }
}

function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const { code, errno, cause } = current as { code?: unknown; errno?: unknown; cause?: unknown };
    if (typeof code === 'string' && code.startsWith('E')) {
      return code;
    }
    if (typeof errno === 'number' && ERRNO_NAMES[errno]) {
      return ERRNO_NAMES[errno];
    }
    current = cause;
  }
  return undefined;
}

/** A message for anything a failed start threw, never "[object Object]". */
export function startFailureMessage(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  // An Error from another realm (a worker's, under the tests' vm) is not `instanceof Error` here.
  const { message } = (error ?? {}) as { message?: unknown };
  if (typeof message === 'string' && message !== '') {
    return message;
  }
  if (error && typeof error === 'object') {
    try {
      return JSON.stringify(error);
    } catch {
      return Object.prototype.toString.call(error);
    }
  }
  return String(error);
}

/** The private socket folders (`kring-pg-<pid>-…`) of processes that are gone (killed): removed. */
export function sweepStaleSocketDirs(): void {
  let entries: string[];
  try {
    entries = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const entry of entries) {
    const pid = /^kring-pg-(\d+)-/.exec(entry)?.[1];
    if (pid && Number(pid) !== process.pid && !processIsAlive(Number(pid))) {
      try {
        rmSync(join(tmpdir(), entry), { recursive: true, force: true });
      } catch {
        // Another user's folder: theirs to clean.
      }
    }
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
