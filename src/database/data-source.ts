import { DataSource } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';
import { migrations } from '../../migrations/index.js';
import type { AppConfig } from '../config/app-config.js';
import { EmbeddedPostgres } from './embedded-postgres.js';
import { entities } from './entities.js';

export interface OpenDatabase {
  dataSource: DataSource;
  /** Stops the data source, then the embedded server if there is one. */
  close(): Promise<void>;
}

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
 * The one way the app, the CLI and the tests reach the database: PostgreSQL through `pg` when
 * `DATABASE_URL` is set, otherwise the embedded PostgreSQL in `DATA_DIR` over a single connection.
 * Pending migrations run before it is handed out.
 */
export async function openDatabase(config: AppConfig['database'], runMigrations = true): Promise<OpenDatabase> {
  let embedded: EmbeddedPostgres | undefined;
  let options: PostgresDataSourceOptions;
  if (config.url) {
    options = { ...baseOptions(), url: config.url, poolSize: config.poolSize };
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
      // of hanging forever if code ever uses the global manager inside a transaction.
      connectTimeoutMS: 15_000,
    };
  }
  const dataSource = new DataSource(options);
  try {
    await dataSource.initialize();
    if (runMigrations) {
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
