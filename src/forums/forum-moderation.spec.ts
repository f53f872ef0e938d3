import { describe, expect, it } from '@jest/globals';
import { EXCERPT_LENGTH, excerptOf } from './forum-moderation.js';

describe('excerptOf', () => {
  it('gives moderators the start of the text on one line, cut at about 200 characters', () => {
    expect(excerptOf('Titel\n\nEerste  regel.\tTweede')).toBe('Titel Eerste regel. Tweede');
    const long = excerptOf('woord '.repeat(100));
    expect(long).toHaveLength(EXCERPT_LENGTH);
    expect(long.endsWith('…')).toBe(true);
  });
});
