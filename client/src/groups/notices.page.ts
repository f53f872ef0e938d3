import type { Notice } from '../../../src/contracts/moderation.js';
import { h, tr } from '../core/dom.js';
import { api } from '../core/http.js';
import { notice, para } from '../core/page.js';
import type { Page } from '../core/router.js';
import { msg } from '../i18n/i18n.js';
import { noticeView } from '../safety/notice-view.js';
import { groupView, loadGroupContext } from './frame.js';
import { groupApi } from './groups.js';

/**
 * The member's private notices in a group: warnings and actions with the moderator's reason and an
 * appeal, the crisis notice with the crisis lines first and prominent. Suspended and removed
 * members can read them too. Opening the page marks them read.
 */
export const noticesPage: Page = async ({ params, signal }) => {
  const slug = params.slug ?? '';
  const context = await loadGroupContext(slug, signal);
  const notices = await api.get<Notice[]>(groupApi(slug, '/notices'), { signal });
  // The crisis lines come first: someone in crisis should not have to scroll past warnings.
  const crisis = notices.filter((item) => item.kind === 'crisis' || item.kind === 'worry');
  const others = notices.filter((item) => item.kind !== 'crisis' && item.kind !== 'worry');
  if (notices.some((item) => !item.read)) {
    void api.post<void>(groupApi(slug, '/notices/read')).catch(() => undefined);
  }
  return groupView(
    context,
    { title: 'notices.title', heading: tr('notices.title'), section: 'notices' },
    para('notices.intro'),
    notices.length ? null : notice(msg('notices.none')),
    ...crisis.map((item) => noticeView(slug, item, { signal })),
    ...others.map((item) => noticeView(slug, item, { signal })),
    h('p', {}, h('a', { href: '/help' }, tr('notices.moreHelp'))),
  );
};
