import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {}

/**
 * PGlite does not lock its folder, and two processes writing one folder corrupt it. The lock file
 * holds the owner's pid: a lock whose process is gone (a crash, kill -9) is taken over.
 */
export class DataDirLock {
  private constructor(private readonly file: string) {}

  static acquire(dataDir: string): DataDirLock {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, 'kring.lock');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(file, 'wx', 0o600);
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return new DataDirLock(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw error;
        }
        const owner = Number(readFileSync(file, 'utf8').trim());
        if (Number.isInteger(owner) && owner > 0 && processIsAlive(owner)) {
          throw new DataDirLockedError(
            `The data folder ${dataDir} is in use by another Kring process (pid ${owner}). ` +
              'Stop that process first, or set DATA_DIR to another folder.',
          );
        }
        rmSync(file, { force: true });
      }
    }
    throw new DataDirLockedError(`Could not lock the data folder ${dataDir}.`);
  }

  release(): void {
    rmSync(this.file, { force: true });
  }
}

function processIsAlive(pid: number): boolean {
  if (pid === process.pid) {
    return true;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
