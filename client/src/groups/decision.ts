import type { ZodType } from 'zod';
import { h, on, tr } from '../core/dom.js';
import { flash } from '../core/flash.js';
import { describeError, schemaProblems, textArea } from '../core/forms.js';
import { api } from '../core/http.js';
import { notice } from '../core/page.js';
import { refreshPage } from '../core/router.js';
import { msg, type PlainKey } from '../i18n/i18n.js';

/** What one decision form says: the labels, and what is said after either answer. */
export interface DecisionWords {
  reason: PlainKey;
  reasonNeeded: PlainKey;
  accept: PlainKey;
  decline: PlainKey;
  accepted: PlainKey;
  declined: PlainKey;
}

/**
 * Accept or decline what a member proposed (a pledge change, a new group): a reason field, needed
 * to decline as the shared schema says, and the two buttons; posts `{approve, reason?}` to `url`.
 */
export function decisionTools(
  url: string,
  schema: ZodType,
  words: DecisionWords,
  /** A field more, and what it adds to an approval (the category of a proposed group). */
  extra?: { root: HTMLElement; onApprove: () => Record<string, unknown> },
): HTMLElement {
  const reason = textArea({ name: 'reason', label: words.reason, rows: 2, required: false });
  const status = h('div', {});
  const decide = (approve: boolean) => () => {
    const text = reason.input.value.trim();
    const request = {
      approve,
      ...(text ? { reason: text } : {}),
      ...(approve && extra ? extra.onApprove() : {}),
    };
    if (schemaProblems(schema, request).length) {
      status.replaceChildren(notice(msg(words.reasonNeeded), 'error'));
      reason.input.focus();
      return;
    }
    api
      .post<unknown>(url, request)
      .then(() => {
        flash(msg(approve ? words.accepted : words.declined));
        refreshPage();
      })
      .catch((error: unknown) => status.replaceChildren(notice(describeError(error), 'error')));
  };
  return h(
    'div',
    {},
    extra?.root ?? null,
    reason.root,
    h(
      'div',
      { class: 'tool-row' },
      on(h('button', { type: 'button', class: 'button primary small' }, tr(words.accept)), 'click', decide(true)),
      on(h('button', { type: 'button', class: 'button small' }, tr(words.decline)), 'click', decide(false)),
    ),
    status,
  );
}
