import { WATCHED_WORD_ACTIONS, type WatchedWordAction, watchedWordSchema } from '../../../src/contracts/moderation.js';
import { h, on, tr } from '../core/dom.js';
import { describeError, FormController, radioGroup, schemaProblems, textField } from '../core/forms.js';
import { api } from '../core/http.js';
import { notice } from '../core/page.js';
import { msg, type PlainKey } from '../i18n/i18n.js';
import type { WatchedWordView } from './moderation.js';

/**
 * Watched words: a list with what each does (block, hold for review, raise a crisis alert) and
 * an add form. Used for a group (its moderators; the site-wide words shown read-only) and for the
 * site (admins).
 */
const ACTION_LABELS: Record<WatchedWordAction, PlainKey> = {
  block: 'words.block',
  hold: 'words.hold',
  crisis: 'words.crisis',
};

const ACTION_HINTS: Record<WatchedWordAction, PlainKey> = {
  block: 'words.blockHint',
  hold: 'words.holdHint',
  crisis: 'words.crisisHint',
};

export function watchedWords(options: {
  /** The API collection, e.g. `/api/groups/x/watched-words` or `/api/admin/watched-words`. */
  path: string;
  words: WatchedWordView[];
  /** Which scope this page edits; the other scope's words are listed read-only. */
  scope: 'group' | 'site';
}): HTMLElement {
  const list = h('ul', { class: 'words' });
  const status = h('div', { 'aria-live': 'polite' });
  const item = (word: WatchedWordView): HTMLLIElement => {
    const row = h(
      'li',
      {},
      h('span', { class: 'phrase' }, word.phrase),
      ' · ',
      tr(ACTION_LABELS[word.action]),
      word.scope !== options.scope ? h('span', { class: 'badge muted' }, tr('words.siteWide')) : null,
    );
    if (word.scope === options.scope) {
      row.append(
        ' ',
        on(
          h('button', { type: 'button', class: 'button small' }, tr('words.remove', { phrase: word.phrase })),
          'click',
          () => {
            api
              .delete<void>(`${options.path}/${word.id}`)
              .then(() => {
                row.remove();
                status.replaceChildren(h('p', {}, tr('words.removed')));
              })
              .catch((error: unknown) => status.replaceChildren(notice(describeError(error), 'error')));
          },
        ),
      );
    }
    return row;
  };
  list.append(...options.words.map(item));
  const phrase = textField({
    name: 'phrase',
    label: 'words.phrase',
    hint: msg('words.phraseHint'),
    autocomplete: 'off',
  });
  const action = radioGroup<WatchedWordAction>({
    name: 'action',
    legend: 'words.action',
    options: WATCHED_WORD_ACTIONS.map((value) => ({ value, label: ACTION_LABELS[value], hint: ACTION_HINTS[value] })),
    value: 'hold',
  });
  const form = new FormController({ fields: [phrase, action], submit: 'words.add', className: 'form compact' });
  form.onSubmit(async () => {
    const request = { phrase: phrase.input.value, action: action.value() };
    const problems = schemaProblems(watchedWordSchema, request);
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    const added = await api.post<WatchedWordView>(options.path, request);
    list.append(item(added));
    phrase.input.value = '';
    status.replaceChildren(h('p', {}, tr('words.added')));
    phrase.input.focus();
  });
  return h(
    'div',
    { class: 'watched-words' },
    options.words.length ? null : notice(msg('words.none')),
    list,
    status,
    h('h2', {}, tr('words.addHeading')),
    form.element,
  );
}
