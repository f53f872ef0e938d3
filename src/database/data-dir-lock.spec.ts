import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { DataDirLock, DataDirLockedError } from './data-dir-lock.js';

/** The error `DataDirLock.acquire` fails with, or a failure of the test when it succeeds. */
function refusal(dataDir: string): DataDirLockedError {
  let lock: DataDirLock | undefined;
  try {
    lock = DataDirLock.acquire(dataDir);
  } catch (error) {
    expect(error).toBeInstanceOf(DataDirLockedError);
    return error as DataDirLockedError;
  }
  lock.release();
  throw new Error(`the lock on ${dataDir} was granted`);
}

/** The pid of a Node process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  expect(child.status).toBe(0);
  return child.pid;
}

describe('DataDirLock', () => {
  let root: string;
  let dataDir: string;
  const lockFile = () => join(dataDir, 'kring.lock');
  const locks: DataDirLock[] = [];
  let sleeper: ChildProcess | undefined;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'kring-lock-'));
    dataDir = root;
  });

  afterEach(() => {
    locks.splice(0).forEach((lock) => lock.release());
    sleeper?.kill();
    sleeper = undefined;
    rmSync(root, { recursive: true, force: true });
  });

  const acquire = () => {
    const lock = DataDirLock.acquire(dataDir);
    locks.push(lock);
    return lock;
  };

  it('writes the pid of its holder to a private lock file, and nothing else to the folder', () => {
    acquire();
    expect(readFileSync(lockFile(), 'utf8')).toBe(String(process.pid));
    expect(statSync(lockFile()).mode & 0o777).toBe(0o600);
    expect(readdirSync(dataDir)).toEqual(['kring.lock']);
  });

  it('creates the data folder when it does not exist yet', () => {
    dataDir = join(dataDir, 'new', 'data');
    acquire();
    expect(existsSync(lockFile())).toBe(true);
  });

  it('refuses a second holder in the same process, saying the folder is in use and by which pid', () => {
    acquire();
    const error = refusal(dataDir);
    expect(error.message).toContain(
      `The data folder ${dataDir} is in use by another Kring process (pid ${process.pid})`,
    );
    expect(error.message).toMatch(/set DATA_DIR to another folder/);
  });

  it('refuses while another live process holds the folder', () => {
    sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    writeFileSync(lockFile(), String(sleeper.pid));
    expect(refusal(dataDir).message).toContain(`is in use by another Kring process (pid ${sleeper.pid})`);
    expect(readFileSync(lockFile(), 'utf8')).toBe(String(sleeper.pid));
  });

  it('is free again once released, and the lock file is gone', () => {
    acquire().release();
    expect(existsSync(lockFile())).toBe(false);
    acquire();
    expect(readFileSync(lockFile(), 'utf8')).toBe(String(process.pid));
  });

  it('takes over a lock left by a process that died (a crash, kill -9)', () => {
    writeFileSync(lockFile(), String(deadPid()));
    acquire();
    expect(readFileSync(lockFile(), 'utf8')).toBe(String(process.pid));
  });

  it('takes over a lock that names this very pid but was left by an earlier process (pid 1 in a container)', () => {
    writeFileSync(lockFile(), String(process.pid));
    acquire();
    expect(refusal(dataDir).message).toMatch(/is in use/);
  });

  it.each([
    ['empty', ''],
    ['garbage', 'not a pid'],
    ['a negative number', '-12'],
  ])('takes over a lock file that is %s', (_case, content) => {
    writeFileSync(lockFile(), content);
    acquire();
    expect(readFileSync(lockFile(), 'utf8')).toBe(String(process.pid));
  });

  it('does not remove, on release, a lock that another process took after this one was deleted by hand', () => {
    const lock = acquire();
    sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    writeFileSync(lockFile(), String(sleeper.pid));
    lock.release();
    expect(readFileSync(lockFile(), 'utf8')).toBe(String(sleeper.pid));
  });
});
