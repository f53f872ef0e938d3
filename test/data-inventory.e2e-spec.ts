import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app.js';

function documentedColumns(): Set<string> {
  const text = readFileSync(new URL('../docs/data-inventory.md', import.meta.url), 'utf8');
  return new Set([...text.matchAll(/^\|\s*`([a-z_]+\.[a-z_]+)`\s*\|/gm)].map((match) => match[1]));
}

describe('the schema', () => {
  let app: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    app = await startTestApp();
    dataSource = app.app.get(DataSource);
  });

  afterAll(async () => {
    await app.close();
  });

  it('has no column that the data inventory does not explain', async () => {
    const rows = await dataSource.query<{ column: string }[]>(
      `SELECT table_name || '.' || column_name AS column FROM information_schema.columns
        WHERE table_schema = current_schema() ORDER BY 1`,
    );
    const live = rows.map((row) => row.column);
    const documented = documentedColumns();
    expect(live.length).toBeGreaterThan(0);
    expect(live.filter((column) => !documented.has(column))).toEqual([]);
    expect([...documented].filter((column) => !live.includes(column))).toEqual([]);
  });

  it('is exactly what the entities describe, so migrations and code cannot drift apart', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });
});
