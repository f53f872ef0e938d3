import { z } from 'zod';
import { invalidCursor } from './forums.errors.js';

/**
 * Keyset cursors, opaque to clients (base64url JSON): the sort key of the last item of a page.
 * Timestamps travel as text with microseconds, as PostgreSQL keeps them, so no row is skipped.
 */
const threadCursorSchema = z.strictObject({
  p: z.boolean(),
  a: z.iso.datetime({ offset: true, precision: 6 }),
  i: z.uuid(),
});

const postCursorSchema = z.strictObject({
  s: z.number().int().min(0),
});

export type ThreadCursor = z.infer<typeof threadCursorSchema>;
export type PostCursor = z.infer<typeof postCursorSchema>;

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decode<T>(schema: z.ZodType<T>, cursor: string): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    throw invalidCursor();
  }
  return result.data;
}

export const encodeThreadCursor = (cursor: ThreadCursor): string => encode(cursor);
export const decodeThreadCursor = (cursor: string): ThreadCursor => decode(threadCursorSchema, cursor);
export const encodePostCursor = (cursor: PostCursor): string => encode(cursor);
export const decodePostCursor = (cursor: string): PostCursor => decode(postCursorSchema, cursor);
