import type { ChatMessage } from '../../../src/contracts/chat.js';
import type { VolunteerBadge } from '../../../src/contracts/support-chats.js';
import { h, on, tr, uid } from '../core/dom.js';
import { timeElement } from '../core/format.js';
import { actionForm, itemActions, HELD_LABELS, reportForm } from '../moderation/forms.js';
import type { PlainKey } from '../i18n/i18n.js';
import { groupPath } from '../groups/groups.js';

/**
 * One chat message as text: its alias, time and words; folded when the reader muted its author;
 * marked when it waits for a moderator or (for moderators) was hidden. Report and, for
 * moderators, moderate: their forms are built when first opened, so a long history stays light.
 */
export interface MessageOptions {
  me: string;
  slug: string;
  moderator: boolean;
  /** A moderator acted on the message. */
  onModerated(): void;
}

function lazyDisclosure(summary: PlainKey, build: () => HTMLElement): HTMLDetailsElement {
  const body = h('div', { class: 'disclosure-body' });
  const details = h('details', { class: 'disclosure' }, h('summary', {}, tr(summary)), body);
  on(details, 'toggle', () => {
    if (details.open && !body.firstChild) {
      body.append(build());
    }
  });
  return details;
}

/** A support conversation's volunteer, shown by their role only. */
export function badgeLabel(badge: VolunteerBadge): PlainKey {
  return badge === 'moderator' ? 'support.badgeModerator' : 'support.badgeResponder';
}

export function messageItem(message: ChatMessage, options: MessageOptions): HTMLLIElement {
  const mine = message.memberId === options.me;
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
  const tools: Node[] = [];
  if (!mine && !message.hidden && !message.held) {
    tools.push(lazyDisclosure('report.message', () => reportForm(options.slug, { kind: 'message', id: message.id })));
  }
  if (options.moderator) {
    const hidden = Boolean(message.hidden || message.held);
    tools.push(
      lazyDisclosure('moderate.message', () =>
        actionForm({
          slug: options.slug,
          actions: itemActions({ kind: 'message', hidden }),
          target: { kind: 'message', id: message.id },
          labels: message.held ? HELD_LABELS : undefined,
          onDone: options.onModerated,
        }),
      ),
    );
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
    tools.length ? h('div', { class: 'message-tools' }, ...tools) : null,
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
