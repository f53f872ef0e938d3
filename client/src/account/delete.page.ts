import { deleteAccountSchema } from '../../../src/contracts/auth.js';
import { end } from '../auth/session.js';
import { h, tr } from '../core/dom.js';
import { flash } from '../core/flash.js';
import { check, FormController, showPasswordToggle, textField } from '../core/forms.js';
import { api, ApiError } from '../core/http.js';
import { para, view } from '../core/page.js';
import { navigate, type Page } from '../core/router.js';
import { msg } from '../i18n/i18n.js';

/**
 * Says plainly what is deleted. Keep this list true: when a feature adds an account-deletion step
 * (src/accounts/account-purge.registry.ts), add a line here in both languages.
 */
export const deleteAccountPage: Page = () => {
  const password = textField({
    name: 'password',
    type: 'password',
    label: 'delete.password',
    autocomplete: 'current-password',
  });
  const form = new FormController({
    fields: [password],
    submit: 'delete.submit',
    body: [password.root, showPasswordToggle([password])],
    className: 'form danger-zone',
  });
  form.submitLabel.classList.replace('primary', 'danger');
  form.onSubmit(async () => {
    const values = form.values('password');
    const problems = check(deleteAccountSchema, values, { password: msg('validation.passwordEnter') });
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    try {
      await api.delete<void>('/api/me', deleteAccountSchema.parse(values));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'invalid_credentials') {
        form.showProblems([{ field: 'password', message: msg('error.wrongPassword') }]);
        return;
      }
      throw error;
    }
    end('deleted');
    flash(msg('delete.done'));
    navigate('/', { replace: true });
  });
  return view('delete.title', [
    para('delete.intro'),
    h(
      'ul',
      { class: 'plain-list' },
      h('li', {}, tr('delete.itemLogin')),
      h('li', {}, tr('delete.itemCodes')),
      h('li', {}, tr('delete.itemSessions')),
      h('li', {}, tr('delete.itemGroups')),
    ),
    para('delete.final', { class: 'important' }),
    form.element,
    h('p', {}, h('a', { href: '/account' }, tr('delete.cancel'))),
  ]);
};
