import type { AccountView } from '../../../src/contracts/auth.js';
import { currentAccount, loadAccount, logout } from '../auth/session.js';
import { h, liveText, on, tr } from '../core/dom.js';
import { flash } from '../core/flash.js';
import { describeError } from '../core/forms.js';
import { isAbort } from '../core/http.js';
import { notice, view } from '../core/page.js';
import { navigate, type Page } from '../core/router.js';
import { currentLanguage, msg } from '../i18n/i18n.js';
import { devicesPanel } from './devices.js';
import { exportPanel } from './export.js';
import { readingPreferencesPanel } from './reading-preferences.js';

function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(currentLanguage() === 'nl' ? 'nl-BE' : 'en-GB', { dateStyle: 'long' }).format(
    new Date(iso),
  );
}

function details(account: AccountView): HTMLElement {
  return h(
    'dl',
    { class: 'facts' },
    h('dt', {}, tr('account.loginName')),
    h(
      'dd',
      {},
      h('span', { class: 'login-name' }, account.loginName),
      ' ',
      h('span', { class: 'aside' }, tr('account.loginNameNote')),
    ),
    h('dt', {}, tr('account.role')),
    h('dd', {}, tr(account.role === 'admin' ? 'account.roleAdmin' : 'account.roleMember')),
    h('dt', {}, tr('account.since')),
    h(
      'dd',
      {},
      liveText(() => formatDate(account.createdAt)),
    ),
  );
}

export const accountPage: Page = ({ signal }) => {
  const facts = h('div', {});
  const cached = currentAccount();
  facts.append(cached ? details(cached) : notice(msg('account.loading')));
  loadAccount(signal)
    .then((account) => facts.replaceChildren(details(account)))
    .catch((error: unknown) => {
      if (!isAbort(error)) {
        facts.replaceChildren(notice(describeError(error), 'error'));
      }
    });

  const logoutHere = on(h('button', { type: 'button', class: 'button' }, tr('account.logout')), 'click', () => {
    void logout().then(() => {
      flash(msg('logout.done'));
      navigate('/', { replace: true });
    });
  });
  const logoutEverywhere = on(
    h('button', { type: 'button', class: 'button' }, tr('account.logoutEverywhere')),
    'click',
    () => {
      void logout(true).then(() => {
        flash(msg('logout.everywhereDone'));
        navigate('/', { replace: true });
      });
    },
  );

  return view('account.title', [
    facts,
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'account-security' },
      h('h2', { id: 'account-security' }, tr('account.securityHeading')),
      h('p', {}, h('a', { href: '/account/password' }, tr('account.changePassword'))),
      h('div', { class: 'actions' }, logoutHere, logoutEverywhere),
    ),
    devicesPanel(signal),
    readingPreferencesPanel(signal),
    exportPanel(signal),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'account-propose' },
      h('h2', { id: 'account-propose' }, tr('groupProposals.title')),
      h('p', {}, h('a', { href: '/propose-group' }, tr('groupProposals.link'))),
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'account-delete' },
      h('h2', { id: 'account-delete' }, tr('account.deleteHeading')),
      h('p', {}, h('a', { href: '/account/delete' }, tr('account.deleteLink'))),
    ),
  ]);
};
