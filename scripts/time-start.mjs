// Times `npm start` from the command to a healthy /api/health, as a newcomer meets it on the
// embedded database: one start first (it builds what changed and creates the database), then
// RUNS more on that checkout and data folder, each stopped with SIGTERM before the next.
// Usage: node scripts/time-start.mjs [--runs 5] [--json]
// The data folder is a new temporary one; the repository's own ./data is never touched.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function healthy(url) {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/**
 * CPU seconds used so far by a process and its descendants (waited-for children included), from
 * /proc: a figure that other work on a shared machine does not inflate. Undefined off Linux.
 */
function treeCpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime, stime, cutime, cstime are fields 14–17 of stat; `fields` starts at field 3.
    const ticks = fields.slice(11, 15).reduce((sum, value) => sum + Number(value), 0);
    const children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean),
    );
    return ticks / 100 + children.reduce((sum, child) => sum + (treeCpuSeconds(child) ?? 0), 0);
  } catch {
    return undefined;
  }
}

/** One `npm start`: milliseconds from spawning it to the first healthy answer (and the CPU it took), then a graceful stop. */
async function timeOneStart(env, dataDir, logFile, timeoutMs) {
  const url = `http://127.0.0.1:${env.PORT}/api/health`;
  const out = openSync(logFile, 'a');
  const started = performance.now();
  // Its own process group: npm, its shell and the server are stopped together.
  const child = spawn('npm', ['start'], { cwd: ROOT, env, detached: true, stdio: ['ignore', out, out] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let ms;
  let cpuSeconds;
  try {
    while (!(await healthy(url))) {
      if (child.exitCode !== null || performance.now() - started > timeoutMs) {
        throw new Error(`npm start did not answer ${url} (see ${logFile})`);
      }
      await sleep(20);
    }
    ms = Math.round(performance.now() - started);
    cpuSeconds = treeCpuSeconds(child.pid);
  } finally {
    if (child.exitCode === null) {
      process.kill(-child.pid, 'SIGTERM');
    }
    await exited;
    // The next start may begin once the server has let go of the data folder.
    for (let waited = 0; existsSync(join(dataDir, 'kring.lock')) && waited < 30_000; waited += 100) {
      await sleep(100);
    }
  }
  return { ms, cpuSeconds };
}

const runs = option('runs', 5);
const dataDir = mkdtempSync(join(tmpdir(), 'kring-time-start-'));
const logFile = join(dataDir, '..', `${dataDir.split('/').pop()}.log`);
const env = { ...process.env, DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(await freePort()), LOG_LEVEL: 'warn' };
delete env.DATABASE_URL;
delete env.REDIS_URL;
delete env.NODE_ENV;
try {
  const firstMs = (await timeOneStart(env, dataDir, logFile, 600_000)).ms;
  const timings = [];
  const cpu = [];
  for (let run = 0; run < runs; run++) {
    const { ms, cpuSeconds } = await timeOneStart(env, dataDir, logFile, 60_000);
    timings.push(ms);
    cpu.push(cpuSeconds);
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const medianMs = median(timings);
  const medianCpuSeconds = cpu.includes(undefined) ? null : Math.round(median(cpu) * 10) / 10;
  const result = { firstMs, timings, medianMs, medianCpuSeconds };
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    process.stdout.write(
      `npm start → healthy /api/health: first ${(firstMs / 1000).toFixed(1)} s (builds what changed, creates the database); ` +
        `then ${timings.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s, median ${(medianMs / 1000).toFixed(1)} s` +
        (medianCpuSeconds === null
          ? '.\n'
          : ` (CPU time ${medianCpuSeconds.toFixed(1)} s: npm, the build check and the server).\n`),
    );
  }
  rmSync(logFile, { force: true });
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
