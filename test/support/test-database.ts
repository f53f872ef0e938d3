import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadAppConfig } from '../../src/config/app-config.js';
import { openDatabase } from '../../src/database/data-source.js';

/** A database of one test file's own: a fresh PostgreSQL database, or a fresh embedded data folder. */
export interface TestDatabase {
  /** The environment variables that point the app at it. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** Names the migrations' content, so a template is rebuilt whenever a migration is added or changed. */
function migrationsDigest(): string {
  const migrationsDir = join(process.cwd(), 'migrations');
  const digest = createHash('sha256');
  for (const file of readdirSync(migrationsDir).sort()) {
    digest.update(file).update(readFileSync(join(migrationsDir, file)));
  }
  return digest.digest('hex').slice(0, 16);
}

/** Migrates an empty database (a data folder, or a database on the server) and closes it again. */
async function migrate(target: { DATA_DIR: string } | { DATABASE_URL: string }): Promise<void> {
  const config = loadAppConfig({ NODE_ENV: 'test', JWT_SECRET: 'template'.repeat(4), ...target });
  const database = await openDatabase(config.database);
  await database.close();
}

/**
 * Creating an embedded PostgreSQL takes seconds (initdb). The first test file makes a migrated
 * template folder, keyed by the migrations' content, and every file copies it.
 */
export async function embeddedTemplate(): Promise<string> {
  const template = join(tmpdir(), `kring-test-template-${migrationsDigest()}`);
  if (existsSync(template)) {
    return template;
  }
  const building = mkdtempSync(`${template}-building-`);
  await migrate({ DATA_DIR: building });
  rmSync(join(building, 'jwt-secret'), { force: true });
  try {
    renameSync(building, template);
  } catch {
    rmSync(building, { recursive: true, force: true });
  }
  return template;
}

async function onServer<T>(serverUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The server's counterpart of the embedded template: a migrated database, keyed by the migrations'
 * content, that every test file's database is copied from (CREATE DATABASE … TEMPLATE takes a
 * fraction of a second; migrating an empty one takes seconds, many more where commits wait on a
 * slow disk). Templates of earlier migrations are dropped when nobody uses them.
 */
async function serverTemplate(serverUrl: string): Promise<string> {
  const template = `kring_test_template_${migrationsDigest()}`;
  const exists = await onServer(serverUrl, async (admin) => {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    return (found.rowCount ?? 0) > 0;
  });
  if (exists) {
    return template;
  }
  const building = `${template}_building_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, (admin) => admin.query(`CREATE DATABASE ${building}`));
  await migrate({ DATABASE_URL: databaseUrl(serverUrl, building) });
  await onServer(serverUrl, async (admin) => {
    try {
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
    } catch {
      // Another test process finished the same template first.
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
    }
    const stale = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'kring\\_test\\_template\\_%' AND datname <> $1 AND datname NOT LIKE '%\\_building\\_%'`,
      [template],
    );
    for (const { datname } of stale.rows) {
      await admin.query(`DROP DATABASE IF EXISTS ${datname}`).catch(() => undefined);
    }
  });
  return template;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const template = await serverTemplate(serverUrl);
    const name = `kring_test_${randomBytes(6).toString('hex')}`;
    await onServer(serverUrl, async (admin) => {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      // A test database is thrown away: its commits need not wait for the disk (the fault suite,
      // which crashes PostgreSQL, runs its own server with the defaults).
      await admin.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
    });
    return {
      env: { DATABASE_URL: databaseUrl(serverUrl, name) },
      drop: () =>
        onServer(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
          () => undefined,
        ),
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'kring-test-'));
  cpSync(await embeddedTemplate(), dataDir, { recursive: true });
  return {
    env: { DATA_DIR: dataDir },
    drop() {
      rmSync(dataDir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}
