import type { OfflineImportResult } from '../../../src/contracts/offline-groups.js';
import { h, liveText, on, tr, uid } from '../core/dom.js';
import { checkbox, FormController, textArea } from '../core/forms.js';
import { api, ApiError, type FieldProblem } from '../core/http.js';
import { notice, para, view } from '../core/page.js';
import type { Page } from '../core/router.js';
import { isAdmin } from '../groups/frame.js';
import { msg, t } from '../i18n/i18n.js';
import { serverTextString } from '../i18n/server-texts.js';
import { adminsOnlyView } from './admin.page.js';

/** The CSV's columns by the field names the server gives (a problem's `column`), in the admin's language. */
const COLUMN_LABELS = {
  name: 'offlineImport.column.name',
  topic: 'offlineImport.column.topic',
  category: 'offlineImport.column.category',
  region: 'offlineImport.column.region',
  rhythm: 'offlineImport.column.rhythm',
  contact: 'offlineImport.column.contact',
  audience: 'offlineImport.column.audience',
  language: 'offlineImport.column.language',
} as const;

/**
 * A file's text: UTF-8 when it is valid UTF-8, else Windows-1252 (what Excel on Windows saves as
 * "CSV"), so accents arrive as written rather than as U+FFFD; a byte order mark is dropped.
 */
export function decodeCsvBytes(bytes: ArrayBuffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.replace(/^\uFEFF/, '');
}

/** One problem of a refused CSV in the admin's language (its code), or as the server wrote it. */
function problemText(problem: FieldProblem): Text {
  const fallback = `${problem.field} — ${problem.message}`;
  const said = problem.text;
  if (!said) {
    return document.createTextNode(fallback);
  }
  return liveText(() => {
    const column = said.params?.column;
    const label =
      typeof column === 'string' && Object.hasOwn(COLUMN_LABELS, column)
        ? t(COLUMN_LABELS[column as keyof typeof COLUMN_LABELS])
        : column;
    const params = label === undefined ? said.params : { ...said.params, column: label };
    return serverTextString({ code: said.code, params }) ?? fallback;
  });
}

/**
 * Admins import a CSV of groups that meet in person (pasted, or read from a file in the browser):
 * each refused row is listed with its row number and column, and then nothing was imported.
 */
export const offlineGroupsPage: Page = () => {
  if (!isAdmin()) {
    return adminsOnlyView();
  }
  const csv = textArea({ name: 'csv', label: 'offlineImport.csv', rows: 12 });
  csv.input.spellcheck = false;
  const replaceAll = checkbox('replaceAll', 'offlineImport.replaceAll');
  const fileId = uid('csv-file');
  const file = h('input', { id: fileId, type: 'file', accept: '.csv,text/csv,text/plain' });
  on(file, 'change', () => {
    const chosen = file.files?.[0];
    if (chosen) {
      void chosen.arrayBuffer().then((bytes) => {
        csv.input.value = decodeCsvBytes(bytes);
      });
    }
  });
  const outcome = h('div', { class: 'import-outcome', role: 'status' });
  const form = new FormController({
    fields: [csv, replaceAll],
    body: [
      h('div', { class: 'field' }, h('label', { for: fileId }, tr('offlineImport.file')), file),
      csv.root,
      replaceAll.root,
    ],
    submit: 'offlineImport.submit',
  });
  form.onSubmit(async () => {
    outcome.replaceChildren();
    try {
      const result = await api.post<OfflineImportResult>('/api/admin/offline-groups/import', {
        csv: csv.input.value,
        replaceAll: replaceAll.input.checked,
      });
      outcome.replaceChildren(notice(msg('offlineImport.done', { ...result })));
    } catch (error) {
      if (
        error instanceof ApiError &&
        error.code === 'validation_failed' &&
        error.details.some((d) => d.text?.code.startsWith('offlineCsv.') ?? d.field.startsWith('row '))
      ) {
        // Each problem with its row and column, worded from its code in the admin's language.
        outcome.replaceChildren(
          h(
            'div',
            { class: 'notice error', role: 'alert' },
            h('p', {}, tr('offlineImport.problems')),
            h('ul', { class: 'import-problems' }, ...error.details.map((d) => h('li', {}, problemText(d)))),
          ),
        );
        return;
      }
      throw error;
    }
  });
  return view('offlineImport.title', [para('offlineImport.intro'), form.element, outcome]);
};
