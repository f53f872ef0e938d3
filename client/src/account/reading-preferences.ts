import {
  type ContentPreferences,
  contentPreferencesSchema,
  HIDDEN_WORD_MAX,
  HIDDEN_WORDS_MAX,
} from '../../../src/contracts/content-preferences.js';
import { h, tr } from '../core/dom.js';
import { checkbox, describeError, FormController, schemaProblems, textArea } from '../core/forms.js';
import { api, isAbort } from '../core/http.js';
import { notice } from '../core/page.js';
import { rememberReadingPreferences } from '../core/reading.js';
import { msg } from '../i18n/i18n.js';

/**
 * The account page's reading preferences: fold text with a content warning (the default), and the
 * member's own hidden words (one per line), which fold a post or chat message for them alone. Kept
 * on the server so they follow the member to every device; never shown to anyone else.
 */
export function readingPreferencesPanel(signal: AbortSignal): HTMLElement {
  const body = h('div', {}, notice(msg('reading.loading')));
  const status = h('p', { role: 'status', class: 'form-status' });
  api
    .get<ContentPreferences>('/api/me/content-preferences', { signal })
    .then((found) => body.replaceChildren(form(found, status)))
    .catch((error: unknown) => {
      if (!isAbort(error)) {
        body.replaceChildren(notice(describeError(error), 'error'));
      }
    });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'account-reading' },
    h('h2', { id: 'account-reading' }, tr('reading.heading')),
    h('p', {}, tr('reading.intro')),
    body,
    status,
  );
}

function form(found: ContentPreferences, status: HTMLElement): HTMLElement {
  const fold = checkbox('foldWarned', 'reading.foldWarned');
  fold.input.checked = found.foldWarned;
  const words = textArea({
    name: 'hiddenWords',
    label: 'reading.hiddenWords',
    hint: msg('reading.hiddenWordsHint', { count: HIDDEN_WORDS_MAX, length: HIDDEN_WORD_MAX }),
    value: found.hiddenWords.join('\n'),
    required: false,
    rows: 5,
  });
  const controller = new FormController({
    fields: [fold, words],
    submit: 'reading.save',
    className: 'form reading-form',
  });
  controller.onSubmit(async () => {
    status.replaceChildren();
    const request = {
      foldWarned: fold.input.checked,
      hiddenWords: words.input.value
        .split('\n')
        .map((word) => word.trim())
        .filter((word) => word !== ''),
    };
    const problems = schemaProblems(contentPreferencesSchema, request).map((problem) => ({
      ...problem,
      // A problem with one word ("hiddenWords.3") shows at the list.
      field: problem.field.startsWith('hiddenWords') ? 'hiddenWords' : problem.field,
    }));
    if (problems.length) {
      controller.showProblems(problems);
      return;
    }
    const saved = await api.put<ContentPreferences>('/api/me/content-preferences', request);
    words.input.value = saved.hiddenWords.join('\n');
    rememberReadingPreferences(saved);
    controller.clearErrors();
    status.replaceChildren(tr('reading.saved'));
  });
  return controller.element;
}
