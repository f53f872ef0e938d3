import type { CrisisStatus } from '../../../src/contracts/crisis.js';
import { editPostSchema, editThreadSchema } from '../../../src/contracts/forums.js';
import type { MemberRef } from '../../../src/contracts/groups.js';
import { h, liveAttr, on, tr, uid } from '../core/dom.js';
import { describeError, FormController, schemaProblems, textField } from '../core/forms.js';
import { timeElement } from '../core/format.js';
import { api } from '../core/http.js';
import { asReaderReads, hiddenWordsFolded } from '../core/reading.js';
import { notice } from '../core/page.js';
import { type GroupContext, isAdmin, isModerator } from '../groups/frame.js';
import { groupApi } from '../groups/groups.js';
import { msg, type PlainKey, t } from '../i18n/i18n.js';
import {
  actionForm,
  disclosure,
  HELD_LABELS,
  itemActions,
  MEMBER_ACTIONS,
  reportForm,
  worryForm,
} from '../moderation/forms.js';
import type { CrisisHelpNote } from '../safety/notice-view.js';
import { composeBox, sendWithCare } from './compose.js';
import { formattedText } from './markdown.js';
import {
  editItem,
  type ItemRef,
  type PostView,
  type QuoteView,
  react,
  type ReactionKind,
  type ReactionSummary,
  removeItem,
  type ThreadView,
} from './forum.js';

/**
 * One thread's opening post or one reply, with everything a reader can do to it: react, edit or
 * delete their own, report, mute or worry about its author, and (moderators) act on it. What people
 * wrote is always text; a content warning or a muted author keeps the text folded until opened.
 */
export type ForumItem = { kind: 'thread'; data: ThreadView } | { kind: 'post'; data: PostView };

export interface ItemHost {
  context: GroupContext;
  /** The reader's own member id in this group. */
  me: string;
  /** The thread is locked: no edits or replies (moderators still act). */
  locked(): boolean;
  /** The reader muted or unmuted an author: every item of theirs is shown again. */
  onMuteChange(memberId: string, muted: boolean): void;
  /** A moderator acted on the item (or the thread): load it again. */
  onModerated(): void;
  /** The author removed their thread. */
  onThreadRemoved(): void;
  /** The author changed their thread's title or warning. */
  onThreadEdited(thread: ThreadView): void;
  /** What the reader just wrote signals crisis: show them the crisis lines now, and who has it (`status`). */
  onCrisis(help: CrisisHelpNote, status?: CrisisStatus): void;
  announce(message: PlainKey): void;
  /** The reader wants to answer this reply (or the opening post) with a quote of it. */
  onQuote?(post: { id: string; author: MemberRef | null }): void;
}

const REACTIONS: readonly { kind: ReactionKind; label: PlainKey }[] = [
  { kind: 'recognise', label: 'reaction.recognise' },
  { kind: 'support', label: 'reaction.support' },
];

function refOf(item: ForumItem): ItemRef {
  return { kind: item.kind, id: item.data.id };
}

export function authorLine(
  author: MemberRef | null,
  createdAt: string,
  editedAt: string | null,
  siteVoice = false,
): HTMLElement {
  return h(
    'p',
    { class: 'post-meta' },
    // The site's own voice (a group's welcome) is never passed off as a member.
    siteVoice
      ? h('span', { class: 'alias site' }, tr('post.siteVoice'))
      : author
        ? h('span', { class: 'alias' }, author.alias)
        : h('span', { class: 'alias none' }, tr('post.noAuthor')),
    siteVoice ? h('span', { class: 'badge' }, tr('post.siteBadge')) : null,
    author?.moderator ? h('span', { class: 'badge' }, tr('post.moderatorBadge')) : null,
    author?.former ? h('span', { class: 'badge muted' }, tr('post.formerBadge')) : null,
    ' ',
    timeElement(createdAt),
    editedAt ? h('span', { class: 'edited' }, ' · ', tr('post.edited')) : null,
  );
}

/**
 * The post a reply answers: who wrote it and the start of its text, linking to it; once the
 * quoted post is gone the server sends no text and the quote says so.
 */
