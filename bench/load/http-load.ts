import autocannon from 'autocannon';
import { sendMark, serveCommands } from '../lib/ipc.js';
import { Samples, summarize, type Latency } from '../lib/stats.js';

/**
 * The HTTP load generator: autocannon in this process (pinned to the load core by the
 * orchestrator), every response's latency recorded from autocannon's own clock.
 */
export interface HttpLoadArgs {
  /** Base URL; each connection gets one of `requests` (round robin), so members and threads vary. */
  url: string;
  requests: { path: string; headers?: Record<string, string> }[];
  connections: number;
  durationSec: number;
  warmupSec: number;
}

export interface HttpLoadResult {
  requests: number;
  rps: number;
  latencyMs: Latency;
  errors: number;
  non2xx: number;
  /** This process's CPU during the measured window, as a share of one core. */
  loadCpu: number;
}

function run(args: HttpLoadArgs, durationSec: number, record: Samples | null) {
  let next = 0;
  return new Promise<{ errors: number; non2xx: number; total: number; seconds: number }>((resolve, reject) => {
    const started = process.hrtime.bigint();
    const instance = autocannon(
      {
        url: args.url,
        connections: args.connections,
        duration: durationSec,
        timeout: 10,
        setupClient: (client) => {
          const spec = args.requests[next++ % args.requests.length];
          client.setRequests([{ method: 'GET', path: spec.path, headers: spec.headers }]);
        },
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        resolve({
          errors: result.errors + result.timeouts,
          non2xx: result.non2xx,
          total: result.requests.total,
          seconds: Number(process.hrtime.bigint() - started) / 1e9,
        });
      },
    );
    if (record) {
      instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
        record.push(responseTime);
      });
    }
  });
}

serveCommands({
  async autocannon(args: HttpLoadArgs): Promise<HttpLoadResult> {
    if (args.warmupSec > 0) {
      await run(args, args.warmupSec, null);
    }
    const samples = new Samples();
    sendMark('window-start');
    const cpuBefore = process.cpuUsage();
    const wallBefore = process.hrtime.bigint();
    const outcome = await run(args, args.durationSec, samples);
    const cpu = process.cpuUsage(cpuBefore);
    const wall = Number(process.hrtime.bigint() - wallBefore) / 1e3;
    sendMark('window-end');
    return {
      requests: samples.length,
      rps: Math.round(samples.length / outcome.seconds),
      latencyMs: summarize(samples.values()),
      errors: outcome.errors,
      non2xx: outcome.non2xx,
      loadCpu: (cpu.user + cpu.system) / wall,
    };
  },
});
