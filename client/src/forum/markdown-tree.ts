import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

/**
 * The small Markdown members may use in posts: paragraphs, **bold**, *italics*, lists and links.
 * markdown-it parses (HTML off: `<script>` stays text); this file walks its tokens into a plain
 * tree of the few elements allowed, and anything else (images, headings, code, tables, HTML)
 * comes out as the text it was typed as. Only http(s) links become links, always with their
 * address shown; `javascript:`, `data:` and the rest stay text. No DOM here: the tree is built
 * into the page by markdown.ts with `createElement` and text nodes, never `innerHTML`.
 */
export type MdTag = 'p' | 'strong' | 'em' | 'ul' | 'ol' | 'li' | 'br' | 'a';
export type MdNode = { text: string } | { tag: MdTag; href?: string; children: MdNode[] };

const parser = new MarkdownIt('zero', { html: false, linkify: true, breaks: true }).enable([
  'paragraph',
  'emphasis',
  'list',
  'link',
  'linkify',
  'newline',
  'escape',
  'entity',
  'autolink',
]);

/** Links a member may follow: the web only. */
export function safeHref(href: string): string | null {
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

const BLOCKS: Record<string, MdTag> = {
  paragraph_open: 'p',
  bullet_list_open: 'ul',
  ordered_list_open: 'ol',
  list_item_open: 'li',
};
const INLINES: Record<string, MdTag> = { strong_open: 'strong', em_open: 'em' };

/** The member's text as a tree of allowed elements and text. */
export function markdownTree(source: string): MdNode[] {
  const root: MdNode[] = [];
  // Each open element (or link) collects its children; a link decides what it is when it closes.
  const stack: { children: MdNode[]; link?: string | null }[] = [{ children: root }];
  const top = () => stack[stack.length - 1];
  const push = (node: MdNode) => top().children.push(node);
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      const tag = BLOCKS[token.type] ?? INLINES[token.type];
      if (token.type === 'inline') {
        walk(token.children ?? []);
      } else if (token.hidden && token.type.startsWith('paragraph_')) {
        continue; // a tight list item's paragraph
      } else if (tag) {
        const node = { tag, children: [] as MdNode[] };
        push(node);
        stack.push({ children: node.children });
      } else if (token.type === 'link_open') {
        stack.push({ children: [], link: safeHref(token.attrGet('href') ?? '') });
      } else if (token.type === 'link_close') {
        const { children, link } = stack.pop()!;
        if (!link) {
          // Not a web address (javascript:, data:, ...): its words stay, nothing to click.
          children.forEach(push);
          continue;
        }
        push({ tag: 'a', href: link, children });
        // The address is always in view next to the words, unless the words are the address.
        const words = textOf(children);
        if (words !== link && words !== hrefText(link)) {
          push({ text: ` (${link})` });
        }
      } else if (token.type.endsWith('_close')) {
        if (stack.length > 1) {
          stack.pop();
        }
      } else if (token.type === 'softbreak' || token.type === 'hardbreak') {
        push({ tag: 'br', children: [] });
      } else if (token.content) {
        push({ text: token.content });
      }
    }
  };
  walk(parser.parse(source, {}));
  return root;
}

function hrefText(href: string): string {
  return href.replace(/\/$/, '');
}

/** The plain text of a tree. */
export function textOf(nodes: MdNode[]): string {
  return nodes.map((node) => ('text' in node ? node.text : textOf(node.children))).join('');
}
