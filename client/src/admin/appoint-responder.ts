import { appointResponderSchema, type CrisisResponderView } from '../../../src/contracts/crisis.js';
import { h, tr } from '../core/dom.js';
import { FormController, schemaProblems, textArea, textField } from '../core/forms.js';
import { api } from '../core/http.js';
import { notice } from '../core/page.js';
import { msg } from '../i18n/i18n.js';

/**
 * On a member's admin page: make the account behind this member of this group a crisis responder,
 * under a name for the desk and with a reason for the crisis audit log. The server knows the
 * person only as (group, group-scoped member id); the admin never sees the account.
 */
export function appointResponderSection(slug: string, memberId: string, alias: string): HTMLElement {
  const name = textField({
    name: 'name',
    label: 'appointResponder.name',
    hint: msg('appointResponder.nameHint'),
    autocomplete: 'off',
    maxLength: 40,
  });
  const reason = textArea({
    name: 'reason',
    label: 'appointResponder.reason',
    hint: msg('appointResponder.reasonHint'),
    rows: 2,
  });
  const done = h('div', {});
  const form = new FormController({ fields: [name, reason], submit: 'appointResponder.submit' });
  form.onSubmit(async () => {
    const request = { group: slug, memberId, name: name.input.value.trim(), reason: reason.input.value };
    const problems = schemaProblems(appointResponderSchema, request);
    if (problems.length) {
      form.showProblems(problems);
      return;
    }
    await api.post<CrisisResponderView>('/api/admin/crisis/responders', request);
    form.element.hidden = true;
    done.replaceChildren(
      notice(msg('appointResponder.done')),
      h('p', {}, h('a', { href: '/admin/crisis' }, tr('admin.crisisLink'))),
    );
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'admin-member-responder' },
    h('h2', { id: 'admin-member-responder' }, tr('appointResponder.heading')),
    h('p', {}, tr('appointResponder.intro', { alias })),
    form.element,
    done,
  );
}
