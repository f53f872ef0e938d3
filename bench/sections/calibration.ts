import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchContext, SectionResult } from '../lib/context.js';
import { LOAD_CORE, pinningAvailable } from '../lib/procs.js';
import { createDatabase } from '../lib/services.js';

const PG_TEST_FSYNC = ['/usr/lib/postgresql/15/bin/pg_test_fsync', 'pg_test_fsync'];

export interface Calibration {
  fsync: Record<string, number>;
  pgbench: { clients: number; tps: number; latencyMs: number }[];
}

/** What the disk allows: one 8 kB write plus sync per method, and one-row INSERT commits. */
export async function calibration(ctx: BenchContext): Promise<SectionResult & { data: Calibration }> {
  const started = performance.now();
  const fsync: Record<string, number> = {};
  const binary = PG_TEST_FSYNC.find((path) =>
    path.includes('/') ? existsSync(path) : spawnSync(path, ['--help']).status === 0,
  );
  if (binary) {
    const dir = mkdtempSync(join(tmpdir(), 'kring-bench-fsync-'));
    let fsyncText: string;
    try {
      fsyncText = execFileSync(binary, ['-s', '1', '-f', join(dir, 'test.out')], { encoding: 'utf8' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // The first block: "one 8kB write" per sync method.
    const block = fsyncText.split('Compare file sync methods using two')[0];
    for (const match of block.matchAll(/^\s+(\w+)\s+([\d.]+) ops\/sec/gm)) {
      fsync[match[1]] = Math.round(Number(match[2]));
    }
  }

  const database = await createDatabase('kring_bench_pgbench');
  const pgbench: Calibration['pgbench'] = [];
  const durations = ctx.quick ? 4 : 8;
  try {
    execFileSync('psql', [
      database.url,
      '-qc',
      'CREATE TABLE one_row (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), room int NOT NULL, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())',
    ]);
    const script = join(ctx.logsDir, 'pgbench-insert.sql');
    writeFileSync(
      script,
      `INSERT INTO one_row (room, body) VALUES (:client_id, 'een bericht van ongeveer vijftig tekens lang, ja');\n`,
    );
    for (const clients of [1, 16]) {
      const args = [
        '-n',
        '-f',
        script,
        '-c',
        String(clients),
        '-j',
        String(Math.min(clients, 2)),
        '-T',
        String(durations),
        database.url,
      ];
      const out = execFileSync(
        pinningAvailable ? 'taskset' : 'pgbench',
        pinningAvailable ? ['-c', String(LOAD_CORE), 'pgbench', ...args] : args,
        {
          encoding: 'utf8',
          env: { ...process.env, PGOPTIONS: '-c synchronous_commit=on' },
        },
      );
      const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? NaN);
      const latency = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1] ?? NaN);
      pgbench.push({ clients, tps: Math.round(tps), latencyMs: latency });
      if (clients === 16) {
        ctx.shared.set('calibration.pgbench16', Math.round(tps));
      }
    }
  } finally {
    await database.drop();
  }

  const markdown = [
    `pg_test_fsync (1 s per test, same disk as PostgreSQL's WAL; PostgreSQL uses \`fdatasync\`), one 8 kB write:`,
    '',
    '| method | ops/s |',
    '| --- | ---: |',
    ...Object.entries(fsync).map(([method, ops]) => `| ${method} | ${ops} |`),
    '',
    `pgbench, one-row \`INSERT\` per transaction, \`synchronous_commit=on\`, ${durations} s each, pgbench on the load core:`,
    '',
    '| clients | commits/s | mean latency (ms) |',
    '| ---: | ---: | ---: |',
    ...pgbench.map((row) => `| ${row.clients} | ${row.tps} | ${row.latencyMs} |`),
    '',
    'With 16 clients PostgreSQL groups commits into one WAL flush; that rate is the ceiling for ' +
      'acknowledged chat messages, which are committed one transaction each.',
  ].join('\n');
  return {
    id: 'calibration',
    title: 'Calibration',
    seconds: Math.round((performance.now() - started) / 1000),
    comparisons: [],
    markdown,
    data: { fsync, pgbench },
  };
}
