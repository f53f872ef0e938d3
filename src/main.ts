import 'reflect-metadata';
import { ConfigError, loadAppConfig } from './config/app-config.js';
import { DataDirError } from './database/data-dir-guard.js';
import { DataDirLockedError } from './database/data-dir-lock.js';
import { EmbeddedPostgres } from './database/embedded-postgres.js';
import { PortInUseError } from './port-in-use.error.js';

async function main(): Promise<void> {
  const config = loadAppConfig(process.env);
  if (!config.database.url) {
    // PGlite opens its folder in a worker thread while this thread loads the app: the slowest two
    // parts of a start, side by side. The app's database module takes this start over.
    EmbeddedPostgres.prestart(config.database.dataDir);
  }
  const { serve } = await import('./serve.js');
  await serve(config);
}

main().catch(async (error: unknown) => {
  await EmbeddedPostgres.abandonPrestarts();
  if (
    error instanceof ConfigError ||
    error instanceof DataDirLockedError ||
    error instanceof DataDirError ||
    error instanceof PortInUseError
  ) {
    process.stderr.write(`Kring cannot start. ${error.message}\n`);
  } else {
    process.stderr.write(
      `Kring cannot start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
