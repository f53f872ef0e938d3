import type { SupportChatView } from '../../../src/contracts/support-chats.js';
import { h, on, tr } from '../core/dom.js';
import { flash } from '../core/flash.js';
import { timeElement } from '../core/format.js';
import { describeError } from '../core/forms.js';
import { api } from '../core/http.js';
import { notice } from '../core/page.js';
import { refreshPage } from '../core/router.js';
import { groupApi, groupPath } from '../groups/groups.js';
import type { PlainKey } from '../i18n/i18n.js';

/**
 * Private support conversations: a volunteer who read a member's crisis message offers a
 * one-to-one conversation; the member accepts or declines; either side ends it. The member
 * sees the volunteer only as a role (moderator, crisis volunteer), the volunteer the member's alias.
 */
export function supportPath(slug: string, chatId?: string): string {
  return groupPath(slug, chatId ? `/support/${encodeURIComponent(chatId)}` : '/support');
}

function line(chat: SupportChatView): Text {
  if (chat.role === 'volunteer') {
    return chat.status === 'active'
      ? tr('support.activeAsVolunteer', { alias: chat.member.alias })
      : tr('support.waitingFor', { alias: chat.member.alias });
  }
  const moderator = chat.volunteer.badge === 'moderator';
  if (chat.status === 'active') {
    return tr(moderator ? 'support.activeWithModerator' : 'support.activeWithResponder');
  }
  return tr(moderator ? 'support.offerFromModerator' : 'support.offerFromResponder');
}

/**
 * One offer or conversation with what the viewer can do about it: the member accepts or declines
 * an offer; an open conversation opens; either side ends it. `onDone` runs after an action.
 */
export function supportItem(slug: string, chat: SupportChatView, onDone: () => void = refreshPage): HTMLLIElement {
  const status = h('div', { role: 'status' });
  const path = groupApi(slug, `/support-chats/${encodeURIComponent(chat.id)}`);
  const button = (label: PlainKey, action: string, done: PlainKey, primary = false) =>
    on(h('button', { type: 'button', class: `button small${primary ? ' primary' : ''}` }, tr(label)), 'click', () => {
      api
        .post(`${path}/${action}`)
        .then(() => {
          flash({ key: done });
          onDone();
        })
        .catch((error: unknown) => status.replaceChildren(notice(describeError(error), 'error')));
    });
  const tools: Node[] = [];
  if (chat.status === 'active') {
    tools.push(h('a', { class: 'button primary small', href: supportPath(slug, chat.id) }, tr('support.open')));
  } else if (chat.role === 'member') {
    tools.push(
      button('support.accept', 'accept', 'support.accepted', true),
      button('support.decline', 'decline', 'support.declined'),
    );
  }
  if (chat.status === 'active' || chat.role === 'volunteer') {
    tools.push(button('support.close', 'close', 'support.closed'));
  }
  return h(
    'li',
    { class: 'case' },
    h('p', {}, line(chat), ' ', h('span', { class: 'thread-facts' }, timeElement(chat.offeredAt))),
    h('div', { class: 'tool-row' }, ...tools),
    status,
  );
}
