import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AccountsService } from './accounts/accounts.service.js';
import { LocalAdminChannel } from './accounts/local-admin.js';
import { createKringApp } from './bootstrap.js';
import type { AppConfig } from './config/app-config.js';
import { PortInUseError } from './port-in-use.error.js';

/** Creates the app and serves it, on the embedded database with the local admin channel open. */
export async function serve(config: AppConfig): Promise<void> {
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
  const logger = new Logger('Kring');
  logger.log(`Kring draait op ${addressToOpen(app, config)}`);
  await openLocalAdminChannel(app, config, logger);
}

/** The address a person on this machine opens: localhost for a loopback or any-address bind. */
function addressToOpen(app: NestFastifyApplication, config: AppConfig): string {
  const bound: AddressInfo | string | null = app.getHttpServer().address();
  const port = bound && typeof bound === 'object' ? bound.port : config.http.port;
  const host = config.http.host;
  const local = ['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost', ''].includes(host);
  const name = local ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/**
 * On the embedded database only this process may open the data folder, so `npm run kring --
 * admin:grant` hands the grant to it (src/accounts/local-admin.ts). Closed before the process
 * ends on a signal, so no stale socket is left behind; one left by a crash is replaced on start.
 */
async function openLocalAdminChannel(app: NestFastifyApplication, config: AppConfig, logger: Logger): Promise<void> {
  if (config.database.url) {
    return;
  }
  const accounts = app.get(AccountsService);
  let channel: LocalAdminChannel;
  try {
    channel = await LocalAdminChannel.open(
      config.database.dataDir,
      {
        'admin:grant': async ([loginName]) => {
          await accounts.grantAdmin(loginName ?? '');
          return `${(loginName ?? '').toLowerCase()} is now an admin.`;
        },
      },
      (error) => logger.error(error),
    );
  } catch (error) {
    logger.warn(`The command line cannot reach this server (${(error as Error).message}): stop it to run admin:grant.`);
    return;
  }
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.once(signal, () => channel.close());
  }
  process.once('exit', () => channel.close());
}
