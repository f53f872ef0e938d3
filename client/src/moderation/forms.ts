import {
  type ModerationActionRequest,
  moderationActionSchema,
  REPORT_REASONS,
  type ReportReason,
  reportSchema,
  worrySchema,
} from '../../../src/contracts/moderation.js';
import { h, on, tr, uid } from '../core/dom.js';
import { FormController, radioGroup, schemaProblems, textArea, textField } from '../core/forms.js';
import { api } from '../core/http.js';
import { msg, type PlainKey } from '../i18n/i18n.js';
import { groupApi } from '../groups/groups.js';

/**
 * The safety forms every member and moderator uses: reporting an item, "I'm worried about this
 * member", and a moderator's action with its required reason.
 */

/** A `<details>` disclosure: a native, keyboard-ready "show more" with its summary as the button. */
export function disclosure(summary: PlainKey | Node, ...content: Node[]): HTMLDetailsElement {
  return h(
    'details',
    { class: 'disclosure' },
    h('summary', {}, typeof summary === 'string' ? tr(summary) : summary),
    h('div', { class: 'disclosure-body' }, ...content),
  );
}

/** Replaces a finished form with a short thank-you that takes the focus (and is read out). */
function done(form: HTMLElement, message: PlainKey): void {
  const thanks = h('p', { class: 'done', role: 'status', tabindex: '-1' }, tr(message));
  form.replaceWith(thanks);
  thanks.focus();
}

const REASON_LABELS: Record<ReportReason, PlainKey> = {
  crisis: 'report.reasonCrisis',
  harassment: 'report.reasonHarassment',
  privacy: 'report.reasonPrivacy',
  spam: 'report.reasonSpam',
  other: 'report.reasonOther',
};

export type ReportTarget = { kind: 'thread' | 'post' | 'message'; id: string };

/** "Report": a reason and an optional note, for the group's moderators. The reporter stays unnamed. */
export function reportForm(slug: string, target: ReportTarget): HTMLElement {
  const reason = radioGroup<ReportReason>({
    name: 'reason',
    legend: 'report.reason',
    options: REPORT_REASONS.map((value) => ({ value, label: REASON_LABELS[value] })),
  });
  const note = textArea({ name: 'note', label: 'report.note', hint: msg('report.noteHint'), required: false, rows: 3 });
  const form = new FormController({
    fields: [reason, note],
    submit: 'report.submit',
    className: 'form compact',
    body: [h('p', { class: 'hint' }, tr('report.intro')), reason.root, note.root],
  });
  form.onSubmit(async () => {
    const request = { target, reason: reason.value(), note: note.input.value.trim() || undefined };
    if (!request.reason) {
      form.showProblems([{ field: 'reason', message: msg('report.reasonRequired') }]);
      return;
    }
    const problems = schemaProblems(reportSchema, request);
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    await api.post<void>(groupApi(slug, '/reports'), request);
    done(form.element, 'report.thanks');
  });
  return form.element;
}

/** "I'm worried about this member": the moderators look in; the member gets a kind notice, never who asked. */
export function worryForm(slug: string, memberId: string, alias: string): HTMLElement {
  const note = textArea({ name: 'note', label: 'worry.note', hint: msg('worry.noteHint'), required: false, rows: 3 });
  const form = new FormController({
    fields: [note],
    submit: 'worry.submit',
    className: 'form compact',
    body: [h('p', { class: 'hint' }, tr('worry.intro', { alias })), note.root],
  });
  form.onSubmit(async () => {
    const request = { memberId, note: note.input.value.trim() || undefined };
    const problems = schemaProblems(worrySchema, request);
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    await api.post<void>(groupApi(slug, '/worries'), request);
    done(form.element, 'worry.thanks');
  });
  return form.element;
}

export type ActionName = ModerationActionRequest['action'];

const ACTION_LABELS: Record<ActionName, PlainKey> = {
  hide: 'action.hide',
  restore: 'action.restore',
  delete: 'action.delete',
  lock: 'action.lock',
  unlock: 'action.unlock',
  pin: 'action.pin',
  unpin: 'action.unpin',
  warn: 'action.warn',
  mute: 'action.mute',
  unmute: 'action.unmute',
  suspend: 'action.suspend',
  unsuspend: 'action.unsuspend',
  remove: 'action.remove',
};

