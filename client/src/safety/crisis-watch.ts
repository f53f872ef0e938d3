import { signalsCrisis } from '../../../src/contracts/crisis-detector.js';
import { h, on, tr } from '../core/dom.js';
import { crisisLines } from './crisis-lines.js';

/**
 * The same crisis detector the server runs (src/contracts/crisis-detector.ts), run in the browser
 * while a member types: the crisis lines appear beside the box before anything is sent, for
 * suicidal intent or self-harm, not for a mention of someone else's death. Nothing leaves the page
 * for this; the server screens what is sent again, with the site's extra watched words.
 */
export { signalsCrisis };

/**
 * Watches a text box and shows the crisis lines in `aside` while its text matches crisis
 * language. The aside is a polite live region, so a screen reader hears that help is there.
 * Returns a function that checks again at once (after the page changed the text itself).
 */
export function watchForCrisis(input: HTMLTextAreaElement | HTMLInputElement, aside: HTMLElement): () => void {
  let shown = false;
  let timer: number | undefined;
  const update = () => {
    const matches = signalsCrisis(input.value);
    if (matches === shown) {
      return;
    }
    shown = matches;
    aside.classList.toggle('shown', matches);
    aside.replaceChildren(
      ...(matches
        ? [h('p', { class: 'crisis-aside-lead' }, tr('compose.crisisLead')), crisisLines({ headingLevel: 3 })]
        : []),
    );
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
