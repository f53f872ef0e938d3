import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

export class DataDirLockedError extends Error {}

/**
 * The lock files this process holds. A lock file that names our own pid but is not in here was
 * left by an earlier process that had the same pid: in a container the server is often pid 1
 * on every start, so after a crash "our" pid in the file says nothing about who holds it.
 */
const held = new Set<string>();

/**
 * PGlite does not lock its folder, and two processes writing one folder corrupt it. The lock file
 * holds the owner's pid: a lock whose process is gone (a crash, kill -9) is taken over.
 */
export class DataDirLock {
  private constructor(private readonly file: string) {}

  static acquire(dataDir: string): DataDirLock {
    mkdirSync(dataDir, { recursive: true });
    const file = join(resolve(dataDir), 'kring.lock');
    if (held.has(file)) {
      throw inUse(dataDir, process.pid);
    }
    for (let attempt = 0; attempt < 2; attempt++) {
      if (createLockFile(file)) {
        held.add(file);
        return new DataDirLock(file);
      }
      const owner = lockOwner(file);
      if (owner !== undefined && owner !== process.pid && processIsAlive(owner)) {
        throw inUse(dataDir, owner);
      }
      rmSync(file, { force: true });
    }
    throw new DataDirLockedError(`Could not lock the data folder ${dataDir}.`);
  }

  /** Removes the lock file, if it is still this process's (someone may have deleted it by hand). */
  release(): void {
    if (!held.delete(this.file)) {
      return;
    }
    if (lockOwner(this.file) === process.pid) {
      rmSync(this.file, { force: true });
    }
  }
}

function inUse(dataDir: string, owner: number): DataDirLockedError {
  return new DataDirLockedError(
    `The data folder ${dataDir} is in use by another Kring process (pid ${owner}). ` +
      'Stop that process first, or set DATA_DIR to another folder.',
  );
}

/**
 * Creates the lock file with our pid in it, or answers false when it exists. The pid is written
 * to a private file first and then linked into place, so nobody ever reads an empty lock file
 * (and takes it for a stale one) while its owner is between creating and writing it.
 */
function createLockFile(file: string): boolean {
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, String(process.pid), { mode: 0o600, flag: 'wx' });
  try {
    linkSync(draft, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      return false;
    }
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') {
      throw error;
    }
    // A file system without hard links: create and write, with the small window that leaves.
    return createLockFileDirectly(file);
  } finally {
    rmSync(draft, { force: true });
  }
}

function createLockFileDirectly(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return false;
    }
    throw error;
  }
  try {
    writeSync(fd, String(process.pid));
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The pid in the lock file, or undefined when the file is gone, empty or not a pid. */
function lockOwner(file: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
  const pid = Number(text);
  return /^\d+$/.test(text) && Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
