import { h } from '../core/dom.js';
import { markdownTree, type MdNode } from './markdown-tree.js';

/**
 * A post's text with its light formatting, built with `createElement` and text nodes only (no
 * `innerHTML`): see markdown-tree.ts for what is allowed. Links open the address shown beside
 * them, send no referrer and never run anything.
 */
export function formattedText(source: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(...markdownTree(source).map(toNode));
  return fragment;
}

function toNode(node: MdNode): Node {
  if ('text' in node) {
    return document.createTextNode(node.text);
  }
  const children = node.children.map(toNode);
  if (node.tag === 'a') {
    return h('a', { href: node.href ?? null, rel: 'noopener noreferrer nofollow', class: 'user-link' }, ...children);
  }
  return h(node.tag, {}, ...children);
}
