import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** CPU time from /proc, in seconds, so the orchestrator can charge each process for a window. */
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: split after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** User plus system CPU seconds a process has used so far (0 when it is gone). */
export function processCpuSeconds(pid: number): number {
  const fields = statFields(pid);
  // Fields 14 and 15 of stat (utime, stime); index 11 and 12 after the command name.
  return fields ? (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS : 0;
}

function commOf(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

/** Every pid whose command name is `name` (PostgreSQL backends are all `postgres`). */
export function pidsNamed(name: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => commOf(pid) === name);
}

/**
 * CPU seconds of each PostgreSQL backend connected to one of `databases` (a backend's command line
 * names its database), by pid. On a shared machine the server's other databases, and the backends
 * other people's tests open and close (charged to the postmaster once reaped), are no part of a
 * run; the shared background processes (WAL writer, checkpointer) are left out for the same reason.
 */
export function backendCpuSeconds(databases: ReadonlySet<string>): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const pid of pidsNamed('postgres')) {
    let words: string[];
    try {
      words = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').split(' ');
    } catch {
      continue;
    }
    if (words.some((word) => databases.has(word))) {
      byPid.set(pid, processCpuSeconds(pid));
    }
  }
  return byPid;
}

/**
 * The CPU the backends used between two readings: each one's growth (from 0 when it began in
 * between). A backend that ended in between is missed (a pool closing an idle connection), which
 * undercounts; a sum of the two readings would go negative instead.
 */
export function backendCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) {
    total += seconds - (before.get(pid) ?? 0);
  }
  return total;
}

export interface CoreTimes {
  busy: number;
  total: number;
}

/** Busy and total jiffies of each core, from /proc/stat. */
export function coreTimes(): CoreTimes[] {
  const cores: CoreTimes[] = [];
  for (const line of readFileSync('/proc/stat', 'utf8').split('\n')) {
    const match = /^cpu(\d+)\s+(.*)$/.exec(line);
    if (match) {
      const values = match[2].split(/\s+/).map(Number);
      const idle = values[3] + (values[4] ?? 0);
      const total = values.slice(0, 8).reduce((sum, value) => sum + value, 0);
      cores[Number(match[1])] = { busy: total - idle, total };
    }
  }
  return cores;
}

/** Busy share of each core between two readings (0–1). */
export function coreBusy(before: CoreTimes[], after: CoreTimes[]): number[] {
  return after.map((core, i) => {
    const total = core.total - before[i].total;
    return total > 0 ? (core.busy - before[i].busy) / total : 0;
  });
}

/** Resident set size of a process in bytes, from /proc/<pid>/status. */
export function rssBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
