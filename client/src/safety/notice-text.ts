import type { Notice } from '../../../src/contracts/moderation.js';
import { h, liveText, tr } from '../core/dom.js';
import { serverTextString } from '../i18n/server-texts.js';

function reasonLine(reason: string): HTMLParagraphElement {
  return h(
    'p',
    { class: 'notice-reason' },
    h('strong', {}, tr('told.reason')),
    ' ',
    h('span', { class: 'user-text' }, reason),
  );
}

/**
 * A notice's words in the member's language: what happened comes as a code
 * (src/contracts/server-texts.ts) and is said here; the moderator's own reason follows as they wrote
 * it. A notice from before codes, whose text was not one the migration knew, is shown as it came.
 */
export function noticeText(notice: Notice): HTMLElement[] {
  const { text } = notice;
  if (!text || serverTextString(text) === null) {
    return notice.message ? [h('p', { class: 'user-text' }, notice.message)] : [];
  }
  const parts: HTMLElement[] = [
    h(
      'p',
      {},
      liveText(() => serverTextString(text) ?? ''),
    ),
  ];
  if (notice.message) {
    parts.push(reasonLine(notice.message));
  }
  return parts;
}
