import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { askRunningServer } from './accounts/local-admin.js';
import { loadAppConfig } from './config/app-config.js';
import { resetDataDir } from './database/data-dir-guard.js';
import { DataDirLock, DataDirLockedError } from './database/data-dir-lock.js';

const USAGE = `Usage: npm run kring -- <command>
  admin:grant <loginName>    make an account an admin
  backup <file>              embedded database only, server stopped: write a plain-SQL dump that psql
                             of PostgreSQL 15+ loads (moving to PostgreSQL) and restore loads
  restore <file>             load such a dump into an EMPTY data folder (DATA_DIR); never overwrites
  data:init --force          embedded database only: move the data folder's database aside (kept as
                             pgdata.damaged-…), so the next start creates an EMPTY one; for a folder
                             Kring refuses to start on and that has no backup to restore
  migration:run              apply pending migrations
  migration:generate <Name>  write migrations/<timestamp>-<Name>.ts from the entities' difference with the schema`;

async function grantAdmin(loginName: string | undefined): Promise<void> {
  if (!loginName) {
    throw new Error(USAGE);
  }
  const config = loadAppConfig(process.env);
  if (!config.database.url) {
    // A server running on the embedded database holds the data folder: it does the grant.
    const reply = await askRunningServer(config.database.dataDir, 'admin:grant', [loginName]);
    if (reply) {
      if (!reply.ok) {
        throw new Error(reply.message);
      }
      process.stdout.write(`${reply.message}\n`);
      return;
    }
  }
  // Loaded only here (the whole app, seconds on a slow machine): a grant through the server needs none of it.
  const [{ NestFactory }, { AppModule }, { AccountsModule }, { AccountsService }] = await Promise.all([
    import('@nestjs/core'),
    import('./app.module.js'),
    import('./accounts/accounts.module.js'),
    import('./accounts/accounts.service.js'),
  ]);
  // No logger: a failure is reported once, as one line, by main() below.
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config }), {
    logger: false,
    abortOnError: false,
  });
  try {
    await app.select(AccountsModule).get(AccountsService).grantAdmin(loginName);
    process.stdout.write(`${loginName.toLowerCase()} is now an admin.\n`);
  } finally {
    await app.close();
  }
}

async function runMigrations(): Promise<void> {
  const { runPendingMigrations } = await import('./database/data-source.js');
  const applied = await runPendingMigrations(loadAppConfig(process.env).database);
  process.stdout.write(applied.length ? `Applied ${applied.join(', ')}\n` : 'Nothing to apply.\n');
}

function initDataDir(flag: string | undefined): void {
  const config = loadAppConfig(process.env).database;
  if (config.url) {
    throw new Error('data:init is for the embedded database; DATABASE_URL is set.');
  }
  if (flag !== '--force') {
    throw new Error(
      `data:init starts ${config.dataDir} over with an EMPTY database: every account, post and message in it ` +
        'is gone for Kring (the old files are moved aside, not deleted). Restore a backup instead if you have one. ' +
        'To go ahead: npm run kring -- data:init --force',
    );
  }
  const lock = DataDirLock.acquire(config.dataDir);
  try {
    const movedTo = resetDataDir(config.dataDir);
    process.stdout.write(
      movedTo
        ? `Moved the old database to ${movedTo}. The next start creates an empty database in ${config.dataDir}.\n`
        : `There was no database in ${config.dataDir}. The next start creates an empty one.\n`,
    );
  } finally {
    lock.release();
  }
}

async function generateMigration(name: string | undefined): Promise<void> {
  if (!name || !/^[A-Z][A-Za-z]+$/.test(name)) {
    throw new Error('Give the migration a PascalCase name that says what it does, e.g. AddThreadPins.');
  }
  const { openDatabase } = await import('./database/data-source.js');
  const database = await openDatabase(loadAppConfig(process.env).database);
  try {
    const { upQueries, downQueries } = await database.dataSource.driver.createSchemaBuilder().log();
    if (upQueries.length === 0) {
      process.stdout.write('The schema matches the entities: nothing to generate.\n');
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const lines = (queries: { query: string }[]) =>
      queries.map((q) => `    await queryRunner.query(${JSON.stringify(q.query)});`).join('\n');
    const source = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(upQueries)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines([...downQueries].reverse())}
  }
}
`;
    const file = join(process.cwd(), 'migrations', `${timestamp}-${name}.ts`);
    writeFileSync(file, source);
    process.stdout.write(`Wrote ${file}: read it, tidy it, and add it to migrations/index.ts.\n`);
  } finally {
    await database.close();
  }
}

async function main(): Promise<void> {
  const [command, argument] = process.argv.slice(2);
  switch (command) {
    case 'admin:grant':
      return grantAdmin(argument);
    case 'migration:run':
      return runMigrations();
    case 'data:init':
      return initDataDir(argument);
    case 'migration:generate':
      return generateMigration(argument);
    case 'backup':
    case 'restore': {
      // Loaded only here: pg_dump's WebAssembly is no cost to the other commands.
      const { backupCommand, restoreCommand } = await import('./database/backup.js');
      const run = command === 'backup' ? backupCommand : restoreCommand;
      process.stdout.write(`${await run(argument, process.env)}\n`);
      return;
    }
    default:
      throw new Error(USAGE);
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(error instanceof DataDirLockedError ? `Stop the server first: ${message}\n` : `${message}\n`);
  process.exit(1);
});
