import { describe, expect, it } from 'vitest';
import { MAX_PASSAGE_LENGTH, segment } from './segment.ts';

function expectExactOffsets(body: string) {
  const passages = segment(body);
  for (const p of passages) expect(body.slice(p.start, p.end)).toBe(p.text);
  return passages;
}

describe('segment', () => {
  it('splits paragraphs at blank lines and trims them', () => {
    const body = 'First paragraph\nstill first.\n\n\n  Second one.  \n\nThird.';
    const passages = expectExactOffsets(body);
    expect(passages.map((p) => p.text)).toEqual(['First paragraph\nstill first.', 'Second one.', 'Third.']);
    expect(passages.map((p) => p.ordinal)).toEqual([1, 2, 3]);
  });

  it('starts a passage at each numbered cable paragraph, even without a blank line', () => {
    const body = 'SUBJECT: Meeting\n1. (S) The source met the official.\n2. (C) He asked for money.\nIt was paid.\n¶3 Comment follows.';
    const passages = expectExactOffsets(body);
    expect(passages.map((p) => p.text)).toEqual([
      'SUBJECT: Meeting',
      '1. (S) The source met the official.',
      '2. (C) He asked for money.\nIt was paid.',
      '¶3 Comment follows.',
    ]);
  });

  it('splits a long paragraph at sentence ends into pieces of at most 1,000 characters', () => {
    const sentence = 'The officer reported that the meeting in the city went as planned and nothing was noticed. ';
    const body = sentence.repeat(40).trim();
    const passages = expectExactOffsets(body);
    expect(passages.length).toBeGreaterThan(3);
    for (const p of passages) {
      expect(p.text.length).toBeLessThanOrEqual(MAX_PASSAGE_LENGTH);
      expect(p.text.endsWith('noticed.')).toBe(true);
    }
    expect(passages.map((p) => p.text).join(' ')).toBe(body);
  });

  it('cuts a sentence longer than the limit at a space', () => {
    const body = 'word '.repeat(500).trim();
    const passages = expectExactOffsets(body);
    for (const p of passages) {
      expect(p.text.length).toBeLessThanOrEqual(MAX_PASSAGE_LENGTH);
      expect(p.text.startsWith('word')).toBe(true);
    }
  });

  it('handles Persian sentence ends and empty bodies', () => {
    expect(segment('')).toEqual([]);
    expect(segment('\n\n  \n')).toEqual([]);
    const persian = 'این یک جمله است؟ '.repeat(120).trim();
    const passages = expectExactOffsets(persian);
    for (const p of passages) expect(p.text.endsWith('؟')).toBe(true);
  });
});
