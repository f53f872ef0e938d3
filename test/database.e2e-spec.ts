import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource, type EntityManager } from 'typeorm';
import { DataDirLockedError } from '../src/database/data-dir-lock.js';
import { registerMember, strongPassword, uniqueLoginName } from './support/accounts.js';
import { expectError } from './support/errors.js';
import { authConfig } from './support/tokens.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const onPostgres = Boolean(process.env.DATABASE_URL);

/**
 * The embedded database (the default) must keep what PostgreSQL guarantees; every test here runs
 * on both, and means the same on both.
 */
describe('the database', () => {
  describe('transactions', () => {
    let app: TestApp;
    let dataSource: DataSource;

    beforeAll(async () => {
      app = await startTestApp();
      dataSource = app.app.get(DataSource);
    });

    afterAll(async () => {
      await app.close();
    });

    const insertAccount = (manager: EntityManager, loginName: string) =>
      manager.query(`INSERT INTO account (login_name, password_hash) VALUES ($1, 'not-a-hash')`, [loginName]);
    const existing = async (names: string[]) =>
      (
        await dataSource.query<{ login_name: string }[]>(
          'SELECT login_name FROM account WHERE login_name = ANY($1) ORDER BY login_name',
          [names],
        )
      ).map((row) => row.login_name);

    it('keep a rolled-back transaction out, while another one commits beside it', async () => {
      const rolledBack = uniqueLoginName('rolled_back');
      const committed = uniqueLoginName('committed');
      const outcomes = await Promise.allSettled([
        dataSource.transaction(async (manager) => {
          await insertAccount(manager, rolledBack);
          await delay(50);
          throw new Error('changed my mind');
        }),
        dataSource.transaction(async (manager) => {
          await delay(10);
          await insertAccount(manager, committed);
          await delay(20);
        }),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'fulfilled']);
      expect(await existing([rolledBack, committed])).toEqual([committed]);
    });

    it("never show a transaction's uncommitted row to a read from outside it", async () => {
      const name = uniqueLoginName('uncommitted');
      let signalInserted!: () => void;
      const inserted = new Promise<void>((resolve) => (signalInserted = resolve));
      const transaction = dataSource
        .transaction(async (manager) => {
          await insertAccount(manager, name);
          signalInserted();
          await delay(100);
          throw new Error('rolled back');
        })
        .then(
          () => 'committed',
          (error: Error) => error.message,
        );
      await inserted;
      // On PostgreSQL this read runs at once on another connection; on the embedded database it
      // waits for the one connection. Either way it must not see the row.
      const seen = await existing([name]);
      expect(await transaction).toBe('rolled back');
      expect(seen).toEqual([]);
      expect(await existing([name])).toEqual([]);
    });

    it('keep a transaction whole: a failure halfway leaves none of its writes', async () => {
      const first = uniqueLoginName('first');
      const duplicate = uniqueLoginName('dup');
      await insertAccount(dataSource.manager, duplicate);
      const outcome = await dataSource
        .transaction(async (manager) => {
          await insertAccount(manager, first);
          await insertAccount(manager, duplicate);
        })
        .then(
          () => 'committed',
          () => 'failed',
        );
      expect(outcome).toBe('failed');
      expect(await existing([first, duplicate])).toEqual([duplicate]);
      // The connection is usable again after the failed transaction.
      expect((await app.http.get('/api/health')).status).toBe(200);
    });
  });

  it('keeps accounts across a restart', async () => {
    const first = await startTestApp();
    let second: TestApp | undefined;
    try {
      const member = await registerMember(first);
      await first.stop();
      // A restart keeps its configuration, JWT_SECRET included (recovery codes are indexed under a key derived from it).
      second = await startTestApp({ database: first.database, env: { JWT_SECRET: authConfig(first).jwtSecret } });
      const login = await second.http
        .post('/api/auth/login')
        .send({ loginName: member.loginName, password: member.password });
      expect(login.status).toBe(200);
      const me = await second.http.get('/api/me').set('Authorization', `Bearer ${login.body.accessToken}`);
      expect(me.body).toMatchObject({ loginName: member.loginName });
      const recovery = await second.http
        .post('/api/auth/recover')
        .send({ loginName: member.loginName, recoveryCode: member.recoveryCodes[0], newPassword: strongPassword() });
      expect(recovery.status).toBe(204);
    } finally {
      await second?.stop();
      await first.close();
    }
  });

  // One test, two meanings: which database this run is on decides which promise is checked.
  it('refuses a second server on an embedded data folder in use (leaving the first running), while servers share PostgreSQL', async () => {
    const first = await startTestApp();
    try {
      if (onPostgres) {
        // Scale-out: servers behind a load balancer share the database and the JWT secret.
        const second = await startTestApp({
          database: first.database,
          env: { JWT_SECRET: authConfig(first).jwtSecret },
        });
        try {
          const member = await registerMember(first);
          expect((await second.http.get('/api/me').set('Authorization', member.bearer)).status).toBe(200);
          expect((await first.http.get('/api/me').set('Authorization', member.bearer)).status).toBe(200);
        } finally {
          await second.stop();
        }
      } else {
        const attempt = startTestApp({ database: first.database });
        await expect(attempt).rejects.toBeInstanceOf(DataDirLockedError);
        await expect(attempt).rejects.toThrow(/The data folder .* is in use by another Kring process/);
        expect((await first.http.get('/api/health')).body).toEqual({ status: 'ok', database: 'up' });
        const member = await registerMember(first);
        expect((await first.http.get('/api/me').set('Authorization', member.bearer)).status).toBe(200);
      }
    } finally {
      await first.close();
    }
  });

  it('is reported down by /api/health with 503 when it cannot be reached, and a good token is not called bad', async () => {
    const app = await startTestApp();
    try {
      expect((await app.http.get('/api/health')).status).toBe(200);
      const member = await registerMember(app);
      await app.app.get(DataSource).destroy();
      const health = await app.http.get('/api/health');
      expect(health.status).toBe(503);
      expect(health.body).toEqual({ status: 'unavailable', database: 'down' });
      // A 401 would make the client throw the member's tokens away over our outage.
      expectError(await app.http.get('/api/me').set('Authorization', member.bearer), 500, 'internal');
    } finally {
      await app.close();
    }
  });
});
