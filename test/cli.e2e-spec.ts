import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LOCAL_ADMIN_SOCKET, LOCAL_ADMIN_TOKEN } from '../src/accounts/local-admin.js';
import type { CrisisAuditEntry } from '../src/contracts/crisis.js';
import { type ClusterMember, type KringProcess, register, startKring } from './support/cluster.js';
import { embeddedTemplate } from './support/test-database.js';

const CLI = join(process.cwd(), 'dist', 'src', 'cli.js');
const JWT_SECRET = randomBytes(32).toString('hex');

/** `node dist/src/cli.js …` (what `npm run kring --` runs once the build is current). */
async function kringCli(
  args: string[],
  dataDir: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', DATA_DIR: dataDir, JWT_SECRET };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr };
}

/** One request on the local admin socket, written as a caller of our choosing would. */
async function askSocket(dataDir: string, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = createConnection(join(dataDir, LOCAL_ADMIN_SOCKET));
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(line));
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
  });
}

const expectOneLine = (text: string) => {
  expect(text.trim().split('\n')).toHaveLength(1);
  expect(text).not.toMatch(/^\s+at /m);
};

/**
 * `npm run kring -- admin:grant` while the server runs on the embedded database, which only one
 * process may open: the command hands the grant to the running server over a local-only channel.
 * These run on the embedded database in both test runs (the channel exists only there).
 */
describe('the command line beside a running server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kring-cli-'));
  const savedDatabaseUrl = process.env.DATABASE_URL;
  let kring: KringProcess;
  let member: ClusterMember;

  const watchedWordsStatus = async (token: string) =>
    (await fetch(`${kring.baseUrl}/api/admin/watched-words`, { headers: { authorization: `Bearer ${token}` } })).status;

  beforeAll(async () => {
    cpSync(await embeddedTemplate(), dataDir, { recursive: true });
    // The server process inherits the environment: on the PostgreSQL run it must not see the server's URL.
    delete process.env.DATABASE_URL;
    kring = await startKring('cli', { DATA_DIR: dataDir, JWT_SECRET });
    member = await register(kring);
  }, 120_000);

  afterAll(async () => {
    await kring?.stop();
    if (savedDatabaseUrl !== undefined) {
      process.env.DATABASE_URL = savedDatabaseUrl;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says in its first line after listening the address to open', () => {
    const lines = kring.output().split('\n');
    const started = lines.findIndex((line) => line.includes('Nest application successfully started'));
    expect(started).toBeGreaterThanOrEqual(0);
    expect(lines[started + 1]).toContain(`Kring draait op http://localhost:${new URL(kring.baseUrl).port}`);
  });

  it('grants admin through the running server, and the account then sees the admin routes', async () => {
    expect(await watchedWordsStatus(member.token)).toBe(403);
    const result = await kringCli(['admin:grant', member.loginName.toUpperCase()], dataDir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(`${member.loginName} is now an admin.\n`);
    expect(await watchedWordsStatus(member.token)).toBe(200);
    // Who was made an admin, and by what, is in the site-wide audit log.
    const audit = (await (
      await fetch(`${kring.baseUrl}/api/admin/crisis/audit`, { headers: { authorization: `Bearer ${member.token}` } })
    ).json()) as CrisisAuditEntry[];
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'admin-granted',
        actor: { server: 'command line on the server' },
        reason: '',
        reasonText: { code: 'crisisAudit.adminGranted' },
      }),
    );
    // Never the login name: nobody else ever sees it.
    expect(JSON.stringify(audit)).not.toContain(member.loginName);
  }, 60_000);

  it('answers an unknown login name with one line and exit code 1', async () => {
    const result = await kringCli(['admin:grant', 'nobody_by_that_name'], dataDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('No account with this login name.\n');
    expect(result.stdout).toBe('');
  }, 60_000);

  it('says in one line, without a stack trace, to stop the server first for a command that needs the data folder', async () => {
    const result = await kringCli(['migration:run'], dataDir);
    expect(result.code).toBe(1);
    expectOneLine(result.stderr);
    expect(result.stderr).toMatch(new RegExp(`^Stop the server first: .*${dataDir}.*pid ${kring.pid}`));
  }, 60_000);

  it('keeps the channel to the local user: a socket and a token file only they can open, in the data folder', () => {
    expect(statSync(join(dataDir, LOCAL_ADMIN_SOCKET)).isSocket()).toBe(true);
    expect(statSync(join(dataDir, LOCAL_ADMIN_SOCKET)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, LOCAL_ADMIN_TOKEN)).mode & 0o777).toBe(0o600);
  });

  it('refuses a caller without the token, and a request that is not one, granting nothing', async () => {
    const other = await register(kring);
    const request = (token: string) =>
      `${JSON.stringify({ token, command: 'admin:grant', args: [other.loginName] })}\n`;
    const wrongToken = JSON.parse(await askSocket(dataDir, request('x'.repeat(43)))) as {
      ok: boolean;
      message: string;
    };
    expect(wrongToken).toEqual({ ok: false, message: expect.stringMatching(/^Refused/) });
    const noToken = JSON.parse(
      await askSocket(dataDir, `${JSON.stringify({ command: 'admin:grant', args: [other.loginName] })}\n`),
    );
    expect(noToken).toMatchObject({ ok: false });
    // An endless line without a newline is cut off, not buffered.
    expect(await askSocket(dataDir, 'x'.repeat(64 * 1024))).toBe('');
    expect(await watchedWordsStatus(other.token)).toBe(403);

    const token = readFileSync(join(dataDir, LOCAL_ADMIN_TOKEN), 'utf8');
    const unknown = JSON.parse(
      await askSocket(dataDir, `${JSON.stringify({ token, command: 'data:init', args: [] })}\n`),
    );
    expect(unknown).toEqual({ ok: false, message: 'The running server cannot do "data:init".' });
  }, 60_000);

  it('removes the channel when the server stops, and then grants directly on the data folder', async () => {
    const other = await register(kring);
    await kring.stop();
    expect(existsSync(join(dataDir, LOCAL_ADMIN_SOCKET))).toBe(false);
    expect(existsSync(join(dataDir, LOCAL_ADMIN_TOKEN))).toBe(false);
    const result = await kringCli(['admin:grant', other.loginName], dataDir);
    expect(result).toMatchObject({ code: 0, stdout: `${other.loginName} is now an admin.\n`, stderr: '' });
    await kring.restart();
    expect(await watchedWordsStatus(other.token)).toBe(200);
  }, 120_000);
});
