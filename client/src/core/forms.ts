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
export interface Field {
  name: string;
  root: HTMLElement;
  input: HTMLInputElement;
  error: HTMLElement;
  hintId: string | null;
}

export interface FieldOptions {
  name: string;
  label: PlainKey;
  hint?: Message;
  type?: 'text' | 'password';
  autocomplete: string;
  value?: string;
}

export function textField(options: FieldOptions): Field {
  const id = uid(`f-${options.name}`);
  const hintId = options.hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const input = h('input', {
    id,
    name: options.name,
    type: options.type ?? 'text',
    autocomplete: options.autocomplete,
    required: true,
    autocapitalize: 'none',
    autocorrect: 'off',
    spellcheck: 'false',
    'aria-describedby': hintId,
  });
  if (options.value) {
    input.value = options.value;
  }
  const hint = options.hint;
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const root = h(
    'div',
    { class: 'field' },
    h('label', { for: id }, tr(options.label)),
    hint && hintId ? h('p', { class: 'hint', id: hintId }, messageText(hint)) : null,
    error,
    input,
  );
  return { name: options.name, root, input, error, hintId };
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
export function showPasswordToggle(fields: Field[]): HTMLElement {
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
  if (problems.length) {
    return problems;
  }
  const result = schema.safeParse(values);
  if (result.success) {
    return [];
  }
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
  switch (error.code) {
    case 'network':
      return msg('error.network');
    case 'rate_limited':
      return msg('error.rateLimited', { seconds: Math.max(1, Math.ceil((error.retryAfterMs ?? 60_000) / 1000)) });
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
      return fromServerText(error.message);
  }
}

type AnyField = Field | Checkbox;

/** Wires a `<form>`: submit handling, busy state, field and form errors. */
export class FormController {
  readonly element: HTMLFormElement;
  readonly alert: HTMLElement;
  private readonly fields = new Map<string, AnyField>();
  private readonly submitButton: HTMLButtonElement;
  private busy = false;

  constructor(options: { fields: AnyField[]; submit: PlainKey; body?: Node[]; className?: string }) {
    for (const field of options.fields) {
      this.fields.set(field.name, field);
    }
    this.alert = h('div', { class: 'form-alert', role: 'alert' });
    this.submitButton = h('button', { type: 'submit', class: 'button primary' }, tr(options.submit));
    this.element = h(
      'form',
      { novalidate: true, class: options.className ?? 'form' },
      this.alert,
      ...(options.body ?? options.fields.map((field) => field.root)),
      h('div', { class: 'actions' }, this.submitButton),
    );
  }

  get submitLabel(): HTMLButtonElement {
    return this.submitButton;
  }

  value(name: string): string {
    const field = this.fields.get(name);
    return field ? field.input.value : '';
  }

  values(...names: string[]): Record<string, string> {
    return Object.fromEntries(names.map((name) => [name, this.value(name)]));
  }

  clearErrors(): void {
    showMessage(this.alert, null);
    for (const field of this.fields.values()) {
      field.error.hidden = true;
      showMessage(field.error, null);
      field.input.removeAttribute('aria-invalid');
      field.input.setAttribute('aria-describedby', 'hintId' in field && field.hintId ? field.hintId : '');
      if (!field.input.getAttribute('aria-describedby')) {
        field.input.removeAttribute('aria-describedby');
      }
    }
  }

  /**
   * Shows each problem at its field and focuses the first; the form message (when a field is
   * refused: "Some fields need your attention") and problems without a field go in the alert.
   */
  showProblems(problems: Problem[], formMessage?: ShownMessage): void {
    this.clearErrors();
    let first: HTMLInputElement | null = null;
    const unplaced: ShownMessage[] = [];
    for (const problem of problems) {
      const field = this.fields.get(problem.field);
      if (!field) {
        unplaced.push(problem.message);
        continue;
      }
      field.error.hidden = false;
      showMessage(field.error, problem.message);
      field.input.setAttribute('aria-invalid', 'true');
      const hintId = 'hintId' in field ? field.hintId : null;
      field.input.setAttribute('aria-describedby', [hintId, field.error.id].filter(Boolean).join(' '));
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
        ? error.details.map((detail) => ({ field: detail.field, message: fromServerText(detail.message) }))
        : [];
    const placed = problems.some((problem) => this.fields.has(problem.field));
    this.showProblems(problems, placed ? msg('form.fixErrors') : describeError(error, overrides));
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
