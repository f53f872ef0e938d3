import { randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadAppConfig } from '../src/config/app-config.js';
import { DataDirError, resetDataDir } from '../src/database/data-dir-guard.js';
import { openDatabase } from '../src/database/data-source.js';
import { EmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { startTestApp } from './support/test-app.js';
import { embeddedTemplate } from './support/test-database.js';

/**
 * The embedded database's folder (DATA_DIR) must never be silently re-created empty: whatever
 * happened to it, a folder that has held a database either opens with everything in it, or Kring
 * refuses to start and says what is wrong and how to restore. These run on the embedded database
 * in both test runs: PostgreSQL servers keep their own files.
 */
describe('the embedded data folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'kring-data-safety-'));
  /** A folder with a migrated database holding three accounts, stopped cleanly. */
  const original = join(root, 'original');
  const JWT_SECRET = randomBytes(32).toString('hex');
  const config = (dataDir: string) => loadAppConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, JWT_SECRET }).database;
  let copies = 0;
  let accountFile: string;

  beforeAll(async () => {
    // The migrated template the other test files copy, whichever database this run is on.
    cpSync(await embeddedTemplate(), original, { recursive: true });
    const database = await openDatabase(config(original));
    try {
      for (const name of ['first_heron', 'second_heron', 'third_heron']) {
        await database.dataSource.query(`INSERT INTO account (login_name, password_hash) VALUES ($1, 'x')`, [name]);
      }
      const [{ path }] = await database.dataSource.query<{ path: string }[]>(
        `SELECT pg_relation_filepath('account') AS path`,
      );
      accountFile = path;
    } finally {
      await database.close();
    }
  }, 120_000);

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('opens with everything in it after a start that was begun early and never taken over (the process failed first)', async () => {
    const dataDir = copy();
    EmbeddedPostgres.prestart(dataDir);
    await EmbeddedPostgres.abandonPrestarts();
    expect(existsSync(join(dataDir, 'kring.lock'))).toBe(false);
    const database = await openDatabase(config(dataDir));
    try {
      const [{ count }] = await database.dataSource.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM account WHERE login_name LIKE '%_heron'`,
      );
      expect(count).toBe(3);
    } finally {
      await database.close();
    }
  });

  /** A copy of the original folder to damage. */
  function copy(): string {
    copies += 1;
    const dataDir = join(root, `copy-${copies}`);
    cpSync(original, dataDir, { recursive: true });
    return dataDir;
  }

  /** The refusal `openDatabase` fails with; fails the test when it opens. */
  async function refusal(dataDir: string): Promise<DataDirError> {
    let opened: Awaited<ReturnType<typeof openDatabase>>;
    try {
      opened = await openDatabase(config(dataDir));
    } catch (error) {
      expect(error).toBeInstanceOf(DataDirError);
      // Nothing left behind by the failed start: no lock, no socket folder of this process.
      expect(existsSync(join(dataDir, 'kring.lock'))).toBe(false);
      expect(readdirSync(tmpdir()).filter((entry) => entry.startsWith(`kring-pg-${process.pid}-`))).toEqual([]);
      return error as DataDirError;
    }
    await opened.close();
    throw new Error(`the database in ${dataDir} opened`);
  }

  const accountCount = async (dataDir: string) => {
    const database = await openDatabase(config(dataDir));
    try {
      return (await database.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM account'))[0].n;
    } finally {
      await database.close();
    }
  };

  it('opens again with everything in it after a clean stop', async () => {
    expect(await accountCount(copy())).toBe(3);
  });

  it('refuses to start when the database folder is gone, saying so and how to restore', async () => {
    const dataDir = copy();
    rmSync(join(dataDir, 'pgdata'), { recursive: true });
    const error = await refusal(dataDir);
    expect(error.message).toMatch(/has held Kring's database since .*pgdata is gone/);
    expect(error.message).toMatch(/restore the whole data folder from your backup/);
    expect(error.message).toContain('npm run kring -- data:init --force');
    expect(existsSync(join(dataDir, 'pgdata'))).toBe(false);
  });

  it('refuses to start when PG_VERSION is missing, instead of creating a new database over the old one', async () => {
    const dataDir = copy();
    rmSync(join(dataDir, 'pgdata', 'PG_VERSION'));
    expect((await refusal(dataDir)).message).toMatch(/PG_VERSION is missing: the folder is emptied or damaged/);
  });

  it('refuses to start an app whose database folder was emptied while its jwt-secret remains', async () => {
    const dataDir = copy();
    writeFileSync(join(dataDir, 'jwt-secret'), randomBytes(48).toString('base64url'));
    for (const entry of readdirSync(join(dataDir, 'pgdata'))) {
      rmSync(join(dataDir, 'pgdata', entry), { recursive: true });
    }
    const attempt = startTestApp({ database: { env: { DATA_DIR: dataDir }, drop: () => Promise.resolve() } });
    await expect(attempt).rejects.toThrow(/PG_VERSION is missing: the folder is emptied or damaged/);
    expect(readdirSync(join(dataDir, 'pgdata'))).toEqual([]);
  });

  it('says the folder is damaged when pg_control is missing', async () => {
    const dataDir = copy();
    rmSync(join(dataDir, 'pgdata', 'global', 'pg_control'));
    expect((await refusal(dataDir)).message).toMatch(/pg_control is missing: the folder is damaged/);
  });

  it('refuses a table file cut short while Kring was stopped, rather than running with rows missing', async () => {
    const dataDir = copy();
    truncateSync(join(dataDir, 'pgdata', accountFile), 0);
    expect((await refusal(dataDir)).message).toMatch(/table file\(s\) are missing or shorter .*rows would be missing/);
  });

  it('refuses a table file overwritten with zeros (which PostgreSQL reads as empty pages)', async () => {
    const dataDir = copy();
    const file = join(dataDir, 'pgdata', accountFile);
    writeFileSync(file, Buffer.alloc(readFileSync(file).length));
    expect((await refusal(dataDir)).message).toMatch(/fewer rows than when Kring last stopped \(.*account: 0 of 3/);
  });

  it('starts over empty only after data:init --force, keeping the old files aside', async () => {
    const dataDir = copy();
    rmSync(join(dataDir, 'pgdata', 'PG_VERSION'));
    await refusal(dataDir);
    const movedTo = resetDataDir(dataDir);
    expect(movedTo && existsSync(join(movedTo, 'base'))).toBe(true);
    expect(await accountCount(dataDir)).toBe(0);
  }, 60_000);

  it('cleans up the lock and socket folder a killed process left behind', async () => {
    const dataDir = copy();
    const dead = 2 ** 22 + 12345; // above the kernel's pid_max default: no process has it
    writeFileSync(join(dataDir, 'kring.lock'), String(dead));
    const socketDir = join(tmpdir(), `kring-pg-${dead}-abc123`);
    mkdirSync(socketDir, { recursive: true });
    expect(await accountCount(dataDir)).toBe(3);
    expect(existsSync(socketDir)).toBe(false);
    expect(existsSync(join(dataDir, 'kring.lock'))).toBe(false);
  });

  it('a failed start leaves no lock file behind', async () => {
    const dataDir = copy();
    rmSync(join(dataDir, 'pgdata', 'global', 'pg_control'));
    await refusal(dataDir);
    expect(existsSync(join(dataDir, 'kring.lock'))).toBe(false);
  });
});
