import { h } from '../core/dom.js';
import { checkbox, type Checkbox, type Field, type FormController, textArea } from '../core/forms.js';
import { ApiError } from '../core/http.js';
import { type Message, msg, type PlainKey } from '../i18n/i18n.js';
import { crisisAside, type CrisisWatchOptions, watchForCrisis } from '../safety/crisis-watch.js';
import { INSIST_SUPPORTED } from './forum.js';

/**
 * The box a member writes in: a text area with the crisis lines appearing beside it while the text
 * matches crisis language, and, after a refusal for identifying details, the choice to send anyway
 * (when the server accepts `insist`).
 */
export interface ComposeBox {
  field: Field<HTMLTextAreaElement>;
  root: HTMLElement;
  /** Shown after an `identifying_details` refusal, when the server takes `insist`. */
  insist: Checkbox;
  /** Checks the text for crisis language again (after the page cleared or filled it). */
  recheck(): void;
  /**
   * The draft's `clientKey`: made once per draft and sent with every try, so a retry after a lost
   * answer gets the post already stored instead of posting it twice. A new one after a success.
   */
  clientKey: string;
}

/** A random UUID (v4); `crypto.randomUUID` needs a secure context, this does not. */
function draftKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function composeBox(options: {
  name?: string;
  label: PlainKey;
  hint?: Message;
  value?: string;
  rows?: number;
  /** In a group: the "talk to someone now" control shown with the lines when the words sound like distress. */
  askPerson?: CrisisWatchOptions['askPerson'];
}): ComposeBox {
  const field = textArea({
    name: options.name ?? 'body',
    label: options.label,
    hint: options.hint,
    value: options.value,
    rows: options.rows ?? 6,
  });
  const aside = crisisAside();
  const recheck = watchForCrisis(field.input, aside, { askPerson: options.askPerson });
  const insist = checkbox('insist', 'compose.insist');
  insist.root.hidden = true;
  const root = h('div', { class: 'compose' }, h('div', { class: 'compose-box' }, field.root, insist.root), aside);
  return { field, root, insist, recheck, clientKey: draftKey() };
}

const DETAIL_KINDS: Readonly<Record<string, Message>> = {
  email: msg('compose.detailEmail'),
  phone: msg('compose.detailPhone'),
  address: msg('compose.detailAddress'),
};

/** The server names the kinds it found ("Looks like it contains: email, phone."): say it in the member's words. */
export function detailsMessage(error: ApiError): Message {
  const detail = error.details.find((problem) => problem.field === 'body')?.message ?? error.message;
  const kinds = Object.keys(DETAIL_KINDS).filter((kind) => detail.includes(kind));
  return kinds.length === 1 ? DETAIL_KINDS[kinds[0]] : msg('compose.detailSeveral');
}

/** Waits before the retries of a send whose answer was lost (the post may be stored already). */
const RETRY_DELAYS_MS = [500, 2000];

/** No answer, or a server that could not answer: the post may or may not be stored. */
function answerLost(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504)
  );
}

/** Sends, and sends again with the same draft key while the answer is lost: the server stores it once. */
async function sendRetrying<T>(box: ComposeBox, send: (clientKey: string) => Promise<T>): Promise<T> {
  for (const delay of RETRY_DELAYS_MS) {
    try {
      return await send(box.clientKey);
    } catch (error) {
      if (!answerLost(error)) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  return send(box.clientKey);
}

/**
 * Sends a text under the draft's key (retried with it while the answer is lost); when the server
 * refuses it for identifying details, says which kind of detail at the box, why that matters, and
 * (when the server takes it) offers to send it anyway. Resolves with null after such a refusal.
 */
export async function sendWithCare<T>(
  form: FormController,
  box: ComposeBox,
  send: (insist: boolean, clientKey: string) => Promise<T>,
): Promise<T | null> {
  const insisting = INSIST_SUPPORTED && !box.insist.root.hidden && box.insist.input.checked;
  try {
    const result = await sendRetrying(box, (clientKey) => send(insisting, clientKey));
    box.insist.root.hidden = true;
    box.insist.input.checked = false;
    box.clientKey = draftKey();
    return result;
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'identifying_details') {
      throw error;
    }
    box.insist.root.hidden = !INSIST_SUPPORTED;
    form.showProblems(
      [{ field: box.field.name, message: detailsMessage(error) }],
      msg(INSIST_SUPPORTED ? 'compose.identifyingInsist' : 'error.identifyingDetails'),
    );
    return null;
  }
}