const ACTION_HINTS: Partial<Record<ActionName, PlainKey>> = {
  hide: 'action.hideHint',
  delete: 'action.deleteHint',
  warn: 'action.warnHint',
  remove: 'action.removeHint',
};

export interface ActionFormOptions {
  slug: string;
  actions: readonly ActionName[];
  /** The item the item actions (hide … unpin) act on. */
  target?: { kind: 'thread' | 'post' | 'message'; id: string };
  /** The member the member actions (warn … remove) act on. */
  memberId?: string;
  /** The queue entry this action settles. */
  caseId?: string;
  /** Other words for some actions ("Approve it" for restoring an item held for review). */
  labels?: Partial<Record<ActionName, PlainKey>>;
  onDone(action: ActionName): void;
}

/** For an item held for review, restoring it is approving it. */
export const HELD_LABELS: Partial<Record<ActionName, PlainKey>> = { restore: 'action.approve' };

/**
 * A moderator's action: which one, for how long (mute, suspend), and the reason, which is required:
 * the member affected is told what was done and why, and it goes into the audit log.
 */
export function actionForm(options: ActionFormOptions): HTMLElement {
  const action = radioGroup<ActionName>({
    name: 'action',
    legend: 'action.which',
    options: options.actions.map((value) => ({
      value,
      label: options.labels?.[value] ?? ACTION_LABELS[value],
      hint: ACTION_HINTS[value],
    })),
    value: options.actions.length === 1 ? options.actions[0] : undefined,
  });
  const minutes = textField({
    name: 'minutes',
    label: 'action.minutes',
    type: 'number',
    autocomplete: 'off',
    value: '60',
  });
  const days = textField({ name: 'days', label: 'action.days', type: 'number', autocomplete: 'off', value: '7' });
  const reason = textArea({ name: 'reason', label: 'action.reason', hint: msg('action.reasonHint'), rows: 3 });
  const showDurations = () => {
    minutes.root.hidden = action.value() !== 'mute';
    days.root.hidden = action.value() !== 'suspend';
  };
  for (const input of action.inputs) {
    on(input, 'change', showDurations);
  }
  showDurations();
  const form = new FormController({
    fields: [action, minutes, days, reason],
    submit: 'action.submit',
    className: 'form compact',
    body: [action.root, minutes.root, days.root, reason.root],
  });
  form.onSubmit(async () => {
    const chosen = action.value();
    if (!chosen) {
      form.showProblems([{ field: 'action', message: msg('action.whichRequired') }]);
      return;
    }
    if (!reason.input.value.trim()) {
      form.showProblems([{ field: 'reason', message: msg('action.reasonRequired') }]);
      return;
    }
    const request = buildAction(chosen, options, {
      reason: reason.input.value.trim(),
      minutes: Number(minutes.input.value),
      days: Number(days.input.value),
    });
    const problems = schemaProblems(moderationActionSchema, request);
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    await api.post<{ actionId: string }>(groupApi(options.slug, '/moderation/actions'), request);
    options.onDone(chosen);
  });
  const root = form.element;
  root.id = uid('action-form');
  return root;
}

function buildAction(
  action: ActionName,
  options: ActionFormOptions,
  values: { reason: string; minutes: number; days: number },
): Record<string, unknown> {
  const base = { action, reason: values.reason, ...(options.caseId ? { caseId: options.caseId } : {}) };
  switch (action) {
    case 'hide':
    case 'restore':
    case 'delete':
    case 'lock':
    case 'unlock':
    case 'pin':
    case 'unpin':
      return { ...base, target: options.target };
    case 'mute':
      return { ...base, memberId: options.memberId, minutes: values.minutes };
    case 'suspend':
      return { ...base, memberId: options.memberId, days: values.days };
    case 'warn':
    case 'unmute':
    case 'unsuspend':
    case 'remove':
      return { ...base, memberId: options.memberId };
  }
}

/** Item actions that fit an item's state. */
export function itemActions(item: {
  kind: 'thread' | 'post' | 'message';
  hidden: boolean;
  locked?: boolean;
  pinned?: boolean;
}): ActionName[] {
  const actions: ActionName[] = [item.hidden ? 'restore' : 'hide', 'delete'];
  if (item.kind === 'thread') {
    actions.push(item.locked ? 'unlock' : 'lock', item.pinned ? 'unpin' : 'pin');
  }
  return actions;
}

export const MEMBER_ACTIONS: readonly ActionName[] = ['warn', 'mute', 'unmute', 'suspend', 'unsuspend', 'remove'];