function quoteBlock(quote: QuoteView, me: string): HTMLElement {
  const link = h('a', { href: `#post-${quote.postId}`, class: 'quote-link' }, tr('post.quoteLink'));
  if (quote.excerpt === null) {
    return h('blockquote', { class: 'quote removed' }, h('p', {}, tr('post.quoteRemoved'), ' ', link));
  }
  return h(
    'blockquote',
    { class: 'quote' },
    h(
      'p',
      { class: 'quote-head' },
      quote.author ? tr('post.quoteBy', { alias: quote.author.alias }) : tr('post.quoteNoAuthor'),
      ' ',
      link,
    ),
    // The quoted words fold for a hidden word as the quoted post itself does.
    hiddenWordsFolded(
      h('p', { class: 'user-text quote-text' }, quote.excerpt),
      [quote.excerpt],
      quote.author?.memberId === me,
    ),
  );
}

/** A folded text: a line saying why, and a button that opens it (`aria-expanded`). */
function folded(reason: Node, content: HTMLElement, openLabel: PlainKey): HTMLElement {
  const id = uid('folded');
  content.id = id;
  content.hidden = true;
  const button = h('button', { type: 'button', class: 'button small', 'aria-expanded': 'false', 'aria-controls': id });
  button.append(tr(openLabel));
  on(button, 'click', () => {
    const open = content.hidden;
    content.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    button.replaceChildren(tr(open ? 'post.fold' : openLabel));
  });
  return h('div', { class: 'folded' }, h('p', { class: 'folded-reason' }, reason, ' ', button), content);
}

export class ItemView {
  readonly element: HTMLElement;
  private item: ForumItem;

  constructor(
    item: ForumItem,
    private readonly host: ItemHost,
    /** The thread's opening post, for quoting it (a thread is addressed by its own id elsewhere). */
    private readonly openingPostId: string | null = null,
  ) {
    this.item = item;
    this.element = h('article', { class: `post ${item.kind === 'thread' ? 'opening' : 'reply'}` });
    this.render();
  }

  get authorId(): string | null {
    return this.item.data.author?.memberId ?? null;
  }

  /** Shows the item as it is now (it changed while the page was open). */
  update(data: PostView): void {
    // The live echo of what this page itself just did changes nothing shown: re-rendering would
    // close the confirmation or the edit form the member has open on the post meanwhile.
    if (this.item.kind === 'post' && JSON.stringify(this.item.data) !== JSON.stringify(data)) {
      this.item = { kind: 'post', data };
      this.render();
    }
  }

  /** Shows the item with a changed muted state (the reader muted or unmuted its author). */
  setMuted(muted: boolean): void {
    this.item.data.muted = muted ? true : undefined;
    this.render();
  }

  private get mine(): boolean {
    return this.item.data.author?.memberId === this.host.me;
  }

  private render(focusHeading = false): void {
    const data = this.item.data;
    const headId = uid('post');
    this.element.setAttribute('aria-labelledby', headId);
    const head = authorLine(data.author, data.createdAt, data.editedAt, 'siteVoice' in data && data.siteVoice === true);
    head.id = headId;
    this.element.replaceChildren(head, this.body(), this.tools());
    if (focusHeading) {
      head.tabIndex = -1;
      head.focus();
    }
  }

  private body(): HTMLElement {
    const data = this.item.data;
    const text = data.body;
    const parts: Node[] = [];
    if (data.state === 'pending_review') {
      parts.push(h('p', { class: 'placeholder' }, tr('post.pendingReview')));
    } else if (data.state !== 'visible') {
      parts.push(
        h(
          'p',
          { class: 'placeholder' },
          tr(data.state === 'removed_by_author' ? 'post.removedByAuthor' : 'post.removedByModerator'),
          text !== null ? h('span', {}, ' ', tr('post.moderatorsStillSee')) : null,
        ),
      );
    }
    if (text === null) {
      return h('div', { class: 'post-body' }, ...parts);
    }
    const bodyText = h('div', { class: 'user-text post-text formatted' }, formattedText(text));
    if (this.item.kind === 'post' && this.item.data.quote) {
      parts.push(quoteBlock(this.item.data.quote, this.host.me));
    }
    const warning = data.contentWarning;
    const title = this.item.kind === 'thread' ? this.item.data.title : null;
    // Folded under its warning, or for one of the reader's hidden words (client/src/core/reading.ts).
    let content: HTMLElement = asReaderReads(bodyText, { warning, texts: [title, warning, text], mine: this.mine });
    if (data.muted && data.author) {
      content = folded(
        h('span', {}, tr('post.mutedAuthor', { alias: data.author.alias })),
        h('div', {}, content),
        'post.showAnyway',
      );
    }
    parts.push(content);
    return h('div', { class: 'post-body' }, ...parts);
  }

