import { changePasswordSchema } from '../../../src/contracts/auth.js';
import { currentAccount, end, login } from '../auth/session.js';
import { flash } from '../core/flash.js';
import { check, FormController, showPasswordToggle, textField } from '../core/forms.js';
import { api, ApiError } from '../core/http.js';
import { para, view } from '../core/page.js';
import { navigate, type Page } from '../core/router.js';
import { msg } from '../i18n/i18n.js';

/**
 * The server ends every session of the account on a password change, this one included; the
 * page logs straight back in with the new password, so only the other devices are logged out.
 */
export const changePasswordPage: Page = () => {
  const currentPassword = textField({
    name: 'currentPassword',
    type: 'password',
    label: 'password.current',
    autocomplete: 'current-password',
  });
  const newPassword = textField({
    name: 'newPassword',
    type: 'password',
    label: 'password.new',
    autocomplete: 'new-password',
  });
  const form = new FormController({
    fields: [currentPassword, newPassword],
    submit: 'password.submit',
    body: [currentPassword.root, newPassword.root, showPasswordToggle([currentPassword, newPassword])],
  });
  form.onSubmit(async () => {
    const values = form.values('currentPassword', 'newPassword');
    const problems = check(changePasswordSchema, values, {
      currentPassword: msg('validation.passwordEnter'),
      newPassword: msg('validation.passwordRequired'),
    });
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    const request = changePasswordSchema.parse(values);
    try {
      await api.post<void>('/api/me/password', request);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'invalid_credentials') {
        form.showProblems([{ field: 'currentPassword', message: msg('error.wrongPassword') }]);
        return;
      }
      throw error;
    }
    const loginName = currentAccount()?.loginName;
    currentPassword.input.value = '';
    newPassword.input.value = '';
    try {
      if (!loginName) {
        throw new Error('no account loaded');
      }
      await login(loginName, request.newPassword);
      flash(msg('password.done'));
      navigate('/account', { replace: true });
    } catch {
      flash(msg('password.reloginFailed'));
      end('logout');
      navigate('/login', { replace: true });
    }
  });
  return view('password.title', [para('password.intro'), form.element]);
};
