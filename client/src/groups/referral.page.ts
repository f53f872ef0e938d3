import type { ReferralLookup } from '../../../src/contracts/group-proposals.js';
import { currentAccount } from '../auth/session.js';
import { h, tr } from '../core/dom.js';
import { describeError } from '../core/forms.js';
import { api } from '../core/http.js';
import { notice, view } from '../core/page.js';
import { type Page } from '../core/router.js';
import { groupPath } from './groups.js';

/**
 * A referral card's short link (`/r/:code`): says which group it is for, and leads to the group's
 * page with the code filled in for joining. An expired or used-up code is said plainly.
 */
export const referralPage: Page = async ({ params, signal }) => {
  const code = params.code ?? '';
  try {
    const found = await api.post<ReferralLookup>('/api/referrals/lookup', { code }, { signal, withToken: false });
    const target = `${groupPath(found.group)}?invite=${encodeURIComponent(code)}`;
    return view('referral.title', [
      h('p', {}, tr('referral.intro')),
      h('p', { class: 'lead user-text' }, found.name),
      currentAccount()
        ? h('p', {}, h('a', { class: 'button primary', href: target }, tr('referral.go')))
        : h(
            'div',
            {},
            h('p', {}, tr('referral.accountFirst')),
            h(
              'div',
              { class: 'actions' },
              h('a', { class: 'button primary', href: `/login?next=${encodeURIComponent(target)}` }, tr('nav.login')),
              h('a', { class: 'button', href: '/register' }, tr('nav.register')),
            ),
          ),
    ]);
  } catch (error) {
    return view('referral.title', [
      notice(describeError(error), 'error'),
      h('p', {}, h('a', { href: '/groups' }, tr('referral.directory'))),
    ]);
  }
};
