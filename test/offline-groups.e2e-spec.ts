import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import type { CrisisAuditEntry } from '../src/contracts/crisis.js';
import type { DirectoryEntry } from '../src/contracts/group-info.js';
import type { OfflineGroupEntry, OfflineImportResult } from '../src/contracts/offline-groups.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { expectError } from './support/errors.js';
import { createGroup, registerAdmin } from './support/groups.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const HEADER = 'name,topic,category,region,rhythm,contact';
const CSV = [
  HEADER,
  'Angst en paniek Gent,"Angst, paniekaanvallen",psychological,Gent,Elke tweede dinsdag,09 000 00 00',
  'Rouwgroep Brugge,Verlies van een kind,psychological,Brugge,Maandelijks,www.rouw.example',
  'AA Sint-Pieters,Alcohol,addiction,Gent,Wekelijks,aa.example',
].join('\n');

describe('groups that meet in person (issue 14)', () => {
  let app: TestApp;
  let admin: TestMember;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await registerAdmin(app);
  });

  afterAll(async () => {
    await app.close();
  });

  const count = async () =>
    Number((await app.app.get(DataSource).query<{ n: number }[]>('SELECT count(*)::int AS n FROM offline_group'))[0].n);
  const importCsv = (who: TestMember | null, body: object) => {
    const request = app.http.post('/api/admin/offline-groups/import');
    if (who) {
      request.set('Authorization', who.bearer);
    }
    return request.send(body);
  };
  async function offline(query: string): Promise<string[]> {
    const response = await app.http.get(`/api/offline-groups?${query}`);
    expect(response.status).toBe(200);
    return (response.body as OfflineGroupEntry[]).map((group) => group.name).sort();
  }

  it('refuses the import to a member (403) and a guest (401), storing nothing', async () => {
    const member = await registerMember(app);
    expectError(await importCsv(member, { csv: CSV }), 403, 'forbidden');
    expectError(await importCsv(null, { csv: CSV }), 401, 'unauthorized');
    expect(await count()).toBe(0);
  });

  it('refuses a file with a malformed row with 400, naming the row and field, and imports none of its good rows', async () => {
    const bad = `${CSV}\nZonder regio,Depressie,psychological,,Wekelijks,x.example\nVijfde,Thema,geen-categorie,Gent,Wekelijks,x.example\n`;
    const refused = expectError(await importCsv(admin, { csv: bad }), 400, 'validation_failed');
    expect(refused.message).toContain('row 5: region');
    expect(refused.message).toContain('Nothing was imported');
    expect(refused.details).toEqual([
      { field: 'row 5: region', message: 'Fill this in.' },
      { field: 'row 6: category', message: expect.stringContaining('psychological') },
    ]);
    const broken = expectError(
      await importCsv(admin, { csv: `${HEADER}\n"Open quote,a,social,Gent,b,c\n` }),
      400,
      'validation_failed',
    );
    expect(broken.details?.[0].field).toMatch(/^row \d+: file$/);
    expect(await count()).toBe(0);
  });

  it('imports, then re-imports by the stable key (name and region): updated, not doubled; replaceAll removes the rest', async () => {
    const first = await importCsv(admin, { csv: CSV });
    expect(first.status).toBe(200);
    expect(first.body as OfflineImportResult).toEqual({ created: 3, updated: 0, removed: 0, total: 3 });

    const again = await importCsv(admin, {
      csv: `${HEADER}\nANGST EN PANIEK GENT,"Angst, paniek",psychological,gent,Elke dinsdag,09 000 00 00\nNieuw in Leuven,Burn-out,psychological,Leuven,Maandelijks,org.example\n`,
    });
    expect(again.body as OfflineImportResult).toEqual({ created: 1, updated: 1, removed: 0, total: 4 });
    // Each import is the admin's change to what every visitor reads: in the site-wide audit log, with its counts.
    const audit = (await app.http.get('/api/admin/crisis/audit').set('Authorization', admin.bearer))
      .body as CrisisAuditEntry[];
    expect(
      audit
        .filter((entry) => entry.action === 'offline-groups-imported')
        .map((entry) => [entry.reason, entry.reasonText]),
    ).toEqual([
      ['', { code: 'crisisAudit.offlineImported', params: { created: 1, updated: 1, removed: 0 } }],
      ['', { code: 'crisisAudit.offlineImported', params: { created: 3, updated: 0, removed: 0 } }],
    ]);
    const all = (await app.http.get('/api/offline-groups')).body as OfflineGroupEntry[];
    expect(all.find((group) => group.region === 'gent' && group.rhythm === 'Elke dinsdag')).toBeDefined();

    const replaced = await importCsv(admin, { csv: CSV, replaceAll: true });
    expect(replaced.body as OfflineImportResult).toEqual({ created: 0, updated: 3, removed: 1, total: 3 });
  });

  it('the directory finds them by region, "in de buurt van Gent" too, with the filters unchanged', async () => {
    await importCsv(admin, { csv: CSV, replaceAll: true });
    await createGroup(app, admin, { name: 'Angst online', description: 'Online groep over angst.' });
    expect(await offline('q=Gent')).toEqual(['AA Sint-Pieters', 'Angst en paniek Gent']);
    expect(await offline(`q=${encodeURIComponent('in de buurt van Gent')}`)).toEqual([
      'AA Sint-Pieters',
      'Angst en paniek Gent',
    ]);
    expect(await offline(`q=${encodeURIComponent('angst in de buurt van Gent')}`)).toEqual(['Angst en paniek Gent']);
    expect(await offline('q=Brugge')).toEqual(['Rouwgroep Brugge']);
    expect(await offline('category=addiction')).toEqual(['AA Sint-Pieters']);
    expect(await offline('q=Gent&category=psychological')).toEqual(['Angst en paniek Gent']);
    expect(await offline('language=en')).toEqual([]);
    expect(await offline('audience=relatives')).toEqual([]);
    // The online directory is searched as before, beside them.
    const online = (await app.http.get('/api/groups?q=angst')).body as DirectoryEntry[];
    expect(online.map((group) => group.name)).toContain('Angst online');
    const entry = ((await app.http.get('/api/offline-groups?q=Brugge')).body as OfflineGroupEntry[])[0];
    expect(entry).toEqual({
      id: expect.any(String),
      name: 'Rouwgroep Brugge',
      topic: 'Verlies van een kind',
      category: 'psychological',
      region: 'Brugge',
      rhythm: 'Maandelijks',
      contact: 'www.rouw.example',
      audience: 'peers',
      locale: 'nl',
    });
  });
});
