import type { PlainKey } from '../i18n/i18n.js';
import type { ShownMessage } from '../i18n/server-messages.js';
import { type Child, h, messageText, tr } from './dom.js';
import { describeError } from './forms.js';
import type { View } from './router.js';

/** A page with its `<h1>` (the title's text unless another heading is given) and its content. */
export function view(
  title: PlainKey,
  children: Child[],
  options: { heading?: PlainKey; dispose?: () => void } = {},
): View {
  return {
    title,
    node: h('div', { class: 'view' }, h('h1', {}, tr(options.heading ?? title)), ...children),
    dispose: options.dispose,
  };
}

/** A paragraph of translated text. */
export function para(key: PlainKey, attrs: Record<string, string> = {}): HTMLParagraphElement {
  return h('p', attrs, tr(key));
}

/** A calm notice box: `status` (polite) by default, `alert` for errors. */
export function notice(message: ShownMessage, kind: 'info' | 'error' = 'info'): HTMLElement {
  return h(
    'div',
    { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    h('p', {}, messageText(message)),
  );
}

/** The page shown when a page itself failed to load. */
export function errorView(error: unknown): View {
  return view('error.title', [notice(describeError(error), 'error')]);
}

/** A page's own polite live region, for short confirmations ("Your reply is posted."). */
export function liveRegion(): { element: HTMLElement; say(key: PlainKey): void } {
  const element = h('div', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' });
  return {
    element,
    say(key) {
      element.replaceChildren();
      // A fresh node a moment later, so the same message twice is read twice.
      window.setTimeout(() => element.replaceChildren(tr(key)), 50);
    },
  };
}

/** A button that runs an action; a plain `type="button"` with a translated label. */
export function button(label: PlainKey, onClick: (event: MouseEvent) => void, className = 'button'): HTMLButtonElement {
  const element = h('button', { type: 'button', class: className }, tr(label));
  element.addEventListener('click', onClick);
  return element;
}
