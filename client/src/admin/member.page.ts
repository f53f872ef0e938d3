import { banSchema } from '../../../src/contracts/moderation.js';
import { h, on, tr } from '../core/dom.js';
import { flash } from '../core/flash.js';
import { describeError, FormController, schemaProblems, textArea } from '../core/forms.js';
import { api } from '../core/http.js';
import { notice, para, view } from '../core/page.js';
import { navigate, type Page } from '../core/router.js';
import { isAdmin } from '../groups/frame.js';
import { groupApi, groupPath } from '../groups/groups.js';
import { msg } from '../i18n/i18n.js';
import { adminsOnlyView } from './admin.page.js';
import { appointResponderSection } from './appoint-responder.js';

/**
 * What an admin can do about one member of a group, reached from that member's menu in the group:
 * appoint or dismiss them as a moderator, or ban the account behind the alias site-wide (with a
 * reason, written to the group's audit log). The admin never sees the account or its other aliases.
 */
export const adminMemberPage: Page = ({ query }) => {
  if (!isAdmin()) {
    return adminsOnlyView();
  }
  const slug = query.get('group') ?? '';
  const memberId = query.get('member') ?? '';
  const alias = query.get('alias') ?? '';
  const status = h('div', { 'aria-live': 'polite' });
  const appoint = (on_: boolean) => () => {
    const request = on_
      ? api.post<void>(groupApi(slug, '/moderators'), { memberId })
      : api.delete<void>(groupApi(slug, `/moderators/${encodeURIComponent(memberId)}`));
    request
      .then(() => status.replaceChildren(notice(msg(on_ ? 'appoint.done' : 'appoint.dismissed'))))
      .catch((error: unknown) => status.replaceChildren(notice(describeError(error), 'error')));
  };
  const reason = textArea({ name: 'reason', label: 'action.reason', hint: msg('ban.reasonHint'), rows: 3 });
  const ban = new FormController({ fields: [reason], submit: 'ban.submit', submitClass: 'danger' });
  ban.onSubmit(async () => {
    const request = { group: slug, memberId, reason: reason.input.value };
    if (!request.reason.trim()) {
      ban.showProblems([{ field: 'reason', message: msg('action.reasonRequired') }]);
      return;
    }
    const problems = schemaProblems(banSchema, request);
    if (problems.length) {
      ban.showProblems(problems);
      return;
    }
    await api.post<void>('/api/admin/bans', request);
    flash(msg('ban.done', { alias }));
    navigate(groupPath(slug), { replace: true });
  });
  return view('adminMember.title', [
    h('p', {}, tr('adminMember.intro', { alias })),
    h('p', { class: 'aside' }, tr('adminMember.memberId'), ' ', h('code', {}, memberId)),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'admin-member-mod' },
      h('h2', { id: 'admin-member-mod' }, tr('appoint.heading')),
      h(
        'div',
        { class: 'actions' },
        on(
          h('button', { type: 'button', class: 'button' }, tr('adminMember.appoint', { alias })),
          'click',
          appoint(true),
        ),
        on(
          h('button', { type: 'button', class: 'button' }, tr('adminMember.dismiss', { alias })),
          'click',
          appoint(false),
        ),
      ),
      status,
    ),
    appointResponderSection(slug, memberId, alias),
    h(
      'section',
      { class: 'panel danger-zone', 'aria-labelledby': 'admin-member-ban' },
      h('h2', { id: 'admin-member-ban' }, tr('ban.heading')),
      para('ban.intro'),
      ban.element,
    ),
    h('p', {}, h('a', { href: groupPath(slug) }, tr('group.backToGroup'))),
  ]);
};
