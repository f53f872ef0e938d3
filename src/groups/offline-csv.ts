import { CsvError, parse } from 'csv-parse/sync';
import type { FieldProblem } from '../common/domain-error.js';
import { GROUP_CATEGORIES, type GroupCategory } from '../contracts/group-info.js';
import type { GroupAudience, GroupLocale } from '../contracts/groups.js';
import { OFFLINE_IMPORT_MAX_ROWS } from '../contracts/offline-groups.js';
import { serverText, type ServerText, type ServerTextCode } from '../contracts/server-texts.js';
import { PLAIN_TEXT_MESSAGE, textProblem } from '../contracts/text.js';
import { foldText } from '../safety/text-matching.js';

/**
 * Reading an admin's CSV of groups that meet in person, as pure functions: csv-parse reads the
 * file (quotes, line breaks inside quotes, a BOM, `,` or `;` as a spreadsheet in Belgium writes
 * it: the header line decides which, and only it separates cells), and every row is checked before
 * anything is stored. A problem names its row as a spreadsheet numbers it (the header is row 1, a
 * cell with a line break stays one row) and its column, in English for the API's readers and as a
 * code with those parameters (src/contracts/server-texts.ts) for the admin's language.
 */

type Field = 'name' | 'topic' | 'category' | 'region' | 'rhythm' | 'contact' | 'audience' | 'language';

/** Header names, Dutch or English, folded. */
const HEADERS: Record<string, Field> = {
  name: 'name',
  naam: 'name',
  topic: 'topic',
  thema: 'topic',
  onderwerp: 'topic',
  category: 'category',
  categorie: 'category',
  region: 'region',
  regio: 'region',
  municipality: 'region',
  gemeente: 'region',
  rhythm: 'rhythm',
  ritme: 'rhythm',
  frequentie: 'rhythm',
  contact: 'contact',
  audience: 'audience',
  doelgroep: 'audience',
  language: 'language',
  taal: 'language',
};

const REQUIRED: Field[] = ['name', 'topic', 'category', 'region', 'rhythm', 'contact'];

const MAX_LENGTH: Record<Exclude<Field, 'category' | 'audience' | 'language'>, number> = {
  name: 120,
  topic: 200,
  region: 80,
  rhythm: 120,
  contact: 200,
};

/** The directory's categories, by their own names or the Dutch words of the Wegwijzer. */
const CATEGORIES: Record<string, GroupCategory> = {
  ...Object.fromEntries(GROUP_CATEGORIES.map((category) => [category, category])),
  psychisch: 'psychological',
  psychologisch: 'psychological',
  lichamelijk: 'physical',
  fysiek: 'physical',
  verslaving: 'addiction',
  sociaal: 'social',
  familie: 'relatives',
  naasten: 'relatives',
};
const AUDIENCES: Record<string, GroupAudience> = {
  peers: 'peers',
  lotgenoten: 'peers',
  relatives: 'relatives',
  familie: 'relatives',
  naasten: 'relatives',
};
const LANGUAGES: Record<string, GroupLocale> = {
  nl: 'nl',
  nederlands: 'nl',
  dutch: 'nl',
  en: 'en',
  english: 'en',
  engels: 'en',
};

export interface OfflineRow {
  /** The stable key a re-import matches by: the folded name and region (see offline-group.entity.ts). */
  key: string;
  name: string;
  topic: string;
  category: GroupCategory;
  region: string;
  rhythm: string;
  contact: string;
  audience: GroupAudience;
  locale: GroupLocale;
}

export type OfflineCsvResult = { rows: OfflineRow[]; problems: [] } | { rows: []; problems: FieldProblem[] };

/** The stable key of an offline group: its name and region, folded (case, accents and punctuation do not count). */
export function offlineKey(name: string, region: string): string {
  return `${foldText(name)}|${foldText(region)}`.slice(0, 240);
}

/** A cell's meaning in one of the tables above; never an inherited property ("constructor" is no category). */
function lookUp<T>(table: Record<string, T>, cell: string): T | undefined {
  return Object.hasOwn(table, cell) ? table[cell] : undefined;
}

