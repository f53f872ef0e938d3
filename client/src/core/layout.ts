import { currentAccount, isLoggedIn, logout, onSessionChange } from '../auth/session.js';
import { currentLanguage, type Language, msg, onLanguageChange, type PlainKey, setLanguage } from '../i18n/i18n.js';
import type { ShownMessage } from '../i18n/server-messages.js';
import { discreetToggle, setPageTitle } from '../safety/discreet.js';
import { quickExitButton } from '../safety/quick-exit.js';
import { EMERGENCY_NUMBER } from '../safety/crisis-lines.js';
import { h, liveAttr, messageText, on, showMessage, tr, trAttr, uid } from './dom.js';
import { flash, takeFlash } from './flash.js';
import { saveLanguage } from './prefs.js';
import { notificationBell } from '../notifications/bell.js';
import { offlineBanner } from './offline.js';
import { navigate, type View } from './router.js';

/**
 * The frame around every page: skip link, quick exit, header with the language and discreet
 * switches and the menu, the page itself in `<main>`, the footer with the crisis lines, and the
 * live regions.
 */
export interface Layout {
  outlet: HTMLElement;
  /** Called by the router after each page is shown. */
  showView(view: View, initial: boolean): void;
  /** Reads a short message out to screen readers, without showing it. */
  announce(message: ShownMessage): void;
}

const otherLanguage = (): Language => (currentLanguage() === 'nl' ? 'en' : 'nl');

function languageSwitch(announce: (message: ShownMessage) => void): HTMLElement {
  const hintId = uid('lang-hint');
  const button = h('button', { type: 'button', class: 'tool', 'aria-describedby': hintId }, tr('lang.other'));
  liveAttr(button, 'lang', otherLanguage);
  on(button, 'click', () => {
    const next = otherLanguage();
    setLanguage(next);
    saveLanguage(next);
    announce(msg('lang.changed'));
  });
  return h('span', {}, button, h('span', { class: 'visually-hidden', id: hintId }, tr('lang.switchHint')));
}

function navItem(path: string, label: PlainKey, when?: 'in' | 'out' | 'admin'): HTMLLIElement {
  return h('li', when ? { 'data-when': when } : {}, h('a', { href: path }, tr(label)));
}

export function createLayout(root: HTMLElement): Layout {
  const announcer = h('div', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const flashRegion = h('div', { class: 'flash', role: 'status' });
  const outlet = h('div', { class: 'page' });
  const main = h('main', { id: 'main', tabindex: '-1' }, offlineBanner(), flashRegion, outlet);

  const announce = (message: ShownMessage) => {
    announcer.replaceChildren();
    // A fresh node a moment later, so the same message twice is read twice.
    window.setTimeout(() => announcer.replaceChildren(messageText(message)), 50);
  };

  const logoutButton = on(h('button', { type: 'button', class: 'link-button' }, tr('nav.logout')), 'click', () => {
    void logout().then(() => {
      flash(msg('logout.done'));
      navigate('/');
    });
  });
  // Crisis responders' link to the desk with its count; filled after logging in (crisis/indicator.ts).
  const deskItem = h('li', { class: 'desk-item', hidden: true });
  let stopDesk: (() => void) | null = null;
  const nav = h(
    'nav',
    { class: 'site-nav' },
    h(
      'ul',
      {},
      navItem('/groups', 'nav.groups'),
      navItem('/help', 'nav.help'),
      navItem('/login', 'nav.login', 'out'),
      navItem('/register', 'nav.register', 'out'),
      navItem('/account', 'nav.account', 'in'),
      navItem('/admin', 'nav.admin', 'admin'),
      notificationBell(),
      deskItem,
      h('li', { 'data-when': 'in' }, logoutButton),
    ),
  );
  trAttr(nav, 'aria-label', 'nav.label');
  const tools = h('div', { class: 'tools', role: 'group' }, languageSwitch(announce), discreetToggle());
  trAttr(tools, 'aria-label', 'nav.tools');

  const header = h(
    'header',
    { class: 'site-header' },
    h(
      'div',
      { class: 'bar' },
      quickExitButton(),
      h('a', { class: 'brand', href: '/' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), tr('app.name')),
      tools,
    ),
    nav,
  );

  const footer = h(
    'footer',
    { class: 'site-footer' },
    h(
      'p',
      { class: 'footer-crisis' },
      h('strong', {}, tr('footer.crisisLead')),
      ' ',
      h('a', { href: 'tel:1813' }, tr('footer.crisisBe', { number: '1813' })),
      ' · ',
      h('a', { href: 'tel:113' }, tr('footer.crisisNl', { number: '113' })),
      ' · ',
      h('a', { href: `tel:${EMERGENCY_NUMBER}` }, tr('footer.emergency', { number: EMERGENCY_NUMBER })),
      ' · ',
      h('a', { href: '/help' }, tr('footer.moreHelp')),
    ),
    h('p', {}, tr('footer.peerSupport')),
  );

  const skip = h('a', { class: 'skip-link', href: '#main' }, tr('skip.toMain'));
  root.replaceChildren(skip, header, main, footer, announcer);

  const showSession = (loggedIn: boolean) => {
    const admin = loggedIn && currentAccount()?.role === 'admin';
    for (const item of nav.querySelectorAll<HTMLElement>('[data-when]')) {
      item.hidden = item.dataset.when === 'admin' ? !admin : item.dataset.when !== (loggedIn ? 'in' : 'out');
    }
  };
  const showDesk = (loggedIn: boolean) => {
    stopDesk?.();
    stopDesk = null;
    if (loggedIn) {
      let stopped = false;
      stopDesk = () => {
        stopped = true;
      };
      // In a chunk of its own: the first page carries no live connection.
      void import('../crisis/indicator.js').then(({ startDeskIndicator }) => {
        if (!stopped) {
          stopDesk = startDeskIndicator(deskItem);
        }
      });
    }
  };
  showSession(isLoggedIn());
  showDesk(isLoggedIn());
  onSessionChange((loggedIn) => {
    showSession(loggedIn);
    showDesk(loggedIn);
  });
  onLanguageChange((language) => {
    document.documentElement.lang = language;
  });
  document.documentElement.lang = currentLanguage();

  return {
    outlet,
    announce,
    showView(view, initial) {
      setPageTitle(view.title);
      const message = takeFlash();
      showMessage(flashRegion, message);
      flashRegion.classList.toggle('shown', message !== null);
      for (const link of nav.querySelectorAll('a')) {
        const current = new URL(link.href).pathname === location.pathname;
        if (current) {
          link.setAttribute('aria-current', 'page');
        } else {
          link.removeAttribute('aria-current');
        }
      }
      if (!initial) {
        // Move focus to the new page's heading, so keyboard and screen reader users start there.
        const heading = outlet.querySelector<HTMLElement>('h1');
        if (heading) {
          heading.tabIndex = -1;
          heading.focus();
        } else {
          main.focus();
        }
      }
    },
  };
}
