import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { TokenPair } from '../src/contracts/auth.js';
import type { CrisisDeskEntry } from '../src/contracts/crisis.js';
import type { GroupDetail, MyMembership } from '../src/contracts/groups.js';
import type { ThreadWithPosts } from '../src/contracts/forums.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { appointResponder, as, sendCrisis } from './support/crisis.js';
import { createGroup, joinGroup, makeModerator, registerAdmin } from './support/groups.js';
import { closeChatClients, connectChat, joinRoom, sendMessage } from './support/sockets.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { embeddedTemplate, type TestDatabase } from './support/test-database.js';

/**
 * `npm run kring -- backup FILE` and `restore FILE` (the built CLI, as an operator runs it): a site
 * on the embedded database is backed up, restored into a fresh data folder and loaded into a real
 * PostgreSQL 15 with psql, and each time the real app serves the same accounts, posts, chat history
 * and audit logs. The embedded parts ignore DATABASE_URL, so the file passes with it set too.
 */
const CLI = join(process.cwd(), 'dist', 'src', 'cli.js');
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function kring(args: string[], env: Record<string, string>): Promise<Run> {
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  delete inherited.JWT_SECRET;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...inherited, NODE_ENV: 'test', ...env }, encoding: 'utf8', timeout: 180_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A refusal: exit code 1 and one line on stderr, no stack trace. */
function expectRefusal(run: Run, message: RegExp): void {
  expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 1, stdout: '' });
  expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(message)]);
}

const scratch = mkdtempSync(join(tmpdir(), 'kring-backup-'));
const folder = (name: string) => join(scratch, name);

function embeddedDatabase(dataDir: string): TestDatabase {
  return { env: { DATA_DIR: dataDir }, drop: () => Promise.resolve() };
}

interface Person {
  member: TestMember;
  membership: MyMembership;
}

/** Who wrote what on the site before the backup. */
interface Site {
  admin: TestMember;
  group: GroupDetail;
  moderator: Person;
  members: Person[];
  responder: TestMember;
  threadId: string;
}

async function buildSite(app: TestApp): Promise<Site> {
  const admin = await registerAdmin(app);
  const group = await createGroup(app, admin, { name: 'Rouw na zelfdoding' });
  const join = async (alias: string): Promise<Person> => {
    const member = await registerMember(app);
    return { member, membership: await joinGroup(app, member, group.slug, { alias }) };
  };
  const moderator = await join('Moderator Mila');
  await makeModerator(app, moderator.membership);
  const members = [await join('Stille Reiger'), await join('Vroege Merel'), await join('Oude Eik')];
  const base = `/api/groups/${group.slug}`;

  const thread = await as(app, members[0].member, 'post', `${base}/threads`, {
    title: 'Het eerste jaar',
    body: 'Hoe kwamen jullie door de feestdagen? Ik zie er erg tegenop.',
  }).expect(201);
  const threadId = (thread.body as { id: string }).id;
  for (const [i, body] of [
    'Met een kaars voor hem op tafel.',
    "Ik ging wandelen, ver weg van alles. Ook 'n optie.",
  ].entries()) {
    await as(app, members[i + 1].member, 'post', `${base}/threads/${threadId}/posts`, { body }).expect(201);
  }

  const ref = { group: group.slug };
  for (const [i, body] of [
    'Goedenavond allemaal',
    'Hoi! Fijn dat je er bent 🌱',
    'Mag ik iets delen over vandaag?',
  ].entries()) {
    const socket = await connectChat(app, members[i].member);
    await joinRoom(socket, ref);
    await sendMessage(socket, ref, body);
  }

  await as(app, moderator.member, 'post', `${base}/moderation/actions`, {
    action: 'warn',
    memberId: members[2].membership.memberId,
    reason: 'Laat anderen uitpraten, alsjeblieft.',
  }).expect(201);

  const responder = await appointResponder(app, admin, { name: 'Vrijwilliger Noor' });
  const crisisGroup = await createGroup(app, admin, { name: 'Depressie' });
  const inCrisis = await registerMember(app);
  await joinGroup(app, inCrisis, crisisGroup.slug);
  const socket = await connectChat(app, inCrisis);
  await joinRoom(socket, { group: crisisGroup.slug });
  await sendCrisis(socket, { group: crisisGroup.slug });
  closeChatClients();
  return { admin, group, moderator, members, responder: responder.member, threadId };
}

