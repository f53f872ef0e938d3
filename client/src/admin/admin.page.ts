import { h, on, tr, uid } from '../core/dom.js';
import { flash } from '../core/flash.js';
import { timeElement } from '../core/format.js';
import { describeError } from '../core/forms.js';
import { api } from '../core/http.js';
import { notice, para, view } from '../core/page.js';
import { type Page, refreshPage } from '../core/router.js';
import { isAdmin } from '../groups/frame.js';
import type { GroupSummary } from '../groups/groups.js';
import { msg } from '../i18n/i18n.js';

/** A moderator application as admins see it (src/moderation/moderators.service.ts `ApplicationView`). */
interface ApplicationView {
  id: string;
  group: string;
  member: { memberId: string; alias: string };
  motivation: string;
  createdAt: string;
}

/** The admins' pages say so to anyone else, rather than showing an empty shell. */
export function adminsOnlyView(): ReturnType<typeof view> {
  return view('admin.title', [notice(msg('admin.only'), 'error')]);
}

function applicationItem(application: ApplicationView, names: ReadonlyMap<string, string>): HTMLLIElement {
  const headingId = uid('application');
  const status = h('div', {});
  const decide = (approve: boolean) => () => {
    api
      .post<void>(`/api/admin/moderator-applications/${application.id}/decision`, { approve })
      .then(() => {
        flash(msg(approve ? 'applications.approved' : 'applications.declined'));
        refreshPage();
      })
      .catch((error: unknown) => status.replaceChildren(notice(describeError(error), 'error')));
  };
  return h(
    'li',
    { class: 'case' },
    h(
      'article',
      { 'aria-labelledby': headingId },
      h(
        'h3',
        { id: headingId },
        h('span', { class: 'alias' }, application.member.alias),
        ' · ',
        names.get(application.group) ?? application.group,
      ),
      h('p', { class: 'thread-facts' }, timeElement(application.createdAt)),
      h('blockquote', { class: 'excerpt user-text' }, application.motivation),
      h(
        'div',
        { class: 'tool-row' },
        on(
          h(
            'button',
            { type: 'button', class: 'button small' },
            tr('applications.approve', { alias: application.member.alias }),
          ),
          'click',
          decide(true),
        ),
        on(
          h(
            'button',
            { type: 'button', class: 'button small' },
            tr('applications.decline', { alias: application.member.alias }),
          ),
          'click',
          decide(false),
        ),
      ),
      status,
    ),
  );
}

/** The admins' home: the groups (create, edit, archive), open volunteer applications, site-wide words. */
export const adminPage: Page = async ({ signal }) => {
  if (!isAdmin()) {
    return adminsOnlyView();
  }
  const [groups, applications] = await Promise.all([
    api.get<GroupSummary[]>('/api/groups', { signal }),
    api.get<ApplicationView[]>('/api/admin/moderator-applications', { signal }),
  ]);
  const names = new Map(groups.map((group) => [group.slug, group.name]));
  return view('admin.title', [
    para('admin.intro'),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'admin-groups' },
      h('h2', { id: 'admin-groups' }, tr('admin.groupsHeading')),
      h('p', {}, h('a', { class: 'button primary', href: '/admin/groups/new' }, tr('admin.createGroup'))),
      groups.length
        ? h(
            'ul',
            { class: 'plain-list' },
            ...groups.map((group) =>
              h(
                'li',
                {},
                h('a', { href: `/admin/groups/${encodeURIComponent(group.slug)}` }, group.name),
                ' ',
                h('span', { class: 'aside' }, group.slug),
              ),
            ),
          )
        : notice(msg('groups.empty')),
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'admin-applications' },
      h('h2', { id: 'admin-applications' }, tr('applications.heading')),
      applications.length
        ? h('ol', { class: 'queue' }, ...applications.map((application) => applicationItem(application, names)))
        : notice(msg('applications.none')),
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'admin-site' },
      h('h2', { id: 'admin-site' }, tr('admin.siteHeading')),
      h('p', {}, h('a', { href: '/admin/words' }, tr('admin.siteWords'))),
      h('p', {}, h('a', { href: '/admin/crisis' }, tr('admin.crisisLink'))),
      h('p', {}, h('a', { href: '/admin/group-proposals' }, tr('groupProposals.adminTitle'))),
      h('p', {}, h('a', { href: '/admin/offline-groups' }, tr('offlineImport.link'))),
      para('admin.bansNote'),
    ),
  ]);
};