  private tools(): HTMLElement {
    const data = this.item.data;
    const { context } = this.host;
    const visible = data.state === 'visible';
    const row: Node[] = [];
    if (visible) {
      row.push(...REACTIONS.map((reaction) => this.reactionButton(reaction.kind, reaction.label, data.reactions)));
    }
    const onQuote = this.host.onQuote;
    if (visible && onQuote && !this.host.locked()) {
      const quoted = { id: this.item.kind === 'thread' ? (this.openingPostId ?? '') : data.id, author: data.author };
      if (quoted.id) {
        row.push(
          on(h('button', { type: 'button', class: 'button small' }, tr('post.quote')), 'click', () => onQuote(quoted)),
        );
      }
    }
    const canChange = (visible || data.state === 'pending_review') && this.mine && !this.host.locked();
    if (canChange) {
      row.push(
        on(h('button', { type: 'button', class: 'button small' }, tr('post.edit')), 'click', () => this.startEdit()),
        on(h('button', { type: 'button', class: 'button small' }, tr('post.delete')), 'click', (event) =>
          this.confirmDelete(event.currentTarget as HTMLButtonElement),
        ),
      );
    }
    const more: Node[] = [];
    if (visible && !this.mine) {
      more.push(
        disclosure(
          this.item.kind === 'thread' ? 'report.thread' : 'report.post',
          reportForm(context.slug, refOf(this.item)),
        ),
      );
    }
    const author = data.author;
    if (author && !this.mine && !author.former) {
      more.push(this.authorTools(author));
    }
    if (isModerator(context)) {
      more.push(this.moderatorTools());
    }
    return h(
      'div',
      { class: 'post-tools' },
      row.length ? h('div', { class: 'tool-row' }, ...row) : null,
      more.length ? h('div', { class: 'more-tools' }, ...more) : null,
    );
  }

  private reactionButton(kind: ReactionKind, label: PlainKey, summary: ReactionSummary): HTMLButtonElement {
    const count = summary[kind].count;
    const button = h(
      'button',
      { type: 'button', class: 'reaction', 'aria-pressed': String(summary[kind].mine) },
      tr(label),
      ' ',
      h('span', { class: 'count' }, count),
    );
    liveAttr(button, 'title', () => t('reaction.count', { count }));
    on(button, 'click', () => {
      const next = !summary[kind].mine;
      button.setAttribute('aria-busy', 'true');
      react(this.host.context.slug, refOf(this.item), kind, next)
        .then((reactions) => {
          this.item.data.reactions = reactions;
          const fresh = this.reactionButton(kind, label, reactions);
          button.replaceWith(fresh);
          fresh.focus();
        })
        .catch((error: unknown) => {
          button.removeAttribute('aria-busy');
          this.showError(error);
        });
    });
    return button;
  }

  private showError(error: unknown): void {
    const existing = this.element.querySelector('.item-error');
    const box = notice(describeError(error), 'error');
    box.classList.add('item-error');
    if (existing) {
      existing.replaceWith(box);
    } else {
      this.element.append(box);
    }
  }

  private authorTools(author: MemberRef): HTMLElement {
    const { context } = this.host;
    const muted = Boolean(this.item.data.muted);
    const muteButton = on(
      h(
        'button',
        { type: 'button', class: 'button small' },
        tr(muted ? 'mute.unmuteAlias' : 'mute.muteAlias', { alias: author.alias }),
      ),
      'click',
      () => {
        const request = muted
          ? api.delete<void>(groupApi(context.slug, `/mutes/${author.memberId}`))
          : api.post<void>(groupApi(context.slug, '/mutes'), { memberId: author.memberId });
        request
          .then(() => {
            this.host.onMuteChange(author.memberId, !muted);
            this.host.announce(muted ? 'mute.unmuted' : 'mute.muted');
          })
          .catch((error: unknown) => this.showError(error));
      },
    );
    const parts: Node[] = [
      h('p', { class: 'hint' }, tr(muted ? 'mute.unmuteHint' : 'mute.muteHint')),
      h('div', { class: 'actions' }, muteButton),
      disclosure('worry.open', worryForm(context.slug, author.memberId, author.alias)),
    ];
    if (isModerator(context)) {
      parts.push(
        disclosure(
          'moderate.member',
          actionForm({
            slug: context.slug,
            actions: MEMBER_ACTIONS,
            memberId: author.memberId,
            onDone: () => this.host.onModerated(),
          }),
        ),
      );
    }
    if (isAdmin()) {
      parts.push(
        h(
          'p',
          {},
          h(
            'a',
            {
              href: `/admin/members?group=${encodeURIComponent(context.slug)}&member=${encodeURIComponent(author.memberId)}&alias=${encodeURIComponent(author.alias)}`,
            },
            tr('admin.memberLink', { alias: author.alias }),
          ),
        ),
      );
    }
    const summary = h('span', {}, tr('post.aboutAuthor', { alias: author.alias }));
    return disclosure(summary, ...parts);
  }