/** Signs every person in again with their password, as after a move; their fresh tokens. */
async function signIn(app: TestApp, member: TestMember): Promise<TestMember> {
  const response = await app.http
    .post('/api/auth/login')
    .send({ loginName: member.loginName, password: member.password });
  expect(response.status).toBe(200);
  const tokens = response.body as TokenPair;
  return { ...member, tokens, bearer: `Bearer ${tokens.accessToken}` };
}

/** What members, the moderator, the admin and the crisis responder see, read over HTTP and Socket.IO. */
async function readSite(app: TestApp, site: Site) {
  const base = `/api/groups/${site.group.slug}`;
  const admin = await signIn(app, site.admin);
  const moderator = await signIn(app, site.moderator.member);
  const members = await Promise.all(site.members.map((person) => signIn(app, person.member)));
  const responder = await signIn(app, site.responder);

  const groups = await Promise.all(
    members.map(async (member) => (await as(app, member, 'get', '/api/me/groups').expect(200)).body as unknown),
  );
  const read = (await as(app, members[0], 'get', `${base}/threads/${site.threadId}`).expect(200))
    .body as ThreadWithPosts;
  const socket = await connectChat(app, members[1]);
  const joined = await joinRoom(socket, { group: site.group.slug });
  closeChatClients();
  const audit = (await as(app, moderator, 'get', `${base}/moderation/audit`).expect(200)).body as unknown;
  const crisisAudit = (await as(app, admin, 'get', '/api/admin/crisis/audit').expect(200)).body as unknown;
  // What the member in crisis is told follows who is connected now, not what was stored: left out.
  const desk = ((await as(app, responder, 'get', '/api/crisis/desk').expect(200)).body as CrisisDeskEntry[]).map(
    ({ memberState: _live, ...stored }) => stored,
  );
  return {
    groups,
    thread: {
      title: read.thread.title,
      author: read.thread.author,
      body: read.thread.body,
      posts: read.posts.map((post) => ({ id: post.id, author: post.author, body: post.body, at: post.createdAt })),
    },
    chat: joined.history,
    audit,
    crisisAudit,
    desk,
  };
}

type SiteView = Awaited<ReturnType<typeof readSite>>;

