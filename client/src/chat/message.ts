import type { ChatMessage } from '../../../src/contracts/chat.js';
import { h, on, tr, uid } from '../core/dom.js';
import { timeElement } from '../core/format.js';

/** One chat message as text: its alias, time and words; folded when its author is muted by the reader. */
export function messageItem(message: ChatMessage, me: string): HTMLLIElement {
  const mine = message.memberId === me;
  const body = h('p', { class: 'user-text message-body' }, message.body);
  let content: Node = body;
  if (message.muted && !mine) {
    const id = uid('muted');
    body.id = id;
    body.hidden = true;
    const show = h('button', { type: 'button', class: 'link-button', 'aria-expanded': 'false', 'aria-controls': id });
    show.append(tr('post.showAnyway'));
    on(show, 'click', () => {
      body.hidden = !body.hidden;
      show.setAttribute('aria-expanded', String(!body.hidden));
    });
    content = h('div', {}, h('p', { class: 'placeholder' }, tr('chat.mutedMessage'), ' ', show), body);
  }
  return h(
    'li',
    { class: `message${mine ? ' mine' : ''}`, 'data-seq': message.seq },
    h(
      'p',
      { class: 'message-meta' },
      h('span', { class: 'alias' }, message.alias),
      mine ? h('span', { class: 'badge muted' }, tr('chat.you')) : null,
      ' ',
      timeElement(message.createdAt, 'time'),
    ),
    content,
  );
}