  private moderatorTools(): HTMLElement {
    const data = this.item.data;
    const thread = this.item.kind === 'thread' ? this.item.data : null;
    const held = data.state === 'pending_review';
    const hidden = data.state === 'removed_by_moderator' || held;
    return disclosure(
      this.item.kind === 'thread' ? 'moderate.thread' : 'moderate.post',
      actionForm({
        slug: this.host.context.slug,
        actions: itemActions({ kind: this.item.kind, hidden, locked: thread?.locked, pinned: thread?.pinned }),
        target: refOf(this.item),
        labels: held ? HELD_LABELS : undefined,
        onDone: () => this.host.onModerated(),
      }),
    );
  }

  private confirmDelete(trigger: HTMLButtonElement): void {
    const keep = on(h('button', { type: 'button', class: 'button small' }, tr('post.keep')), 'click', () => {
      row.replaceWith(trigger);
      trigger.focus();
    });
    const remove = on(
      h('button', { type: 'button', class: 'button small danger' }, tr('post.deleteConfirm')),
      'click',
      () => {
        removeItem(this.host.context.slug, refOf(this.item))
          .then(() => {
            if (this.item.kind === 'thread') {
              this.host.onThreadRemoved();
              return;
            }
            this.item.data.state = 'removed_by_author';
            this.item.data.body = null;
            this.item.data.author = null;
            this.render(true);
            this.host.announce('post.deleted');
          })
          .catch((error: unknown) => this.showError(error));
      },
    );
    const row = h(
      'div',
      { class: 'confirm', role: 'group' },
      h('p', {}, tr(this.item.kind === 'thread' ? 'post.deleteThreadQuestion' : 'post.deleteQuestion')),
      h('div', { class: 'actions' }, remove, keep),
    );
    trigger.replaceWith(row);
    remove.focus();
  }

  private startEdit(): void {
    const data = this.item.data;
    const thread = this.item.kind === 'thread' ? this.item.data : null;
    const title = thread
      ? textField({
          name: 'title',
          label: 'newThread.titleLabel',
          autocomplete: 'off',
          prose: true,
          value: thread.title ?? '',
        })
      : null;
    // A reply has its own warning too (kept, changed or removed with the edit).
    const warning = textField({
      name: 'contentWarning',
      label: 'newThread.warningLabel',
      hint: msg('newThread.warningHint'),
      autocomplete: 'off',
      prose: true,
      required: false,
      value: data.contentWarning ?? '',
    });
    const box = composeBox({ label: 'post.editLabel', value: data.body ?? '' });
    const cancel = on(h('button', { type: 'button', class: 'button' }, tr('post.cancelEdit')), 'click', () =>
      this.render(true),
    );
    const form = new FormController({
      fields: [...(title ? [title] : []), warning, box.field],
      submit: 'post.saveEdit',
      body: [...(title ? [title.root] : []), warning.root, box.root],
      actions: [cancel],
      className: 'form edit-form',
    });
    form.onSubmit(async () => {
      const body: Record<string, unknown> = { body: box.field.input.value };
      if (title) {
        body.title = title.input.value;
      }
      body.contentWarning = warning.input.value.trim() ? warning.input.value : null;
      const problems = schemaProblems(this.item.kind === 'thread' ? editThreadSchema : editPostSchema, body);
      if (problems.length) {
        form.showProblems(problems);
        return;
      }
      const updated = await sendWithCare(form, box, (insist) =>
        editItem<ThreadView | PostView>(this.host.context.slug, refOf(this.item), insist ? { ...body, insist } : body),
      );
      if (!updated) {
        return;
      }
      this.item = { kind: this.item.kind, data: updated } as ForumItem;
      if (this.item.kind === 'thread') {
        this.host.onThreadEdited(this.item.data);
      }
      this.render(true);
      this.host.announce(updated.held ? 'post.held' : 'post.saved');
      if (updated.crisis) {
        this.host.onCrisis(updated.crisis, updated.crisisStatus);
      }
    });
    const bodyElement = this.element.querySelector('.post-body');
    const toolsElement = this.element.querySelector('.post-tools');
    toolsElement?.remove();
    bodyElement?.replaceWith(form.element);
    (title?.input ?? box.field.input).focus();
  }
}
