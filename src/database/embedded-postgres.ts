import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { DataDirLock } from './data-dir-lock.js';

/**
 * PostgreSQL (PGlite) inside this process, persisted in a folder, reached through a Unix socket
 * by the ordinary `pg` driver with ONE connection. One real session is what keeps transactions
 * isolated: typeorm-pglite shares a single session between all query runners, so a rollback in
 * one could be committed by a neighbour.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly lock: DataDirLock,
    private readonly socketDir: string,
  ) {}

  /** The socket folder and port, as `pg` wants them for a Unix socket (`<host>/.s.PGSQL.<port>`). */
  static readonly port = 5432;

  get socketHost(): string {
    return this.socketDir;
  }

  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    const lock = DataDirLock.acquire(dataDir);
    try {
      const db = await PGlite.create(join(dataDir, 'pgdata'));
      // A private folder (mode 0700) so no other user of the machine can reach the socket.
      const socketDir = mkdtempSync(join(tmpdir(), 'kring-pg-'));
      const server = new PGLiteSocketServer({ db, path: join(socketDir, `.s.PGSQL.${EmbeddedPostgres.port}`) });
      await server.start();
      return new EmbeddedPostgres(db, server, lock, socketDir);
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  async stop(): Promise<void> {
    try {
      await this.server.stop();
      await this.db.close();
    } finally {
      rmSync(this.socketDir, { recursive: true, force: true });
      this.lock.release();
    }
  }
}
