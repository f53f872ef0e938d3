import type { Notice } from '../../../src/contracts/moderation.js';
import { h, tr } from '../core/dom.js';
import type { PlainKey } from '../i18n/i18n.js';

/**
 * A notice's words in the member's language. The server writes what happened in English, then the
 * moderator's reason as they wrote it (src/moderation/actions.service.ts `TOLD`, appeals.service.ts).
 * Until notices carry the action as a code, the known sentences are recognised and translated here;
 * the reason is always shown as written, and an unknown text as it came.
 */
const TOLD: readonly [string, PlainKey][] = [
  ['A moderator removed something you wrote from view.', 'told.hide'],
  ['A moderator made something you wrote visible again.', 'told.restore'],
  ['A moderator deleted something you wrote.', 'told.delete'],
  ['A moderator locked your thread: it takes no new replies.', 'told.lock'],
  ['A moderator unlocked your thread.', 'told.unlock'],
  ['A moderator pinned your thread.', 'told.pin'],
  ['A moderator unpinned your thread.', 'told.unpin'],
  ['A moderator sends you a warning. We want this group to stay safe for everyone, you included.', 'told.warn'],
  ['A moderator muted you in the group chat for a while.', 'told.mute'],
  ['A moderator lifted your chat mute.', 'told.unmute'],
  ['A moderator suspended your membership of this group for a while.', 'told.suspend'],
  ['A moderator lifted your suspension.', 'told.unsuspend'],
  ['A moderator removed you from this group.', 'told.remove'],
  ['Your appeal was granted: the action was undone.', 'told.appealGranted'],
  ['Your appeal was looked at by another moderator, who kept the action.', 'told.appealKept'],
  ['Thank you for your report. A moderator has looked at it and handled it.', 'told.reportHandled'],
];

function reasonLine(reason: string): HTMLParagraphElement {
  return h(
    'p',
    { class: 'notice-reason' },
    h('strong', {}, tr('told.reason')),
    ' ',
    h('span', { class: 'user-text' }, reason),
  );
}

export function noticeText(notice: Notice): HTMLElement[] {
  const text = notice.message;
  for (const [sentence, key] of TOLD) {
    if (!text.startsWith(sentence)) {
      continue;
    }
    let rest = text.slice(sentence.length).trimStart();
    const lead: (Node | string)[] = [tr(key)];
    const duration = /^\((\d+) (minutes|days)\) /.exec(rest);
    if (duration) {
      const count = Number(duration[1]);
      lead.push(' ', duration[2] === 'minutes' ? tr('told.minutes', { count }) : tr('told.days', { count }));
      rest = rest.slice(duration[0].length);
    }
    const parts: HTMLElement[] = [h('p', {}, ...lead)];
    if (rest.startsWith('Reason: ')) {
      parts.push(reasonLine(rest.slice('Reason: '.length)));
    } else if (rest) {
      // Appeal decisions: the deciding moderator's reason follows the sentence.
      parts.push(reasonLine(rest));
    }
    return parts;
  }
  return [h('p', { class: 'user-text' }, text)];
}