describe('backup and restore of the embedded database', () => {
  const source = folder('site');
  const dump = join(scratch, 'kring-backup.sql');
  let site: Site;
  let before: SiteView;

  beforeAll(async () => {
    if (!existsSync(CLI)) {
      throw new Error(`${CLI} is missing: run "npm run build:server" (npm test does it first)`);
    }
    cpSync(await embeddedTemplate(), source, { recursive: true });
    const app = await startTestApp({ database: embeddedDatabase(source) });
    try {
      site = await buildSite(app);
      await readSite(app, site);
      // Read twice: the first read marks the thread and room as read, which the backup then holds.
      before = await readSite(app, site);

      expectRefusal(
        await kring(['backup', join(scratch, 'while-running.sql')], { DATA_DIR: source }),
        /^Stop the server first/,
      );
      expect(existsSync(join(scratch, 'while-running.sql'))).toBe(false);
    } finally {
      closeChatClients();
      await app.close();
    }
    const backedUp = await kring(['backup', dump], { DATA_DIR: source });
    expect(backedUp).toEqual({
      code: 0,
      stdout: expect.stringMatching(/^Backed up .* kB in [\d.]+ s\)\.\n$/),
      stderr: '',
    });
  }, 300_000);

  afterAll(() => {
    closeChatClients();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('backs up a site with replies, chat messages, a warning in the audit log and an open crisis case', () => {
    expect(before.thread.posts.map((post) => post.body)).toEqual([
      'Met een kaars voor hem op tafel.',
      "Ik ging wandelen, ver weg van alles. Ook 'n optie.",
    ]);
    expect(before.chat.map((message) => message.body)).toEqual([
      'Goedenavond allemaal',
      'Hoi! Fijn dat je er bent 🌱',
      'Mag ik iets delen over vandaag?',
    ]);
    expect(JSON.stringify(before.audit)).toContain('Laat anderen uitpraten');
    expect(JSON.stringify(before.crisisAudit)).toContain('responder-appointed');
    expect(before.desk).toEqual([expect.objectContaining({ group: expect.objectContaining({ name: 'Depressie' }) })]);
  });

  it('restores into a fresh data folder: nothing to migrate, and the app serves the same site', async () => {
    const restored = folder('restored');
    const run = await kring(['restore', dump], { DATA_DIR: restored });
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Restored .* \d+ tables, \d+ rows, last migration \w+/);
    expect(await kring(['migration:run'], { DATA_DIR: restored })).toEqual({
      code: 0,
      stdout: 'Nothing to apply.\n',
      stderr: '',
    });

    const app = await startTestApp({ database: embeddedDatabase(restored) });
    try {
      expect(await readSite(app, site)).toEqual(before);
    } finally {
      closeChatClients();
      await app.close();
    }
  }, 180_000);

  it('loads into PostgreSQL 15 with psql, and the app serves the same site from it', async () => {
    const name = `kring_backup_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: SERVER_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(SERVER_URL);
    url.pathname = `/${name}`;
    try {
      const loaded = await psql([
        '-v',
        'ON_ERROR_STOP=1',
        '--single-transaction',
        '-q',
        '-o',
        '/dev/null',
        '-f',
        dump,
        url.toString(),
      ]);
      expect(loaded).toEqual({ code: 0, stdout: '', stderr: '' });
      expect(await kring(['migration:run'], { DATABASE_URL: url.toString(), DATA_DIR: folder('pg-cli') })).toEqual({
        code: 0,
        stdout: 'Nothing to apply.\n',
        stderr: '',
      });
      const app = await startTestApp({
        database: { env: { DATABASE_URL: url.toString() }, drop: () => Promise.resolve() },
      });
      try {
        expect(await readSite(app, site)).toEqual(before);
      } finally {
        closeChatClients();
        await app.close();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }, 180_000);

  it('refuses to restore into a folder that holds a database, and leaves it as it was', async () => {
    const listing = () => readdirSync(join(source, 'pgdata')).sort();
    const files = listing();
    const marker = readFileSync(join(source, 'kring-database.json'), 'utf8');
    expectRefusal(
      await kring(['restore', dump], { DATA_DIR: source }),
      /already holds a database; restore only into an empty data folder/,
    );
    expect(listing()).toEqual(files);
    expect(readFileSync(join(source, 'kring-database.json'), 'utf8')).toBe(marker);
  }, 60_000);

  it('refuses to back up a data folder that does not exist, creating nothing', async () => {
    const missing = folder('never-made');
    const file = join(scratch, 'of-nothing.sql');
    expectRefusal(
      await kring(['backup', file], { DATA_DIR: missing }),
      /^There is no embedded database in .*never-made to back up/,
    );
    expect([existsSync(missing), existsSync(file)]).toEqual([false, false]);
  }, 60_000);

  it.each([
    ['garbage', () => randomBytes(4096), /is not a plain-SQL dump made by "npm run kring -- backup"/],
    ['a dump cut short', () => readFileSync(dump, 'utf8').slice(0, 20_000), /is cut short/],
    ['a file that is missing', undefined, /^Cannot read .*missing\.sql/],
  ])(
    'refuses %s as a dump, leaving no database behind',
    async (label, content, message) => {
      const file = join(scratch, content ? `${label.replace(/\W+/g, '-')}.sql` : 'missing.sql');
      if (content) {
        writeFileSync(file, content());
      }
      const target = folder(`from-${label.replace(/\W+/g, '-')}`);
      expectRefusal(await kring(['restore', file], { DATA_DIR: target }), message);
      expect(existsSync(join(target, 'pgdata'))).toBe(false);
    },
    60_000,
  );

  it('refuses a whole dump that fails to load half-way, leaving no half-restored database', async () => {
    const whole = readFileSync(dump, 'utf8');
    const end = whole.lastIndexOf('--\n-- PostgreSQL database dump complete');
    const broken = join(scratch, 'broken.sql');
    writeFileSync(
      broken,
      `${whole.slice(0, end)}INSERT INTO public.account (id) VALUES ('not a uuid');\n${whole.slice(end)}`,
    );
    const target = folder('from-broken');
    expectRefusal(
      await kring(['restore', broken], { DATA_DIR: target }),
      /broken\.sql did not load \(.*uuid.*\); nothing was restored\.$/,
    );
    expect(existsSync(target) ? readdirSync(target) : []).toEqual([]);
  }, 120_000);

  it('says to use pg_dump and psql when DATABASE_URL is set', async () => {
    const env = { DATABASE_URL: SERVER_URL, DATA_DIR: source };
    expectRefusal(
      await kring(['backup', join(scratch, 'pg.sql')], env),
      /^DATABASE_URL is set: back up PostgreSQL with its own tool, e\.g\. pg_dump/,
    );
    expectRefusal(await kring(['restore', dump], env), /^DATABASE_URL is set: load the dump .* with psql/);
    expect(existsSync(join(scratch, 'pg.sql'))).toBe(false);
  }, 60_000);
});

function psql(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('psql', args, { encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}
