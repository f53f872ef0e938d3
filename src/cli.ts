import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AccountsModule } from './accounts/accounts.module.js';
import { AccountsService } from './accounts/accounts.service.js';
import { AppModule } from './app.module.js';
import { loadAppConfig } from './config/app-config.js';
import { openDatabase, runPendingMigrations } from './database/data-source.js';

const USAGE = `Usage: npm run kring -- <command>
  admin:grant <loginName>    make an account an admin
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
