import { loginSchema } from '../../../src/contracts/auth.js';
import { h, tr } from '../core/dom.js';
import { check, checkbox, FormController, showPasswordToggle, textField } from '../core/forms.js';
import { notice, para, view } from '../core/page.js';
import { navigate, type Page, safeNextPath } from '../core/router.js';
import { msg } from '../i18n/i18n.js';
import { takeLoginName } from './handoff.js';
import { isLoggedIn, login } from './session.js';

/** Where a member lands after logging in when they were not on their way somewhere: their groups. */
const HOME = '/groups';

export const loginPage: Page = ({ query }) => {
  const next = safeNextPath(query.get('next'));
  if (isLoggedIn()) {
    navigate(next ?? HOME, { replace: true });
  }
  const loginName = textField({
    name: 'loginName',
    label: 'login.loginName',
    autocomplete: 'username',
    value: takeLoginName() ?? undefined,
  });
  const password = textField({
    name: 'password',
    type: 'password',
    label: 'login.password',
    autocomplete: 'current-password',
  });
  const keep = checkbox('keepSignedIn', 'login.keepSignedIn');
  const form = new FormController({
    fields: [loginName, password],
    submit: 'login.submit',
    body: [
      loginName.root,
      password.root,
      showPasswordToggle([password]),
      keep.root,
      para('login.keepSignedInNote', { class: 'aside' }),
    ],
  });
  form.onSubmit(
    async () => {
      const values = form.values('loginName', 'password');
      const problems = check(loginSchema, values, {
        loginName: msg('validation.loginNameEnter'),
        password: msg('validation.passwordEnter'),
      });
      if (problems.length) {
        form.showProblems(problems);
        return;
      }
      const request = loginSchema.parse(values);
      await login(request.loginName, request.password, keep.input.checked);
      password.input.value = '';
      navigate(next ?? HOME, { replace: true });
    },
    { invalid_credentials: msg('error.invalidCredentials') },
  );
  return view('login.title', [
    next ? notice(msg('login.continueNote')) : null,
    form.element,
    para('login.memoryNote', { class: 'aside' }),
    h('p', { class: 'aside' }, tr('login.forgot'), ' ', h('a', { href: '/recover' }, tr('login.recoverLink'))),
    h('p', { class: 'aside' }, tr('login.new'), ' ', h('a', { href: '/register' }, tr('login.registerLink'))),
  ]);
};
