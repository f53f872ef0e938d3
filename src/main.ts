import 'reflect-metadata';
import { createKringApp } from './bootstrap.js';
import { ConfigError, loadAppConfig } from './config/app-config.js';
import { DataDirError } from './database/data-dir-guard.js';
import { DataDirLockedError } from './database/data-dir-lock.js';

class PortInUseError extends Error {}

async function main(): Promise<void> {
  const config = loadAppConfig(process.env);
  const app = await createKringApp({ config });
  try {
    await app.listen(config.http.port, config.http.host);
  } catch (error) {
    // Close the database cleanly (and free the data folder) before the process exits.
    await app.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new PortInUseError(
        `Port ${config.http.port} on ${config.http.host} is in use by another program. Set PORT to another port.`,
      );
    }
    throw error;
  }
}

main().catch((error: unknown) => {
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
