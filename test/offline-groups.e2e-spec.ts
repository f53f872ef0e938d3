import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import type { CrisisAuditEntry } from '../src/contracts/crisis.js';
import type { DirectoryEntry } from '../src/contracts/group-info.js';
import {
  OFFLINE_IMPORT_BODY_LIMIT_BYTES,
  OFFLINE_IMPORT_MAX_CHARS,
  type OfflineGroupEntry,
  type OfflineImportResult,
} from '../src/contracts/offline-groups.js';
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
    // Each problem also travels as a code with its row and column, for the admin's language.
    expect(refused.details).toEqual([
      {
        field: 'row 5: region',
        message: 'Fill this in.',
        text: { code: 'offlineCsv.fillIn', params: { row: 5, column: 'region' } },
      },
      {
        field: 'row 6: category',
        message: expect.stringContaining('psychological'),
        text: { code: 'offlineCsv.category', params: { row: 6, column: 'category' } },
      },
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

  it('names the row a spreadsheet shows after a quoted cell with a line break, not the file line', async () => {
    const before = await count();
    const csv = `${HEADER}\n"Praatgroep","Angst\nen paniek",psychological,Gent,Wekelijks,x.example\nTweede,Thema,social,,Wekelijks,x.example\n`;
    const refused = expectError(await importCsv(admin, { csv }), 400, 'validation_failed');
    // Row 2 spans file lines 2-3: the empty region is on file line 4, spreadsheet row 3.
    expect(refused.details?.map((problem) => problem.field)).toEqual(['row 2: topic', 'row 3: region']);
    expect(refused.details?.[1].text).toEqual({ code: 'offlineCsv.fillIn', params: { row: 3, column: 'region' } });
    expect(await count()).toBe(before);
  });

  it('reads a semicolon file (Belgian Excel) with commas inside its cells', async () => {
    const csv =
      'Naam;Thema;Categorie;Gemeente;Ritme;Contact\n' +
      'Praatcafe Gent, centrum;Angst, paniek en fobie;psychisch;Gent;Elke dinsdag, 19u30;09 000 00 00, na 18u\n';
    const imported = await importCsv(admin, { csv });
    expect(imported.status).toBe(200);
    expect(await offline(`q=${encodeURIComponent('centrum')}`)).toEqual(['Praatcafe Gent, centrum']);
    const entry = ((await app.http.get('/api/offline-groups?q=centrum')).body as OfflineGroupEntry[])[0];
    expect([entry.topic, entry.rhythm, entry.contact]).toEqual([
      'Angst, paniek en fobie',
      'Elke dinsdag, 19u30',
      '09 000 00 00, na 18u',
    ]);
    await importCsv(admin, { csv: CSV, replaceAll: true });
  });

  it('refuses a file that was not read as UTF-8 (U+FFFD in it) as a whole, saying to save it as UTF-8', async () => {
    const before = await count();
    const csv = `${HEADER}\nCaf\uFFFD Gent,Thema,social,Gent,Wekelijks,x.example\nGoed,Thema,social,Gent,Wekelijks,x.example\n`;
    const refused = expectError(await importCsv(admin, { csv }), 400, 'validation_failed');
    expect(refused.message).toContain('UTF-8');
    expect(refused.details).toEqual([
      { field: 'file', message: expect.stringContaining('UTF-8'), text: { code: 'offlineCsv.notUtf8' } },
    ]);
    expect(await count()).toBe(before);
  });

  it('imports a realistic list of 1,250 groups (over 64 KiB) on its own body limit; 64 KiB stays the limit elsewhere', async () => {
    const regions = ['Gent', 'Antwerpen', 'Brugge', 'Leuven', 'Hasselt', 'Kortrijk', 'Aalst', 'Mechelen'];
    const rows = Array.from({ length: 1250 }, (_, index) => {
      const region = regions[index % regions.length];
      return `Zelfhulpgroep ${index + 1} ${region},"Angst, depressie en burn-out: lotgenoten praten samen",psychological,${region},Elke tweede dinsdag om 19u30,www.zelfhulp-${index + 1}.example`;
    });
    const csv = [HEADER, ...rows].join('\n');
    expect(Buffer.byteLength(JSON.stringify({ csv }))).toBeGreaterThan(150 * 1024);
    const imported = await importCsv(admin, { csv, replaceAll: true });
    expect(imported.status).toBe(200);
    expect(imported.body as OfflineImportResult).toMatchObject({ created: 1250, total: 1250 });
    expect(await count()).toBe(1250);

    // Past the import's own limit (the contract's 2,000,000 characters, as UTF-8 JSON): a clear 413.
    const huge = await importCsv(admin, { csv: `${HEADER}\n${'x'.repeat(OFFLINE_IMPORT_BODY_LIMIT_BYTES)}` });
    expect(expectError(huge, 413, 'payload_too_large').message).toBe('The request body is larger than 6 MiB.');
    // Under that limit but over the contract's characters: refused for what it says.
    const long = await importCsv(admin, { csv: `${HEADER}\n${'x'.repeat(OFFLINE_IMPORT_MAX_CHARS)}` });
    expect(expectError(long, 400, 'validation_failed').details?.[0].field).toBe('csv');
    // Every other route keeps 64 KiB, an admin's too.
    const elsewhere = await app.http
      .post('/api/admin/group-proposals/00000000-0000-4000-8000-000000000000/decision')
      .set('Authorization', admin.bearer)
      .send({ approve: false, reason: 'x'.repeat(70 * 1024) });
    expect(expectError(elsewhere, 413, 'payload_too_large').message).toBe('The request body is larger than 64 KiB.');
    expect(await count()).toBe(1250);
    await importCsv(admin, { csv: CSV, replaceAll: true });
  });
  it('searches a place from the start of a word, under its usual names, the "near" words not counting', async () => {
    const csv = [
      CSV,
      'Hoogbegaafd@Antwerpen,Hoogbegaafde en intelligente kinderen,social,Antwerpen,Maandelijks,hb.example',
      'Ouders Gent-Zuid,Opvoeden samen,social,Gent-Zuid,Maandelijks,ouders.example',
      'Rouw aan zee,Verlies,psychological,Den Haag,Wekelijks,rouw.example',
      'Burn-out Leuven,Burn-out,psychological,Leuven,Wekelijks,bo.example',
      'Faalangstgroep,Examenstress,psychological,Kortrijk,Wekelijks,faal.example',
      'Creatief atelier,Rouw verwerken,psychological,Mechelen,Wekelijks,atelier.example',
      'Praatgroep Lier,Rouw verwerken,psychological,Lier,Wekelijks,lier.example',
    ].join('\n');
    expect((await importCsv(admin, { csv, replaceAll: true })).status).toBe(200);
    const gent = ['AA Sint-Pieters', 'Angst en paniek Gent', 'Ouders Gent-Zuid'];
    for (const query of [
      'gent',
      'in de buurt van Gent',
      'near Ghent',
      'bij Gent',
      'rond Gent',
      'regio Gent',
      'omgeving Gand',
    ]) {
      expect({ query, found: await offline(`q=${encodeURIComponent(query)}`) }).toEqual({ query, found: gent });
    }
    expect(await offline(`q=${encodeURIComponent('angst near Ghent')}`)).toEqual(['Angst en paniek Gent']);
    expect(await offline('q=Antwerp')).toEqual(['Hoogbegaafd@Antwerpen']);
    expect(await offline(`q=${encodeURIComponent('in the area of Anvers')}`)).toEqual(['Hoogbegaafd@Antwerpen']);
    expect(await offline('q=intelligent')).toEqual(['Hoogbegaafd@Antwerpen']);
    expect(await offline(`q=${encodeURIComponent('near The Hague')}`)).toEqual(['Rouw aan zee']);
    expect(await offline(`q=${encodeURIComponent('Den Haag')}`)).toEqual(['Rouw aan zee']);
    expect(await offline('q=Louvain')).toEqual(['Burn-out Leuven']);
    expect(await offline('q=Bruges')).toEqual(['Rouwgroep Brugge']);
    // Other words are found inside a word, as in the online groups (Dutch compounds), beside a place too.
    expect(await offline('q=angst')).toEqual(['Angst en paniek Gent', 'Faalangstgroep']);
    expect(await offline(`q=${encodeURIComponent('faalangst in de buurt van Courtrai')}`)).toEqual(['Faalangstgroep']);
    expect(await offline('q=stress')).toEqual(['Faalangstgroep']);
    // A municipality no table knows is a place once a listed group meets there: "Lier" is not "atelier".
    expect(await offline(`q=${encodeURIComponent('in de buurt van Lier')}`)).toEqual(['Praatgroep Lier']);
    expect(await offline('q=rouw')).toEqual([
      'Creatief atelier',
      'Praatgroep Lier',
      'Rouw aan zee',
      'Rouwgroep Brugge',
    ]);
    await importCsv(admin, { csv: CSV, replaceAll: true });
  });
});
