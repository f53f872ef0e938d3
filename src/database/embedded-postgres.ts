import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  checkDataDirBeforeStart,
  checkRowsAgainst,
  DataDirError,
  describeStartFailure,
  forgetCleanStop,
  markInitialised,
  PGDATA,
  recordCleanStop,
  startFailureMessage,
  sweepStaleSocketDirs,
} from './data-dir-guard.js';
import { DataDirLock } from './data-dir-lock.js';

/** What the worker (embedded-postgres.worker.mjs) reports. */
type WorkerReport =
  | { kind: 'ready'; rows?: Record<string, number> }
  | { kind: 'stopped'; rows?: Record<string, number> }
  | { kind: 'failed'; error: { message: string; code?: unknown; errno?: unknown; cause?: unknown } };

/** Workers that have ended (crashed, or terminated): they answer nothing more. */
const endedWorkers = new WeakSet<Worker>();

/** Starts begun before the app asked for its database (see `prestart`), by resolved folder. */
const prestarted = new Map<string, Promise<EmbeddedPostgres>>();

/**
 * PostgreSQL (PGlite) in a worker thread of this process, persisted in a folder, reached through a
 * Unix socket by the ordinary `pg` driver with ONE connection. One real session is what keeps
 * transactions isolated: typeorm-pglite shares a single session between all query runners, so a
 * rollback in one could be committed by a neighbour. The worker thread lets PGlite open while the
 * app loads, and runs its queries beside the app's requests instead of between them.
 *
 * A folder that has held a database is never silently re-created: a missing, emptied, damaged or
 * cut-short database stops the start with what is wrong and how to restore (see data-dir-guard.ts).
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly worker: Worker,
    private readonly lock: DataDirLock,
    private readonly socketDir: string,
    private readonly dataDir: string,
  ) {}

  /** The socket folder and port, as `pg` wants them for a Unix socket (`<host>/.s.PGSQL.<port>`). */
  static readonly port = 5432;

  get socketHost(): string {
    return this.socketDir;
  }

  /**
   * Begins the start now, for the next `start` of the same folder to take over: `npm start` calls
   * it before it loads the app, so the two overlap. A failure surfaces at that `start`.
   */
  static prestart(dataDir: string): void {
    const starting = EmbeddedPostgres.begin(dataDir);
    starting.catch(() => undefined);
    prestarted.set(resolve(dataDir), starting);
  }

  /**
   * Stops the starts nobody took over: a process that fails before its app opened the database
   * (a module that does not load) must not leave PGlite cut off mid-write by its exit.
   */
  static async abandonPrestarts(): Promise<void> {
    const unclaimed = [...prestarted.values()];
    prestarted.clear();
    for (const starting of unclaimed) {
      const embedded = await starting.catch(() => undefined);
      await embedded?.stop().catch(() => undefined);
    }
  }

  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    const key = resolve(dataDir);
    const starting = prestarted.get(key);
    prestarted.delete(key);
    return starting ?? EmbeddedPostgres.begin(dataDir);
  }

  private static async begin(dataDir: string): Promise<EmbeddedPostgres> {
    sweepStaleSocketDirs();
    let lock: DataDirLock;
    try {
      lock = DataDirLock.acquire(dataDir);
    } catch (error) {
      throw describeStartFailure(error, dataDir) ?? error;
    }
    let worker: Worker | undefined;
    let socketDir: string | undefined;
    try {
      const { fresh, cleanStop } = checkDataDirBeforeStart(dataDir);
      // A private folder (mode 0700) so no other user of the machine can reach the socket; the pid
      // in its name lets the next start remove it when this process is killed.
      socketDir = mkdtempSync(join(tmpdir(), `kring-pg-${process.pid}-`));
      worker = new Worker(new URL('./embedded-postgres.worker.mjs', import.meta.url), {
        workerData: {
          pgdata: join(dataDir, PGDATA),
          socketPath: join(socketDir, `.s.PGSQL.${EmbeddedPostgres.port}`),
          countRowsAtStart: cleanStop !== undefined,
        },
      });
      const started = worker;
      started.once('exit', () => endedWorkers.add(started));
      const ready = await nextReport(worker);
      if (ready.kind === 'failed') {
        throw workerError(ready.error);
      }
      if (fresh) {
        markInitialised(dataDir);
      } else if (cleanStop && ready.rows) {
        checkRowsAgainst(dataDir, cleanStop, ready.rows);
      }
      forgetCleanStop(dataDir);
      // A worker that fails later must not take the process down unannounced: the app answers 503
      // while its database is gone, and this says why.
      started.on('error', (error) => {
        process.stderr.write(`The embedded database stopped: ${startFailureMessage(error)}\n`);
      });
      return new EmbeddedPostgres(worker, lock, socketDir, dataDir);
    } catch (error) {
      if (worker) {
        await stopWorker(worker, 'close').catch(() => undefined);
      }
      if (socketDir) {
        rmSync(socketDir, { recursive: true, force: true });
      }
      lock.release();
      if (error instanceof DataDirError) {
        throw error;
      }
      throw (
        describeStartFailure(error, dataDir) ??
        new DataDirError(`The embedded database in ${dataDir} did not start: ${startFailureMessage(error)}`, {
          cause: error,
        })
      );
    }
  }

  private stopping?: Promise<void>;

  /** Stops the database once; a second call waits for the first. */
  stop(): Promise<void> {
    this.stopping ??= this.stopOnce();
    return this.stopping;
  }

  private async stopOnce(): Promise<void> {
    try {
      const stopped = await stopWorker(this.worker, 'stop');
      if (stopped.rows) {
        recordCleanStop(this.dataDir, stopped.rows);
      }
    } finally {
      rmSync(this.socketDir, { recursive: true, force: true });
      this.lock.release();
    }
  }
}

/** The worker's next report; a worker that ends or crashes first is a failure. */
function nextReport(worker: Worker): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const settle = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (report: WorkerReport) => {
      settle();
      resolve(report);
    };
    const onError = (error: Error) => {
      settle();
      reject(error);
    };
    const onExit = (code: number) => {
      settle();
      reject(new Error(`The embedded database's worker ended (exit code ${code}).`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}

/** Stops the socket server and closes the database in the worker, then ends the worker. */
async function stopWorker(
  worker: Worker,
  command: 'stop' | 'close',
): Promise<Extract<WorkerReport, { kind: 'stopped' }>> {
  if (endedWorkers.has(worker)) {
    throw new Error("The embedded database's worker had already ended.");
  }
  try {
    const reported = nextReport(worker);
    worker.postMessage(command);
    const report = await reported;
    if (report.kind === 'failed') {
      throw workerError(report.error);
    }
    if (report.kind !== 'stopped') {
      throw new Error(`The embedded database's worker answered ${report.kind} to ${command}.`);
    }
    return report;
  } finally {
    await worker.terminate();
  }
}

function workerError(failure: Extract<WorkerReport, { kind: 'failed' }>['error']): Error {
  return Object.assign(new Error(failure.message, { cause: failure.cause }), {
    code: failure.code,
    errno: failure.errno,
  });
}
