import type { SessionView } from '../../../src/contracts/chat.js';
import { h, tr } from '../core/dom.js';
import { timeElement } from '../core/format.js';
import { api } from '../core/http.js';
import type { Page } from '../core/router.js';
import { isModerator } from '../groups/frame.js';
import { groupApi, groupPath } from '../groups/groups.js';
import { chatContext } from './chat-context.js';
import { linkedSeq, roomView } from './chat.page.js';
import { SessionLive } from './session-live.js';

/** A session's room, while it is open: the facilitator (and moderators) give the word and set slow mode. */
export const sessionPage: Page = async ({ params, query, signal }) => {
  const context = await chatContext(params.slug ?? '', signal);
  if (!context) {
    return { title: 'session.title', node: h('div', {}) };
  }
  const session = await api.get<SessionView>(
    groupApi(context.slug, `/sessions/${encodeURIComponent(params.id ?? '')}`),
    {
      signal,
    },
  );
  const facilitating = session.facilitator?.memberId === context.membership?.memberId;
  return roomView(context, {
    ref: { group: context.slug, session: session.id },
    title: 'session.title',
    heading: document.createTextNode(session.title),
    section: 'sessions',
    canLead: facilitating || isModerator(context),
    session: true,
    panel: (connection) =>
      new SessionLive(
        connection,
        { group: context.slug, session: session.id },
        context.membership?.memberId ?? '',
        facilitating || isModerator(context),
      ),
    before: [
      h(
        'p',
        { class: 'thread-facts' },
        timeElement(session.startsAt),
        ' – ',
        timeElement(session.endsAt),
        session.facilitator
          ? h('span', {}, ' · ', tr('sessions.facilitator', { alias: session.facilitator.alias }))
          : null,
      ),
    ],
    after: [h('p', {}, h('a', { href: groupPath(context.slug, '/sessions') }, tr('session.back')))],
    focusSeq: linkedSeq(query),
  });
};
