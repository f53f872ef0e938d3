import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { DomainError } from '../common/domain-error.js';

/**
 * The running server's door for the command line (`npm run kring -- admin:grant`) while the
 * embedded database is in use: PGlite allows one process on a data folder, so the command hands
 * its work to the server instead of opening the database itself.
 *
 * It cannot be reached from the network: it is a Unix socket in the data folder (mode 0600), and
 * each request must carry the token the server wrote next to it at start (mode 0600), which only
 * the local user who runs the server can read. Nothing else listens for it, and no HTTP route
 * does what it does.
 */
export const LOCAL_ADMIN_SOCKET = 'kring-admin.sock';
export const LOCAL_ADMIN_TOKEN = 'kring-admin.token';

/** What a command does in the server, given its arguments; answers the line the user sees. */
export type LocalAdminHandler = (args: string[]) => Promise<string>;

interface LocalAdminRequest {
  token: string;
  command: string;
  args: string[];
}

export interface LocalAdminReply {
  ok: boolean;
  message: string;
}

/** A request is one JSON line; anything longer is not ours. */
const MAX_REQUEST_BYTES = 4096;
const REQUEST_TIMEOUT_MS = 5_000;

export class LocalAdminChannel {
  private constructor(
    private readonly server: Server,
    private readonly dataDir: string,
  ) {}

  /**
   * Opens the channel in `dataDir`; call it only while holding the data folder's lock (files
   * left there by a process that died are removed). Unknown commands and a wrong token are
   * answered with a refusal; a handler's DomainError with its message, anything else with a line
   * that points to the server's log (`onUnexpected` gets the error).
   */
  static async open(
    dataDir: string,
    handlers: Record<string, LocalAdminHandler>,
    onUnexpected: (error: unknown) => void,
  ): Promise<LocalAdminChannel> {
    const socketPath = join(dataDir, LOCAL_ADMIN_SOCKET);
    const tokenPath = join(dataDir, LOCAL_ADMIN_TOKEN);
    removeFiles(dataDir);
    const token = Buffer.from(randomBytes(32).toString('base64url'));
    writeFileSync(tokenPath, token, { mode: 0o600 });

    const serve = async (request: unknown): Promise<LocalAdminReply> => {
      if (!isRequest(request) || !sameToken(Buffer.from(request.token), token)) {
        return { ok: false, message: 'Refused: this channel is for the command line of the user who runs Kring.' };
      }
      const handler = Object.hasOwn(handlers, request.command) ? handlers[request.command] : undefined;
      if (!handler) {
        return { ok: false, message: `The running server cannot do "${request.command}".` };
      }
      try {
        return { ok: true, message: await handler(request.args) };
      } catch (error) {
        if (error instanceof DomainError) {
          return { ok: false, message: error.message };
        }
        onUnexpected(error);
        return { ok: false, message: 'The running server could not do it: see its log.' };
      }
    };

    const server = createServer((socket) => answerOne(socket, serve));
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(socketPath, () => {
          server.off('error', reject);
          resolve();
        });
      });
      chmodSync(socketPath, 0o600);
    } catch (error) {
      server.close();
      removeFiles(dataDir);
      throw error;
    }
    return new LocalAdminChannel(server, dataDir);
  }

  /** Stops listening and removes the socket and token files. */
  close(): void {
    this.server.close();
    removeFiles(this.dataDir);
  }
}

function removeFiles(dataDir: string): void {
  rmSync(join(dataDir, LOCAL_ADMIN_SOCKET), { force: true });
  rmSync(join(dataDir, LOCAL_ADMIN_TOKEN), { force: true });
}

function isRequest(value: unknown): value is LocalAdminRequest {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { token, command, args } = value as Record<string, unknown>;
  return (
    typeof token === 'string' &&
    typeof command === 'string' &&
    Array.isArray(args) &&
    args.every((arg) => typeof arg === 'string')
  );
}

function sameToken(given: Buffer, expected: Buffer): boolean {
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Reads one JSON line, answers it with one JSON line, and closes. */
function answerOne(socket: Socket, serve: (request: unknown) => Promise<LocalAdminReply>): void {
  let buffered = '';
  let answered = false;
  socket.setEncoding('utf8');
  socket.setTimeout(REQUEST_TIMEOUT_MS, () => socket.destroy());
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: string) => {
    if (answered) {
      return;
    }
    buffered += chunk;
    const end = buffered.indexOf('\n');
    if (end < 0) {
      if (buffered.length > MAX_REQUEST_BYTES) {
        socket.destroy();
      }
      return;
    }
    answered = true;
    let request: unknown;
    try {
      request = JSON.parse(buffered.slice(0, end));
    } catch {
      request = undefined;
    }
    void serve(request).then((reply) => socket.end(`${JSON.stringify(reply)}\n`));
  });
}

/**
 * Hands a command to the server running on `dataDir`. Answers undefined when no server is
 * listening there (no channel files, or files left by a process that died): the caller then does
 * the work itself, and meets the data folder's lock if some other process holds it.
 */
export async function askRunningServer(
  dataDir: string,
  command: string,
  args: string[],
): Promise<LocalAdminReply | undefined> {
  let token: string;
  try {
    token = readFileSync(join(dataDir, LOCAL_ADMIN_TOKEN), 'utf8');
  } catch {
    return undefined;
  }
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = createConnection(join(dataDir, LOCAL_ADMIN_SOCKET));
    socket.setEncoding('utf8');
    socket.setTimeout(30_000, () => {
      socket.destroy();
      reject(new Error('The running server did not answer within 30 s.'));
    });
    socket.on('connect', () => socket.write(`${JSON.stringify({ token, command, args })}\n`));
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') {
        resolve(undefined);
      } else {
        reject(new Error(`Could not reach the running server: ${error.message}`));
      }
    });
    socket.on('end', () => {
      try {
        resolve(JSON.parse(answer) as LocalAdminReply);
      } catch {
        reject(new Error('The running server gave no answer.'));
      }
    });
  });
}
