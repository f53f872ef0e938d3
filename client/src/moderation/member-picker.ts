import { MEMBER_PICKS, type MemberPick, type MemberStanding } from '../../../src/contracts/moderation.js';
import { h, messageText, on, tr, uid } from '../core/dom.js';
import { describeError, type Field } from '../core/forms.js';
import { api } from '../core/http.js';
import { notice } from '../core/page.js';
import { groupApi } from '../groups/groups.js';
import type { Message, PlainKey } from '../i18n/i18n.js';

export type { MemberPick, MemberStanding };

export const STANDING_LABELS: Record<MemberStanding, PlainKey> = {
  member: 'picker.standingMember',
  moderator: 'picker.standingModerator',
  'paused-moderator': 'picker.standingPaused',
  suspended: 'picker.standingSuspended',
  removed: 'picker.standingRemoved',
};

/** The typed text the server needs at least (src/contracts/moderation.ts `memberSearchSchema`). */
const MIN_CHARS = 2;

export interface MemberPickerOptions {
  slug: string;
  /** What picking a member does (each result is a button: keyboard-ready, read out with its standing). */
  onPick(pick: MemberPick): void;
  /** The words on each result's button; default "Choose {alias}". */
  pickLabel?: PlainKey;
}

/**
 * Finding a member of one group by part of their alias: type two letters or more and choose from
 * the group's members (their alias and standing only). Never an id to paste: the picked member's
 * group-scoped id goes to `onPick`, out of sight.
 */
export function memberPicker(options: MemberPickerOptions): HTMLElement {
  const inputId = uid('picker');
  const hintId = `${inputId}-hint`;
  const input = h('input', {
    id: inputId,
    type: 'search',
    name: 'alias',
    autocomplete: 'off',
    autocapitalize: 'none',
    spellcheck: 'false',
    maxlength: 24,
    'aria-describedby': hintId,
  });
  const results = h('ul', { class: 'picker-results' });
  const status = h('p', { class: 'hint', role: 'status' });
  let timer = 0;
  let asked = 0;
  const search = async () => {
    const q = input.value.trim();
    const ticket = ++asked;
    if (q.length < MIN_CHARS) {
      results.replaceChildren();
      status.replaceChildren();
      return;
    }
    try {
      const picks = await api.get<MemberPick[]>(
        groupApi(options.slug, `/moderation/members?q=${encodeURIComponent(q)}`),
      );
      if (ticket !== asked) {
        return;
      }
      results.replaceChildren(
        ...picks.map((pick) =>
          h(
            'li',
            {},
            on(
              h(
                'button',
                { type: 'button', class: 'button small picker-choice', 'data-alias': pick.alias },
                tr(options.pickLabel ?? 'picker.choose', { alias: pick.alias }),
              ),
              'click',
              () => options.onPick(pick),
            ),
            ' ',
            h('span', { class: 'badge' }, tr(STANDING_LABELS[pick.standing])),
          ),
        ),
      );
      status.replaceChildren(
        picks.length === 0
          ? tr('picker.none')
          : picks.length >= MEMBER_PICKS
            ? tr('picker.more', { count: picks.length })
            : tr('picker.found', { count: picks.length }),
      );
    } catch (error) {
      if (ticket === asked) {
        status.replaceChildren(notice(describeError(error), 'error'));
      }
    }
  };
  on(input, 'input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void search(), 250);
  });
  on(input, 'keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      window.clearTimeout(timer);
      void search();
    }
  });
  return h(
    'div',
    { class: 'field member-picker' },
    h('label', { for: inputId }, tr('picker.label')),
    h('p', { class: 'hint', id: hintId }, tr('picker.hint')),
    input,
    status,
    results,
  );
}

/** A member chosen in a form: the group-scoped id travels with the request, the alias is what people see. */
export interface ChosenMember {
  memberId: string;
  alias: string;
}

export interface MemberChoiceOptions {
  slug: string;
  /** The form field's name, where the server's refusal for it is shown (`facilitatorMemberId`). */
  name: string;
  legend: PlainKey;
  hint?: Message;
  /** Who is chosen to begin with (the moderator herself, say). */
  initial?: ChosenMember | null;
  /** Whether "nobody" is a valid answer. */
  optional?: boolean;
}

/**
 * A form field that holds one member of the group, chosen with `memberPicker` by alias: it shows
 * who is chosen and offers to choose someone else (or nobody, when optional). For a `FormController`
 * it is a field like the others; the member's id never appears in an input.
 */
export function memberChoice(
  options: MemberChoiceOptions,
): Field<HTMLInputElement> & { chosen(): ChosenMember | null } {
  let chosen: ChosenMember | null = options.initial ?? null;
  const legendId = uid('choice');
  const chosenLine = h('p', { class: 'member-chosen', 'data-testid': 'member-chosen', 'aria-live': 'polite' });
  const clear = on(h('button', { type: 'button', class: 'button small' }, tr('memberChoice.nobody')), 'click', () => {
    chosen = null;
    render();
  });
  const picker = memberPicker({
    slug: options.slug,
    onPick: (pick) => {
      chosen = { memberId: pick.memberId, alias: pick.alias };
      render();
    },
  });
  const input = picker.querySelector('input') ?? h('input', { type: 'search' });
  const error = h('p', { class: 'field-error', id: `${legendId}-error`, hidden: true });
  const hintId = options.hint ? `${legendId}-hint` : null;
  function render(): void {
    chosenLine.replaceChildren(
      chosen ? tr('memberChoice.chosen', { alias: chosen.alias }) : tr('memberChoice.none'),
      ' ',
    );
    if (chosen && options.optional) {
      chosenLine.append(clear);
    }
  }
  render();
  const root = h(
    'fieldset',
    { class: 'field member-choice', 'aria-describedby': hintId ?? undefined },
    h(
      'legend',
      { id: legendId },
      tr(options.legend),
      options.optional ? h('span', { class: 'optional' }, ' ', tr('form.optional')) : null,
    ),
    options.hint && hintId ? h('p', { class: 'hint', id: hintId }, messageText(options.hint)) : null,
    chosenLine,
    error,
    picker,
  );
  return { name: options.name, root, input, error, hintId, chosen: () => chosen };
}
