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
 * CPU seconds of all processes named `name`, including backends that ended in the window: those
 * are charged to their parent as `cutime`/`cstime` (fields 16 and 17) once reaped.
 */
export function namedCpuSeconds(name: string): number {
  let total = 0;
  for (const pid of pidsNamed(name)) {
    const fields = statFields(pid);
    if (fields) {
      total += (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
    }
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
