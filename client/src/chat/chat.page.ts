import type { RoomJoined, RoomRef } from '../../../src/contracts/chat.js';
import { h, tr } from '../core/dom.js';
import { para } from '../core/page.js';
import { navigate, type Page, type View } from '../core/router.js';
import { type GroupContext, type GroupSection, groupView, isModerator } from '../groups/frame.js';
import type { PlainKey } from '../i18n/i18n.js';
import { chatContext } from './chat-context.js';
import { ChatConnection } from './connection.js';
import { ChatRoom } from './room.js';
import { supportItem, supportPath } from './support-item.js';

/**
 * A live room page: the group's own room, a session's or a buddy chat's. The connection opens with
 * the page and closes when the member leaves it; Socket.IO's client is in this page's chunk only.
 */
export function roomView(
  context: GroupContext,
  options: {
    ref: RoomRef;
    title: PlainKey;
    heading: Node;
    section: GroupSection;
    canLead: boolean;
    session?: boolean;
    /** Who "I" am in the room, when not the group membership (a support conversation's volunteer). */
    me?: string;
    /** Whether the moderation tools show; by default for the group's moderators. */
    moderator?: boolean;
    before?: Node[];
    after?: Node[];
    /** A panel beside the chat that uses the room's connection (a session's facilitation). */
    panel?: (connection: ChatConnection) => { element: Node; joined: (answer: RoomJoined) => void };
    /** Bring this message (`seq`) into view and mark it: a link from the moderation queue. */
    focusSeq?: number;
  },
): View {
  const connection = new ChatConnection();
  const panel = options.panel?.(connection);
  const room = new ChatRoom({
    onJoined: panel ? (answer) => panel.joined(answer) : undefined,
    connection,
    ref: options.ref,
    me: options.me ?? context.membership?.memberId ?? '',
    canLead: options.canLead,
    moderator: options.moderator ?? isModerator(context),
    session: options.session,
    label: options.title,
    focusSeq: options.focusSeq,
  });
  // A volunteer's offer of a private conversation reaches the member wherever they chat.
  const offers = h('ul', { class: 'queue', 'aria-live': 'polite' });
  connection.socket.on('support:update', (chat) => {
    if (chat.group === context.slug && chat.role === 'member' && chat.status === 'offered') {
      offers.append(supportItem(context.slug, chat, () => navigate(supportPath(context.slug))));
    }
  });
  return groupView(
    context,
    {
      title: options.title,
      heading: options.heading,
      section: options.section,
      dispose: () => {
        room.dispose();
        connection.close();
      },
    },
    offers,
    ...(options.before ?? []),
    ...(panel ? [panel.element] : []),
    room.element,
    ...(options.after ?? []),
  );
}

/** The `?seq=` of a link to one message, if it is one. */
export function linkedSeq(query: URLSearchParams): number | undefined {
  const seq = Number(query.get('seq'));
  return Number.isSafeInteger(seq) && seq > 0 ? seq : undefined;
}

export const chatPage: Page = async ({ params, query, signal }) => {
  const context = await chatContext(params.slug ?? '', signal);
  if (!context) {
    return { title: 'chat.title', node: h('div', {}) };
  }
  return roomView(context, {
    ref: { group: context.slug },
    title: 'chat.title',
    heading: tr('chat.title'),
    section: 'chat',
    canLead: isModerator(context),
    before: [para('chat.intro', { class: 'chat-intro' })],
    focusSeq: linkedSeq(query),
  });
};
