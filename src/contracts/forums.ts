import { z } from 'zod';
import { text } from './text.js';
import type { CrisisStatus } from './crisis.js';
import type { MemberRef } from './groups.js';
import type { ServerText } from './server-texts.js';

/** Forum payloads (threads, posts, reactions, search), shared by the server and the browser client. */

export const REACTION_KINDS = ['recognise', 'support'] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];

/* Control characters are refused by the text rule (./text.ts); the server uses two of them to mark search hits. */

export const TITLE_MIN = 3;
export const TITLE_MAX = 150;
export const BODY_MAX = 20_000;
export const CONTENT_WARNING_MAX = 100;

const titleSchema = text({
  min: TITLE_MIN,
  max: TITLE_MAX,
  tooShort: `Use at least ${TITLE_MIN} characters.`,
  tooLong: `Use at most ${TITLE_MAX} characters.`,
});

const bodySchema = text({ min: 1, max: BODY_MAX, multiline: true, tooShort: 'Write something.' });

/** A short warning members see before the body ("loss", "self-harm"), so they can choose to read on. */
export const contentWarningSchema = text({
  min: 1,
  max: CONTENT_WARNING_MAX,
  tooShort: 'Write a short warning, or leave the field out.',
});

/**
 * `insist: true` sends a text the privacy guard refused (it seemed to hold an email address, a phone
 * number or a street address) once more: it is then held for a moderator instead of refused.
 */
const insistSchema = z.boolean().optional();

/**
 * A key the client makes once per draft (a UUID) and sends again when it retries: a retry with
 * the same key answers the first result (the same id) and stores nothing twice; the same key with
 * other content is refused (`idempotency_key_reused`, 409). Unique per author in a group.
 */
const clientKeySchema = z.uuid('Send a client-made UUID as clientKey.').optional();

export const createThreadSchema = z.strictObject({
  title: titleSchema,
  body: bodySchema,
  contentWarning: contentWarningSchema.optional(),
  insist: insistSchema,
  clientKey: clientKeySchema,
});

/** Any of the fields; `contentWarning: null` removes the warning. */
export const editThreadSchema = z
  .strictObject({
    title: titleSchema.optional(),
    body: bodySchema.optional(),
    contentWarning: contentWarningSchema.nullable().optional(),
    insist: insistSchema,
  })
  .refine((edit) => Object.keys(edit).some((key) => key !== 'insist'), { message: 'Change at least one field.' });

export const replySchema = z.strictObject({
  body: bodySchema,
  /** Shown before the reply's text, which readers then see folded until they open it. */
  contentWarning: contentWarningSchema.optional(),
  insist: insistSchema,
  clientKey: clientKeySchema,
  /** The reply (or opening post) of the same thread this one answers: shown as a quote with a link. */
  quotePostId: z.uuid('Send the id of a post in this thread as quotePostId.').optional(),
});

/** `contentWarning` absent keeps the reply's warning; `null` removes it. */
export const editPostSchema = z.strictObject({
  body: bodySchema,
  contentWarning: contentWarningSchema.nullable().optional(),
  insist: insistSchema,
});

const limitSchema = z.coerce.number().int().min(1).max(50).default(20);

/** `cursor` is the `nextCursor` of the previous page, as it came: opaque, not to be built by clients. */
export const pageQuerySchema = z.strictObject({
  cursor: text({ min: 1, max: 200 }).optional(),
  limit: limitSchema,
});

export const searchQuerySchema = z.strictObject({
  q: text({ min: 2, max: 200, tooShort: 'Search for at least 2 characters.' }),
  limit: limitSchema,
});

/** Autocomplete of `@alias`: aliases of the group that start with (or contain) `q`. */
export const aliasQuerySchema = z.strictObject({
  q: text({ min: 1, max: 24, tooShort: 'Type at least one character.' }),
});

/** How many aliases one autocomplete answers. */
export const ALIAS_SUGGESTIONS = 8;

export const reactionKindSchema = z.enum(REACTION_KINDS, { error: 'Use recognise or support.' });

export type CreateThreadRequest = z.infer<typeof createThreadSchema>;
export type EditThreadRequest = z.infer<typeof editThreadSchema>;
export type ReplyRequest = z.infer<typeof replySchema>;
export type EditPostRequest = z.infer<typeof editPostSchema>;
export type PageQuery = z.infer<typeof pageQuerySchema>;
export type SearchQuery = z.infer<typeof searchQuerySchema>;
export type AliasQuery = z.infer<typeof aliasQuerySchema>;

export interface ReactionCount {
  count: number;
  /** Whether the reader gave this reaction. */
  mine: boolean;
}

export type ReactionSummary = Record<ReactionKind, ReactionCount>;

/**
 * `visible`, or a placeholder: members then get no title, body, warning or author (moderators of
 * the group still do, until the text is purged). `pending_review`: held for a moderator's approval;
 * only its author ("waiting for a moderator") and the group's moderators see it at all.
 */
export type ContentState = 'visible' | 'removed_by_author' | 'removed_by_moderator' | 'pending_review';

/** The help lines for the group's country and language, shown to someone whose words signal crisis. */
export interface CrisisHelp {
  /** The caring sentence above the lines, in the reader's language: the client says the code. */
  introText: ServerText;
  /** The same sentence in the group's language, for clients from before `introText`; do not show it. */
  intro: string;
  lines: { name: string; phone?: string; web?: string; note?: string }[];
}

