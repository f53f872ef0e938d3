import { type ContentPreferences, holdsHiddenWord as holdsWord } from '../../../src/contracts/content-preferences.js';
import { type Child, h, on, tr, uid } from './dom.js';
import { api } from './http.js';

/**
 * The member's own reading preferences, applied here when a post or a chat message is rendered:
 * a text with a content warning comes folded under it (unless the member chose to see warned
 * text open, under its warning), and a text holding one of the member's hidden words comes folded
 * for them alone. The words stay on this side: the server never filters anyone's text by them.
 */

/** Until the member's own are read: fold warned text, hide no words (the server's defaults too). */
let preferences: ContentPreferences = { foldWarned: true, hiddenWords: [] };
let loading: Promise<void> | null = null;
/** Rendered texts that follow the preferences, refreshed when they arrive or change. */
const followers = new Set<() => void>();

export function readingPreferences(): ContentPreferences {
  return preferences;
}

/** Reads the member's preferences once per page load (a guest keeps the defaults). */
export function loadReadingPreferences(): Promise<void> {
  loading ??= api
    .get<ContentPreferences>('/api/me/content-preferences')
    .then((found) => rememberReadingPreferences(found))
    .catch(() => {
      loading = null;
    });
  return loading;
}

/** Uses these preferences from now on (after the account page saved them), in everything shown. */
export function rememberReadingPreferences(found: ContentPreferences): void {
  preferences = { foldWarned: found.foldWarned, hiddenWords: [...found.hiddenWords] };
  for (const refresh of [...followers]) {
    refresh();
  }
}

/** Whether one of the member's hidden words is in these texts (the rule: src/contracts/content-preferences.ts). */
export function holdsHiddenWord(texts: readonly (string | null | undefined)[]): boolean {
  return holdsWord(preferences.hiddenWords, texts);
}

export interface ReadingOptions {
  /** The author's content warning, if any. */
  warning: string | null | undefined;
  /** Every text of the item a hidden word could be in (title, warning, body). */
  texts: readonly (string | null | undefined)[];
  /** The reader wrote it: their own words are never folded by their own hidden words. */
  mine: boolean;
}

function foldedUnder(reason: Child[], content: HTMLElement): HTMLElement {
  const id = uid('folded');
  content.id = id;
  content.hidden = true;
  const button = h('button', { type: 'button', class: 'button small', 'aria-expanded': 'false', 'aria-controls': id });
  button.append(tr('post.showText'));
  on(button, 'click', () => {
    const open = content.hidden;
    content.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    button.replaceChildren(tr(open ? 'post.fold' : 'post.showText'));
  });
  return h('div', { class: 'folded' }, h('p', { class: 'folded-reason' }, ...reason, ' — ', button), content);
}

function warningLabel(warning: string): Child[] {
  return [h('strong', {}, tr('post.contentWarning')), ' ', h('span', { class: 'cw-label' }, warning)];
}

/**
 * `content` as this member reads it: folded under its warning (or shown open under it), folded
 * for a hidden word, or as it is. Follows the member's preferences as long as it is on the page.
 */
export function asReaderReads(content: HTMLElement, options: ReadingOptions): HTMLElement {
  const holder = h('div', { class: 'reading' });
  const render = () => {
    const { warning } = options;
    let shown: HTMLElement = content;
    if (warning && preferences.foldWarned) {
      shown = foldedUnder(warningLabel(warning), content);
    } else if (!options.mine && holdsHiddenWord(options.texts)) {
      shown = foldedUnder([h('span', { class: 'hidden-word' }, tr('reading.hiddenWord'))], content);
    } else {
      content.hidden = false;
      content.removeAttribute('id');
      if (warning) {
        shown = h('div', { class: 'warned' }, h('p', { class: 'cw' }, ...warningLabel(warning)), content);
      }
    }
    holder.replaceChildren(shown);
  };
  let placed = false;
  const refresh = () => {
    if (holder.isConnected) {
      placed = true;
      render();
    } else if (placed) {
      // Off the page for good (the page or the message went): nothing to follow any more.
      followers.delete(refresh);
    }
  };
  render();
  followers.add(refresh);
  void loadReadingPreferences();
  return holder;
}

/**
 * What members wrote shown outside a post or message — a thread's title in the list, a search hit,
 * a quote in a reply — folded the same way when it holds one of the reader's hidden words (their
 * own words excepted). Content warnings keep their own place in those views.
 */
export function hiddenWordsFolded(
  content: HTMLElement,
  texts: readonly (string | null | undefined)[],
  mine = false,
): HTMLElement {
  return asReaderReads(content, { warning: null, texts, mine });
}
