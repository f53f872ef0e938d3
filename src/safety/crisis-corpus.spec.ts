import { describe, expect, it } from '@jest/globals';
import { CORPUS_LANGUAGES, evaluateCorpus, readCrisisCorpus } from './crisis-corpus.js';

/** The figures `npm run crisis:eval` prints, held: recall, and false alarms on hyperbole and mentions. */
describe('crisis corpus', () => {
  const corpus = readCrisisCorpus();
  const { rows } = evaluateCorpus(corpus);
  const row = (language: string, category: string) => {
    const found = rows.find((candidate) => candidate.language === language && candidate.category === category);
    if (!found) {
      throw new Error(`no row for ${language}/${category}`);
    }
    return found;
  };

  it('holds at least 400 labelled lines, with crisis, self-harm, mention, hyperbole and neutral lines in every language', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(400);
    for (const language of CORPUS_LANGUAGES) {
      for (const category of ['suicidal', 'self_harm', 'mention', 'hyperbole', 'neutral']) {
        expect(row(language, category).count).toBeGreaterThanOrEqual(15);
      }
    }
  });

  it.each(CORPUS_LANGUAGES)('alerts on at least 97%% of suicidal and of self-harm lines in %s', (language) => {
    expect(row(language, 'suicidal').recall).toBeGreaterThanOrEqual(0.97);
    expect(row(language, 'self_harm').recall).toBeGreaterThanOrEqual(0.97);
  });

  it.each(CORPUS_LANGUAGES)('raises at most 3%% false alarms on everyday hyperbole in %s', (language) => {
    expect(row(language, 'hyperbole').falseAlarmRate).toBeLessThanOrEqual(0.03);
  });

  it.each(CORPUS_LANGUAGES)('does not alert on mentions (at most 5%%) in %s', (language) => {
    expect(row(language, 'mention').falseAlarmRate).toBeLessThanOrEqual(0.05);
  });
});
