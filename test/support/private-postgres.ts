import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Where Debian/Ubuntu's PostgreSQL 15 keeps its server binaries (`.ci/run` runs on such a machine). */
const BIN = process.env.KRING_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL server of one test file's own, in a temporary folder on a free port of 127.0.0.1,
 * that the test may stop, freeze (SIGSTOP) and start again. As root it runs as the `postgres` user
 * (PostgreSQL refuses to run as root).
 */
export class PrivatePostgres {
  private server?: ChildProcess;
  private exited?: Promise<void>;
  private frozen: number[] = [];

  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Makes a fresh cluster and starts it; fails with a clear message when PostgreSQL is not installed. */
  static async create(): Promise<PrivatePostgres> {
    for (const binary of ['initdb', 'postgres']) {
      if (!existsSync(join(BIN, binary))) {
        throw new Error(
          `The fault suite needs PostgreSQL 15's server binaries: ${join(BIN, binary)} is missing. ` +
            'Install postgresql-15 (or set KRING_PG_BIN to the folder with initdb and postgres).',
        );
      }
    }
    const dir = mkdtempSync(join(tmpdir(), 'kring-faults-pg-'));
    chmodSync(dir, 0o700);
    const { uid, gid } = postgresUser();
    if (uid !== undefined && gid !== undefined) {
      chownSync(dir, uid, gid);
    }
    asPostgres(join(BIN, 'initdb'), [
      '-D',
      join(dir, 'data'),
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    const server = new PrivatePostgres(dir, await freePort());
    await server.start();
    return server;
  }

  /** Starts the server and waits until it accepts connections. */
  async start(): Promise<void> {
    const args = [
      '-D',
      join(this.dir, 'data'),
      '-p',
      String(this.port),
      '-k',
      this.dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'max_connections=50',
    ];
    const server = spawn(join(BIN, 'postgres'), args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      cwd: tmpdir(),
      ...postgresUser(),
    });
    let stderr = '';
    server.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    this.server = server;
    this.exited = new Promise((resolve) => server.once('exit', () => resolve()));
    const deadline = Date.now() + 20_000;
    for (;;) {
      const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 1000 });
      try {
        await client.connect();
        await client.query('SELECT 1');
        await client.end();
        return;
      } catch {
        await client.end().catch(() => undefined);
        if (server.exitCode !== null || Date.now() > deadline) {
          throw new Error(`The private PostgreSQL did not start:\n${stderr}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  /** Stops the server: `fast` as an operator would, `immediate` as a crash would. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    this.thaw();
    const pid = this.postmasterPid();
    if (pid !== undefined) {
      process.kill(pid, mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
    }
    await this.exited;
    this.server = undefined;
  }

  /** Freezes the server and every backend (SIGSTOP): connections stay open, nothing answers. */
  freeze(): void {
    const postmaster = this.postmasterPid();
    if (postmaster === undefined) {
      throw new Error('The private PostgreSQL is not running');
    }
    this.frozen = [postmaster, ...childrenOf(postmaster)];
    for (const pid of this.frozen) {
      process.kill(pid, 'SIGSTOP');
    }
  }

  /** Lets a frozen server run again (SIGCONT). */
  thaw(): void {
    for (const pid of this.frozen) {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // Gone meanwhile.
      }
    }
    this.frozen = [];
  }

  /** Stops the server and removes its folder. */
  async destroy(): Promise<void> {
    if (this.server) {
      await this.stop('immediate');
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private postmasterPid(): number | undefined {
    const file = join(this.dir, 'data', 'postmaster.pid');
    if (!existsSync(file)) {
      return undefined;
    }
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  }
}

function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/**
 * The user and group a PostgreSQL binary runs as: as root, the `postgres` user (set on the child
 * itself, not through runuser or su, which stop themselves when their child is stopped).
 */
function postgresUser(): { uid?: number; gid?: number } {
  if (!runningAsRoot()) {
    return {};
  }
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error('The fault suite runs as root, so it runs PostgreSQL as the `postgres` user: create that user.');
  }
}

function asPostgres(binary: string, args: string[]): void {
  execFileSync(binary, args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: tmpdir(), ...postgresUser() });
}

/** Every descendant of a process, from /proc. */
function childrenOf(parent: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: the fields after the last ')' are fixed.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const walk = (pid: number) => {
    for (const [child, ppid] of parents) {
      if (ppid === pid) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(parent);
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
