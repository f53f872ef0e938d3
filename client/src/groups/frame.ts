import { currentAccount } from '../auth/session.js';
import { type Child, h, tr, trAttr } from '../core/dom.js';
import type { View } from '../core/router.js';
import type { PlainKey } from '../i18n/i18n.js';
import { type GroupDetail, groupPath, loadGroup, loadMembership, type MyMembership } from './groups.js';

/** What every page inside a group starts from: the group, and the member's standing in it. */
export interface GroupContext {
  slug: string;
  group: GroupDetail;
  membership: MyMembership | null;
}

export async function loadGroupContext(slug: string, signal: AbortSignal): Promise<GroupContext> {
  const [group, membership] = await Promise.all([loadGroup(slug, signal), loadMembership(slug, signal)]);
  return { slug, group, membership };
}

export function isModerator(context: GroupContext): boolean {
  return context.membership?.status === 'active' && context.membership.role === 'moderator';
}

export function isAdmin(): boolean {
  return currentAccount()?.role === 'admin';
}

export type GroupSection =
  'forum' | 'chat' | 'sessions' | 'buddies' | 'notices' | 'membership' | 'proposals' | 'moderation' | 'settings';

const SECTIONS: readonly { section: GroupSection; path: string; label: PlainKey }[] = [
  { section: 'forum', path: '', label: 'groupNav.forum' },
  { section: 'chat', path: '/chat', label: 'groupNav.chat' },
  { section: 'sessions', path: '/sessions', label: 'groupNav.sessions' },
  { section: 'buddies', path: '/buddies', label: 'groupNav.buddies' },
  { section: 'notices', path: '/notices', label: 'groupNav.notices' },
  { section: 'membership', path: '/membership', label: 'groupNav.membership' },
  { section: 'proposals', path: '/proposals', label: 'groupNav.proposals' },
  { section: 'moderation', path: '/moderation', label: 'groupNav.moderation' },
  { section: 'settings', path: '/settings', label: 'groupNav.settings' },
];

/** The group's own menu, for its members: forum, chat, notices, membership and, for moderators, moderation. */
export function groupNav(context: GroupContext, current: GroupSection): HTMLElement {
  const staffOnly: readonly GroupSection[] = ['moderation', 'settings'];
  const items = SECTIONS.filter((item) => !staffOnly.includes(item.section) || isModerator(context)).map((item) =>
    h(
      'li',
      {},
      h(
        'a',
        { href: groupPath(context.slug, item.path), 'aria-current': item.section === current ? 'page' : null },
        tr(item.label),
      ),
    ),
  );
  return trAttr(h('nav', { class: 'group-nav' }, h('ul', {}, ...items)), 'aria-label', 'groupNav.label');
}

/**
 * A page inside a group: the group's name as a kicker link, the page's own heading (people's text
 * or a translated key), the group menu, and the content. The tab title stays generic (`title`),
 * so a group's topic never shows in the browser's tab or history.
 */
export function groupView(
  context: GroupContext,
  options: { title: PlainKey; heading: Child; section: GroupSection | null; kicker?: boolean; dispose?: () => void },
  ...children: Child[]
): View {
  return {
    title: options.title,
    dispose: options.dispose,
    node: h(
      'div',
      { class: 'view group-view' },
      options.kicker === false
        ? null
        : h('p', { class: 'kicker' }, h('a', { href: groupPath(context.slug) }, context.group.name)),
      h('h1', {}, options.heading),
      options.section && context.membership?.status === 'active' ? groupNav(context, options.section) : null,
      ...children,
    ),
  };
}
