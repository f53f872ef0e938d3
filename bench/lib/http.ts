import { join } from 'node:path';
import type { HttpLoadArgs, HttpLoadResult } from '../load/http-load.js';
import { LoadClient } from './ipc.js';
import { measured, startLoad, type Watched, type WindowCpu } from './measure.js';

export interface HttpFigures extends HttpLoadResult {
  cpu: WindowCpu;
  /** The load core was busier than 90 %: the generator (with PostgreSQL beside it), not the server, may have been the limit. */
  loadBound: boolean;
}

/** A long-lived autocannon process on the load core. */
export class HttpLoad {
  private constructor(private readonly client: LoadClient) {}

  static start(logsDir: string): HttpLoad {
    return new HttpLoad(new LoadClient(startLoad('http-load.js', join(logsDir, 'http-load.log'))));
  }

  async run(watched: Watched, args: HttpLoadArgs): Promise<HttpFigures> {
    const { result, cpu } = await measured<HttpLoadResult>(this.client, watched, 'autocannon', args);
    return { ...result, cpu, loadBound: cpu.loadCore > 0.9 && cpu.serverCore < 0.9 };
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

export function describeHttp(figures: HttpFigures): string {
  const l = figures.latencyMs;
  return `${figures.rps} req/s; p50 ${l.p50} / p95 ${l.p95} / p99 ${l.p99} / max ${l.max} ms; server ${pct(figures.cpu.server)}, PostgreSQL ${pct(figures.cpu.database)}, load generator ${pct(figures.loadCpu)} of a core; core 0 ${pct(figures.cpu.serverCore)}, core 1 ${pct(figures.cpu.loadCore)} busy${figures.cpu.other > 0.1 ? `, **other processes and kernel ${pct(figures.cpu.other)}**` : ''}${figures.errors || figures.non2xx ? `; ${figures.errors} errors, ${figures.non2xx} non-2xx` : ''}`;
}

export const pct = (share: number) => `${Math.round(share * 100)} %`;
