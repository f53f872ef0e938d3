import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchContext, SectionResult } from './lib/context.js';
import { coreBusy, coreTimes } from './lib/cpu.js';
import { LOAD_CORE, pin, pinningAvailable, REPO_ROOT, running, SERVER_CORE, sleep } from './lib/procs.js';
import { terminalTable, writeReport } from './lib/report.js';
import { adminQuery, createdDatabases, freePort, pinPostgres, startRedis } from './lib/services.js';
import { calibration } from './sections/calibration.js';
import { chat } from './sections/chat.js';
import { crisis } from './sections/crisis.js';
import { embedded } from './sections/embedded.js';
import { idle } from './sections/idle.js';
import { scaleout } from './sections/scaleout.js';
import { startup } from './sections/startup.js';
import { storm } from './sections/storm.js';
import { growth } from './sections/growth.js';
import { rest } from './sections/rest.js';

/**
 * `npm run bench`: every section in turn, most valuable first, then the report in bench/results.
 * `--only rest,growth` runs some sections; `--quick` shortens every run (for trying the bench out,
 * not for the committed report).
 */
const SECTIONS: Record<string, (ctx: BenchContext) => Promise<SectionResult>> = {
  calibration,
  rest,
  growth,
  chat,
  crisis,
  idle,
  scaleout,
  storm,
  embedded,
  startup,
};

/**
 * Waits (up to `maxSec`) for a second in which neither core is more than 20 % busy: other work on
 * a shared machine skews every figure. Returns the busy shares of the last second looked at.
 */
async function quiet(maxSec: number): Promise<{ waitedSec: number; busy: number[] }> {
  const start = performance.now();
  for (;;) {
    const before = coreTimes();
    await sleep(1000);
    const busy = coreBusy(before, coreTimes());
    const waitedSec = Math.round((performance.now() - start) / 1000);
    if (busy.every((share) => share < 0.2) || waitedSec >= maxSec) {
      return { waitedSec, busy };
    }
  }
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function shell(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const startedAt = new Date();
  const quick = process.argv.includes('--quick');
  const only = option('only')?.split(',');
  const chosen = Object.keys(SECTIONS).filter((id) => !only || only.includes(id));

  // The orchestrator is mostly idle, but it belongs with the load generator.
  pin(process.pid, LOAD_CORE);
  const idle = (await quiet(quick ? 5 : 60)).busy;
  const postgres = pinPostgres(LOAD_CORE);
  const redis = await startRedis(LOAD_CORE);
  const logsDir = mkdtempSync(join(tmpdir(), 'kring-bench-'));
  const ctx: BenchContext = {
    quick,
    logsDir,
    jwtSecret: randomBytes(32).toString('hex'),
    redis,
    nextPort: freePort,
    shared: new Map(),
    cleanup: [],
  };
  const pgVersion =
    (await adminQuery<{ server_version: string }>('SHOW server_version'))[0]?.server_version ?? 'unknown';
  const machine = {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memory: `${Math.round(Number(shell('awk', ['/MemTotal/ {print $2}', '/proc/meminfo'])) / 1024 / 1024)} GiB`,
    node: process.version,
    postgresql: pgVersion,
    redis: shell('redis-server', ['--version']).split(' ')[2]?.replace('v=', '') ?? 'unknown',
    'open files': shell('sh', ['-c', 'ulimit -n']),
    pinning: pinningAvailable
      ? `server on core ${SERVER_CORE}; load generator, PostgreSQL${postgres.pinned ? '' : ' (could not pin)'} and Redis on core ${LOAD_CORE}`
      : 'not available',
  };
  const notes: string[] = [];
  if (quick) {
    notes.push('QUICK RUN: shortened measurements, not for comparison.');
  }
  if (idle.some((share) => share > 0.15)) {
    notes.push(
      `Before the run the cores were already ${idle.map((s) => `${Math.round(s * 100)} %`).join(' / ')} busy: other work on the machine disturbs these figures.`,
    );
  }
  if (!redis) {
    notes.push('redis-server was not found: the sections that need Redis were skipped.');
  }
  process.stdout.write(`Kring benchmark: ${chosen.join(', ')}${quick ? ' (quick)' : ''}; logs in ${logsDir}\n`);
  // Interrupted: stop what the run started, drop its databases, give PostgreSQL its cores back.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const child of running) {
        child.kill('SIGKILL');
      }
      postgres.restore();
      void Promise.all(
        [...createdDatabases].map((name) =>
          adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined),
        ),
      ).then(() => process.exit(130));
    });
  }

  const results: SectionResult[] = [];
  try {
    for (const id of chosen) {
      const calm = await quiet(quick ? 2 : 20);
      if (calm.busy.some((share) => share >= 0.2)) {
        notes.push(
          `Before ${id} the machine did not quieten within ${calm.waitedSec} s (cores ${calm.busy.map((s) => `${Math.round(s * 100)} %`).join(' / ')} busy): its figures are disturbed by other work.`,
        );
      }
      const sectionStart = performance.now();
      process.stdout.write(`\n== ${id} ==\n`);
      try {
        const result = await SECTIONS[id](ctx);
        results.push(result);
        process.stdout.write(
          `${terminalTable(result.comparisons)}\n(${Math.round((performance.now() - sectionStart) / 1000)} s)\n`,
        );
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        process.stdout.write(`${id} failed: ${message}\n`);
        results.push({
          id,
          title: id,
          seconds: Math.round((performance.now() - sectionStart) / 1000),
          comparisons: [],
          markdown: `This section failed: \`${message.split('\n')[0]}\``,
          data: { error: message },
        });
      }
    }
  } finally {
    for (const step of ctx.cleanup.reverse()) {
      await step().catch((error: unknown) => process.stdout.write(`cleanup failed: ${String(error)}\n`));
    }
    await redis?.stop();
    postgres.restore();
  }

  const seconds = (performance.now() - started) / 1000;
  const resultsDir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const stamp = startedAt.toISOString().slice(0, 16).replace('T', '-').replace(':', '');
  const paths = writeReport(
    resultsDir,
    stamp,
    { startedAt: startedAt.toISOString(), seconds, machine, notes },
    results,
  );
  process.stdout.write(
    `\n${terminalTable(results.flatMap((result) => result.comparisons))}\n\nReport: ${paths.md}\n        ${paths.json}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