/** The codes of a CSV problem (src/contracts/server-texts.ts), which the client words in the admin's language. */
type ProblemCode = Extract<ServerTextCode, `offlineCsv.${string}`>;

/**
 * A problem at a row and column (a field name, the header's own word for an unknown column, or
 * `file` for the row as a whole), in English and as a code: `row`, and `column` unless it is `file`.
 */
function problem(
  row: number,
  column: string,
  message: string,
  code: ProblemCode,
  extra: Record<string, number> = {},
): FieldProblem {
  const params = column === 'file' ? { row, ...extra } : { row, column, ...extra };
  const text: ServerText = { code, params };
  return { field: `row ${row}: ${column}`, message, text };
}

/** A problem with the whole file, before any row is read. */
function fileProblem(message: string, text: ServerText): FieldProblem {
  return { field: 'file', message, text };
}

/**
 * The separator, from the header line alone (the first line with more than blanks on it, as the
 * reader skips empty lines before it): `;` when it has more semicolons than commas outside quotes
 * (a spreadsheet in Belgium or the Netherlands), else `,`. A comma inside a cell of a semicolon
 * file is then just a comma.
 */
export function csvDelimiter(csv: string): ',' | ';' {
  let quoted = false;
  let content = false;
  let commas = 0;
  let semicolons = 0;
  for (const char of csv) {
    if (char === '"') {
      quoted = !quoted;
      content = true;
    } else if (!quoted && (char === '\n' || char === '\r')) {
      if (content) {
        break;
      }
    } else if (!quoted && char === ',') {
      commas++;
      content = true;
    } else if (!quoted && char === ';') {
      semicolons++;
      content = true;
    } else if (!/\s/.test(char)) {
      content = true;
    }
  }
  return semicolons > commas ? ';' : ',';
}

interface CsvInfo {
  records: number;
  empty_lines: number;
}

/**
 * The row a spreadsheet shows a record on: the records and empty lines up to it and itself (the
 * header is row 1, or the row it is on below empty lines).
 */
const spreadsheetRow = (info: CsvInfo) => info.records + info.empty_lines;

