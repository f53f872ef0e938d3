import { type EntityManager, QueryFailedError } from 'typeorm';
import type { CreateThreadRequest, ReplyRequest } from '../contracts/forums.js';
import { ForumPost } from './forum-post.entity.js';
import { ForumThread } from './forum-thread.entity.js';
import { clientKeyReused } from './forums.errors.js';

/**
 * Idempotent forum posting. The client makes a `clientKey` per draft and sends it again when it
 * retries (its answer lost at a crash or a dropped connection): a thread or reply already stored
 * under the author's key is answered instead of posting it twice, and the same key with other
 * content is refused with `idempotency_key_reused`. Keys are unique per author (membership) in
 * the database, so two sends racing each other store one post.
 */

const UNIQUE_VIOLATION = '23505';

function isDuplicateKey(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string; constraint?: string }).code === UNIQUE_VIOLATION &&
    /client_key/.test(String((error.driverError as { constraint?: string }).constraint ?? error.message))
  );
}

/** Runs `work`, and once more when it lost a race with a send of the same key (which it then finds). */
export async function onceForClientKey<T>(clientKey: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (clientKey !== undefined && isDuplicateKey(error)) {
      return work();
    }
    throw error;
  }
}

/** The id of the thread this author already started with this key, or undefined; refuses the key for other content. */
export async function earlierThread(
  manager: EntityManager,
  authorId: string,
  request: CreateThreadRequest,
): Promise<string | undefined> {
  if (request.clientKey === undefined) {
    return undefined;
  }
  const thread = await manager.findOneBy(ForumThread, { authorId, clientKey: request.clientKey });
  if (!thread) {
    return undefined;
  }
  const opening = await manager.findOneBy(ForumPost, { threadId: thread.id, seq: 0 });
  const same =
    thread.title === request.title &&
    thread.contentWarning === (request.contentWarning ?? null) &&
    opening?.body === request.body;
  if (!same) {
    throw clientKeyReused();
  }
  return thread.id;
}

/** The id of the reply this author already wrote with this key, or undefined; refuses the key for other content. */
export async function earlierReply(
  manager: EntityManager,
  authorId: string,
  threadId: string,
  request: ReplyRequest,
): Promise<string | undefined> {
  if (request.clientKey === undefined) {
    return undefined;
  }
  const post = await manager.findOneBy(ForumPost, { authorId, clientKey: request.clientKey });
  if (!post) {
    return undefined;
  }
  if (
    post.threadId !== threadId ||
    post.body !== request.body ||
    post.contentWarning !== (request.contentWarning ?? null)
  ) {
    throw clientKeyReused();
  }
  return post.id;
}
