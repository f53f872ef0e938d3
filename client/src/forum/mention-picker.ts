import type { MemberRef } from '../../../src/contracts/groups.js';
import { h, on } from '../core/dom.js';
import { api } from '../core/http.js';
import { groupApi } from '../groups/groups.js';

/** What was typed after the `@` right before the caret, when the member is naming someone. */
function typedMention(input: HTMLTextAreaElement): { start: number; query: string } | null {
  const before = input.value.slice(0, input.selectionStart ?? input.value.length);
  const match = /(?:^|[^\p{L}\p{N}])@([\p{L}\p{N}][\p{L}\p{N} ._-]{0,23})$/u.exec(before);
  if (!match) {
    return null;
  }
  return { start: before.length - match[1].length, query: match[1] };
}

/**
 * `@alias` suggestions under a text box: this group's aliases only (the server decides, for its
 * members only). Choosing one puts the alias in the text; Escape or typing on closes the list.
 */
export function mentionPicker(slug: string, input: HTMLTextAreaElement): HTMLElement {
  const list = h('ul', { class: 'mention-picker', hidden: true });
  let asked = 0;
  const close = () => {
    list.hidden = true;
    list.replaceChildren();
  };
  const choose = (start: number, alias: string) => {
    const end = input.selectionStart ?? input.value.length;
    input.value = `${input.value.slice(0, start)}${alias} ${input.value.slice(end)}`;
    const caret = start + alias.length + 1;
    input.setSelectionRange(caret, caret);
    input.dispatchEvent(new Event('input'));
    close();
    input.focus();
  };
  on(input, 'input', () => {
    const typed = typedMention(input);
    if (!typed) {
      close();
      return;
    }
    const ask = ++asked;
    api
      .get<MemberRef[]>(groupApi(slug, `/aliases?q=${encodeURIComponent(typed.query)}`))
      .then((found) => {
        if (ask !== asked) {
          return;
        }
        list.replaceChildren(
          ...found.map((member) =>
            h(
              'li',
              {},
              on(h('button', { type: 'button', class: 'button small' }, `@${member.alias}`), 'click', () =>
                choose(typed.start, member.alias),
              ),
            ),
          ),
        );
        list.hidden = found.length === 0;
      })
      .catch(() => close());
  });
  on(input, 'keydown', (event) => {
    if (event.key === 'Escape' && !list.hidden) {
      close();
    }
  });
  return list;
}
