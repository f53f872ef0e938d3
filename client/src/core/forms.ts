import type { ZodType } from 'zod';
import { type Message, msg, type PlainKey } from '../i18n/i18n.js';
import { fromServerText, type ShownMessage } from '../i18n/server-messages.js';
import { h, messageText, on, showMessage, tr, uid } from './dom.js';
import { ApiError } from './http.js';

/**
 * Accessible form building blocks: every input has a visible label, its hint and error are tied
 * to it with `aria-describedby`, a refused field gets `aria-invalid` and the first one gets the
 * focus, and the form-level message sits in an `role="alert"` region that exists before it is
 * filled (so screen readers announce it).
 */
export type FormControl = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

export interface Field<E extends FormControl = FormControl> {
  name: string;
  root: HTMLElement;
  input: E;
  error: HTMLElement;
  hintId: string | null;
}

export interface FieldOptions {
  name: string;
  label: PlainKey;
  hint?: Message;
  type?: 'text' | 'password' | 'number' | 'search';
  autocomplete: string;
  value?: string;
  /** Default true. An optional field says so in its label. */
  required?: boolean;
  /** Words people write (titles, aliases): spelling checked, first letter capitalised. Default: off, for names and codes. */
  prose?: boolean;
  maxLength?: number;
}

/** Label, hint and error around a control, wired with `for` and `aria-describedby`. */
function wrapField<E extends FormControl>(
  control: E,
  options: { name: string; label: PlainKey; hint?: Message; required: boolean },
): Field<E> {
  const id = control.id;
  const hintId = options.hint ? `${id}-hint` : null;
  if (hintId) {
    control.setAttribute('aria-describedby', hintId);
  }
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const root = h(
    'div',
    { class: 'field' },
    h(
      'label',
      { for: id },
      tr(options.label),
      options.required ? null : h('span', { class: 'optional' }, ' ', tr('form.optional')),
    ),
    options.hint && hintId ? h('p', { class: 'hint', id: hintId }, messageText(options.hint)) : null,
    error,
    control,
  );
  return { name: options.name, root, input: control, error, hintId };
}

export function textField(options: FieldOptions): Field<HTMLInputElement> {
  const required = options.required ?? true;
  const input = h('input', {
    id: uid(`f-${options.name}`),
    name: options.name,
    type: options.type ?? 'text',
    autocomplete: options.autocomplete,
    required,
    autocapitalize: options.prose ? 'sentences' : 'none',
    autocorrect: options.prose ? null : 'off',
    spellcheck: options.prose ? 'true' : 'false',
    maxlength: options.maxLength,
  });
  if (options.value) {
    input.value = options.value;
  }
  return wrapField(input, { ...options, required });
}

export interface TextAreaOptions {
  name: string;
  label: PlainKey;
  hint?: Message;
  value?: string;
  required?: boolean;
  rows?: number;
  maxLength?: number;
}

/** A multi-line text a member writes; what they type stays in this page only. */
export function textArea(options: TextAreaOptions): Field<HTMLTextAreaElement> {
  const required = options.required ?? true;
  const input = h('textarea', {
    id: uid(`f-${options.name}`),
    name: options.name,
    rows: options.rows ?? 6,
    required,
    autocomplete: 'off',
    spellcheck: 'true',
    maxlength: options.maxLength,
  });
  if (options.value) {
    input.value = options.value;
  }
  return wrapField(input, { ...options, required });
}

export interface SelectOptions<V extends string> {
  name: string;
  label: PlainKey;
  hint?: Message;
  options: readonly { value: V; label: PlainKey }[];
  value?: V;
}

export function selectField<V extends string>(options: SelectOptions<V>): Field<HTMLSelectElement> {
  const select = h(
    'select',
    { id: uid(`f-${options.name}`), name: options.name, required: true },
    ...options.options.map((option) => h('option', { value: option.value }, tr(option.label))),
  );
  if (options.value) {
    select.value = options.value;
  }
  return wrapField(select, { ...options, required: true });
}

