import type { ContentKind } from '../../../src/contracts/moderation.js';
import { h } from '../core/dom.js';
import { formattedText } from '../forum/markdown.js';

/**
 * What a reported, held or crisis item says, as its readers saw it: a thread's or a post's text
 * with the forum's own safe Markdown (markdown.ts: **bold** reads bold, never as asterisks), a chat
 * line as it was typed (the chat shows no formatting).
 */
export function excerptBlock(excerpt: string, target: { kind: ContentKind } | null): HTMLElement {
  if (target?.kind === 'thread' || target?.kind === 'post') {
    return h('blockquote', { class: 'excerpt user-text formatted' }, formattedText(excerpt));
  }
  return h('blockquote', { class: 'excerpt user-text' }, excerpt);
}
