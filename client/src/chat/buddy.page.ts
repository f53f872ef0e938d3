import type { BuddyPairView } from '../../../src/contracts/chat.js';
import { h, tr } from '../core/dom.js';
import { api } from '../core/http.js';
import { notice } from '../core/page.js';
import type { Page } from '../core/router.js';
import { groupView } from '../groups/frame.js';
import { groupApi, groupPath } from '../groups/groups.js';
import { msg } from '../i18n/i18n.js';
import { chatContext } from './chat-context.js';
import { roomView } from './chat.page.js';

/** A buddy chat: two members, one-to-one, under their aliases in the group. */
export const buddyPage: Page = async ({ params, signal }) => {
  const context = await chatContext(params.slug ?? '', signal);
  if (!context) {
    return { title: 'buddy.title', node: h('div', {}) };
  }
  const pairs = await api.get<BuddyPairView[]>(groupApi(context.slug, '/buddies/pairs'), { signal });
  const pair = pairs.find((item) => item.id === params.pairId && item.status === 'active');
  const back = h('p', {}, h('a', { href: groupPath(context.slug, '/buddies') }, tr('buddy.back')));
  if (!pair) {
    return groupView(
      context,
      { title: 'buddy.title', heading: tr('buddy.title'), section: 'buddies' },
      notice(msg('buddy.notOpen')),
      back,
    );
  }
  return roomView(context, {
    ref: { group: context.slug, buddy: pair.id },
    title: 'buddy.title',
    heading: tr('buddy.heading', { alias: pair.other.alias }),
    section: 'buddies',
    canLead: false,
    after: [back],
  });
};
