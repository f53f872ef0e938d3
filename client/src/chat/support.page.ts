import type { SupportChatView } from '../../../src/contracts/support-chats.js';
import { h, tr } from '../core/dom.js';
import { api } from '../core/http.js';
import { notice, para } from '../core/page.js';
import { navigate, type Page } from '../core/router.js';
import { type GroupContext, groupView, loadGroupContext } from '../groups/frame.js';
import { groupApi, groupPath, isReading } from '../groups/groups.js';
import { msg } from '../i18n/i18n.js';
import { roomView } from './chat.page.js';
import { supportItem, supportPath } from './support-item.js';

/**
 * The group for a support page: as for any chat page for its members; a crisis responder who is
 * not a member comes in too (the server lets only the two sides of a conversation in).
 */
async function supportContext(slug: string, signal: AbortSignal): Promise<GroupContext | null> {
  const context = await loadGroupContext(slug, signal);
  if (context.membership && !isReading(context.membership)) {
    navigate(groupPath(slug), { replace: true });
    return null;
  }
  return context;
}

/** The member's offers and conversations, and the volunteer's, in one group. */
export const supportListPage: Page = async ({ params, signal }) => {
  const context = await supportContext(params.slug ?? '', signal);
  if (!context) {
    return { title: 'support.title', node: h('div', {}) };
  }
  const chats = await api.get<SupportChatView[]>(groupApi(context.slug, '/support-chats'), { signal });
  return groupView(
    context,
    { title: 'support.title', heading: tr('support.title'), section: 'chat' },
    para('support.intro'),
    chats.length
      ? h('ul', { class: 'queue' }, ...chats.map((chat) => supportItem(context.slug, chat)))
      : notice(msg('support.none')),
  );
};

/** The conversation itself: the room view of any chat, in a `support` room. */
export const supportPage: Page = async ({ params, signal }) => {
  const context = await supportContext(params.slug ?? '', signal);
  if (!context) {
    return { title: 'support.title', node: h('div', {}) };
  }
  const chats = await api.get<SupportChatView[]>(groupApi(context.slug, '/support-chats'), { signal });
  const chat = chats.find((item) => item.id === params.chatId && item.status === 'active');
  const back = h('p', {}, h('a', { href: supportPath(context.slug) }, tr('support.back')));
  if (!chat) {
    return groupView(
      context,
      { title: 'support.title', heading: tr('support.title'), section: 'chat' },
      notice(msg('support.notOpen')),
      back,
    );
  }
  return roomView(context, {
    ref: { group: context.slug, support: chat.id },
    title: 'support.title',
    heading:
      chat.role === 'volunteer'
        ? tr('support.activeAsVolunteer', { alias: chat.member.alias })
        : tr(chat.volunteer.badge === 'moderator' ? 'support.activeWithModerator' : 'support.activeWithResponder'),
    section: 'chat',
    canLead: false,
    // The volunteer speaks as the conversation; moderation tools have no place in it.
    me: chat.role === 'volunteer' ? chat.id : undefined,
    moderator: false,
    after: [
      h(
        'ul',
        { class: 'queue' },
        supportItem(context.slug, chat, () => navigate(supportPath(context.slug))),
      ),
      back,
    ],
  });
};
