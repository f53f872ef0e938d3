import type { OfflineImportResult } from '../../../src/contracts/offline-groups.js';
import { h, on, tr, uid } from '../core/dom.js';
import { checkbox, FormController, textArea } from '../core/forms.js';
import { api, ApiError } from '../core/http.js';
import { notice, para, view } from '../core/page.js';
import type { Page } from '../core/router.js';
import { isAdmin } from '../groups/frame.js';
import { msg } from '../i18n/i18n.js';
import { adminsOnlyView } from './admin.page.js';

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
      void chosen.text().then((text) => {
        csv.input.value = text;
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
        error.details.some((d) => d.field.startsWith('row '))
      ) {
        // Each problem with its row and column, as the server names them ("row 5: region").
        outcome.replaceChildren(
          h(
            'div',
            { class: 'notice error', role: 'alert' },
            h('p', {}, tr('offlineImport.problems')),
            h(
              'ul',
              { class: 'import-problems' },
              ...error.details.map((d) => h('li', {}, `${d.field} — ${d.message}`)),
            ),
          ),
        );
        return;
      }
      throw error;
    }
  });
  return view('offlineImport.title', [para('offlineImport.intro'), form.element, outcome]);
};
