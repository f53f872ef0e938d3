import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { AccountPurgeRegistry } from '../src/accounts/account-purge.registry.js';
import { MembershipContentRegistry } from '../src/groups/membership-content.registry.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const inventory = () => readFileSync(new URL('../docs/data-inventory.md', import.meta.url), 'utf8');

function documentedColumns(): Set<string> {
  return new Set([...inventory().matchAll(/^\|\s*`([a-z_]+\.[a-z_]+)`\s*\|/gm)].map((match) => match[1]));
}

/** The rows of one of the inventory's sections, `| \`table.column\` | second cell |`, as [column, cell]. */
function sectionRows(heading: string): [string, string][] {
  const text = inventory();
  const start = text.indexOf(`\n## ${heading}\n`);
  expect({ heading, found: start >= 0 }).toEqual({ heading, found: true });
  const end = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/^\|\s*`([a-z_]+\.[a-z_]+)`\s*\|\s*(.+?)\s*\|\s*$/gm)].map((match) => [
    match[1],
    match[2],
  ]);
}

/** How a member's text is removed, as the inventory says it: a registered step, or a cascade from its parent. */
type Removal = { kind: 'membership' | 'account'; step: string } | { kind: 'cascade'; from: string };

function removal(cell: string): Removal | undefined {
  const step = /^(membership|account) purge `([a-z-]+)`$/.exec(cell);
  if (step) {
    return { kind: step[1] as 'membership' | 'account', step: step[2] };
  }
  const cascade = /^cascade from `([a-z_]+)`$/.exec(cell);
  return cascade ? { kind: 'cascade', from: cascade[1] } : undefined;
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

  it('says of every free-text column whether it holds a member’s words, and each of those has a purge', async () => {
    // Free text: text, or varchar long enough for a sentence (aliases, at 24, live on the membership itself).
    const rows = await dataSource.query<{ column: string }[]>(
      `SELECT table_name || '.' || column_name AS column FROM information_schema.columns
        WHERE table_schema = current_schema()
          AND (data_type = 'text' OR (data_type = 'character varying' AND character_maximum_length >= 60))
        ORDER BY 1`,
    );
    const freeText = rows.map((row) => row.column);
    const memberText = sectionRows('Members’ words');
    const otherText = sectionRows('Other free text');
    const classified = [...memberText, ...otherText].map(([column]) => column);
    expect(freeText.filter((column) => !classified.includes(column))).toEqual([]);
    expect(classified.filter((column) => !freeText.includes(column))).toEqual([]);

    const membershipSteps = app.app.get(MembershipContentRegistry).features();
    const accountSteps = app.app.get(AccountPurgeRegistry).features();
    const cascades = await dataSource.query<{ child: string; parent: string }[]>(
      `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
         FROM pg_constraint c WHERE c.contype = 'f' AND c.confdeltype = 'c'`,
    );
    const purged = new Map<string, Removal | undefined>(
      memberText.map(([column, cell]) => [column.split('.')[0], removal(cell)]),
    );
    const problems: string[] = [];
    for (const [column, cell] of memberText) {
      const how = removal(cell);
      const table = column.split('.')[0];
      if (!how) {
        problems.push(`${column}: "${cell}" names no purge step or cascade`);
      } else if (how.kind === 'membership' && !membershipSteps.includes(how.step)) {
        problems.push(`${column}: no membership purge step "${how.step}" is registered`);
      } else if (how.kind === 'account' && !accountSteps.includes(how.step)) {
        problems.push(`${column}: no account purge step "${how.step}" is registered`);
      } else if (how.kind === 'cascade') {
        if (!cascades.some((fk) => fk.child === table && fk.parent === how.from)) {
          problems.push(`${column}: no ON DELETE CASCADE foreign key from ${table} to ${how.from}`);
        } else if (how.from !== 'account' && !purged.has(how.from)) {
          problems.push(`${column}: ${how.from} is not a table whose member text is purged`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('is exactly what the entities describe, so migrations and code cannot drift apart', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });
});