export interface RadioGroup<V extends string> {
  name: string;
  root: HTMLElement;
  /** The first radio: focused when the group is refused. */
  input: HTMLInputElement;
  inputs: HTMLInputElement[];
  error: HTMLElement;
  value(): V | null;
}

/** Radio buttons in a fieldset with a legend; arrow keys move between them (native). */
export function radioGroup<V extends string>(options: {
  name: string;
  legend: PlainKey;
  hint?: Message;
  options: readonly { value: V; label: PlainKey; hint?: PlainKey }[];
  value?: V;
}): RadioGroup<V> {
  const base = uid(`f-${options.name}`);
  const error = h('p', { class: 'field-error', id: `${base}-error`, hidden: true });
  const inputs: HTMLInputElement[] = [];
  const items = options.options.map((option, index) => {
    const id = `${base}-${index}`;
    const hintId = option.hint ? `${id}-hint` : null;
    const input = h('input', {
      id,
      type: 'radio',
      name: options.name,
      value: option.value,
      'aria-describedby': hintId,
    });
    input.checked = option.value === options.value;
    inputs.push(input);
    return h(
      'div',
      { class: 'check' },
      input,
      h(
        'span',
        {},
        h('label', { for: id }, tr(option.label)),
        hintId && option.hint ? h('span', { class: 'hint block', id: hintId }, tr(option.hint)) : null,
      ),
    );
  });
  const root = h(
    'fieldset',
    { class: 'field field-check radios' },
    h('legend', {}, tr(options.legend)),
    options.hint ? h('p', { class: 'hint' }, messageText(options.hint)) : null,
    error,
    ...items,
  );
  return {
    name: options.name,
    root,
    input: inputs[0],
    inputs,
    error,
    value: () => (inputs.find((input) => input.checked)?.value as V | undefined) ?? null,
  };
}

export interface Checkbox {
  name: string;
  root: HTMLElement;
  input: HTMLInputElement;
  error: HTMLElement;
}

export function checkbox(name: string, label: PlainKey): Checkbox {
  const id = uid(`f-${name}`);
  const input = h('input', { id, name, type: 'checkbox' });
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const root = h(
    'div',
    { class: 'field field-check' },
    error,
    h('span', { class: 'check' }, input, h('label', { for: id }, tr(label))),
  );
  return { name, root, input, error };
}

/** A "Show password" checkbox that switches the given password inputs to plain text and back. */
export function showPasswordToggle(fields: Field<HTMLInputElement>[]): HTMLElement {
  const toggle = checkbox('showPassword', 'form.showPassword');
  on(toggle.input, 'change', () => {
    for (const field of fields) {
      field.input.type = toggle.input.checked ? 'text' : 'password';
    }
  });
  return toggle.root;
}

export interface Problem {
  field: string;
  message: ShownMessage;
}

/**
 * Checks values with a shared contract schema (src/contracts), as the server will: empty
 * required fields first, with the page's own wording, then the schema's reasons.
 */
export function check(
  schema: ZodType,
  values: Record<string, string>,
  required: Readonly<Record<string, Message>>,
): Problem[] {
  const problems: Problem[] = [];
  for (const [field, message] of Object.entries(required)) {
    if (!values[field]?.trim()) {
      problems.push({ field, message });
    }
  }
  return problems.length ? problems : schemaProblems(schema, values);
}

/** A shared schema's reasons for refusing a request body, one per top-level field. */
export function schemaProblems(schema: ZodType, value: unknown): Problem[] {
  const result = schema.safeParse(value);
  if (result.success) {
    return [];
  }
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (!seen.has(field)) {
      seen.add(field);
      problems.push({ field, message: fromServerText(issue.message) });
    }
  }
  return problems;
}

