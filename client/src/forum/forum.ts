import type {
  PostView,
  QuoteView,
  ReactionKind,
  ReactionSummary,
  SearchHit,
  ThreadPage,
  ThreadSummary,
  ThreadView,
  ThreadWithPosts,
} from '../../../src/contracts/forums.js';
import { createThreadSchema, replySchema, UNREAD_COUNT_CAP } from '../../../src/contracts/forums.js';
import { api } from '../core/http.js';
import { groupApi } from '../groups/groups.js';

export type {
  PostView,
  QuoteView,
  ReactionKind,
  ReactionSummary,
  SearchHit,
  ThreadPage,
  ThreadSummary,
  ThreadView,
  ThreadWithPosts,
};
export { UNREAD_COUNT_CAP };

/**
 * Whether the forum's write contracts accept `insist: true` ("post it anyway, a moderator looks
 * first") after an `identifying_details` refusal. Read from the shared schemas, so the offer
 * appears as soon as the server accepts it, and never before.
 */
export const INSIST_SUPPORTED =
  'insist' in (createThreadSchema.shape as Record<string, unknown>) &&
  'insist' in (replySchema.shape as Record<string, unknown>);

export function threadsPage(slug: string, cursor: string | null, signal?: AbortSignal): Promise<ThreadPage> {
  const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
  return api.get<ThreadPage>(groupApi(slug, `/threads${query}`), { signal });
}

export function readThread(
  slug: string,
  threadId: string,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<ThreadWithPosts> {
  const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
  return api.get<ThreadWithPosts>(groupApi(slug, `/threads/${encodeURIComponent(threadId)}${query}`), { signal });
}

/** A thread or a post, as the REST paths and the moderation contracts name it. */
export type ItemRef = { kind: 'thread'; id: string } | { kind: 'post'; id: string };

function itemPath(slug: string, item: ItemRef): string {
  return groupApi(slug, item.kind === 'thread' ? `/threads/${item.id}` : `/posts/${item.id}`);
}

export function react(slug: string, item: ItemRef, kind: ReactionKind, on: boolean): Promise<ReactionSummary> {
  const path = `${itemPath(slug, item)}/reactions/${kind}`;
  return on ? api.put<ReactionSummary>(path) : api.delete<ReactionSummary>(path);
}

export function removeItem(slug: string, item: ItemRef): Promise<void> {
  return api.delete<void>(itemPath(slug, item));
}

export function editItem<T>(slug: string, item: ItemRef, body: Record<string, unknown>): Promise<T> {
  return api.patch<T>(itemPath(slug, item), body);
}

/** One post as the reader may see it now (after a live event said it changed). */
export function readPost(slug: string, postId: string, signal?: AbortSignal): Promise<PostView> {
  return api.get<PostView>(groupApi(slug, `/posts/${encodeURIComponent(postId)}`), { signal });
}
