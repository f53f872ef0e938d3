import { recoverSchema } from '../../../src/contracts/auth.js';
import { flash } from '../core/flash.js';
import { check, FormController, showPasswordToggle, textField } from '../core/forms.js';
import { api } from '../core/http.js';
import { para, view } from '../core/page.js';
import { navigate, type Page } from '../core/router.js';
import { msg } from '../i18n/i18n.js';
import { login } from './session.js';

/** A recovery code and a new password; then straight into the account with the new password. */
export const recoverPage: Page = () => {
  const loginName = textField({ name: 'loginName', label: 'recover.loginName', autocomplete: 'username' });
  const recoveryCode = textField({
    name: 'recoveryCode',
    label: 'recover.code',
    hint: msg('recover.codeHint'),
    autocomplete: 'off',
  });
  const newPassword = textField({
    name: 'newPassword',
    type: 'password',
    label: 'recover.newPassword',
    autocomplete: 'new-password',
  });
  const form = new FormController({
    fields: [loginName, recoveryCode, newPassword],
    submit: 'recover.submit',
    body: [loginName.root, recoveryCode.root, newPassword.root, showPasswordToggle([newPassword])],
  });
  form.onSubmit(
    async () => {
      const values = form.values('loginName', 'recoveryCode', 'newPassword');
      const problems = check(recoverSchema, values, {
        loginName: msg('validation.loginNameEnter'),
        recoveryCode: msg('validation.recoveryCodeEnter'),
        newPassword: msg('validation.passwordRequired'),
      });
      if (problems.length) {
        form.showProblems(problems);
        return;
      }
      const request = recoverSchema.parse(values);
      await api.post<void>('/api/auth/recover', request, { withToken: false });
      newPassword.input.value = '';
      try {
        await login(request.loginName, request.newPassword);
        flash(msg('recover.done'));
        navigate('/account', { replace: true });
      } catch {
        flash(msg('password.reloginFailed'));
        navigate('/login', { replace: true });
      }
    },
    { invalid_recovery_code: msg('error.invalidRecoveryCode') },
  );
  return view('recover.title', [para('recover.intro'), form.element]);
};
