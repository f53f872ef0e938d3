import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AccountsModule } from './accounts/accounts.module.js';
import { AccountsService } from './accounts/accounts.service.js';
import { AppModule } from './app.module.js';
import { loadAppConfig } from './config/app-config.js';
import { resetDataDir } from './database/data-dir-guard.js';
import { DataDirLock } from './database/data-dir-lock.js';
import { openDatabase, runPendingMigrations } from './database/data-source.js';

const USAGE = `Usage: npm run kring -- <command>
  admin:grant <loginName>    make an account an admin
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
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config }), {
    logger: ['error'],
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
    default:
      throw new Error(USAGE);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
