import { banSchema } from '../../../src/contracts/moderation.js';
import { h, on, tr } from '../core/dom.js';
import { flash } from '../core/flash.js';
import { describeError, FormController, schemaProblems, textArea } from '../core/forms.js';
import { api } from '../core/http.js';
import { notice, para, view } from '../core/page.js';
import { navigate, type Page, refreshPage } from '../core/router.js';
import { isAdmin } from '../groups/frame.js';
import { groupApi, groupPath } from '../groups/groups.js';
import { msg } from '../i18n/i18n.js';
import { type MemberPick, memberPicker, STANDING_LABELS } from '../moderation/member-picker.js';
import { adminsOnlyView } from './admin.page.js';
import { appointResponderSection } from './appoint-responder.js';

/** Where the admin member page lives, for one member of one group. */
export function adminMemberPath(slug: string, pick: { memberId: string; alias: string }): string {
  const query = new URLSearchParams({ group: slug, member: pick.memberId, alias: pick.alias });
  return `/admin/members?${query.toString()}`;
}

/** The one moderator action that fits the member's standing, or why there is none. */
function moderatorSection(slug: string, pick: MemberPick): HTMLElement {
  const status = h('div', { 'aria-live': 'polite' });
  const change = (appoint: boolean) => () => {
    const request = appoint
      ? api.post<void>(groupApi(slug, '/moderators'), { memberId: pick.memberId })
      : api.delete<void>(groupApi(slug, `/moderators/${encodeURIComponent(pick.memberId)}`));
    request
      .then(() => {
        flash(msg(appoint ? 'appoint.done' : 'appoint.dismissed'));
        refreshPage();
      })
      .catch((error: unknown) => status.replaceChildren(notice(describeError(error), 'error')));
  };
  const button = (key: 'adminMember.appoint' | 'adminMember.dismiss', appoint: boolean) =>
    h(
      'div',
      { class: 'actions' },
      on(
        h('button', { type: 'button', class: 'button primary' }, tr(key, { alias: pick.alias })),
        'click',
        change(appoint),
      ),
    );
  let body: Node;
  switch (pick.standing) {
    case 'member':
      body = button('adminMember.appoint', true);
      break;
    case 'moderator':
      body = button('adminMember.dismiss', false);
      break;
    case 'paused-moderator':
      body = h('div', {}, para('adminMember.pausedNote'), button('adminMember.dismiss', false));
      break;
    case 'suspended':
      body = para('adminMember.suspendedNote');
      break;
    case 'removed':
      body = para('adminMember.removedNote');
      break;
  }
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'admin-member-mod' },
    h('h2', { id: 'admin-member-mod' }, tr('appoint.heading')),
    h(
      'p',
      { class: 'member-standing' },
      tr('adminMember.standing', { alias: pick.alias }),
      ' ',
      h('span', { class: 'badge' }, tr(STANDING_LABELS[pick.standing])),
    ),
    body,
    status,
  );
}

function banSection(slug: string, pick: MemberPick): HTMLElement {
  const reason = textArea({ name: 'reason', label: 'action.reason', hint: msg('ban.reasonHint'), rows: 3 });
  const ban = new FormController({ fields: [reason], submit: 'ban.submit', submitClass: 'danger' });
  ban.onSubmit(async () => {
    const request = { group: slug, memberId: pick.memberId, reason: reason.input.value };
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
    flash(msg('ban.done', { alias: pick.alias }));
    navigate(groupPath(slug), { replace: true });
  });
  return h(
    'section',
    { class: 'panel danger-zone', 'aria-labelledby': 'admin-member-ban' },
    h('h2', { id: 'admin-member-ban' }, tr('ban.heading')),
    para('ban.intro'),
    ban.element,
  );
}

/**
 * What an admin can do about one member of a group, found with the picker (part of the alias) or
 * reached from the member's menu in the group: the one moderator action that fits where they
 * stand (appoint, dismiss, or why neither), a crisis responder, or a site-wide ban of the account
 * behind the alias (with a reason, written to the group's audit log). The admin never sees the
 * account, its other aliases, or any id.
 */
export const adminMemberPage: Page = async ({ query, signal }) => {
  if (!isAdmin()) {
    return adminsOnlyView();
  }
  const slug = query.get('group') ?? '';
  const memberId = query.get('member') ?? '';
  const alias = query.get('alias') ?? '';
  const picker = memberPicker({
    slug,
    onPick: (pick) => navigate(adminMemberPath(slug, pick)),
  });
  const back = h('p', {}, h('a', { href: groupPath(slug) }, tr('group.backToGroup')));
  // Where the member stands now, from the picker's own answer (this group's members only).
  const found =
    memberId && alias.trim().length >= 2
      ? (
          await api.get<MemberPick[]>(groupApi(slug, `/moderation/members?q=${encodeURIComponent(alias.trim())}`), {
            signal,
          })
        ).find((pick) => pick.memberId === memberId)
      : undefined;
  if (!found) {
    return view('adminMember.title', [
      para('adminMember.find'),
      memberId ? notice(msg('adminMember.notFound'), 'error') : null,
      picker,
      back,
    ]);
  }
  return view('adminMember.title', [
    h('p', {}, tr('adminMember.intro', { alias: found.alias })),
    moderatorSection(slug, found),
    found.standing === 'removed' ? null : appointResponderSection(slug, found.memberId, found.alias),
    banSection(slug, found),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'admin-member-other' },
      h('h2', { id: 'admin-member-other' }, tr('adminMember.other')),
      picker,
    ),
    back,
  ]);
};
