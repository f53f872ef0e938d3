import { DataSource } from 'typeorm';
import type { TestApp } from './test-app.js';

/** The tables a refused account request must leave untouched. */
export const ACCOUNT_TABLES = ['account', 'recovery_code', 'auth_session', 'refresh_token'] as const;

export type RowCounts = Record<(typeof ACCOUNT_TABLES)[number], number>;

/** How many rows each account table holds, read straight from the app's database. */
export async function countRows(app: TestApp): Promise<RowCounts> {
  const dataSource = app.app.get(DataSource);
  const counts = {} as RowCounts;
  for (const table of ACCOUNT_TABLES) {
    const [row] = await dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM "${table}"`);
    counts[table] = row.count;
  }
  return counts;
}

/** The id of the account with this login name, or undefined. */
export async function accountId(app: TestApp, loginName: string): Promise<string | undefined> {
  const rows = await app.app
    .get(DataSource)
    .query<{ id: string }[]>('SELECT id FROM account WHERE login_name = $1', [loginName.toLowerCase()]);
  return rows[0]?.id;
}