/** The domain errors of groups, forums, moderation and chat, in the member's language. */
const CODE_MESSAGES: Readonly<Record<string, Message>> = {
  not_a_member: msg('error.notAMember'),
  pledge_required: msg('error.pledgeRequired'),
  already_member: msg('error.alreadyMember'),
  join_pending: msg('error.joinPending'),
  group_archived: msg('error.groupArchived'),
  alias_taken: msg('error.aliasTaken'),
  invalid_invite: msg('error.invalidInvite'),
  invite_expired: msg('error.inviteExpired'),
  invite_used_up: msg('error.inviteUsedUp'),
  slug_taken: msg('error.slugTaken'),
  thread_locked: msg('error.threadLocked'),
  content_removed: msg('error.contentRemoved'),
  blocked_content: msg('error.blockedContent'),
  identifying_details: msg('error.identifyingDetails'),
  suspended: msg('error.suspended'),
  muted: msg('error.muted'),
  account_banned: msg('error.accountBanned'),
  room_closed: msg('error.roomClosed'),
  session_full: msg('error.sessionFull'),
  session_cancelled: msg('error.sessionCancelled'),
  closed_cohort: msg('error.closedCohort'),
  floor_to_self: msg('error.floorToSelf'),
  round_empty: msg('error.roundEmpty'),
  not_your_turn: msg('error.notYourTurn'),
  buddy_unavailable: msg('error.buddyUnavailable'),
  slow_mode: msg('error.slowMode'),
};

/** How the page words an API error: a translated message per known code, the server's text otherwise. */
export function describeError(
  error: unknown,
  overrides: Readonly<Partial<Record<string, Message>>> = {},
): ShownMessage {
  if (!(error instanceof ApiError)) {
    return msg('error.internal');
  }
  const override = overrides[error.code];
  if (override) {
    return override;
  }
  if (error.text) {
    // The server named the refusal precisely (src/contracts/server-texts.ts): say that, not the code's general line.
    return fromServerText(error.message, error.text);
  }
  switch (error.code) {
    case 'network':
      return msg('error.network');
    case 'rate_limited': {
      const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 60_000) / 1000));
      return seconds === 1 ? msg('error.rateLimitedOne') : msg('error.rateLimited', { seconds });
    }
    case 'internal':
    case 'bad_response': {
      const reference = /Reference: ([\w-]+)/.exec(error.message)?.[1];
      return reference ? msg('error.internalRef', { reference }) : msg('error.internal');
    }
    case 'unauthorized':
    case 'invalid_refresh_token':
      return msg('error.sessionEnded');
    case 'forbidden':
      return msg('error.forbidden');
    case 'not_found':
      return msg('error.notFound');
    case 'payload_too_large':
      return msg('error.tooLarge');
    case 'service_unavailable':
      return msg('error.unavailable');
    case 'validation_failed':
      return msg('form.fixErrors');
    default:
      return CODE_MESSAGES[error.code] ?? fromServerText(error.message, error.text);
  }
}

type AnyField = Field | Checkbox | RadioGroup<string>;

export interface FormOptions {
  fields: AnyField[];
  submit: PlainKey;
  body?: Node[];
  className?: string;
  /** `danger` for a submit that deletes or ends something. */
  submitClass?: 'primary' | 'danger';
  /** More buttons beside the submit button (a "Cancel", say). */
  actions?: Node[];
}

/** Wires a `<form>`: submit handling, busy state, field and form errors. */
export class FormController {
  readonly element: HTMLFormElement;
  readonly alert: HTMLElement;
  private readonly fields = new Map<string, AnyField>();
  /** Each control's own `aria-describedby` (its hints), restored when its error goes. */
  private readonly described = new Map<string, string>();
  private readonly submitButton: HTMLButtonElement;
  private busy = false;

