import type { ZodType } from 'zod';
import { createSessionSchema, SESSION_CAPACITY_MAX, SESSION_CAPACITY_MIN } from '../../../src/contracts/chat.js';
import { createSeriesSchema, DEFAULT_TIME_ZONE, SERIES_COUNT_MAX } from '../../../src/contracts/session-series.js';
import { h, tr } from '../core/dom.js';
import { flash } from '../core/flash.js';
import {
  checkbox,
  type Checkbox,
  type Field,
  FormController,
  schemaProblems,
  selectField,
  textArea,
  textField,
} from '../core/forms.js';
import { api } from '../core/http.js';
import { refreshPage } from '../core/router.js';
import type { GroupContext } from '../groups/frame.js';
import { groupApi } from '../groups/groups.js';
import { type Message, msg, type PlainKey } from '../i18n/i18n.js';
import { memberChoice } from '../moderation/member-picker.js';

/**
 * Moderators plan sessions: a one-off meeting, or a series that meets every (other) week. Both
 * forms share the title, the places, the facilitator (chosen by alias, never a typed id) and the
 * way they are sent.
 */

/** `datetime-local` gives local wall time; the contracts want an offset. */
export function toIso(local: string): string {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}

/** A `datetime-local` field (the member's own wall time). */
export function dateTimeField(name: string, label: PlainKey, value?: string): Field<HTMLInputElement> {
  const field = textField({ name, label, autocomplete: 'off', value });
  field.input.type = 'datetime-local';
  return field;
}

function numberField(name: string, label: PlainKey, value: number, hint?: Message): Field<HTMLInputElement> {
  return textField({ name, label, hint, type: 'number', autocomplete: 'off', value: String(value) });
}

interface PlanOptions {
  context: GroupContext;
  /** What this kind of plan adds between the title and the places. */
  fields: (Field | Checkbox)[];
  schema: ZodType;
  path: string;
  facilitatorOptional: boolean;
  request(): Record<string, unknown>;
  keys: { heading: PlainKey; open: PlainKey; submit: PlainKey; planned: PlainKey; facilitatorHint: PlainKey };
}

/** A planning form in its own panel, folded until the moderator opens it. */
function planForm(options: PlanOptions): HTMLElement {
  const { context } = options;
  const title = textField({ name: 'title', label: 'sessions.titleLabel', autocomplete: 'off', prose: true });
  const capacity = numberField(
    'capacity',
    'sessions.capacity',
    12,
    msg('sessions.capacityHint', { min: SESSION_CAPACITY_MIN, max: SESSION_CAPACITY_MAX }),
  );
  const me = context.membership;
  const facilitator = memberChoice({
    slug: context.slug,
    name: 'facilitatorMemberId',
    legend: 'sessions.facilitatorLegend',
    hint: msg(options.keys.facilitatorHint),
    initial: me ? { memberId: me.memberId, alias: me.alias } : null,
    optional: options.facilitatorOptional,
  });
  const form = new FormController({
    fields: [title, ...options.fields, capacity, facilitator],
    submit: options.keys.submit,
    className: 'form compact',
  });
  form.onSubmit(async () => {
    const chosen = facilitator.chosen();
    const request = {
      title: title.input.value,
      ...options.request(),
      capacity: Number(capacity.input.value),
      ...(chosen ? { facilitatorMemberId: chosen.memberId } : {}),
    };
    const problems = schemaProblems(options.schema, request);
    if (!chosen && !options.facilitatorOptional) {
      problems.push({ field: 'facilitatorMemberId', message: msg('sessions.facilitatorRequired') });
    }
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    await api.post(options.path, request);
    flash(msg(options.keys.planned));
    refreshPage();
  });
  const headingId = `${options.keys.heading.replace('.', '-')}-heading`;
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, tr(options.keys.heading)),
    h(
      'details',
      { class: 'disclosure' },
      h('summary', {}, tr(options.keys.open)),
      h('div', { class: 'disclosure-body' }, form.element),
    ),
  );
}

/** A one-off session with a start, an end and its facilitator. */
export function planSessionForm(context: GroupContext): HTMLElement {
  const startsAt = dateTimeField('startsAt', 'sessions.startsAt');
  const endsAt = dateTimeField('endsAt', 'sessions.endsAt');
  return planForm({
    context,
    fields: [startsAt, endsAt],
    schema: createSessionSchema,
    path: groupApi(context.slug, '/sessions'),
    facilitatorOptional: false,
    request: () => ({ startsAt: toIso(startsAt.input.value), endsAt: toIso(endsAt.input.value) }),
    keys: {
      heading: 'sessions.planHeading',
      open: 'sessions.planOpen',
      submit: 'sessions.plan',
      planned: 'sessions.planned',
      facilitatorHint: 'sessions.facilitatorHint',
    },
  });
}

/** A series: a weekly (or every other week) meeting at a local time, or a closed course. */
export function planSeriesForm(context: GroupContext): HTMLElement {
  const rhythm = selectField({
    name: 'rhythm',
    label: 'series.rhythm',
    options: [
      { value: 'weekly', label: 'series.rhythmWeekly' },
      { value: 'biweekly', label: 'series.rhythmBiweekly' },
    ],
    value: 'weekly',
  });
  const firstDate = textField({ name: 'firstDate', label: 'series.firstDate', autocomplete: 'off' });
  firstDate.input.type = 'date';
  const localTime = textField({
    name: 'localTime',
    label: 'series.localTime',
    hint: msg('series.localTimeHint', { zone: DEFAULT_TIME_ZONE }),
    autocomplete: 'off',
    value: '19:00',
  });
  localTime.input.type = 'time';
  const duration = numberField('durationMinutes', 'series.duration', 90);
  const count = numberField('count', 'series.count', 12, msg('series.countHint', { max: SERIES_COUNT_MAX }));
  const closed = checkbox('closedCohort', 'series.closedCohort');
  const opening = textArea({ name: 'openingText', label: 'series.openingText', rows: 3, required: false });
  const closing = textArea({ name: 'closingText', label: 'series.closingText', rows: 2, required: false });
  return planForm({
    context,
    fields: [rhythm, firstDate, localTime, duration, count, closed, opening, closing],
    schema: createSeriesSchema,
    path: groupApi(context.slug, '/session-series'),
    facilitatorOptional: true,
    request: () => ({
      rhythm: rhythm.input.value,
      firstDate: firstDate.input.value,
      localTime: localTime.input.value,
      timeZone: DEFAULT_TIME_ZONE,
      durationMinutes: Number(duration.input.value),
      count: Number(count.input.value),
      closedCohort: closed.input.checked,
      openingText: opening.input.value,
      closingText: closing.input.value,
    }),
    keys: {
      heading: 'series.planHeading',
      open: 'series.planOpen',
      submit: 'series.plan',
      planned: 'series.planned',
      facilitatorHint: 'series.facilitatorHint',
    },
  });
}
