import { describe, expect, it } from 'vitest';
import { loadTagger, Tagger } from './index.ts';
import { labelIndex } from './labels.ts';
import { decodeModel, encodeModel } from './model-file.ts';
import { emptyResources } from './resources.ts';
import { trainPerceptron } from './training/perceptron.ts';

// Synthetic sentences written for these tests.
const TOY = [
  { words: ['Ali', 'visited', 'Tehran', '.'], tags: ['B-PER', 'O', 'B-LOC', 'O'] },
  { words: ['Sara', 'visited', 'Paris', '.'], tags: ['B-PER', 'O', 'B-LOC', 'O'] },
  { words: ['Ali', 'Reza', 'met', 'Sara', '.'], tags: ['B-PER', 'I-PER', 'O', 'B-PER', 'O'] },
  { words: ['They', 'visited', 'Berlin', '.'], tags: ['O', 'O', 'B-LOC', 'O'] },
].map((s) => ({ words: s.words, labels: s.tags.map(labelIndex) }));

function exactOffsets(text: string, tagger: Tagger, language?: string): void {
  for (const m of tagger.tag(text, language)) {
    expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(m.source).toBe('model');
    expect(['person', 'organization', 'place']).toContain(m.type);
  }
}

describe('a toy model', () => {
  const model = trainPerceptron(TOY, emptyResources(), { epochs: 5, seed: 1, minCount: 1, pruneBelow: 0 });
  const trained = { language: 'en', model, resources: emptyResources(), info: { toy: true } };

  it('learns its training sentences and survives the weights file', () => {
    const tagger = new Tagger(decodeModel(encodeModel(trained)), null);
    const text = 'Sara visited Tehran.';
    expect(tagger.tag(text).map((m) => [m.type, m.text, m.start, m.end])).toEqual([
      ['person', 'Sara', 0, 4],
      ['place', 'Tehran', 13, 19],
    ]);
  });
});

describe('the shipped tagger', () => {
  const tagger = loadTagger();

  it('is loaded once', () => {
    expect(loadTagger()).toBe(tagger);
  });

  it('finds people, organisations and places in English', () => {
    const text = 'Ambassador John Smith met officials of the United Nations in Baghdad on Monday.';
    const found = tagger.tag(text).map((m) => `${m.type}:${m.text}`);
    expect(found).toContain('person:John Smith');
    expect(found).toContain('place:Baghdad');
    expect(found).toContain('organization:United Nations');
    exactOffsets(text, tagger);
  });

  it('reads names in an ALL-CAPS cable line', () => {
    const text = 'SUBJECT: AMBASSADOR JOHN SMITH MEETS THE FOREIGN MINISTER IN BAGHDAD';
    const found = tagger.tag(text).map((m) => `${m.type}:${m.text}`);
    expect(found).toContain('person:JOHN SMITH');
    expect(found).toContain('place:BAGHDAD');
    exactOffsets(text, tagger);
  });

  it('uses the Persian model for Persian script', () => {
    const text = 'سردار قاسم سلیمانی دیروز در تهران با وزیر خارجه عراق دیدار کرد.';
    const found = tagger.tag(text, 'fa').map((m) => `${m.type}:${m.text}`);
    expect(found).toContain('person:قاسم سلیمانی');
    expect(found).toContain('place:تهران');
    exactOffsets(text, tagger, 'fa');
  });

  it('handles hostile input', () => {
    expect(tagger.tag('')).toEqual([]);
    expect(tagger.tag('   \n\n\t')).toEqual([]);
    exactOffsets('\u0000\u0001Ali\u0007 met\u200b Sara\uffff in\u202e Paris\ud800.', tagger);
    const long = 'word '.repeat(200_000) + 'x'.repeat(1 << 20);
    const started = Date.now();
    exactOffsets(long, tagger);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
