import {
  type ContentState,
  type HighlightPart,
  type PostView,
  QUOTE_EXCERPT_MAX,
  type QuoteView,
  type ReactionKind,
  type ReactionSummary,
  type ThreadSummary,
  type ThreadView,
} from '../contracts/forums.js';
import type { MemberRef } from '../contracts/groups.js';
import type { ListedThread } from './forum-listing.js';
import type { ForumPost } from './forum-post.entity.js';
import type { ForumThread } from './forum-thread.entity.js';

/** Marks around search hits in `ts_headline` output: control characters that bodies cannot hold. */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_STOP = '\u0003';

/** What one reader needs to render forum items: who wrote them, reactions, their mutes and role. */
export interface ReaderContext {
  /** The reader's membership: the author of an item held for review still sees it. */
  memberId: string;
  isModerator: boolean;
  authors: Map<string, MemberRef>;
  reactions: Map<string, ReactionSummary>;
  muted: Set<string>;
  /** The posts quoted by the posts to render, by id (absent: not loaded, or gone). */
  quoted?: Map<string, ForumPost>;
  /** The members each post names with `@alias`, in the post's own group. */
  mentions?: Map<string, MemberRef[]>;
}

type Removable = Pick<ForumThread, 'deletedAt' | 'hiddenAt' | 'heldAt' | 'purgedAt' | 'authorId'>;

export function contentState(item: Pick<ForumThread, 'deletedAt' | 'hiddenAt' | 'heldAt'>): ContentState {
  if (item.deletedAt) {
    return 'removed_by_author';
  }
  if (item.hiddenAt) {
    return 'removed_by_moderator';
  }
  return item.heldAt ? 'pending_review' : 'visible';
}

/**
 * An item held for review exists only for its author and the group's moderators; for every other
 * member it is not there at all (not even as a placeholder), also after it was rejected.
 */
export function visibleTo(
  item: Pick<ForumThread, 'heldAt' | 'authorId'>,
  reader: Pick<ReaderContext, 'memberId' | 'isModerator'>,
): boolean {
  return !item.heldAt || reader.isModerator || (item.authorId !== null && item.authorId === reader.memberId);
}

/**
 * Members see a removed item as a placeholder; moderators still read it until it is purged. A held
 * item's text is shown to its author ("waiting for a moderator") and the moderators.
 */
function showsText(item: Removable, reader: ReaderContext): boolean {
  switch (contentState(item)) {
    case 'visible':
      return true;
    case 'pending_review':
      return !item.purgedAt && (reader.isModerator || item.authorId === reader.memberId);
    case 'removed_by_author':
    case 'removed_by_moderator':
      return reader.isModerator && !item.purgedAt;
  }
}

export function emptyReactions(): ReactionSummary {
  return { recognise: { count: 0, mine: false }, support: { count: 0, mine: false } };
}

export function addReaction(summary: ReactionSummary, kind: ReactionKind, count: number, mine: boolean): void {
  summary[kind] = { count, mine };
}

function authorOf(authorId: string | null, reader: ReaderContext): MemberRef | null {
  return authorId ? (reader.authors.get(authorId) ?? null) : null;
}

function mutedFlag(authorId: string | null, reader: ReaderContext): { muted?: true } {
  return authorId && reader.muted.has(authorId) ? { muted: true } : {};
}

export function threadSummary(
  thread: ListedThread,
  openingPostId: string,
  unreadCount: number,
  reader: ReaderContext,
): ThreadSummary {
  const text = showsText(thread, reader);
  return {
    id: thread.id,
    title: text ? thread.title : null,
    contentWarning: text ? thread.contentWarning : null,
    author: text ? authorOf(thread.authorId, reader) : null,
    state: contentState(thread),
    pinned: thread.pinnedAt !== null,
    locked: thread.lockedAt !== null,
    replyCount: thread.replyCount,
    createdAt: thread.createdAt.toISOString(),
    lastActivityAt: thread.lastActivityAt.toISOString(),
    editedAt: thread.editedAt?.toISOString() ?? null,
    unreadCount,
    reactions: reader.reactions.get(openingPostId) ?? emptyReactions(),
    ...(text ? mutedFlag(thread.authorId, reader) : {}),
    ...(thread.siteVoice ? { siteVoice: true as const } : {}),
  };
}

export function threadView(thread: ForumThread, opening: ForumPost, reader: ReaderContext): ThreadView {
  const { unreadCount: _unread, ...summary } = threadSummary(thread, opening.id, 0, reader);
  const text = showsText(thread, reader);
  return {
    ...summary,
    body: text ? opening.body : null,
    ...(text && reader.mentions?.get(opening.id) ? { mentions: reader.mentions.get(opening.id) } : {}),
  };
}

export function postView(post: ForumPost, reader: ReaderContext): PostView {
  const text = showsText(post, reader);
  return {
    id: post.id,
    threadId: post.threadId,
    author: text ? authorOf(post.authorId, reader) : null,
    state: contentState(post),
    body: text ? post.body : null,
    contentWarning: text ? post.contentWarning : null,
    createdAt: post.createdAt.toISOString(),
    editedAt: post.editedAt?.toISOString() ?? null,
    reactions: reader.reactions.get(post.id) ?? emptyReactions(),
    ...(text ? mutedFlag(post.authorId, reader) : {}),
    ...(text && post.quotePostId ? { quote: quoteView(post.quotePostId, reader) } : {}),
    ...(text && reader.mentions?.get(post.id) ? { mentions: reader.mentions.get(post.id) } : {}),
  };
}

/**
 * The start of a text, cut between words: a word cut in half could show part of a reader's hidden
 * word without the whole of it that folds the quote (the reader's rule matches whole words shown).
 */
function cutAtWord(text: string, max: number): string {
  const start = text.slice(0, max);
  if (/[\p{L}\p{N}]/u.test(text.charAt(max))) {
    const lastSpace = start.search(/\s\S*$/u);
    if (lastSpace > 0) {
      return start.slice(0, lastSpace).trimEnd();
    }
  }
  return start.trimEnd();
}

/**
 * A quote shows the quoted post's text as it is now, cut short, and only while everyone may read
 * it: once removed, hidden, purged or held, the quote says "removed" (no excerpt) to every reader,
 * moderators included, so quoting never keeps words their author took back.
 */
export function quoteView(postId: string, reader: ReaderContext): QuoteView {
  const quoted = reader.quoted?.get(postId);
  const visible = quoted !== undefined && contentState(quoted) === 'visible' && !quoted.purgedAt;
  if (!visible) {
    return { postId, isOpening: quoted?.seq === 0, author: null, excerpt: null };
  }
  const excerpt =
    quoted.body.length > QUOTE_EXCERPT_MAX ? `${cutAtWord(quoted.body, QUOTE_EXCERPT_MAX)}…` : quoted.body;
  return { postId, isOpening: quoted.seq === 0, author: authorOf(quoted.authorId, reader), excerpt };
}

/** Splits `ts_headline` output at its marks into plain pieces a client renders as text. */
export function highlightParts(headline: string): HighlightPart[] {
  const parts: HighlightPart[] = [];
  let match = false;
  for (const piece of headline.split(new RegExp(`([${HIGHLIGHT_START}${HIGHLIGHT_STOP}])`))) {
    if (piece === HIGHLIGHT_START) {
      match = true;
    } else if (piece === HIGHLIGHT_STOP) {
      match = false;
    } else if (piece) {
      const last = parts.at(-1);
      if (last && last.match === match) {
        last.text += piece;
      } else {
        parts.push({ text: piece, match });
      }
    }
  }
  return parts;
}
