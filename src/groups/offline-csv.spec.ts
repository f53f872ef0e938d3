import { describe, expect, it } from '@jest/globals';
import { offlineKey, readOfflineCsv } from './offline-csv.js';

const HEADER = 'name,topic,category,region,rhythm,contact';

describe('reading an offline groups CSV', () => {
  it('reads rows with quotes, a BOM, semicolons and Dutch headers', () => {
    const comma = readOfflineCsv(
      `\uFEFF${HEADER}\n"Angst, samen",Angst en paniek,psychological,Gent,"Elke dinsdag, 19u",www.trefpunt.example\n\nRouw,Verlies,psychisch,Brugge,Maandelijks,050 00 00 00\n`,
    );
    expect(comma.problems).toEqual([]);
    expect(comma.rows.map((row) => [row.name, row.region, row.category, row.rhythm])).toEqual([
      ['Angst, samen', 'Gent', 'psychological', 'Elke dinsdag, 19u'],
      ['Rouw', 'Brugge', 'psychological', 'Maandelijks'],
    ]);
    const semicolon = readOfflineCsv(
      'Naam;Thema;Categorie;Gemeente;Ritme;Contact;Doelgroep\nAA;Alcohol;verslaving;Leuven;Wekelijks;aa.example;familie\n',
    );
    expect(semicolon.rows).toEqual([
      expect.objectContaining({
        name: 'AA',
        category: 'addiction',
        region: 'Leuven',
        audience: 'relatives',
        locale: 'nl',
      }),
    ]);
  });

  it('names the row (as a spreadsheet counts, the header being row 1) and the column of each problem, and keeps no row', () => {
    const result = readOfflineCsv(
      `${HEADER}\nGoed,Thema,social,Gent,Wekelijks,org.example\n\nFout,Thema,onbekend,,Wekelijks,org.example\n`,
    );
    expect(result.rows).toEqual([]);
    expect(result.problems).toEqual([
      {
        field: 'row 4: region',
        message: 'Fill this in.',
        text: { code: 'offlineCsv.fillIn', params: { row: 4, column: 'region' } },
      },
      {
        field: 'row 4: category',
        message: expect.stringContaining('psychological'),
        text: { code: 'offlineCsv.category', params: { row: 4, column: 'category' } },
      },
    ]);
  });

  it('counts a quoted cell with line breaks as one row, as a spreadsheet shows it', () => {
    const result = readOfflineCsv(
      `${HEADER}\n"Twee\nregels",T,social,Gent,"Elke\r\ndinsdag\navond",C\nFout,T,onbekend,Gent,R,C\n\nOok fout,T,social,,R,C\n`,
    );
    // Row 2 spans file lines 2-5 (its cells must still be one line each); the next rows are on file
    // lines 6 and 8, spreadsheet rows 3 and 5 (the empty line is row 4).
    expect(result.problems.map((item) => [item.field, item.text?.code])).toEqual([
      ['row 2: name', 'offlineCsv.oneLine'],
      ['row 2: rhythm', 'offlineCsv.oneLine'],
      ['row 3: category', 'offlineCsv.category'],
      ['row 5: region', 'offlineCsv.fillIn'],
    ]);
    expect(result.problems.map((item) => item.text?.params?.row)).toEqual([2, 2, 3, 5]);
    const broken = readOfflineCsv(`${HEADER}\n"Twee\nregels",T,social,Gent,R,C\nA,"B,social,Gent,R,C\n`);
    expect(broken.problems).toEqual([
      {
        field: 'row 3: file',
        message: expect.stringContaining('quotes'),
        text: { code: 'offlineCsv.unreadable', params: { row: 3 } },
      },
    ]);
  });

  it('reads every row of a file that mixes Windows and Unix line endings, on the row a spreadsheet shows', () => {
    const result = readOfflineCsv(
      `${HEADER}\r\n\r\nAngst,T,social,Gent,R,C\nRouw,T,social,Brugge,R,C\r\nFout,T,onbekend,Lier,R,C\rAA,T,addiction,Luik,R,C`,
    );
    expect(result.problems.map((item) => [item.field, item.text?.params?.row])).toEqual([['row 5: category', 5]]);
    const fixed = readOfflineCsv(
      `${HEADER}\r\n\r\nAngst,T,social,Gent,R,C\nRouw,T,social,Brugge,R,C\r\nAA,T,addiction,Luik,R,C`,
    );
    expect(fixed.problems).toEqual([]);
    expect(fixed.rows.map((row) => [row.name, row.region])).toEqual([
      ['Angst', 'Gent'],
      ['Rouw', 'Brugge'],
      ['AA', 'Luik'],
    ]);
  });

  it('takes the separator from the header line alone: a comma in a cell of a semicolon file is text', () => {
    const semicolon = readOfflineCsv(
      'Naam;Thema;Categorie;Gemeente;Ritme;Contact\nAA Gent, centrum;Alcohol, drugs;verslaving;Gent;Elke dinsdag, 20u;aa.example\n',
    );
    expect(semicolon.problems).toEqual([]);
    expect(semicolon.rows.map((row) => [row.name, row.topic, row.rhythm])).toEqual([
      ['AA Gent, centrum', 'Alcohol, drugs', 'Elke dinsdag, 20u'],
    ]);
    const quotedHeader = readOfflineCsv(
      '"Naam";"Thema, kort";Categorie;Gemeente;Ritme;Contact\nA;B, c;social;Gent;R;C\n',
    );
    expect(quotedHeader.problems.map((item) => item.field)).toEqual(['row 1: Thema, kort', 'row 1: topic']);
    const comma = readOfflineCsv(`${HEADER}\nA;B,T;U,social,Gent,R;S,C\n`);
    expect(comma.rows.map((row) => [row.name, row.rhythm])).toEqual([['A;B', 'R;S']]);
  });

  it('takes the separator from the header below empty lines (after a BOM too), the header on the row it is on', () => {
    // Each file: what precedes the header, its line ending, and the empty lines above the header
    // (a line of blanks is empty too).
    const files: [string, string, number][] = [
      ['', '\n', 1],
      ['', '\r\n', 2],
      ['\uFEFF', '\n', 2],
      ['\uFEFF', '\r\n', 3],
    ];
    for (const [bom, eol, empty] of files) {
      const csv = (...lines: string[]) =>
        bom + [...Array.from({ length: empty }, (_, index) => (index % 2 ? ' \t' : '')), ...lines, ''].join(eol);
      const read = readOfflineCsv(
        csv(
          'Naam;Thema;Categorie;Gemeente;Ritme;Contact',
          'AA Gent, centrum;Alcohol, drugs;verslaving;Gent;Elke dinsdag, 20u;aa.example',
        ),
      );
      expect(read.problems).toEqual([]);
      expect(read.rows.map((row) => [row.name, row.topic, row.rhythm])).toEqual([
        ['AA Gent, centrum', 'Alcohol, drugs', 'Elke dinsdag, 20u'],
      ]);
      // A problem names the spreadsheet's row: the header's is below the empty lines, a group's below it.
      const unknown = readOfflineCsv(
        csv('Naam;Opmerking;Categorie;Gemeente;Ritme;Contact', 'AA;Alcohol;verslaving;Gent;Wekelijks;aa.example'),
      );
      expect(unknown.problems.map((item) => item.field)).toEqual([
        `row ${empty + 1}: Opmerking`,
        `row ${empty + 1}: topic`,
      ]);
      const wrong = readOfflineCsv(
        csv('Naam;Thema;Categorie;Gemeente;Ritme;Contact', 'AA;Alcohol;verslaving;;Wekelijks;aa.example'),
      );
      expect(wrong.problems.map((item) => item.text?.params)).toEqual([{ row: empty + 2, column: 'region' }]);
    }
  });

  it('refuses text that was not read as UTF-8 (U+FFFD), the whole file, saying to save it as UTF-8', () => {
    const result = readOfflineCsv(`${HEADER}\nCaf\uFFFD Gent,Thema,social,Gent,R,C\n`);
    expect(result.rows).toEqual([]);
    expect(result.problems).toEqual([
      { field: 'file', message: expect.stringContaining('UTF-8'), text: { code: 'offlineCsv.notUtf8' } },
    ]);
  });

  it('refuses a missing column, an unknown one, a duplicate group and a broken quote', () => {
    expect(readOfflineCsv('name,topic\nA,B\n').problems.map((p) => p.field)).toEqual(
      expect.arrayContaining(['row 1: category', 'row 1: region']),
    );
    expect(readOfflineCsv(`${HEADER},email\nA,B,social,Gent,R,C,x\n`).problems[0].field).toBe('row 1: email');
    expect(readOfflineCsv(`${HEADER}\nA,B,social,Gent,R,C\nA,B,social,GENT,R,C\n`).problems).toEqual([
      {
        field: 'row 3: name',
        message: 'The same name and region as row 2.',
        text: { code: 'offlineCsv.duplicate', params: { row: 3, column: 'name', first: 2 } },
      },
    ]);
    expect(readOfflineCsv(`${HEADER}\nA,"B,social,Gent,R,C\n`).problems[0].field).toMatch(/^row \d+: file$/);
  });

  it('takes no inherited property for a value or a column ("constructor", "__proto__", "toString")', () => {
    const cells = readOfflineCsv(`${HEADER},audience,language\nA,T,constructor,Gent,R,C,toString,__proto__\n`);
    expect(cells.rows).toEqual([]);
    expect(cells.problems.map((item) => item.field)).toEqual(['row 2: category', 'row 2: audience', 'row 2: language']);
    const header = readOfflineCsv(`${HEADER},constructor\nA,T,psychological,Gent,R,C,x\n`);
    expect(header.problems.map((item) => item.field)).toEqual(['row 1: constructor']);
  });

  it('keys a group by its folded name and region', () => {
    expect(offlineKey('Angst & Paniek', 'Gent')).toBe(offlineKey('angst paniek', 'GENT'));
  });
});
