import type { CrisisStatus } from '../../../src/contracts/crisis.js';
import { CONTENT_WARNING_MAX, replySchema } from '../../../src/contracts/forums.js';
import { h, on, tr } from '../core/dom.js';
import { flash } from '../core/flash.js';
import { describeError, FormController, schemaProblems, textField } from '../core/forms.js';
import { api } from '../core/http.js';
import { clearDraft, keepDraft } from '../core/drafts.js';
import { liveRegion, notice, para } from '../core/page.js';
import { navigate, type Page, refreshPage } from '../core/router.js';
import { type GroupContext, groupView, loadGroupContext } from '../groups/frame.js';
import { groupApi, groupPath, isReading } from '../groups/groups.js';
import { msg } from '../i18n/i18n.js';
import { askPersonSection } from '../safety/ask-person.js';
import { followCrisisStatus } from '../safety/crisis-follow.js';
import { CrisisPanel } from '../safety/crisis-panel.js';
import type { CrisisHelpNote } from '../safety/notice-view.js';
import { composeBox, sendWithCare } from './compose.js';
import type { MemberRef } from '../../../src/contracts/groups.js';
import { type PostView, readPost, readThread, type ThreadView } from './forum.js';
import { followForum } from './live.js';
import { mentionPicker } from './mention-picker.js';
import { type ItemHost, ItemView } from './items.js';

/**
 * The crisis help of a thread its author just posted (from the new-thread page), shown on the
 * thread's page as soon as it opens.
 */
let helpOnArrival: { help: CrisisHelpNote; status: CrisisStatus | null } | null = null;

export function showOnArrival(help: CrisisHelpNote, status?: CrisisStatus): void {
  helpOnArrival = { help, status: status ?? null };
}

function threadHeading(thread: ThreadView): Node {
  if (thread.title !== null) {
    return document.createTextNode(thread.title);
  }
  return tr(thread.state === 'removed_by_author' ? 'threads.removedByAuthor' : 'threads.removedByModerator');
}

function replyCountText(count: number): Node {
  return count === 1 ? tr('threads.oneReply') : tr('threads.replies', { count });
}

function markers(thread: ThreadView): HTMLElement {
  return h(
    'p',
    { class: 'markers' },
    thread.pinned ? h('span', { class: 'badge pinned' }, tr('threads.pinned')) : null,
    thread.locked ? h('span', { class: 'badge' }, tr('threads.locked')) : null,
  );
}

