import type { ChatMessage } from '../../../src/contracts/chat.js';
import type { VolunteerBadge } from '../../../src/contracts/support-chats.js';
import { h, on, tr, trAttr, uid } from '../core/dom.js';
import { timeElement } from '../core/format.js';
import { actionForm, itemActions, HELD_LABELS, reportForm } from '../moderation/forms.js';
import type { PlainKey } from '../i18n/i18n.js';
import { groupPath } from '../groups/groups.js';
import { asReaderReads } from '../core/reading.js';

/**
 * One chat message as text: its alias, time and words; folded when the reader muted its author;
 * marked when it waits for a moderator or (for moderators) was hidden. Report and, for
 * moderators, moderate: in the message's own menu.
 */
export interface MessageOptions {
  me: string;
  slug: string;
  moderator: boolean;
  /** A moderator acted on the message. */
  onModerated(): void;
}

interface MenuItem {
  label: PlainKey;
  build(): HTMLElement;
}

/**
 * One small menu per message (a "⋯" button, as messengers have) instead of a row of toggles under
 * every line. The menu follows the ARIA menu button pattern: Enter, Space or ArrowDown open it on
 * its first item, the arrows, Home and End move, Escape closes it and gives the focus back to the
 * button, Tab or a click elsewhere closes it. A chosen item opens its form under the message (built
 * when first opened, so a long history stays light), with a button to close it again.
 */
function messageMenu(items: MenuItem[]): HTMLElement {
  const menuId = uid('message-menu');
  const button = h('button', {
    type: 'button',
    class: 'message-menu-button',
    'aria-haspopup': 'menu',
    'aria-expanded': 'false',
    'aria-controls': menuId,
  });
  button.append(h('span', { 'aria-hidden': 'true' }, '⋯'));
  trAttr(button, 'aria-label', 'chat.messageActions');
  const menu = h('ul', { class: 'message-menu', role: 'menu', id: menuId, hidden: true });
  trAttr(menu, 'aria-label', 'chat.messageActions');
  const panel = h('div', { class: 'message-action', hidden: true });
  const built = new Map<PlainKey, HTMLElement>();

  const entries = items.map((item) =>
    h('button', { type: 'button', role: 'menuitem', tabindex: '-1', class: 'message-menu-item' }, tr(item.label)),
  );
  const onOutside = (event: Event) => {
    if (!(event.target instanceof Node) || !root.contains(event.target)) {
      close(false);
    }
  };
  const open = (focusIndex: number) => {
    menu.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    entries.at(focusIndex)?.focus();
    document.addEventListener('pointerdown', onOutside, true);
  };
  function close(returnFocus: boolean): void {
    if (menu.hidden) {
      return;
    }
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    document.removeEventListener('pointerdown', onOutside, true);
    if (returnFocus) {
      button.focus();
    }
  }
  const closePanel = h('button', { type: 'button', class: 'link-button' }, tr('chat.closeAction'));
  on(closePanel, 'click', () => {
    panel.hidden = true;
    button.focus();
  });
  const choose = (item: MenuItem) => {
    close(false);
    let body = built.get(item.label);
    if (!body) {
      body = item.build();
      built.set(item.label, body);
    }
    panel.replaceChildren(body, h('p', { class: 'message-action-close' }, closePanel));
    panel.hidden = false;
    const first = body.querySelector<HTMLElement>('input, textarea, select, button');
    (first ?? closePanel).focus();
  };

  on(button, 'click', () => (menu.hidden ? open(0) : close(true)));
  on(button, 'keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      open(event.key === 'ArrowDown' ? 0 : -1);
    }
  });
  entries.forEach((entry, index) => {
    const item = items[index];
    on(entry, 'click', () => {
      if (item) {
        choose(item);
      }
    });
  });
  on(menu, 'keydown', (event) => {
    const at = entries.findIndex((entry) => entry === document.activeElement);
    const move = (index: number) => entries.at(index % entries.length)?.focus();
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        move(at + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        move(at - 1);
        break;
      case 'Home':
        event.preventDefault();
        move(0);
        break;
      case 'End':
        event.preventDefault();
        move(-1);
        break;
      case 'Escape':
        event.preventDefault();
        close(true);
        break;
      case 'Tab':
        close(false);
        break;
      default:
        break;
    }
  });
  menu.append(...entries.map((entry) => h('li', { role: 'none' }, entry)));
  const root = h('div', { class: 'message-tools' }, button, menu, panel);
  return root;
}

/** A support conversation's volunteer, shown by their role only. */
export function badgeLabel(badge: VolunteerBadge): PlainKey {
  return badge === 'moderator' ? 'support.badgeModerator' : 'support.badgeResponder';
}

export function messageItem(message: ChatMessage, options: MessageOptions): HTMLLIElement {
  const mine = message.memberId === options.me;
  const text = h('p', { class: 'user-text message-body' }, message.body);
  // Folded under its warning, or for one of the reader's hidden words (client/src/core/reading.ts).
  const warning = message.contentWarning;
  const body = warning || !mine ? asReaderReads(text, { warning, texts: [warning, message.body], mine }) : text;
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
  const tools: MenuItem[] = [];
  if (!mine && !message.hidden && !message.held) {
    tools.push({
      label: 'report.message',
      build: () => reportForm(options.slug, { kind: 'message', id: message.id }),
    });
  }
  if (options.moderator) {
    const hidden = Boolean(message.hidden || message.held);
    tools.push({
      label: 'moderate.message',
      build: () =>
        actionForm({
          slug: options.slug,
          actions: itemActions({ kind: 'message', hidden }),
          target: { kind: 'message', id: message.id },
          labels: message.held ? HELD_LABELS : undefined,
          onDone: options.onModerated,
        }),
    });
  }
  return h(
    'li',
    { class: `message${mine ? ' mine' : ''}${message.hidden ? ' hidden-message' : ''}`, 'data-seq': message.seq },
    h(
      'p',
      { class: 'message-meta' },
      h('span', { class: 'alias' }, message.badge ? tr(badgeLabel(message.badge)) : message.alias),
      mine ? h('span', { class: 'badge muted' }, tr('chat.you')) : null,
      ' ',
      timeElement(message.createdAt, 'time'),
    ),
    message.held ? h('p', { class: 'placeholder' }, tr('post.pendingReview')) : null,
    message.hidden ? h('p', { class: 'placeholder' }, tr('chat.hiddenForModerators')) : null,
    content,
    tools.length ? messageMenu(tools) : null,
  );
}

/** Where a message was, once moderation took it out of a member's view. */
export function removedItem(seq: number): HTMLLIElement {
  return h('li', { class: 'message removed', 'data-seq': seq }, h('p', { class: 'placeholder' }, tr('chat.removed')));
}

/** A link to the notices page, when a notice arrives while the member chats. */
export function noticeLink(slug: string): HTMLElement {
  return h(
    'div',
    { class: 'notice', role: 'status' },
    h('p', {}, h('a', { href: groupPath(slug, '/notices') }, tr('group.oneNewNotice'))),
  );
}
