import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../common/domain-error.js';
import { decodePostCursor, decodeThreadCursor, encodePostCursor, encodeThreadCursor } from './forum-cursors.js';
import { HIGHLIGHT_START as START, HIGHLIGHT_STOP as STOP, highlightParts } from './forum-views.js';

describe('highlightParts', () => {
  it('splits a headline at its marks into plain and matching pieces', () => {
    expect(highlightParts(`Sommige ${START}nachten${STOP} lig ik ${START}wakker${STOP}`)).toEqual([
      { text: 'Sommige ', match: false },
      { text: 'nachten', match: true },
      { text: ' lig ik ', match: false },
      { text: 'wakker', match: true },
    ]);
  });

  it('joins adjacent matches and keeps markup-looking text as plain text', () => {
    expect(highlightParts(`${START}<b>slapen${STOP}${START}</b>${STOP}`)).toEqual([
      { text: '<b>slapen</b>', match: true },
    ]);
    expect(highlightParts('')).toEqual([]);
  });
});

describe('forum cursors', () => {
  it('round-trips the sort key of the last item', () => {
    const thread = { p: true, a: '2026-01-02T03:04:05.123456Z', i: '0b7a4a5e-2c1d-4e7f-9a3b-1c2d3e4f5a6b' };
    expect(decodeThreadCursor(encodeThreadCursor(thread))).toEqual(thread);
    expect(decodePostCursor(encodePostCursor({ s: 12 }))).toEqual({ s: 12 });
  });

  it.each([
    ['garbage', '%%%'],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['another shape', Buffer.from('{"s":1,"x":2}').toString('base64url')],
    ['a negative position', Buffer.from('{"s":-1}').toString('base64url')],
    [
      'a timestamp without microseconds',
      Buffer.from('{"p":false,"a":"2026-01-02T03:04:05Z","i":"x"}').toString('base64url'),
    ],
  ])('refuses %s as a validation error on the cursor field', (_case, cursor) => {
    for (const decode of [decodePostCursor, decodeThreadCursor]) {
      let refusal: unknown;
      try {
        decode(cursor);
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(DomainError);
      expect((refusal as DomainError).details).toEqual([{ field: 'cursor', message: expect.any(String) }]);
    }
  });
});