export const threadPage: Page = async ({ params, signal }) => {
  const slug = params.slug ?? '';
  const threadId = params.threadId ?? '';
  const context: GroupContext = await loadGroupContext(slug, signal);
  if (!isReading(context.membership)) {
    navigate(groupPath(slug), { replace: true });
    return groupView(context, { title: 'thread.title', heading: context.group.name, section: null });
  }
  const membership = context.membership;
  const first = await readThread(slug, threadId, null, signal);
  let thread = first.thread;
  const live = liveRegion();
  // The crisis help goes where the member is: under the reply box, under the item they edited,
  // or at the top for a thread they just started. Closing it gives the focus back there.
  let returnTo: HTMLElement | null = null;
  const crisisPanel = new CrisisPanel({ returnFocus: () => (returnTo?.isConnected ? returnTo : null) });
  const followCrisis = followCrisisStatus(crisisPanel, slug, signal);
  const topSlot = h('div', {});
  const showCrisisHelp = (
    help: CrisisHelpNote,
    status: CrisisStatus | null | undefined,
    anchor: Element,
    back: HTMLElement | null,
  ): void => {
    returnTo = back;
    crisisPanel.placeAfter(anchor);
    crisisPanel.show({ intro: help.introText, status });
    followCrisis();
  };
  const heading = h('span', {}, threadHeading(thread));
  const markerLine = markers(thread);
  const views: ItemView[] = [];
  const postViews = new Map<string, ItemView>();

  const host: ItemHost = {
    context,
    me: membership.memberId,
    locked: () => thread.locked,
    onMuteChange(memberId, muted) {
      for (const view of views) {
        if (view.authorId === memberId) {
          view.setMuted(muted);
        }
      }
    },
    onModerated() {
      flash(msg('moderate.done'));
      refreshPage();
    },
    onThreadRemoved() {
      flash(msg('post.threadDeleted'));
      navigate(groupPath(slug));
    },
    onThreadEdited(edited) {
      thread = edited;
      heading.replaceChildren(threadHeading(edited));
      markerLine.replaceWith(markers(edited));
    },
    onCrisis: (help, status) => {
      // After an edit the focus is on the edited item's head.
      const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      const item = focused?.closest('article.post') ?? replyArea;
      showCrisisHelp(help, status, item, focused);
    },
    announce: (key) => live.say(key),
    onQuote: (post) => quoteReply?.(post),
  };
  let quoteReply: ((post: { id: string; author: MemberRef | null }) => void) | null = null;

  const opening = new ItemView({ kind: 'thread', data: thread }, host);
  opening.element.id = `thread-${thread.id}`;
  views.push(opening);

  const list = h('ol', { class: 'posts' });
  const seen = new Set<string>();
  const addPosts = (posts: PostView[]): HTMLElement[] => {
    const added: HTMLElement[] = [];
    for (const post of posts) {
      if (seen.has(post.id)) {
        continue;
      }
      seen.add(post.id);
      const view = new ItemView({ kind: 'post', data: post }, host);
      view.element.id = `post-${post.id}`;
      views.push(view);
      postViews.set(post.id, view);
      const item = h('li', {}, view.element);
      list.append(item);
      added.push(view.element);
    }
    return added;
  };
  addPosts(first.posts);
  // "New since your last visit": a line before the first reply the member had not seen yet.
  const firstNew = first.firstNewPostId ? postViews.get(first.firstNewPostId)?.element.closest('li') : null;
  firstNew?.before(h('li', { class: 'new-since' }, h('span', {}, tr('thread.newSince'))));

  let cursor = first.nextCursor;
  const loadError = h('div', {});
  const more = h('button', { type: 'button', class: 'button', hidden: cursor === null }, tr('thread.moreReplies'));
  on(more, 'click', () => {
    more.setAttribute('aria-busy', 'true');
    readThread(slug, threadId, cursor, signal)
      .then((page) => {
        const added = addPosts(page.posts);
        cursor = page.nextCursor;
        more.hidden = cursor === null;
        const head = added[0]?.querySelector<HTMLElement>('.post-meta');
        if (head) {
          head.tabIndex = -1;
          head.focus();
        }
        loadError.replaceChildren();
      })
      .catch((error: unknown) => loadError.replaceChildren(notice(describeError(error), 'error')))
      .finally(() => more.removeAttribute('aria-busy'));
  });

  let replyCount = thread.replyCount;
  const repliesHeading = h('h2', { id: 'replies-heading' }, replyCountText(replyCount));
  const replyArea = h('section', { class: 'reply-area', 'aria-labelledby': 'reply-heading' });
  const canReply = thread.state === 'visible' && !thread.locked;
  if (canReply) {
    const box = composeBox({
      label: 'thread.replyLabel',
      hint: msg('thread.replyHint'),
      askPerson: () => askPersonSection(slug, signal),
    });
    const draftPlace = `reply:${slug}:${threadId}`;
    keepDraft(box.field.input, draftPlace);
    let quoting: { id: string; author: MemberRef | null } | null = null;
    const quoteLine = h('p', { class: 'quoting', hidden: true });
    const showQuoting = () => {
      quoteLine.hidden = quoting === null;
      quoteLine.replaceChildren(
        ...(quoting
          ? [
              quoting.author ? tr('thread.quoting', { alias: quoting.author.alias }) : tr('thread.quotingNoAuthor'),
              ' ',
              on(h('button', { type: 'button', class: 'button small' }, tr('thread.quoteCancel')), 'click', () => {
                quoting = null;
                showQuoting();
                box.field.input.focus();
              }),
            ]
          : []),
      );
    };
    quoteReply = (post) => {
      quoting = post;
      showQuoting();
      box.field.input.focus();
    };
    // A reply may carry its own content warning: readers then see it folded under it.
    const replyWarning = textField({
      name: 'contentWarning',
      label: 'newThread.warningLabel',
      hint: msg('newThread.warningHint'),
      autocomplete: 'off',
      prose: true,
      required: false,
      maxLength: CONTENT_WARNING_MAX,
    });
    const form = new FormController({
      fields: [replyWarning, box.field],
      submit: 'thread.replySubmit',
      body: [
        quoteLine,
        replyWarning.root,
        box.root,
        mentionPicker(slug, box.field.input),
        para('thread.formatHint', { class: 'hint' }),
      ],
    });
    form.onSubmit(async () => {
      const request: { body: string; quotePostId?: string; contentWarning?: string } = quoting
        ? { body: box.field.input.value, quotePostId: quoting.id }
        : { body: box.field.input.value };
      if (replyWarning.input.value.trim()) {
        request.contentWarning = replyWarning.input.value;
      }
      const problems = schemaProblems(replySchema, request);
      if (problems.length) {
        form.showProblems(problems);
        return;
      }
      const post = await sendWithCare(form, box, (insist, clientKey) =>
        api.post<PostView>(
          groupApi(slug, `/threads/${encodeURIComponent(threadId)}/posts`),
          insist ? { ...request, clientKey, insist } : { ...request, clientKey },
        ),
      );
      if (!post) {
        return;
      }
      box.field.input.value = '';
      replyWarning.input.value = '';
      clearDraft(draftPlace);
      quoting = null;
      showQuoting();
      box.recheck();
      form.clearErrors();
      // With more replies still to load, the new one comes at the end of those pages.
      if (cursor === null) {
        addPosts([post]);
      }
      replyCount += 1;
      repliesHeading.replaceChildren(replyCountText(replyCount));
      live.say(post.held ? 'post.held' : 'thread.replied');
      if (post.crisis) {
        showCrisisHelp(post.crisis, post.crisisStatus, form.element, box.field.input);
      }
    });
    replyArea.append(h('h2', { id: 'reply-heading' }, tr('thread.replyHeading')), form.element);
  } else {
    replyArea.append(
      h('h2', { id: 'reply-heading' }, tr('thread.replyHeading')),
      notice(msg(thread.locked ? 'thread.lockedNote' : 'thread.removedNote')),
    );
  }

  // Live: replies, edits and removals by others arrive while the page is open (ids only; each
  // post is fetched through the same door as the page).
  followForum({ group: slug, threadId }, signal, {
    post: (event) => {
      readPost(slug, event.postId, signal)
        .then((post) => {
          const existing = postViews.get(post.id);
          if (existing) {
            existing.update(post);
            return;
          }
          // A reply a moderator approved arrives as a change; one never seen and now gone is left out.
          const arrived = event.change === 'new' || post.state === 'visible';
          if (arrived && cursor === null && addPosts([post]).length > 0) {
            replyCount += 1;
            repliesHeading.replaceChildren(replyCountText(replyCount));
            live.say('thread.newReply');
          }
        })
        .catch(() => undefined); // held for review or gone: nothing to show
    },
    closed: () => refreshPage(),
  });

  const arrival = helpOnArrival;
  helpOnArrival = null;

  const result = groupView(
    context,
    { title: 'thread.title', heading, section: 'forum' },
    markerLine,
    topSlot,
    opening.element,
    h(
      'section',
      { class: 'replies', 'aria-labelledby': 'replies-heading' },
      repliesHeading,
      list,
      loadError,
      h('div', { class: 'actions' }, more),
    ),
    replyArea,
    h('p', {}, h('a', { href: groupPath(slug) }, tr('thread.back'))),
    live.element,
  );
  if (arrival) {
    // Once the page is shown: the help for the thread just started, at the top where the member is.
    window.setTimeout(
      () => showCrisisHelp(arrival.help, arrival.status, topSlot, replyArea.querySelector('textarea')),
      0,
    );
  }
  // A link to one reply (from search): bring it into view once the page is shown.
  const target = location.hash ? decodeURIComponent(location.hash.slice(1)) : '';
  if (target && !arrival) {
    window.setTimeout(() => {
      const element = document.getElementById(target);
      if (element) {
        element.tabIndex = -1;
        element.focus();
        element.scrollIntoView({ block: 'start' });
      }
    }, 0);
  }
  return result;
};
