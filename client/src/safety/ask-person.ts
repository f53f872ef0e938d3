import type { AskedForPerson } from '../../../src/contracts/crisis.js';
import { h, on, tr, uid } from '../core/dom.js';
import { describeError } from '../core/forms.js';
import { request } from '../core/http.js';
import { notice } from '../core/page.js';
import { followCrisisStatus } from './crisis-follow.js';
import { CrisisPanel } from './crisis-panel.js';

/** As the server's `askForPersonSchema` allows. */
const NOTE_MAX = 500;

/**
 * "I want to talk to someone now": the detector misses crisis words it never saw, so a member can
 * ask for a person themselves. A calm button (with an optional short note) beside the box they
 * write in; the answer opens the same crisis panel a detected message opens, with what is true now
 * and the lines to call, and the panel follows the case live. Members only: a guest sees the lines.
 */
export function askPersonControl(group: string, panel: CrisisPanel, answered?: () => void): HTMLElement {
  const noteId = uid('ask-note');
  const note = h('textarea', { id: noteId, rows: '2', maxlength: String(NOTE_MAX), class: 'ask-person-note' });
  const problems = h('div', { class: 'ask-person-problems' });
  const button = h('button', { type: 'button', class: 'button ask-person-button' }, tr('crisis.askPerson'));
  const control = h(
    'div',
    { class: 'ask-person' },
    button,
    h(
      'details',
      { class: 'ask-person-more' },
      h('summary', {}, tr('crisis.askNoteToggle')),
      h('label', { for: noteId }, tr('crisis.askNoteLabel')),
      note,
    ),
    problems,
  );
  on(button, 'click', () => {
    button.disabled = true;
    problems.replaceChildren();
    const text = note.value.trim();
    void request<AskedForPerson>('POST', `/api/groups/${encodeURIComponent(group)}/crisis/ask`, {
      body: text ? { note: text } : {},
    })
      .then((answer) => {
        note.value = '';
        panel.placeAfter(control);
        panel.show({ intro: answer.crisis.introText, status: { caseId: answer.caseId, state: answer.state } });
        answered?.();
      })
      .catch((error: unknown) => problems.replaceChildren(notice(describeError(error), 'error')))
      .finally(() => {
        button.disabled = false;
      });
  });
  return control;
}

/** The button on a group's page (no chat room there): its own panel, following the case live once there is one. */
export function askPersonSection(group: string, signal: AbortSignal): HTMLElement {
  let control: HTMLElement | null = null;
  const panel = new CrisisPanel({ returnFocus: () => control?.querySelector('button') });
  control = askPersonControl(group, panel, followCrisisStatus(panel, group, signal));
  return h('section', { class: 'ask-person-section' }, control, panel.element);
}
