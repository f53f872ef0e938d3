import type { ChildProcess } from 'node:child_process';
import { exited } from './procs.js';

/**
 * Request/answer over a child's IPC channel: the orchestrator asks a load generator to run a step
 * and gets its figures back; the child may send marks (`window-start`) in between so the
 * orchestrator can read the server's CPU at the same moments.
 */
interface Request {
  id: number;
  cmd: string;
  args: unknown;
}
type Reply = { id: number; ok: true; data: unknown } | { id: number; ok: false; error: string };
interface Mark {
  mark: string;
}

export class LoadClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly markListeners = new Set<(mark: string) => void>();

  constructor(readonly child: ChildProcess) {
    child.on('message', (message: Reply | Mark) => {
      if ('mark' in message) {
        for (const listener of this.markListeners) {
          listener(message.mark);
        }
        return;
      }
      const waiting = this.pending.get(message.id);
      if (!waiting) {
        return;
      }
      this.pending.delete(message.id);
      if (message.ok) {
        waiting.resolve(message.data);
      } else {
        waiting.reject(new Error(message.error));
      }
    });
    child.once('exit', (code, signal) => {
      for (const waiting of this.pending.values()) {
        waiting.reject(new Error(`load generator exited (${code ?? signal})`));
      }
      this.pending.clear();
    });
  }

  request<T>(cmd: string, args: unknown = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, cmd, args } satisfies Request);
    });
  }

  onMark(listener: (mark: string) => void): () => void {
    this.markListeners.add(listener);
    return () => this.markListeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.child.connected) {
      this.child.send({ id: 0, cmd: 'exit', args: {} } satisfies Request);
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited(this.child);
    clearTimeout(timer);
  }
}

export type Handler = (args: never) => Promise<unknown>;

/** The child side: runs each command's handler and answers; `exit` ends the process. */
export function serveCommands(handlers: Record<string, Handler>): void {
  process.on('message', (message: Request) => {
    if (message.cmd === 'exit') {
      process.exit(0);
    }
    const handler = handlers[message.cmd];
    if (!handler) {
      process.send?.({ id: message.id, ok: false, error: `unknown command ${message.cmd}` } satisfies Reply);
      return;
    }
    handler(message.args as never).then(
      (data) => process.send?.({ id: message.id, ok: true, data } satisfies Reply),
      (error: unknown) =>
        process.send?.({
          id: message.id,
          ok: false,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        } satisfies Reply),
    );
  });
}

export function sendMark(mark: string): void {
  process.send?.({ mark } satisfies Mark);
}
