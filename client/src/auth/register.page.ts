import { PASSWORD_MIN_LENGTH, type RegisterResponse, registerSchema } from '../../../src/contracts/auth.js';
import { h, on, showMessage, tr, uid } from '../core/dom.js';
import { flash } from '../core/flash.js';
import { check, checkbox, FormController, showPasswordToggle, textField } from '../core/forms.js';
import { api } from '../core/http.js';
import { para } from '../core/page.js';
import { navigate, type Page } from '../core/router.js';
import { msg } from '../i18n/i18n.js';
import { setPageTitle } from '../safety/discreet.js';
import { handOverLoginName } from './handoff.js';
import { isLoggedIn } from './session.js';

/**
 * Registration in two steps on one page: the form, then the recovery codes, shown this once and
 * never kept anywhere but on screen, with an "I saved them" step before going on to log in.
 */
export const registerPage: Page = () => {
  if (isLoggedIn()) {
    navigate('/account', { replace: true });
  }
  const loginName = textField({
    name: 'loginName',
    label: 'register.loginName',
    hint: msg('register.loginNameHint'),
    autocomplete: 'username',
  });
  const password = textField({
    name: 'password',
    type: 'password',
    label: 'register.password',
    hint: msg('register.passwordHint', { min: PASSWORD_MIN_LENGTH }),
    autocomplete: 'new-password',
  });
  const form = new FormController({
    fields: [loginName, password],
    submit: 'register.submit',
    body: [loginName.root, password.root, showPasswordToggle([password])],
  });
  const node = h(
    'div',
    { class: 'view' },
    h('h1', {}, tr('register.title')),
    para('register.intro'),
    form.element,
    h('p', { class: 'aside' }, tr('register.haveAccount'), ' ', h('a', { href: '/login' }, tr('register.loginLink'))),
  );

  form.onSubmit(async () => {
    const values = form.values('loginName', 'password');
    const problems = check(registerSchema, values, {
      loginName: msg('validation.loginNameRequired'),
      password: msg('validation.passwordRequired'),
    });
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    const request = registerSchema.parse(values);
    const result = await api.post<RegisterResponse>('/api/auth/register', request, { withToken: false });
    password.input.value = '';
    showRecoveryCodes(node, result);
  });

  return { title: 'register.title', node };
};

function showRecoveryCodes(node: HTMLElement, result: RegisterResponse): void {
  const heading = h('h1', { tabindex: '-1' }, tr('codes.title'));
  const listId = uid('codes');
  const copyStatus = h('span', { class: 'copy-status', role: 'status' });
  const copy = on(h('button', { type: 'button', class: 'button' }, tr('codes.copy')), 'click', () => {
    navigator.clipboard
      .writeText(result.recoveryCodes.join('\n'))
      .then(() => showMessage(copyStatus, msg('codes.copied')))
      .catch(() => showMessage(copyStatus, msg('codes.copyFailed')));
  });
  const saved = checkbox('saved', 'codes.saved');
  const form = new FormController({ fields: [saved], submit: 'codes.continue' });
  form.onSubmit(() => {
    if (!saved.input.checked) {
      form.showProblems([{ field: 'saved', message: msg('codes.savedRequired') }]);
      return Promise.resolve();
    }
    handOverLoginName(result.account.loginName);
    flash(msg('codes.ready'));
    navigate('/login', { replace: true });
    return Promise.resolve();
  });

  node.replaceChildren(
    heading,
    h('p', {}, tr('codes.intro', { count: result.recoveryCodes.length })),
    h('p', { class: 'important' }, tr('codes.once')),
    h('h2', { class: 'visually-hidden', id: listId }, tr('codes.listLabel')),
    h(
      'ol',
      { class: 'codes', 'aria-labelledby': listId },
      ...result.recoveryCodes.map((code) => h('li', {}, h('code', {}, code))),
    ),
    h('p', { class: 'actions' }, copy, ' ', copyStatus),
    form.element,
  );
  setPageTitle('codes.title');
  heading.focus();
}
