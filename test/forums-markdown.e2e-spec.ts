import { describe, expect, it } from '@jest/globals';
import { markdownTree, type MdNode, textOf } from '../client/src/forum/markdown-tree.js';

/** Every element of a tree, depth first. */
function elements(nodes: MdNode[]): Extract<MdNode, { tag: string }>[] {
  return nodes.flatMap((node) => ('tag' in node ? [node, ...elements(node.children)] : []));
}

const tags = (source: string) => elements(markdownTree(source)).map((node) => node.tag);
const links = (source: string) => elements(markdownTree(source)).filter((node) => node.tag === 'a');

/**
 * The forum's light formatting (client/src/forum/markdown-tree.ts): a few elements from what a
 * member typed, everything else as the text it was typed as, and only web links to click.
 */
describe('light formatting of posts', () => {
  it('makes paragraphs, bold, italics, lists and line breaks', () => {
    expect(markdownTree('Hallo **vet** en *schuin*\nregel twee\n\n- een\n- twee\n\n1. eerst\n2. dan')).toEqual([
      {
        tag: 'p',
        children: [
          { text: 'Hallo ' },
          { tag: 'strong', children: [{ text: 'vet' }] },
          { text: ' en ' },
          { tag: 'em', children: [{ text: 'schuin' }] },
          { tag: 'br', children: [] },
          { text: 'regel twee' },
        ],
      },
      {
        tag: 'ul',
        children: [
          { tag: 'li', children: [{ text: 'een' }] },
          { tag: 'li', children: [{ text: 'twee' }] },
        ],
      },
      {
        tag: 'ol',
        children: [
          { tag: 'li', children: [{ text: 'eerst' }] },
          { tag: 'li', children: [{ text: 'dan' }] },
        ],
      },
    ]);
  });

  it('shows a link with its address, and a bare address as a link to itself', () => {
    expect(markdownTree('Zie [de site](https://kring.example/hulp) of https://example.org/a')).toEqual([
      {
        tag: 'p',
        children: [
          { text: 'Zie ' },
          { tag: 'a', href: 'https://kring.example/hulp', children: [{ text: 'de site' }] },
          { text: ' (https://kring.example/hulp)' },
          { text: ' of ' },
          { tag: 'a', href: 'https://example.org/a', children: [{ text: 'https://example.org/a' }] },
        ],
      },
    ]);
  });

  it.each([
    ['a script tag', '<script>alert(1)</script>', '<script>alert(1)</script>'],
    ['an image with onerror', '<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
    ['an iframe', '<iframe src="javascript:alert(1)"></iframe>', '<iframe src="javascript:alert(1)"></iframe>'],
    ['a javascript: link', '[klik](javascript:alert(1))', '[klik](javascript:alert(1))'],
    ['a JavaScript: link in mixed case and entities', '[klik](JaVaScRiPt&#58;alert(1))', '[klik](JaVaScRiPt:alert(1))'],
    [
      'a data: link',
      '[kijk](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '[kijk](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    ],
    ['a vbscript: autolink', '<vbscript:msgbox(1)>', '<vbscript:msgbox(1)>'],
    ['a heading', '# Kop', '# Kop'],
    ['HTML entities', '&lt;script&gt;alert(1)&lt;/script&gt;', '<script>alert(1)</script>'],
  ])('keeps %s as text, with nothing to run or load', (_name, source, text) => {
    const tree = markdownTree(source);
    expect(textOf(tree)).toBe(text);
    expect(tags(source).filter((tag) => tag !== 'p')).toEqual([]);
  });

  it('shows a Markdown image as a link to its address, never as an image', () => {
    expect(textOf(markdownTree('![foto](https://example.org/a.png)'))).toBe('!foto (https://example.org/a.png)');
    expect(tags('![foto](https://example.org/a.png)')).toEqual(['p', 'a']);
  });

  it('never gives a link an address other than http or https', () => {
    const payloads = [
      '[a](javascript:alert(1))',
      '[a](  javascript:alert(1))',
      '[a](java\tscript:alert(1))',
      '[a](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)',
      '[a](file:///etc/passwd)',
      '[a](//evil.example/x)',
      'javascript:alert(1)',
      '<javascript:alert(1)>',
      '[a](https://ok.example/"onmouseover="alert(1))',
    ];
    for (const payload of payloads) {
      for (const link of links(payload)) {
        expect({ payload, href: link.href?.match(/^https?:\/\//) !== null }).toEqual({ payload, href: true });
        expect(link.href).not.toMatch(/["<>\s]/);
      }
    }
    expect(links('[a](javascript:alert(1))')).toEqual([]);
    expect(links('[a](data:text/html,x)')).toEqual([]);
  });
});