  constructor(options: FormOptions) {
    for (const field of options.fields) {
      this.fields.set(field.name, field);
      this.described.set(field.name, field.input.getAttribute('aria-describedby') ?? '');
    }
    this.alert = h('div', { class: 'form-alert', role: 'alert' });
    this.submitButton = h(
      'button',
      { type: 'submit', class: `button ${options.submitClass ?? 'primary'}` },
      tr(options.submit),
    );
    this.element = h(
      'form',
      { novalidate: true, class: options.className ?? 'form' },
      this.alert,
      ...(options.body ?? options.fields.map((field) => field.root)),
      h('div', { class: 'actions' }, this.submitButton, ...(options.actions ?? [])),
    );
  }

  get submitLabel(): HTMLButtonElement {
    return this.submitButton;
  }

  value(name: string): string {
    const field = this.fields.get(name);
    if (!field) {
      return '';
    }
    return 'inputs' in field ? (field.value() ?? '') : field.input.value;
  }

  values(...names: string[]): Record<string, string> {
    return Object.fromEntries(names.map((name) => [name, this.value(name)]));
  }

  private describe(name: string, control: FormControl, extra?: string): void {
    const ids = [this.described.get(name), extra].filter(Boolean).join(' ');
    if (ids) {
      control.setAttribute('aria-describedby', ids);
    } else {
      control.removeAttribute('aria-describedby');
    }
  }

  clearErrors(): void {
    showMessage(this.alert, null);
    for (const field of this.fields.values()) {
      field.error.hidden = true;
      showMessage(field.error, null);
      field.input.removeAttribute('aria-invalid');
      this.describe(field.name, field.input);
    }
  }

  /**
   * Shows each problem at its field and focuses the first; the form message (when a field is
   * refused: "Some fields need your attention") and problems without a field go in the alert.
   */
  showProblems(problems: Problem[], formMessage?: ShownMessage): void {
    this.clearErrors();
    let first: FormControl | null = null;
    const unplaced: ShownMessage[] = [];
    for (const problem of problems) {
      const field = this.fields.get(problem.field);
      if (!field) {
        unplaced.push(problem.message);
        continue;
      }
      field.error.hidden = false;
      showMessage(field.error, problem.message);
      if (!('inputs' in field)) {
        field.input.setAttribute('aria-invalid', 'true');
      }
      this.describe(field.name, field.input, field.error.id);
      first ??= field.input;
    }
    const lead = formMessage ?? (first ? msg('form.fixErrors') : null);
    const messages = lead ? [lead, ...unplaced] : unplaced;
    this.alert.replaceChildren(...messages.map((message) => h('p', {}, messageText(message))));
    first?.focus();
  }

  /** Shows an API error: details at their fields, the rest as one message in the alert. */
  showError(error: unknown, overrides?: Readonly<Partial<Record<string, Message>>>): void {
    const problems: Problem[] =
      error instanceof ApiError
        ? error.details.map((detail) => ({ field: detail.field, message: fromServerText(detail.message, detail.text) }))
        : [];
    const placed = problems.some((problem) => this.fields.has(problem.field));
    const override = error instanceof ApiError ? overrides?.[error.code] : undefined;
    this.showProblems(problems, override ?? (placed ? msg('form.fixErrors') : describeError(error, overrides)));
  }

  /** Runs the handler on submit; a second submit while busy is ignored; a failure is shown. */
  onSubmit(handler: () => Promise<void>, overrides?: Readonly<Partial<Record<string, Message>>>): void {
    on(this.element, 'submit', (event) => {
      event.preventDefault();
      if (this.busy) {
        return;
      }
      this.busy = true;
      this.element.setAttribute('aria-busy', 'true');
      this.submitButton.setAttribute('aria-disabled', 'true');
      const label = Array.from(this.submitButton.childNodes);
      this.submitButton.replaceChildren(tr('form.busy'));
      handler()
        .catch((error: unknown) => this.showError(error, overrides))
        .finally(() => {
          this.busy = false;
          this.element.removeAttribute('aria-busy');
          this.submitButton.removeAttribute('aria-disabled');
          this.submitButton.replaceChildren(...label);
        });
    });
  }
}
