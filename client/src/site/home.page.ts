import { isLoggedIn } from '../auth/session.js';
import { h, tr } from '../core/dom.js';
import { para, view } from '../core/page.js';
import type { Page } from '../core/router.js';

export const homePage: Page = () => {
  const actions = isLoggedIn()
    ? [
        h('a', { class: 'button primary', href: '/groups' }, tr('home.groups')),
        h('a', { class: 'button', href: '/account' }, tr('home.account')),
      ]
    : [
        h('a', { class: 'button primary', href: '/register' }, tr('home.start')),
        h('a', { class: 'button', href: '/login' }, tr('home.login')),
      ];
  return view(
    'home.title',
    [
      para('home.intro', { class: 'lead' }),
      para('home.anonymity'),
      h('p', { class: 'pledge' }, tr('home.confidential')),
      h('div', { class: 'actions' }, ...actions),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'home-safety' },
        h('h2', { id: 'home-safety' }, tr('home.safetyHeading')),
        para('home.safetyQuickExit'),
        para('home.safetyDiscreet'),
        h('p', {}, h('a', { href: '/help' }, tr('home.safetyCrisis'))),
      ),
    ],
    { heading: 'home.heading' },
  );
};
