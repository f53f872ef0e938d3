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

/**
 * Creating an embedded PostgreSQL takes seconds (initdb). The first test file makes a migrated
 * template folder, keyed by the migrations' content, and every file copies it.
 */
export async function embeddedTemplate(): Promise<string> {
  const migrationsDir = join(process.cwd(), 'migrations');
  const digest = createHash('sha256');
  for (const file of readdirSync(migrationsDir).sort()) {
    digest.update(file).update(readFileSync(join(migrationsDir, file)));
  }
  const template = join(tmpdir(), `kring-test-template-${digest.digest('hex').slice(0, 16)}`);
  if (existsSync(template)) {
    return template;
  }
  const building = mkdtempSync(`${template}-building-`);
  const config = loadAppConfig({ NODE_ENV: 'test', DATA_DIR: building, JWT_SECRET: 'template'.repeat(4) });
  const database = await openDatabase(config.database);
  await database.close();
  rmSync(join(building, 'jwt-secret'), { force: true });
  try {
    renameSync(building, template);
  } catch {
    rmSync(building, { recursive: true, force: true });
  }
  return template;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `kring_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: url.toString() },
      async drop() {
        const client = new pg.Client({ connectionString: serverUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
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