/** Told to the author at once in the answer to what they just wrote; never shown to anyone else. */
interface AuthorNote {
  /** Their words signal crisis: show these lines now. */
  crisis?: CrisisHelp;
  /** With `crisis`: who knows about it right now; updated live by the `crisis:status` socket event. */
  crisisStatus?: CrisisStatus;
  /** Stored, but shown to others only after a moderator approves it. */
  held?: true;
}

interface ForumItem {
  id: string;
  /** Null on a removed item for members, and once its author erased their words. */
  author: MemberRef | null;
  state: ContentState;
  createdAt: string;
  /** Set when the author changed it; moderators can read the earlier versions. */
  editedAt: string | null;
  reactions: ReactionSummary;
  /** The reader muted the author: show it collapsed. */
  muted?: true;
}

/** The most unread posts a thread listing counts per thread; more are reported as this many. */
export const UNREAD_COUNT_CAP = 100;

export interface ThreadSummary extends ForumItem {
  /** Written by the site itself (a group's welcome), not by a member: `author` is null; show it as Kring's voice. */
  siteVoice?: true;
  title: string | null;
  contentWarning: string | null;
  pinned: boolean;
  locked: boolean;
  replyCount: number;
  lastActivityAt: string;
  /**
   * Posts by others that the reader has not seen yet (the opening post counts on a new thread),
   * counted up to `UNREAD_COUNT_CAP`: that value means "at least that many" (show it as "99+").
   */
  unreadCount: number;
}

export interface ThreadView extends Omit<ThreadSummary, 'unreadCount'>, AuthorNote {
  body: string | null;
  /** `@alias` mentions in the opening text that name a member of this group, as a reply's `mentions`. */
  mentions?: MemberRef[];
}

/** How much of a quoted post a quote shows. */
export const QUOTE_EXCERPT_MAX = 140;

/**
 * The post a reply answers. `excerpt` is null when the quoted post is no longer visible (removed,
 * hidden, purged, or waiting for a moderator): show "removed", never older text.
 */
export interface QuoteView {
  postId: string;
  /** 0 for the thread's opening post. */
  isOpening: boolean;
  author: MemberRef | null;
  excerpt: string | null;
}

export interface PostView extends ForumItem, AuthorNote {
  threadId: string;
  body: string | null;
  /** The author's warning: show the text folded under it. Null without one, or when the text is not shown. */
  contentWarning: string | null;
  quote?: QuoteView;
  /** `@alias` mentions in the body that name a member of this group (resolved in this group only). */
  mentions?: MemberRef[];
}

export interface ThreadPage {
  threads: ThreadSummary[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface ThreadWithPosts {
  thread: ThreadView;
  posts: PostView[];
  nextCursor: string | null;
  /**
   * "New since your last visit": the first post of this page by someone else that the reader had
   * not been shown when they last read the thread (their read marker, before this read moved it);
   * null on a first visit or when nothing on the page is new. Meaningful on the first page.
   */
  firstNewPostId: string | null;
}

export interface Revision {
  /** Only on a thread's revisions. */
  title?: string;
  /** The thread's warning (a thread's revisions) or the reply's (a reply's revisions). */
  contentWarning?: string | null;
  body: string;
  /** When this version was written, and when the author replaced it. */
  writtenAt: string;
  replacedAt: string;
}

/** A search hit's text, in pieces: `match` pieces are the words searched for. Render as text. */
export interface HighlightPart {
  text: string;
  match: boolean;
}

export interface SearchHit {
  group: string;
  threadId: string;
  /** The reply that matched; null when the thread itself (title or opening text) matched. */
  postId: string | null;
  title: string;
  /** The matching reply's warning, else the thread's. */
  contentWarning: string | null;
  author: MemberRef | null;
  snippet: HighlightPart[];
  rank: number;
  createdAt: string;
  muted?: true;
  /** The searcher wrote it: their own hidden words never fold their own words. */
  mine?: true;
}

/**
 * How many of the newest matches a search ranks (per group language): hits are the best of the
 * newest `SEARCH_CANDIDATES` matches, so a word in thousands of posts costs what one in two
 * hundred does, and an older match is found by adding words that narrow the search.
 */
export const SEARCH_CANDIDATES = 200;

/** Best first (`rank`, then newest) among the newest `SEARCH_CANDIDATES` matches. */
export interface SearchResults {
  hits: SearchHit[];
}

/** A group's forum or one of its threads, as a live room: joined after the same access check as reading it. */
export const forumRoomSchema = z.strictObject({
  group: text({ min: 1, max: 80 }),
  /** Present: the thread's room (replies, edits, removals). Absent: the forum's list (new activity). */
  threadId: z.uuid('Send a thread id.').optional(),
});

export type ForumRoom = z.infer<typeof forumRoomSchema>;

export type ForumPostChange = 'new' | 'edited' | 'removed';

/**
 * Something changed in a thread: ids only, never text. Fetch the post
 * (`GET /api/groups/:slug/posts/:postId`) to see it as you may.
 */
export interface ForumPostEvent {
  group: string;
  threadId: string;
  postId: string;
  change: ForumPostChange;
}

/** New activity in a thread of a forum whose list you watch. */
export interface ForumActivityEvent {
  group: string;
  threadId: string;
}

/** A live forum room closed on this connection (the membership ended). */
export interface ForumClosedEvent {
  group: string;
  threadId: string | null;
  reason: 'membership_ended';
}
