import { h, on, tr, uid } from '../core/dom.js';
import { savedDiscreet, saveDiscreet } from '../core/prefs.js';
import { type PlainKey, onLanguageChange, t } from '../i18n/i18n.js';

/**
 * Discreet mode: the browser tab shows a neutral title and icon instead of Kring's, and moving
 * around the app replaces the history entry rather than adding one (see `Router`), so the
 * browser's history holds one entry for the site. Later: no message text in notifications.
 */
const ICON = '/icon.svg';
const NEUTRAL_ICON = '/icon-neutral.svg';

let discreet = savedDiscreet();
let pageTitle: PlainKey | null = null;
const listeners = new Set<(on: boolean) => void>();

export function isDiscreet(): boolean {
  return discreet;
}

export function setDiscreet(value: boolean): void {
  discreet = value;
  saveDiscreet(value);
  applyTitle();
  for (const listener of listeners) {
    listener(value);
  }
}

export function onDiscreetChange(listener: (on: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Sets the page's title; shown in the tab only when discreet mode is off. */
export function setPageTitle(key: PlainKey): void {
  pageTitle = key;
  applyTitle();
}

function applyTitle(): void {
  document.title = discreet ? t('discreet.title') : pageTitle ? `${t(pageTitle)} · ${t('app.name')}` : t('app.name');
  let icon = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!icon) {
    icon = h('link', { rel: 'icon', type: 'image/svg+xml' });
    document.head.append(icon);
  }
  const href = discreet ? NEUTRAL_ICON : ICON;
  if (icon.getAttribute('href') !== href) {
    icon.setAttribute('href', href);
  }
}

onLanguageChange(applyTitle);

/** The header's toggle button (`aria-pressed`), with its explanation beside it for screen readers. */
export function discreetToggle(): HTMLElement {
  const hintId = uid('discreet-hint');
  const button = h(
    'button',
    { type: 'button', class: 'tool', 'aria-pressed': String(discreet), 'aria-describedby': hintId },
    tr('discreet.label'),
  );
  onDiscreetChange((value) => button.setAttribute('aria-pressed', String(value)));
  on(button, 'click', () => setDiscreet(!discreet));
  return h('span', {}, button, h('span', { class: 'visually-hidden', id: hintId }, tr('discreet.hint')));
}
