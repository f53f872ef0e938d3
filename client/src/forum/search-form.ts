import { h, on, tr, uid } from '../core/dom.js';
import { navigate } from '../core/router.js';
import type { PlainKey } from '../i18n/i18n.js';

/**
 * A search box that stays inside the app: a native submit would reload the page, and a reload
 * ends the session (it lives in memory only).
 */
export function searchForm(options: { group?: string; label: PlainKey; value?: string }): HTMLFormElement {
  const id = uid('search');
  const input = h('input', { id, name: 'q', type: 'search', autocomplete: 'off', spellcheck: 'true' });
  input.value = options.value ?? '';
  const form = h(
    'form',
    { class: 'search-form', role: 'search' },
    h('label', { for: id }, tr(options.label)),
    h('div', { class: 'search-row' }, input, h('button', { type: 'submit', class: 'button' }, tr('search.submit'))),
  );
  on(form, 'submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    if (options.group) {
      query.set('group', options.group);
    }
    query.set('q', input.value.trim());
    navigate(`/search?${query.toString()}`);
  });
  return form;
}
