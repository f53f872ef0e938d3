import { signalsCrisis, signalsDistress } from '../../../src/contracts/crisis-detector.js';
import { h, on, tr } from '../core/dom.js';
import type { Field } from '../core/forms.js';
import { crisisLines } from './crisis-lines.js';

/**
 * The same crisis detector the server runs (src/contracts/crisis-detector.ts), run in the browser
 * while a member types: the crisis lines appear beside the box before anything is sent, for
 * suicidal intent or self-harm, not for a mention of someone else's death. Nothing leaves the page
 * for this; the server screens what is sent again, with the site's extra watched words.
 *
 * Beside that, a broader tier (`signalsDistress`) that alerts nobody: when the words only sound like
 * distress, a gentler lead with the same lines (and, in a group, the "talk to someone now" button).
 */
export { signalsCrisis };

type Shown = 'none' | 'distress' | 'crisis';

export interface CrisisWatchOptions {
  /** In a group: makes the "I want to talk to someone now" control shown beside a distress lead. */
  askPerson?: () => HTMLElement;
}

/**
 * Watches a text box and shows the crisis lines in `aside` while its text matches crisis or distress
 * language. The aside is a polite live region, so a screen reader hears that help is there. An
 * emptied box (the message was sent) keeps what is shown; only new text that no longer matches hides
 * it. Returns a function that checks again at once (after the page changed the text itself).
 */
export function watchForCrisis(
  input: HTMLTextAreaElement | HTMLInputElement,
  aside: HTMLElement,
  options: CrisisWatchOptions = {},
): () => void {
  let shown: Shown = 'none';
  let timer: number | undefined;
  const update = () => {
    const text = input.value;
    if (!text.trim()) {
      return;
    }
    const now: Shown = signalsCrisis(text) ? 'crisis' : signalsDistress(text) ? 'distress' : 'none';
    if (now === shown) {
      return;
    }
    shown = now;
    aside.classList.toggle('shown', now !== 'none');
    const lines = () => crisisLines({ headingLevel: 3 });
    const shownNow: Record<Shown, () => HTMLElement[]> = {
      none: () => [],
      crisis: () => [h('p', { class: 'crisis-aside-lead' }, tr('compose.crisisLead')), lines()],
      distress: () => [
        h('p', { class: 'crisis-aside-lead distress-lead' }, tr('compose.distressLead')),
        lines(),
        ...(options.askPerson ? [options.askPerson()] : []),
      ],
    };
    aside.replaceChildren(...shownNow[now]());
  };
  on(input as HTMLElement, 'input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 250);
  });
  update();
  return () => {
    window.clearTimeout(timer);
    update();
  };
}

/** The live region beside a text box that `watchForCrisis` fills. */
export function crisisAside(): HTMLElement {
  return h('div', { class: 'crisis-aside', 'aria-live': 'polite' });
}

/**
 * A form's text field that watches for crisis as the forum's box does: the lines appear beside it
 * while its words sound like crisis or distress, before anything is sent (and so also when the
 * server then refuses the text, for a phone number in it, say). For every box whose words reach
 * people: a question to the hosts, an answer, an appeal, a proposal.
 */
export function crisisWatched<E extends HTMLTextAreaElement | HTMLInputElement>(field: Field<E>): Field<E> {
  const aside = crisisAside();
  watchForCrisis(field.input, aside);
  return { ...field, root: h('div', { class: 'crisis-watched' }, field.root, aside) };
}
