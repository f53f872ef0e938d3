import { h, on, tr } from '../core/dom.js';
import { timeElement } from '../core/format.js';
import { describeError } from '../core/forms.js';
import { hiddenWordsFolded } from '../core/reading.js';
import { notice } from '../core/page.js';
import type { GroupContext } from '../groups/frame.js';
import { groupPath } from '../groups/groups.js';
import { msg } from '../i18n/i18n.js';
import { type ThreadPage, type ThreadSummary, threadsPage, UNREAD_COUNT_CAP } from './forum.js';
import { followForum } from './live.js';

/**
 * A group's threads: pinned first, then by latest activity, with unread counts, content-warning
 * and lock markers, a folded line for threads by muted members, and "show more" by cursor.
 */
export function threadPath(slug: string, threadId: string): string {
  return groupPath(slug, `/threads/${encodeURIComponent(threadId)}`);
}

/** The server counts at most `UNREAD_COUNT_CAP`; that many reads as "99+". */
function unreadLabel(thread: ThreadSummary): string {
  return thread.unreadCount >= UNREAD_COUNT_CAP ? `${UNREAD_COUNT_CAP - 1}+` : String(thread.unreadCount);
}

function threadItem(slug: string, thread: ThreadSummary, me: string | null): HTMLLIElement {
  const markers: Node[] = [];
  if (thread.pinned) {
    markers.push(h('span', { class: 'badge pinned' }, tr('threads.pinned')));
  }
  if (thread.state === 'pending_review') {
    markers.push(h('span', { class: 'badge muted' }, tr('threads.pendingReview')));
  }
  if (thread.locked) {
    markers.push(h('span', { class: 'badge' }, tr('threads.locked')));
  }
  if (thread.unreadCount > 0) {
    markers.push(
      h(
        'span',
        { class: 'badge unread' },
        thread.unreadCount === 1 ? tr('threads.oneUnread') : tr('threads.unread', { count: unreadLabel(thread) }),
      ),
    );
  }
  const title =
    thread.title === null
      ? h(
          'span',
          { class: 'placeholder' },
          tr(thread.state === 'removed_by_author' ? 'threads.removedByAuthor' : 'threads.removedByModerator'),
        )
      : h('a', { href: threadPath(slug, thread.id) }, thread.title);
  let heading: HTMLElement = h('h3', { class: 'thread-title' }, title);
  const facts = h(
    'p',
    { class: 'thread-facts' },
    thread.author ? h('span', { class: 'alias' }, thread.author.alias) : null,
    thread.siteVoice ? h('span', { class: 'alias site' }, tr('post.siteVoice')) : null,
    thread.author || thread.siteVoice ? ' · ' : null,
    thread.replyCount === 1 ? tr('threads.oneReply') : tr('threads.replies', { count: thread.replyCount }),
    ' · ',
    tr('threads.lastActivity'),
    ' ',
    timeElement(thread.lastActivityAt),
  );
  let warning: HTMLElement | null = thread.contentWarning
    ? h('p', { class: 'cw' }, h('strong', {}, tr('post.contentWarning')), ' ', h('span', {}, thread.contentWarning))
    : null;
  if (thread.title !== null) {
    // A title (or its warning) with one of the reader's hidden words comes folded, as its post does.
    heading = hiddenWordsFolded(
      h('div', { class: 'thread-heading' }, heading, warning),
      [thread.title, thread.contentWarning],
      thread.author !== null && thread.author.memberId === me,
    );
    warning = null;
  }
  if (thread.muted && thread.author) {
    const details = h(
      'details',
      { class: 'disclosure muted-thread' },
      h('summary', {}, tr('threads.mutedAuthor', { alias: thread.author.alias })),
      h('div', { class: 'disclosure-body' }, heading, warning, facts),
    );
    return h('li', { class: 'thread muted' }, details);
  }
  return h(
    'li',
    { class: `thread${thread.pinned ? ' is-pinned' : ''}` },
    heading,
    markers.length ? h('p', { class: 'markers' }, ...markers) : null,
    warning,
    facts,
  );
}

/** The list, filled as it loads; "Show more threads" asks the next page with the cursor it was given. */
export function threadList(context: GroupContext, signal: AbortSignal): HTMLElement {
  const list = h('ul', { class: 'threads' });
  const status = h('div', { 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'button', hidden: true }, tr('threads.more'));
  const root = h(
    'div',
    { class: 'thread-list', 'aria-busy': 'true' },
    status,
    list,
    h('div', { class: 'actions' }, more),
  );
  let cursor: string | null = null;
  const seen = new Set<string>();
  const items = new Map<string, HTMLLIElement>();
  const liveNew = new Map<string, number>();
  // New activity while the list is open: a count on a thread shown here, and a way to see
  // threads that are not (a new thread, or one further down).
  const fresh = h('p', { class: 'fresh-activity', hidden: true });
  const showFresh = on(h('button', { type: 'button', class: 'button small' }, tr('threads.showNew')), 'click', () => {
    list.replaceChildren();
    seen.clear();
    items.clear();
    liveNew.clear();
    cursor = null;
    fresh.hidden = true;
    load(true);
  });
  fresh.append(tr('threads.newActivity'), ' ', showFresh);
  root.prepend(fresh);
  followForum({ group: context.slug }, signal, {
    activity: ({ threadId }) => {
      const item = items.get(threadId);
      if (!item) {
        fresh.hidden = false;
        return;
      }
      const count = (liveNew.get(threadId) ?? 0) + 1;
      liveNew.set(threadId, count);
      const badge = item.querySelector<HTMLElement>('.badge.live-new') ?? h('span', { class: 'badge unread live-new' });
      badge.replaceChildren(count === 1 ? tr('threads.oneNewLive') : tr('threads.newLive', { count }));
      if (!badge.isConnected) {
        const markers = item.querySelector('.markers') ?? h('p', { class: 'markers' });
        markers.append(badge);
        if (!markers.isConnected) {
          (item.querySelector('.reading') ?? item.querySelector('.thread-title'))?.after(markers);
        }
      }
    },
  });

  const load = (first: boolean) => {
    root.setAttribute('aria-busy', 'true');
    threadsPage(context.slug, cursor, signal)
      .then((page: ThreadPage) => {
        const fetched = page.threads.filter((thread) => !seen.has(thread.id));
        fetched.forEach((thread) => seen.add(thread.id));
        const nodes = fetched.map((thread) => {
          const item = threadItem(context.slug, thread, context.membership?.memberId ?? null);
          items.set(thread.id, item);
          return item;
        });
        list.append(...nodes);
        cursor = page.nextCursor;
        more.hidden = cursor === null;
        status.replaceChildren(...(first && seen.size === 0 ? [notice(msg('threads.empty'))] : []));
        if (!first) {
          nodes[0]?.querySelector('a')?.focus();
        }
      })
      .catch((error: unknown) => {
        if (!signal.aborted) {
          status.replaceChildren(notice(describeError(error), 'error'));
        }
      })
      .finally(() => root.removeAttribute('aria-busy'));
  };
  on(more, 'click', () => load(false));
  load(true);
  return root;
}