function records(csv: string): { line: number; cells: string[] }[] | FieldProblem {
  try {
    const parsed = parse(csv, {
      bom: true,
      delimiter: csvDelimiter(csv.replace(/^\uFEFF/, '')),
      // Any line ending ends a row, also when a file mixes them (rows pasted in from another file);
      // csv-parse would otherwise take the first one it meets for the whole file.
      record_delimiter: ['\r\n', '\n', '\r'],
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as { info: CsvInfo; record: string[] }[];
    return parsed.map(({ info, record }) => ({ line: spreadsheetRow(info), cells: record }));
  } catch (error) {
    if (error instanceof CsvError) {
      // The record being read when it failed: the one after those read.
      const info = error as unknown as Partial<CsvInfo>;
      const row = typeof info.records === 'number' ? info.records + (info.empty_lines ?? 0) + 1 : 1;
      return problem(
        row,
        'file',
        `The file cannot be read as CSV here (${error.code}); check the quotes.`,
        'offlineCsv.unreadable',
      );
    }
    throw error;
  }
}

/** Reads and checks the whole CSV: every row, or every problem (then nothing may be stored). */
export function readOfflineCsv(csv: string): OfflineCsvResult {
  if (csv.includes('\uFFFD')) {
    // A file saved in another encoding (Windows-1252 from Excel) and read as UTF-8: its accents
    // became U+FFFD, which would be stored as the group's name.
    return {
      rows: [],
      problems: [
        fileProblem(
          'The file holds characters that could not be read (\uFFFD): save it as "CSV UTF-8" and import it again.',
          serverText('offlineCsv.notUtf8'),
        ),
      ],
    };
  }
  const read = records(csv);
  if (!Array.isArray(read)) {
    return { rows: [], problems: [read] };
  }
  const [header, ...body] = read;
  if (!header) {
    return { rows: [], problems: [problem(1, 'file', 'The file is empty.', 'offlineCsv.empty')] };
  }
  const problems: FieldProblem[] = [];
  const columns: (Field | null)[] = header.cells.map(
    (cell) => lookUp(HEADERS, foldText(cell).replace(/ /g, '')) ?? null,
  );
  header.cells.forEach((cell, index) => {
    if (columns[index] === null && cell !== '') {
      problems.push(
        problem(
          header.line,
          cell,
          `Unknown column. Use: ${REQUIRED.join(', ')} (and audience, language).`,
          'offlineCsv.unknownColumn',
        ),
      );
    }
  });
  for (const field of REQUIRED) {
    if (!columns.includes(field)) {
      problems.push(problem(header.line, field, 'This column is missing.', 'offlineCsv.missingColumn'));
    }
  }
  if (problems.length) {
    return { rows: [], problems };
  }
  if (body.length === 0) {
    return {
      rows: [],
      problems: [problem(header.line + 1, 'file', 'The file has no rows below its header.', 'offlineCsv.noRows')],
    };
  }
  if (body.length > OFFLINE_IMPORT_MAX_ROWS) {
    return {
      rows: [],
      problems: [
        problem(
          body[OFFLINE_IMPORT_MAX_ROWS].line,
          'file',
          `Import at most ${OFFLINE_IMPORT_MAX_ROWS} rows at once.`,
          'offlineCsv.tooManyRows',
          { max: OFFLINE_IMPORT_MAX_ROWS },
        ),
      ],
    };
  }
  const rows: OfflineRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of body) {
    const value = (field: Field) => {
      const index = columns.indexOf(field);
      return index < 0 ? '' : (cells[index] ?? '');
    };
    if (cells.length > columns.length && cells.slice(columns.length).some((cell) => cell !== '')) {
      problems.push(
        problem(
          line,
          'file',
          `This row has ${cells.length} cells; the header names ${columns.length}.`,
          'offlineCsv.tooManyCells',
          { cells: cells.length, columns: columns.length },
        ),
      );
      continue;
    }
    const before = problems.length;
    const texts = {} as Record<keyof typeof MAX_LENGTH, string>;
    for (const field of Object.keys(MAX_LENGTH) as (keyof typeof MAX_LENGTH)[]) {
      const cell = value(field);
      const wrong = textProblem(cell);
      if (cell === '') {
        problems.push(problem(line, field, 'Fill this in.', 'offlineCsv.fillIn'));
      } else if (wrong) {
        problems.push(
          problem(line, field, wrong, wrong === PLAIN_TEXT_MESSAGE ? 'offlineCsv.plainText' : 'offlineCsv.oneLine'),
        );
      } else if (cell.length > MAX_LENGTH[field]) {
        problems.push(
          problem(line, field, `Use at most ${MAX_LENGTH[field]} characters.`, 'offlineCsv.tooLong', {
            max: MAX_LENGTH[field],
          }),
        );
      }
      texts[field] = cell;
    }
    const category = lookUp(CATEGORIES, foldText(value('category')));
    if (!category) {
      problems.push(problem(line, 'category', `Use one of: ${GROUP_CATEGORIES.join(', ')}.`, 'offlineCsv.category'));
    }
    const audienceCell = foldText(value('audience'));
    const audience = audienceCell ? lookUp(AUDIENCES, audienceCell) : 'peers';
    if (!audience) {
      problems.push(
        problem(line, 'audience', 'Use peers or relatives (or leave it empty: peers).', 'offlineCsv.audience'),
      );
    }
    const languageCell = foldText(value('language'));
    const locale = languageCell ? lookUp(LANGUAGES, languageCell) : 'nl';
    if (!locale) {
      problems.push(problem(line, 'language', 'Use nl or en (or leave it empty: nl).', 'offlineCsv.language'));
    }
    if (problems.length > before || !category || !audience || !locale) {
      continue;
    }
    const key = offlineKey(texts.name, texts.region);
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(
        problem(line, 'name', `The same name and region as row ${first}.`, 'offlineCsv.duplicate', { first }),
      );
      continue;
    }
    seen.set(key, line);
    rows.push({ key, ...texts, category, audience, locale });
  }
  return problems.length ? { rows: [], problems } : { rows, problems: [] };
}
