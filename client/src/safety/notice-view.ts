import { appealSchema, type Notice } from '../../../src/contracts/moderation.js';
import type { ServerText } from '../../../src/contracts/server-texts.js';
import { h, liveText, tr, uid } from '../core/dom.js';
import { timeElement } from '../core/format.js';
import { FormController, schemaProblems, textArea } from '../core/forms.js';
import { api } from '../core/http.js';
import { groupApi } from '../groups/groups.js';
import { msg, type PlainKey } from '../i18n/i18n.js';
import { serverTextString } from '../i18n/server-texts.js';
import type { CrisisStatus } from '../../../src/contracts/crisis.js';
import { crisisLines } from './crisis-lines.js';
import { followCrisisStatus } from './crisis-follow.js';
import { CrisisPanel } from './crisis-panel.js';
import { noticeText } from './notice-text.js';
import { crisisWatched } from './crisis-watch.js';

/**
 * A private notice from a group's moderation: what happened, in the server's words (the
 * moderator's reason included), an appeal for an action, and the crisis lines when they belong.
 */
const KIND_TITLES: Record<Notice['kind'], PlainKey> = {
  warning: 'notice.kindWarning',
  action: 'notice.kindAction',
  crisis: 'notice.kindCrisis',
  worry: 'notice.kindWorry',
  'report-handled': 'notice.kindReportHandled',
  'appeal-decided': 'notice.kindAppealDecided',
};

function appealForm(slug: string, actionId: string, signal: AbortSignal | undefined): HTMLElement {
  const text = crisisWatched(textArea({ name: 'text', label: 'appeal.text', hint: msg('appeal.textHint'), rows: 4 }));
  const form = new FormController({ fields: [text], submit: 'appeal.submit', className: 'form compact' });
  form.onSubmit(async () => {
    const request = { text: text.input.value };
    const problems = schemaProblems(appealSchema, request);
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    const answer = await api.post<{ appealId: string; crisis?: CrisisHelpNote; crisisStatus?: CrisisStatus }>(
      groupApi(slug, `/appeals/${encodeURIComponent(actionId)}`),
      request,
    );
    const thanks = h('p', { class: 'done', role: 'status', tabindex: '-1' }, tr('appeal.sent'));
    form.element.replaceWith(thanks);
    if (answer.crisis) {
      // Words that signal crisis: the help goes right here, as under a forum post, and follows who knows.
      const panel = new CrisisPanel({ returnFocus: () => thanks });
      panel.placeAfter(thanks);
      panel.show({ intro: answer.crisis.introText, status: answer.crisisStatus });
      if (signal) {
        followCrisisStatus(panel, slug, signal)();
      }
    } else {
      thanks.focus();
    }
  });
  return form.element;
}

export function noticeView(
  slug: string,
  notice: Notice,
  options: { headingLevel?: 2 | 3; signal?: AbortSignal } = {},
): HTMLElement {
  const headingId = uid('notice');
  const withLines = notice.crisisLines !== undefined || notice.kind === 'crisis' || notice.kind === 'worry';
  const heading = h(options.headingLevel === 3 ? 'h3' : 'h2', { id: headingId }, tr(KIND_TITLES[notice.kind]));
  const parts: Node[] = [
    heading,
    h(
      'p',
      { class: 'notice-meta' },
      timeElement(notice.createdAt),
      notice.read ? null : h('span', { class: 'badge' }, tr('notice.new')),
    ),
    ...noticeText(notice),
  ];
  if (withLines) {
    // The caring sentence in the reader's language; the group-language `intro` beside it is for old clients.
    const intro = notice.crisisLines?.introText;
    if (intro && serverTextString(intro) !== null) {
      parts.push(
        h(
          'p',
          { class: 'important' },
          liveText(() => serverTextString(intro) ?? ''),
        ),
      );
    }
    parts.push(crisisLines({ headingLevel: 3 }));
  }
  if (notice.actionId) {
    parts.push(
      h(
        'details',
        { class: 'disclosure' },
        h('summary', {}, tr('appeal.open')),
        h(
          'div',
          { class: 'disclosure-body' },
          h('p', { class: 'hint' }, tr('appeal.intro')),
          appealForm(slug, notice.actionId, options.signal),
        ),
      ),
    );
  }
  return h(
    'section',
    { class: `member-notice kind-${notice.kind}${withLines ? ' with-lines' : ''}`, 'aria-labelledby': headingId },
    ...parts,
  );
}

/** The server's crisis help for the author of what was just written (`crisis` in a write's answer); see crisis-panel.ts. */
export interface CrisisHelpNote {
  /** Said in the reader's language (`intro`, in the group's, is not shown). */
  introText?: ServerText;
}
