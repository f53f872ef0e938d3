import 'reflect-metadata';
import { createKringApp } from './bootstrap.js';
import { ConfigError, loadAppConfig } from './config/app-config.js';
import { DataDirLockedError } from './database/data-dir-lock.js';

async function main(): Promise<void> {
  const config = loadAppConfig(process.env);
  const app = await createKringApp({ config });
  await app.listen(config.http.port, config.http.host);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    process.stderr.write(`Kring cannot start. ${error.message}\n`);
  } else {
    process.stderr.write(
      `Kring cannot start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
