import { z } from 'zod';

/**
 * The one rule for text a client sends: every string field of every contract is built here (or
 * is a uuid, a date or an enum, which cannot hold anything else). PostgreSQL's `text` cannot
 * store NUL, and nobody types a control character: such text is refused as a validation error
 * (400, or a `validation_failed` ack) instead of reaching the database.
 *
 * - every text: no C0 control character (U+0000–U+001F) but those a multi-line text allows, no
 *   DEL or C1 control (U+007F–U+009F), no lone UTF-16 surrogate (not Unicode; it would be stored
 *   as U+FFFD);
 * - `multiline` text (a post, a description, a reason) also allows line breaks (\n, \r) and tabs.
 */

// eslint-disable-next-line no-control-regex
const CONTROL_IN_LINE = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /\p{Cs}/u;

/** The client translates these by their exact words (client/src/i18n/server-messages.ts). */
export const PLAIN_TEXT_MESSAGE = 'Use plain text.';
export const ONE_LINE_MESSAGE = 'Use one line of plain text.';

/** What is wrong with a text under the rule, or undefined when nothing is. */
export function textProblem(value: string, multiline = false): string | undefined {
  if (LONE_SURROGATE.test(value) || CONTROL_IN_TEXT.test(value)) {
    return PLAIN_TEXT_MESSAGE;
  }
  if (!multiline && CONTROL_IN_LINE.test(value)) {
    return ONE_LINE_MESSAGE;
  }
  return undefined;
}

export interface TextOptions {
  /** Most characters (UTF-16 units, as `String.length` counts); required: no text is unbounded. */
  max: number;
  min?: number;
  /** Allow line breaks and tabs (bodies, descriptions, reasons). Default: one line. */
  multiline?: boolean;
  /** Cut surrounding white space before the length checks. Default true; false for secrets. */
  trim?: boolean;
  /** Compare case-insensitively (login names). */
  lowerCase?: boolean;
  /** Said when the field is missing or not a string. */
  required?: string;
  /** Said when the text is shorter than `min`. */
  tooShort?: string;
  /** Said when the text is longer than `max`. */
  tooLong?: string;
}

/**
 * A string schema under the one text rule, with bounds. It is a plain `ZodString`: chain
 * `.regex()`, `.refine()`, `.optional()` on it as usual.
 *
 * ```ts
 * note: text({ max: 500, multiline: true }).optional(),
 * title: text({ min: 3, max: 120, tooShort: 'Use at least 3 characters.' }),
 * ```
 */
export function text(options: TextOptions): z.ZodString {
  const multiline = options.multiline ?? false;
  let schema = z.string(options.required === undefined ? undefined : { error: options.required });
  if (options.trim ?? true) {
    schema = schema.trim();
  }
  if (options.lowerCase) {
    schema = schema.toLowerCase();
  }
  if (options.min !== undefined) {
    schema = schema.min(options.min, options.tooShort);
  }
  schema = schema.max(options.max, options.tooLong ?? `Use at most ${options.max.toLocaleString('en')} characters.`);
  return schema.superRefine((value, ctx) => {
    const problem = textProblem(value, multiline);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
    }
  });
}
