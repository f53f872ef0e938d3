import { afterAll, afterEach, beforeAll, jest } from '@jest/globals';
import type { Test } from 'supertest';
import { DataSource } from 'typeorm';
import type { GroupDetail, MyMembership } from '../../src/contracts/groups.js';
import { registerMember, type TestMember } from './accounts.js';
import { createGroup, joinGroup, makeModerator, registerAdmin } from './groups.js';
import { closeChatClients } from './sockets.js';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface AppSuite {
  /** The app on its own database; its fields are filled in before the first test. */
  app: TestApp;
  /** A site admin, registered before the first test. */
  admin: TestMember;
  /** A query on the app's database. */
  sql<T>(query: string, params?: unknown[]): Promise<T>;
  /** A request to `/api${path}` as a member, or as a guest with `null`. */
  as(who: TestMember | null, method: Method, path: string, body?: object): Test;
  /** A new account that joined `group`, under `alias` or a generated one. */
  memberOf(group: GroupDetail, alias?: string): Promise<{ member: TestMember; membership: MyMembership }>;
}

/**
 * The set-up most specs share, registered in the calling `describe`: before all, the app starts
 * on a database of its own and an admin registers (within `startMs`, or jest's default); after
 * all, chat clients and the app close.
 */
export function appSuite(options: { env?: TestAppOptions['env']; startMs?: number } = {}): AppSuite {
  // Filled in by beforeAll, so that a spec can take them apart at the top of its describe.
  const app = {} as TestApp;
  const admin = {} as TestMember;
  let started: TestApp | undefined;

  beforeAll(async () => {
    started = await startTestApp({ env: options.env });
    Object.assign(app, started);
    Object.assign(admin, await registerAdmin(app));
  }, options.startMs);

  afterAll(async () => {
    closeChatClients();
    await started?.close();
  });

  return {
    app,
    admin,
    sql: <T>(query: string, params: unknown[] = []) => app.app.get(DataSource).query<T>(query, params),
    as(who, method, path, body) {
      const request = app.http[method](`/api${path}`);
      if (who) {
        request.set('Authorization', who.bearer);
      }
      return body === undefined ? request : request.send(body);
    },
    async memberOf(group, alias) {
      const member = await registerMember(app);
      const membership = await joinGroup(app, member, group.slug, alias ? { alias } : {});
      return { member, membership };
    },
  };
}

export interface ModeratedGroupSuite extends AppSuite {
  /** A group made before the first test. */
  group: GroupDetail;
  /** Its moderator, under the alias given. */
  moderator: TestMember;
  /** A new member of the group under `alias`. */
  member(alias: string): Promise<{ member: TestMember; membership: MyMembership }>;
}

/**
 * `appSuite` with one group and its moderator made before all; after each test, mocks (a moved
 * chat clock, say) are restored.
 */
export function moderatedGroupSuite(moderatorAlias: string): ModeratedGroupSuite {
  const suite = appSuite();
  const group = {} as GroupDetail;
  const moderator = {} as TestMember;

  beforeAll(async () => {
    Object.assign(group, await createGroup(suite.app, suite.admin));
    Object.assign(moderator, await registerMember(suite.app));
    await makeModerator(suite.app, await joinGroup(suite.app, moderator, group.slug, { alias: moderatorAlias }));
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  return { ...suite, group, moderator, member: (alias) => suite.memberOf(group, alias) };
}
