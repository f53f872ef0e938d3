import { DataSource } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';
import { migrations } from '../../migrations/index.js';
import type { AppConfig } from '../config/app-config.js';
import { DroppingClient } from './dropping-client.js';
import { EmbeddedPostgres } from './embedded-postgres.js';
import { entities } from './entities.js';

export interface OpenDatabase {
  dataSource: DataSource;
  /** Stops the data source, then the embedded server if there is one. */
  close(): Promise<void>;
}

/** How much longer than the server's `statement_timeout` the driver waits for an answer. */
const QUERY_TIMEOUT_MARGIN_MS = 1_000;

function baseOptions(): PostgresDataSourceOptions {
  return {
    type: 'postgres',
    entities,
    migrations,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    parseInt8: true,
    logging: false,
  };
}

/**
 * Runs the pending migrations on PostgreSQL over a connection of their own, without the request
 * timeouts: a migration of a large table may rightly take longer than any request. Returns their names.
 */
async function migrate(url: string): Promise<string[]> {
  const dataSource = new DataSource({ ...baseOptions(), url, poolSize: 1 });
  await dataSource.initialize();
  try {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * The one way the app, the CLI and the tests reach the database: PostgreSQL through `pg` when
 * `DATABASE_URL` is set, otherwise the embedded PostgreSQL in `DATA_DIR` over a single connection.
 * Pending migrations run before it is handed out. On PostgreSQL, no statement and no wait for a
 * connection lasts longer than the configured timeouts, so a stopped, frozen or unreachable server
 * fails requests (503) instead of hanging them.
 */
export async function openDatabase(config: AppConfig['database'], runMigrations = true): Promise<OpenDatabase> {
  let embedded: EmbeddedPostgres | undefined;
  let options: PostgresDataSourceOptions;
  if (config.url) {
    if (runMigrations) {
      await migrate(config.url);
    }
    options = {
      ...baseOptions(),
      url: config.url,
      poolSize: config.poolSize,
      connectTimeoutMS: config.connectTimeoutMs,
      extra: {
        Client: DroppingClient,
        keepAlive: true,
        // The server cancels a statement that runs too long; the driver gives up a little later on
        // a server that does not answer at all (frozen, or the network gone).
        statement_timeout: config.statementTimeoutMs,
        query_timeout: config.statementTimeoutMs + QUERY_TIMEOUT_MARGIN_MS,
      },
    };
  } else {
    embedded = await EmbeddedPostgres.start(config.dataDir);
    options = {
      ...baseOptions(),
      host: embedded.socketHost,
      port: EmbeddedPostgres.port,
      username: 'postgres',
      database: 'postgres',
      poolSize: 1,
      // With one connection, a query outside a running transaction waits for it: fail loudly instead
      // of hanging forever if code ever uses the global manager inside a transaction. (The embedded
      // database runs in this process: it cannot freeze apart from it, so no statement timeout.)
      connectTimeoutMS: Math.max(config.connectTimeoutMs, 15_000),
    };
  }
  const dataSource = new DataSource(options);
  try {
    await dataSource.initialize();
    if (runMigrations && embedded) {
      await dataSource.runMigrations({ transaction: 'each' });
    }
  } catch (error) {
    if (dataSource.isInitialized) {
      await dataSource.destroy();
    }
    await embedded?.stop();
    throw error;
  }
  return {
    dataSource,
    async close() {
      try {
        if (dataSource.isInitialized) {
          await dataSource.destroy();
        }
      } finally {
        await embedded?.stop();
      }
    },
  };
}

/** Applies the pending migrations (without the request timeouts) and returns their names. */
export async function runPendingMigrations(config: AppConfig['database']): Promise<string[]> {
  if (config.url) {
    return migrate(config.url);
  }
  const database = await openDatabase(config, false);
  try {
    return (await database.dataSource.runMigrations({ transaction: 'each' })).map((migration) => migration.name);
  } finally {
    await database.close();
  }
}
